"""Hidden text in a PDF's text layer: text that is extracted but that a reader cannot see.

A planted instruction is easiest to hide in the text layer: white text on a white page, a
1-pt font, text render mode 3 (invisible) or text placed outside the page. While pypdf
extracts a page, ``HiddenTracker`` follows the content stream's operators (colours ``g``/
``rg``/``k``/``sc``/``scn`` and their stroke forms, render mode ``Tr``, font size ``Tf``,
transparency via ``gs``, the filled areas and pictures painted so far) and judges every
text-showing operator:

* **invisible**: render mode 3 or 7, or a fill opacity of 0;
* **off-page**: the text starts outside the page's crop box;
* **tiny**: the effective font size is under ``TINY_PT``;
* **colour**: the text's colour is (nearly) the colour of what lies under its start — the
  last filled area painted there, else the white page.

Invisible or same-coloured text over a *picture* (an image, a shading, a fill whose colour
is unknown) counts as visible: that is how OCR'd scans carry their text layer and how
white titles sit on cover photos. Clipping paths and text covered by a later drawing are
not judged.

``isolate_show_operators`` makes pypdf hand every text-showing operator of the page's own
content stream to the text visitor separately, so a chunk is hidden or visible as a whole;
inside form XObjects a chunk that mixes both counts as hidden.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pypdf import PageObject
from pypdf.generic import ArrayObject, ContentStream, FloatObject, NameObject, StreamObject

from lagesbild.types import HiddenReason

# Effective font sizes under this many points count as unreadable.
TINY_PT = 2.0
# Colours closer than this (largest channel difference, 0–1) count as the same colour.
COLOUR_TOLERANCE = 0.1
# Filled areas thinner than this (rules, borders) cannot hide text.
MIN_AREA_PT = 3.0
# Text this far outside the crop box (points) counts as off the page.
OFF_PAGE_PT = 2.0

_SHOW = frozenset({b"Tj", b"TJ", b"'", b'"'})
_FILL = frozenset({b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"})
_DROP_PATH = frozenset({b"n", b"S", b"s"})
_PATH_POINTS = frozenset({b"m", b"l", b"c", b"v", b"y"})
_IDENTITY: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_WHITE = (1.0, 1.0, 1.0)

Rgb = tuple[float, float, float]
Matrix = Sequence[float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _mult(m: Matrix, n: Matrix) -> tuple[float, ...]:
    """The product m × n of two PDF matrices [a b c d e f]."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _numbers(operands: Sequence[Any]) -> list[float] | None:
    """The operands as floats, or None when any is not a number."""
    if not all(isinstance(o, int | float) and not isinstance(o, bool) for o in operands):
        return None
    values = [float(o) for o in operands]
    return values if all(math.isfinite(v) for v in values) else None


def _rgb(values: list[float] | None, space: str = "") -> Rgb | None:
    """An RGB colour (0–1) from gray, RGB or CMYK components; None when it cannot be known."""
    if values is None:
        return None
    clip = [min(1.0, max(0.0, v)) for v in values]
    if len(clip) == 1 and space in {"", "/DeviceGray", "/CalGray", "/G"}:
        return (clip[0], clip[0], clip[0])
    if len(clip) == 3:
        return (clip[0], clip[1], clip[2])
    if len(clip) == 4:
        c, m, y, k = clip
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _same_colour(a: Rgb, b: Rgb) -> bool:
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= COLOUR_TOLERANCE


@dataclass
class _State:
    """The graphics state parts that decide whether text shows (saved by q, restored by Q)."""

    fill: Rgb | None = (0.0, 0.0, 0.0)
    stroke: Rgb | None = (0.0, 0.0, 0.0)
    fill_space: str = "/DeviceGray"
    stroke_space: str = "/DeviceGray"
    mode: int = 0
    size: float = 12.0
    opacity: float = 1.0

    def copy(self) -> _State:
        return _State(**vars(self))


@dataclass
class _Area:
    """A painted area: its box in page space, and its colour (None for a picture)."""

    box: Box | None  # None: the whole page (a shading)
    colour: Rgb | None


