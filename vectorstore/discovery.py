"""Which files an ingest reads: files and folders expanded into document files.

Files are read, never executed. Inside a folder, hidden entries, Office lock files ('~$…') and
unsupported suffixes are skipped. A symlink (to a file or a folder) that leads outside the
folder is followed only when asked (``follow_symlinks``); a link to a folder inside the folder
is not descended (its files are found at their real place), so link loops end. Broken links,
link loops, non-regular files (pipes, devices) and file names that are not valid UTF-8 are
reported, never fatal.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lagesbild.types import IngestFailure

SUPPORTED_SUFFIXES = frozenset({".pdf", ".pptx", ".docx", ".txt", ".md"})
_SKIPPED_PREFIXES = (".", "~$")
_AGAIN = "kör `lagesbild ingest` igen"
_FOLLOW_HINT = "sätt LAGESBILD_INGEST__FOLLOW_SYMLINKS=true för att följa länkar"


@dataclass
class Discovery:
    """Files found under the given paths, and paths that could not be used."""

    files: list[Path] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def discover(paths: Iterable[Path], follow_symlinks: bool = False) -> Discovery:
    """Expand files and folders into the document files to ingest, in a stable order."""
    found = Discovery()
    seen: set[Path] = set()
    for given in paths:
        problem = _unusable(given)
        if problem:
            found.failures.append(IngestFailure(path=_shown(given), error=problem))
            continue
        candidates = [given] if given.is_file() else _Walker(given, follow_symlinks, found).walk()
        for path in candidates:
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            if _shown(path) != str(path):
                found.failures.append(IngestFailure(path=_shown(path), error=_bad_name(path)))
            else:
                found.files.append(path)
    return found


def _unusable(path: Path) -> str | None:
    """Why a given path cannot be ingested (cause and fix), or None."""
    shown = _shown(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            cause = "länken ingår i en länkslinga (den pekar till slut på sig själv)"
            return f"Kunde inte läsa '{shown}': {cause}. Rätta länken och {_AGAIN}."
        if path.is_symlink():
            cause = "länken pekar på något som inte finns (trasig länk)"
            return f"Kunde inte läsa '{shown}': {cause}. Rätta länken och {_AGAIN}."
        if isinstance(exc, PermissionError):
            cause = "behörighet saknas"
            return f"Kunde inte läsa '{shown}': {cause}. Ge läsrätt och {_AGAIN}."
        return (
            f"Kunde inte läsa '{shown}': filen eller mappen finns inte. "
            f"Kontrollera sökvägen och {_AGAIN}."
        )
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return (
            f"Kunde inte läsa '{shown}': det är ingen vanlig fil eller mapp (t.ex. en namngiven "
            "pipe eller en enhet). Ange vanliga filer eller mappar."
        )
    return None


@dataclass
class _Walker:
    """Depth-first, sorted walk of one folder (the order of ``sorted(root.rglob('*'))``)."""

    root: Path
    follow_symlinks: bool
    found: Discovery
    files: list[Path] = field(default_factory=list)
    visited: set[Path] = field(default_factory=set)
    root_real: Path = field(init=False)

    def walk(self) -> list[Path]:
        """The document files under the root."""
        self.root_real = self.root.resolve()
        self.visited.add(self.root_real)
        self._visit(self.root)
        return self.files

    def _visit(self, folder: Path) -> None:
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            self.found.warnings.append(
                f"Mappen '{_shown(folder)}' kunde inte läsas ({exc.strerror or exc}) "
                "och hoppades över."
            )
            return
        for entry in entries:
            if entry.name.startswith(_SKIPPED_PREFIXES):
                continue
            if entry.is_symlink():
                self._link(entry)
            elif entry.is_dir():
                self._visit(entry)
            elif _supported(entry) and entry.is_file():
                self.files.append(entry)
            elif _supported(entry):
                self.found.warnings.append(
                    f"'{_shown(entry)}' är ingen vanlig fil (t.ex. en namngiven pipe) "
                    "och hoppades över."
                )

    def _link(self, link: Path) -> None:
        """Follow a symlink by the rules in the module docstring."""
        try:
            target = link.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a link loop (Python 3.11)
            if _supported(link) or not link.suffix:  # a document, or perhaps a folder
                self.found.warnings.append(
                    f"'{_shown(link)}' är en trasig länk eller en länkslinga och hoppades över."
                )
            return
        inside = target.is_relative_to(self.root_real)
        if target.is_dir():
            if link.parent.resolve().is_relative_to(target):
                self.found.warnings.append(
                    f"'{_shown(link)}' pekar på en mapp ovanför sig själv (en länkslinga) "
                    "och följdes inte."
                )
            elif not inside and not self.follow_symlinks:
                self.found.warnings.append(_outside(link, target, self.root))
            elif not inside and target not in self.visited:
                self.visited.add(target)
                self._visit(link)
            return
        if not _supported(link) or not target.is_file():
            return
        if inside or self.follow_symlinks:
            self.files.append(link)
        else:
            self.found.warnings.append(_outside(link, target, self.root))


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _outside(link: Path, target: Path, root: Path) -> str:
    return (
        f"'{_shown(link)}' är en länk till '{_shown(target)}' utanför '{_shown(root)}' "
        f"och hoppades över ({_FOLLOW_HINT})."
    )


def _shown(path: Path) -> str:
    """The path as text that can be printed and stored (undecodable bytes as \\x escapes)."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def _bad_name(path: Path) -> str:
    return (
        f"Kunde inte läsa '{_shown(path)}': filnamnet innehåller tecken som inte är giltig "
        f"UTF-8. Byt namn på filen och {_AGAIN}."
    )
