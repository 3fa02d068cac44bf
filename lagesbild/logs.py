"""Logs for support cases: why an answer abstained, what was repaired, which index was rebuilt.

Modules log with ``logging.getLogger(__name__)``; nothing here is needed for that. The command
line calls :func:`start_logging` (the configured :func:`setup_logging`) once per command (the
app callback) and :func:`stop_logging` when it ends:

- a rotating file ``<data dir>/logs/lagesbild.log`` (mode 0600 in a 0700 folder), WARNING and
  above, INFO and above with ``--verbose``;
- with ``--verbose`` also stderr: INFO with ``-v``, DEBUG with ``-vv`` (stdout stays clean
  results).

Only this project's loggers are routed (``PACKAGES``), not the libraries'. Every message is
made safe on the way out: secrets given to :func:`setup_logging` (the Chroma token, an API
key) are replaced by ``***``, and control characters and terminal escapes are written as
``\\x1b``-style escapes, so a line of a document can neither forge a log line nor drive the
terminal. Document text belongs in a log only as a short :func:`snippet`.
"""

from __future__ import annotations

import copy
import io
import logging
import os
import sys
from collections.abc import Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from lagesbild.errors import LagesbildError
from lagesbild.settings import get_settings, private_dir, private_file

PACKAGES = ("lagesbild", "ingest", "vectorstore", "prompts", "assistant", "evals")
LOG_DIR = "logs"
LOG_FILE = "lagesbild.log"
MAX_BYTES = 2_000_000
BACKUPS = 3
SNIPPET_CHARS = 60
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
STDERR_FORMAT = "%(levelname)s %(name)s: %(message)s"
REDACTED = "***"

_installed: list[logging.Handler] = []


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """A short one-line excerpt of document or user text for a log message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def log_path(data_dir: Path) -> Path:
    """Where the log file of a data directory is."""
    return data_dir / LOG_DIR / LOG_FILE


def _printable(text: str) -> str:
    """Control characters (newlines, ESC, C1 controls …) written as escapes; the rest as is."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


class SafeFormatter(logging.Formatter):
    """Formats a record with secrets redacted and control characters escaped in its message."""

    def __init__(self, fmt: str, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        safe = copy.copy(record)
        safe.msg, safe.args = _printable(record.getMessage()), None
        text = super().format(safe)  # with a traceback, if any
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log file that only its owner can read (0600), the rotated ones too."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time of the record (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.setStream(sys.stderr)
        super().emit(record)


def start_logging(verbose: int = 0, *, stderr: bool = True) -> None:
    """Logs for one command: the configured data directory's log file (its secrets redacted),
    and stderr with ``verbose``. What every command's entry calls (search's fast path too)."""
    try:
        settings = get_settings()
        data_dir = settings.data_dir
    except (LagesbildError, ValueError, OSError):  # the command reports a bad configuration
        setup_logging(None, verbose=verbose, stderr=stderr)
        return
    secrets = [
        s.get_secret_value() for s in (settings.retrieval.chroma_token, settings.llm.api_key)
    ]
    setup_logging(data_dir, verbose=verbose, secrets=secrets, stderr=stderr)


def setup_logging(
    data_dir: Path | None, *, verbose: int = 0, secrets: Iterable[str] = (), stderr: bool = True
) -> Path | None:
    """Route this project's logs to the log file of ``data_dir`` and, with ``verbose``, stderr.

    ``verbose`` 0: the file gets WARNING+; 1: the file and stderr get INFO+; 2 or more: stderr
    gets DEBUG too. ``stderr=False`` keeps the terminal out of it (the terminal UI owns the
    screen). A call replaces what an earlier call set up. Returns the log file, or None when
    there is no data directory or it cannot be written (then only stderr logs).
    """
    stop_logging()
    secrets = [s for s in secrets if s]
    file_level = logging.INFO if verbose else logging.WARNING
    stderr_level = logging.DEBUG if verbose >= 2 else logging.INFO
    handlers: list[logging.Handler] = []
    path = None
    if data_dir is not None:
        try:
            private_dir(private_dir(data_dir) / LOG_DIR)
            path = private_file(log_path(data_dir))
            file_handler = PrivateRotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        except OSError as exc:
            path = None
            print(f"Varning: kan inte skriva loggfilen i {data_dir}: {exc}.", file=sys.stderr)
        else:
            file_handler.setLevel(file_level)
            file_handler.setFormatter(SafeFormatter(FILE_FORMAT, secrets))
            handlers.append(file_handler)
    if verbose and stderr:
        console = StderrHandler()
        console.setLevel(stderr_level)
        console.setFormatter(SafeFormatter(STDERR_FORMAT, secrets))
        handlers.append(console)
    level = min((h.level for h in handlers), default=logging.WARNING)
    for name in PACKAGES:
        logger = logging.getLogger(name)
        logger.setLevel(level)
        for handler in handlers:
            logger.addHandler(handler)
    _installed.extend(handlers)
    return path


def stop_logging() -> None:
    """Remove and close what :func:`setup_logging` installed (at the end of a command)."""
    for name in PACKAGES:
        logger = logging.getLogger(name)
        for handler in _installed:
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    for handler in _installed:
        handler.close()
    _installed.clear()
