"""Positioned lines of a PDF page, with its hidden text set apart (pypdf visitors).

While pypdf extracts a page, a visitor records where each output line sits (baseline position
and font size from the text matrix), so ``ingest.pdf`` can find the blocks. Each piece of
text is first judged by ``ingest.pdf_hidden.HiddenTracker``: text a reader cannot see goes to
its own lines, with the reason, and never into the page's text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pypdf import PageObject

from ingest.normalize import normalize_text
from ingest.pdf_hidden import HiddenTracker, isolate_show_operators
from lagesbild.types import HiddenReason, HiddenText


@dataclass
class Line:
    """One output line of pypdf with the position of its first text."""

    text: str = ""
    pos: float | None = None  # baseline position across the reading direction (up = larger)
    size: float = 0.0  # largest effective font size on the line
    reason: HiddenReason | None = None  # why the line is hidden (hidden lines only)


@dataclass
class LineCollector:
    """Splits text handed over by pypdf into positioned lines."""

    lines: list[Line] = field(default_factory=list)
    current: Line = field(default_factory=Line)

    def visit(
        self,
        text: str,
        cm: Sequence[float],
        tm: Sequence[float],
        size: float,
        reason: HiddenReason | None = None,
    ) -> None:
        """Record one chunk of extracted text."""
        for i, piece in enumerate(text.split("\n")):
            if i > 0:
                self.end_line()
            if piece.strip():
                pos, eff = position(cm, tm, size)
                if self.current.pos is None and i == 0:
                    self.current.pos = pos
                self.current.size = max(self.current.size, eff)
                self.current.reason = self.current.reason or reason
            self.current.text += piece

    def end_line(self) -> None:
        """Close the current line."""
        self.lines.append(self.current)
        self.current = Line()

    def finish(self) -> list[Line]:
        """All lines, the last one closed."""
        if self.current.text:
            self.end_line()
        return self.lines


@dataclass
class _SplitCollector:
    """Visitor for ``extract_text``: visible text to one collector, hidden text to another."""

    tracker: HiddenTracker
    visible: LineCollector = field(default_factory=LineCollector)
    hidden: LineCollector = field(default_factory=LineCollector)
    reason: HiddenReason | None = None

    def visit(
        self, text: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: float
    ) -> None:
        """Record one chunk (called by pypdf); text without operators goes where the last went."""
        if not text:
            return
        if self.tracker.pending:
            self.reason = self.tracker.take()
        target, other = (
            (self.hidden, self.visible) if self.reason is not None else (self.visible, self.hidden)
        )
        target.visit(text, cm, tm, size, self.reason)
        if "\n" in text and other.current.text.strip():
            other.end_line()  # a new line ends the other kind's line too


def position(cm: Sequence[float], tm: Sequence[float], size: float) -> tuple[float | None, float]:
    """Baseline position across the text direction and effective font size of a chunk."""
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    c = tm[2] * cm[0] + tm[3] * cm[2]
    d = tm[2] * cm[1] + tm[3] * cm[3]
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    scale = math.hypot(c, d) or 1.0
    eff = abs(size) * scale
    width = math.hypot(a, b)
    if width == 0:
        return None, eff
    # Position along the normal of the writing direction: y for upright text.
    return (-b * x + a * y) / width, eff


def page_lines(page: PageObject) -> tuple[list[Line], list[Line]]:
    """A page's visible text as positioned lines, and its hidden lines (with reasons)."""
    tracker = HiddenTracker.for_page(page)
    isolate_show_operators(page)
    collector = _SplitCollector(tracker)
    page.extract_text(
        visitor_text=collector.visit,
        visitor_operand_before=tracker.before,
        visitor_operand_after=tracker.after,
    )
    return collector.visible.finish(), collector.hidden.finish()


def hidden_blocks(lines: list[Line]) -> list[HiddenText]:
    """Hidden lines as blocks: consecutive lines hidden for the same reason make one."""
    blocks: list[HiddenText] = []
    parts: list[str] = []
    reason: HiddenReason | None = None
    for line in [*lines, Line()]:
        if line.text.strip() and line.reason == reason:
            parts.append(line.text)
            continue
        text = normalize_text("\n".join(parts))
        if text and reason is not None:
            blocks.append(HiddenText(text=text, reason=reason))
        parts, reason = ([line.text], line.reason) if line.text.strip() else ([], None)
    return blocks
