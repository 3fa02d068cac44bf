"""The blocks a draft is laid out in: headings, paragraphs, lists and tables.

Both exporters (:mod:`assistant.drafts.export`) render them; a table may shade its cells
(the CLG colour grid), which Word shows and Markdown leaves to the cell text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    """A heading; level 0 is the document title."""

    text: str
    level: int


@dataclass
class Paragraph:
    """Running text; ``label`` is shown in bold before it, ``quote`` sets it off."""

    text: str
    label: str = ""
    quote: bool = False


@dataclass
class Bullets:
    """A bulleted (or numbered) list."""

    items: list[str]
    numbered: bool = False


@dataclass
class TableBlock:
    """A table with a header row; ``shades`` gives body cells a fill colour (hex, '' none)."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    shades: list[list[str]] = field(default_factory=list)


Block = Heading | Paragraph | Bullets | TableBlock


def cite(doc: str, page: int) -> str:
    """'(rapport.pdf s. 3)'."""
    return f"({doc} s. {page})"