@dataclass
class HiddenTracker:
    """Visitor for ``extract_text``: judges each text-showing operator (see the module doc)."""

    page_box: Box
    resources: Any = None
    state: _State = field(default_factory=_State)
    stack: list[_State] = field(default_factory=list)
    areas: list[_Area] = field(default_factory=list)
    path: list[tuple[float, float]] = field(default_factory=list)
    forms: list[tuple[float, ...]] = field(default_factory=list)  # outer matrices of open forms
    pending: list[HiddenReason | None] = field(default_factory=list)

    @classmethod
    def for_page(cls, page: PageObject) -> HiddenTracker:
        """A tracker for one page: its crop box and resources."""
        box = page.cropbox
        x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        return cls((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), resources)

    # ----------------------------------------------------------------- pypdf callbacks

    def before(self, op: bytes, args: list[Any], cm: Matrix, tm: Matrix) -> None:
        """Called by pypdf before each operator (``visitor_operand_before``)."""
        page_cm = self._page_cm(cm)
        if op in _SHOW:
            self.pending.append(self._judge(page_cm, tm))
        elif op == b"Do":
            self._enter_xobject(args, page_cm)
        elif op == b"INLINE IMAGE":
            self._picture(page_cm)
        elif op in _PATH_POINTS or op == b"re":
            self._path(op, args, page_cm)
        elif op in _FILL:
            self._fill()
        elif op in _DROP_PATH:
            self.path = []
        elif op == b"sh":
            self.areas.append(_Area(None, None))
        else:
            self._set_state(op, args)

    def after(self, op: bytes, args: list[Any], cm: Matrix, tm: Matrix) -> None:
        """Called by pypdf after each operator (``visitor_operand_after``): leave a form."""
        if op == b"Do" and self.forms:
            self.forms.pop()

    def take(self) -> HiddenReason | None:
        """Why the text handed over since the last call is hidden, or None when it shows."""
        reasons = [r for r in self.pending if r is not None]
        self.pending = []
        return reasons[0] if reasons else None

    # ----------------------------------------------------------------- state

    def _page_cm(self, cm: Matrix) -> tuple[float, ...]:
        """pypdf restarts the matrix inside a form; compose it with the caller's."""
        return _mult(cm, self.forms[-1]) if self.forms else tuple(cm)

    def _set_state(self, op: bytes, args: list[Any]) -> None:
        s = self.state
        if op == b"q":
            self.stack.append(s.copy())
        elif op == b"Q":
            self.state = self.stack.pop() if self.stack else _State()
        elif op in (b"g", b"rg", b"k"):
            s.fill, s.fill_space = _rgb(_numbers(args)), ""
        elif op in (b"G", b"RG", b"K"):
            s.stroke, s.stroke_space = _rgb(_numbers(args)), ""
        elif op in (b"cs", b"CS"):
            space = str(args[0]) if args and isinstance(args[0], NameObject) else "?"
            colour = (0.0, 0.0, 0.0) if space.startswith("/Device") else None
            if op == b"cs":
                s.fill, s.fill_space = colour, space
            else:
                s.stroke, s.stroke_space = colour, space
        elif op in (b"sc", b"scn"):
            s.fill = _rgb(_numbers(args), s.fill_space)
        elif op in (b"SC", b"SCN"):
            s.stroke = _rgb(_numbers(args), s.stroke_space)
        elif op == b"Tr" and (values := _numbers(args[:1])):
            s.mode = int(values[0])
        elif op == b"Tf" and len(args) > 1 and (values := _numbers(args[1:2])):
            s.size = values[0]
        elif op == b"gs" and args:
            self._ext_gstate(args[0])

    def _ext_gstate(self, name: Any) -> None:
        """Fill opacity from a named graphics state (``/ca``), when the page defines it."""
        try:
            value = self.resources["/ExtGState"][name].get("/ca")
        except (KeyError, TypeError, AttributeError):
            return
        if isinstance(value, int | float | FloatObject):
            self.state.opacity = float(value)

    def _path(self, op: bytes, args: list[Any], cm: Matrix) -> None:
        values = _numbers(args)
        if values is None:
            return
        if op == b"re" and len(values) == 4:
            x, y, w, h = values
            self.path += [_apply(cm, x, y), _apply(cm, x + w, y + h)]
            self.path += [_apply(cm, x + w, y), _apply(cm, x, y + h)]
        else:
            self.path += [_apply(cm, x, y) for x, y in zip(values[::2], values[1::2], strict=False)]

    def _fill(self) -> None:
        if self.path:
            xs, ys = [p[0] for p in self.path], [p[1] for p in self.path]
            box = (min(xs), min(ys), max(xs), max(ys))
            if box[2] - box[0] >= MIN_AREA_PT and box[3] - box[1] >= MIN_AREA_PT:
                colour = self.state.fill if self.state.opacity > 0 else None
                self.areas.append(_Area(box, colour))
        self.path = []

    def _picture(self, cm: Matrix) -> None:
        corners = [_apply(cm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        self.areas.append(_Area((min(xs), min(ys), max(xs), max(ys)), None))

    def _enter_xobject(self, args: list[Any], cm: Matrix) -> None:
        """An image is a picture; a form opens a frame (its matrix composed with ours)."""
        subtype, matrix = None, tuple(_IDENTITY)
        try:
            xobject = self.resources["/XObject"][args[0]]
            subtype = xobject.get("/Subtype")
            matrix = tuple(float(v) for v in xobject.get("/Matrix", _IDENTITY)[:6])
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            pass
        if subtype == "/Form" and len(matrix) == 6:
            self.forms.append(_mult(matrix, cm))
        else:
            self._picture(cm)
            self.forms.append(self.forms[-1] if self.forms else _IDENTITY)

    # ----------------------------------------------------------------- judging text

    def _under(self, x: float, y: float) -> _Area | None:
        """The last painted area under a point (None: the bare page)."""
        for area in reversed(self.areas):
            box = area.box
            if box is None or (box[0] <= x <= box[2] and box[1] <= y <= box[3]):
                return area
        return None

    def _judge(self, cm: Matrix, tm: Matrix) -> HiddenReason | None:
        m = _mult(tm, cm)
        x, y = m[4], m[5]
        x0, y0, x1, y1 = self.page_box
        margin = OFF_PAGE_PT
        if not (x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin):
            return HiddenReason.OFF_PAGE
        if abs(self.state.size) * math.hypot(m[2], m[3]) < TINY_PT:
            return HiddenReason.TINY
        under = self._under(x, y)
        if under is not None and under.colour is None:
            return None  # over a picture: an OCR layer, or text on a photo
        if self.state.mode in (3, 7) or self.state.opacity <= 0:
            return HiddenReason.INVISIBLE
        background = _WHITE if under is None or under.colour is None else under.colour
        colours = [c for c in self._paint_colours() if c is not None]
        if colours and all(_same_colour(c, background) for c in colours):
            return HiddenReason.COLOUR
        return None

    def _paint_colours(self) -> list[Rgb | None]:
        """The colours the text is painted in under its render mode."""
        mode, s = self.state.mode % 4, self.state
        if mode == 1:
            return [s.stroke]
        if mode == 2:
            return [s.fill, s.stroke]
        return [s.fill]


def isolate_show_operators(page: PageObject) -> None:
    """Make pypdf hand each text-showing operator of the page to the text visitor apart.

    An identity ``cm`` before each one flushes pypdf's pending text without moving anything,
    so the extracted text stays the same. Only the in-memory page changes.
    """
    raw = page.get("/Contents")
    raw = raw.get_object() if raw is not None else None
    if not isinstance(raw, ArrayObject | StreamObject):
        return
    pdf = page.indirect_reference.pdf if page.indirect_reference is not None else None
    content = ContentStream(raw, pdf, "bytes")  # strings stay bytes, as pypdf reads them
    flush = ([FloatObject(v) for v in _IDENTITY], b"cm")
    operations: list[tuple[Any, bytes]] = []
    for operands, operator in content.operations:
        if operator in _SHOW:
            operations.append(flush)
        operations.append((operands, operator))
    content.operations = operations
    page[NameObject("/Contents")] = content
