"""A per-file time limit that works on any thread: cooperative checks between pages.

A timer signal (SIGALRM) can only interrupt the main thread, and the TUI reads files in a
worker thread. So the limit is a deadline that the readers check between units of work —
each PDF page, slide, Word block, OCR page and ingest stage — by calling ``check()``. The
deadline lives in a context variable, so each thread sees only its own file's. On the main
thread ``ingest.pipeline.time_limit`` adds the signal as a guard for one unit that hangs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Deadline:
    """When the current file's time is up, and what to raise then."""

    seconds: float
    expired: Callable[[], Exception]
    end: float = 0.0

    def __post_init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        """Give the file its full time again (after an OCR page, say)."""
        self.end = time.monotonic() + self.seconds

    def check(self) -> None:
        """Raise the expiry error when the time is up."""
        if time.monotonic() > self.end:
            raise self.expired()


_CURRENT: ContextVar[Deadline | None] = ContextVar("lagesbild_deadline", default=None)


@contextmanager
def deadline(limit: Deadline | None) -> Iterator[None]:
    """Make ``limit`` the deadline that ``check()`` sees in this thread for the block."""
    token = _CURRENT.set(limit)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def check() -> None:
    """Raise when the current file's deadline has passed (no deadline: nothing happens)."""
    limit = _CURRENT.get()
    if limit is not None:
        limit.check()
