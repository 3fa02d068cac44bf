"""The page-text model the layout parsers share: blocks of lines, and how to join them.

The readers deliver normalised text: blocks separated by one blank line, lines inside a
block by a newline, hyphenation across lines already undone. The parsers here work on
``TextBlock`` objects (a page number, the block's position on the page and its lines), and
on the few joining rules that turn wrapped table lines back into running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagesbild.swedish import DASH_IN_CLASS, INLINE_SPACE
from lagesbild.types import Measure, Page

_BLANK_LINE = re.compile(rf"\n{INLINE_SPACE}*\n")
_SPACES = re.compile(rf"{INLINE_SPACE}+")
_CONJUNCTION = re.compile(r"(?:och|eller|samt|respektive|till)\b")
_BULLET_MARK = re.compile(r"^\s*[•\u2022\u25aa\u25cf]")
_BULLET = re.compile(rf"^\s*[•\u2022\u25aa\u25cf{DASH_IN_CLASS}*]\s*")
# Running page furniture that can sit inside a table region: '46(49)', 'Sida 3 av 9'.
_FURNITURE = re.compile(
    r"^(?:\d{1,3}\s*\(\s*\d{1,3}\s*\)|(?:sida|sid)\s+\d+(?:\s*(?:av|\(|/)\s*\d+\)?)?"
    r"|version\s+[\d.]+(?::?\s*\d{4}-\d{2}-\d{2})?)$",
    re.IGNORECASE,
)


@dataclass
class TextBlock:
    """One block of a page: its lines (stripped, never empty) and where it stands."""

    page: int
    index: int
    lines: list[str]

    @property
    def text(self) -> str:
        """The block's lines joined into running text."""
        return join_lines(self.lines)

    @property
    def width(self) -> int:
        """Length of the longest line (a rough column width)."""
        return max((len(line) for line in self.lines), default=0)


@dataclass
class Found:
    """A measure found by a layout parser, with its position for document ordering."""

    measure: Measure
    page: int
    position: int = 0


def clean_line(line: str) -> str:
    """Collapse runs of whitespace and strip the line."""
    return _SPACES.sub(" ", line).strip()


def page_blocks(page: Page) -> list[TextBlock]:
    """Split a page's text into blocks of non-empty, whitespace-collapsed lines."""
    blocks: list[TextBlock] = []
    for raw in _BLANK_LINE.split(page.text or ""):
        lines = [clean_line(line) for line in raw.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(TextBlock(page=page.number, index=len(blocks), lines=lines))
    return blocks


def is_furniture(line: str) -> bool:
    """True for running page furniture such as '46(49)' or 'Version 1: 2016-12-22'."""
    return bool(_FURNITURE.match(clean_line(line)))


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines with spaces, repairing hyphenation the reader left behind.

    'Utvecklings' + '-chef' → 'Utvecklingschef'; 'Områdes-' + 'chef' → 'Områdeschef';
    'HS-' + 'direktör' → 'HS-direktör' (a hyphen after capitals or digits is kept).
    """
    out = ""
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and line[:1].islower() and not _CONJUNCTION.match(line):
            out = out + line if out[-2:-1].isupper() or out[-2:-1].isdigit() else out[:-1] + line
        elif re.match(r"-[a-zåäö]", line) and out[-1:].isalpha():
            out = out + line[1:]
        else:
            out = f"{out} {line}"
    return out


def join_bulleted(lines: list[str]) -> str:
    """Join wrapped lines like ``join_lines``, but keep each bullet on a line of its own."""
    parts: list[list[str]] = []
    for line in lines:
        if not parts or _BULLET_MARK.match(line):
            parts.append([line])
        else:
            parts[-1].append(line)
    return "\n".join(join_lines(part) for part in parts)


def join_paragraphs(parts: list[str]) -> str:
    """Join texts that were separate blocks or bullets: one per line, empties dropped."""
    return "\n".join(part.strip() for part in parts if part and part.strip())


def strip_bullet(line: str) -> str:
    """Remove a leading bullet ('•', '-', '–') from a line."""
    return _BULLET.sub("", line, count=1)
