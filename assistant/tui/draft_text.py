"""The Utkast view's editor rules, without widgets: where a flagged number stands, and how
the edited text is written to a file. The kinds of draft, making one and which part of an
edited draft is number-checked against which pages are :mod:`assistant.service`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.drafts.export import SUFFIXES, check_output, write_draft, write_text_atomic
from assistant.service import DraftKind, DraftText
from assistant.tui.markdown_blocks import markdown_blocks
from lagesbild.errors import ConfigError
from lagesbild.types import NumberCheck, NumberStatus

DRAFT_LABELS: dict[DraftKind, str] = {
    DraftKind.REVISOR: "Svar till revisorerna",
    DraftKind.CLG: "Sammanfattning för CLG",
}


@dataclass(frozen=True)
class FlaggedNumber:
    """A number of the edited text that no source figure backs, and where it stands."""

    check: NumberCheck
    line: int
    """1-based line of the text."""
    context: str
    """The line around the number, shortened."""

    @property
    def label(self) -> str:
        """'rad 12: 74 mkr – saknas i källorna'."""
        why = self.check.explanation or "inget tal i källorna stöder det"
        return f"rad {self.line}: {self.check.raw} – {why}"


def default_export_path(kind: DraftKind) -> str:
    """'~/Lägesbild-utkast-clg.docx' (as the user types it)."""
    return f"~/Lägesbild-utkast-{kind.value}.docx"


def flagged_numbers(text: str, checks: Sequence[NumberCheck]) -> list[FlaggedNumber]:
    """The unsupported numbers of ``text``, with their line and its text."""
    flagged = []
    for check in checks:
        if check.status is NumberStatus.UNSUPPORTED:
            line_start = text.rfind("\n", 0, check.start) + 1
            line_end = text.find("\n", check.end)
            line = text[line_start : len(text) if line_end == -1 else line_end]
            middle = (check.start + check.end) // 2 - line_start
            line_number = text.count("\n", 0, check.start) + 1
            flagged.append(FlaggedNumber(check, line_number, around(line, middle)))
    return flagged


def around(line: str, middle: int, width: int = 70) -> str:
    """At most ``width`` characters of ``line`` centred on ``middle``, '…' where cut."""
    if len(line) <= width:
        return line.strip()
    start = max(0, min(middle - width // 2, len(line) - width))
    cut_before, cut_after = start > 0, start + width < len(line)
    return (
        ("…" if cut_before else "")
        + line[start : start + width].strip()
        + ("…" if cut_after else "")
    )


def location(text: str, index: int) -> tuple[int, int]:
    """(row, column) of the character offset ``index``, as the editor counts them."""
    row = text.count("\n", 0, index)
    return row, index - (text.rfind("\n", 0, index) + 1)


def export_target(typed: str) -> tuple[Path, bool]:
    """The path the user typed, with '~' expanded, and whether a file is already there.

    Raises a Swedish ``ConfigError`` for a format other than .docx or .md, or a path
    that cannot be used.
    """
    try:
        path = Path(typed.strip()).expanduser()
        if path.suffix.lower() not in SUFFIXES:
            raise ConfigError(
                f"Okänt filformat '{path.suffix or path.name}': skriv en sökväg som slutar "
                "på .docx (Word) eller .md (Markdown)."
            )
        return path, path.exists()
    except (RuntimeError, OSError) as exc:
        raise ConfigError(
            f"Sökvägen '{typed}' går inte att använda ({exc}). Skriv en fullständig sökväg, "
            "t.ex. ~/Dokument/utkast.docx."
        ) from exc


def export_draft(text: str, path: Path, original: DraftText | None = None) -> Path:
    """Write the (edited) Markdown ``text`` to ``path``, .md or .docx, atomically.

    Markdown is written as it stands. Word is rendered from the draft's own blocks while
    the text is unchanged, else from the edited Markdown read back into blocks.
    """
    path = path.expanduser()
    check_output(path)
    if path.suffix.lower() == ".docx":
        unchanged = original is not None and original.markdown == text
        blocks = original.blocks if original is not None and unchanged else markdown_blocks(text)
        return write_draft(blocks, path)
    return write_text_atomic(path, text)
