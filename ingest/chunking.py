"""Structure-aware chunking: pages, headings and action-plan rows become retrieval chunks.

Rules, in order of priority:

* An action-plan row (a ``Measure`` with layout ``action_plan``) is one chunk, whole, under its
  section heading; the page blocks it was read from are not chunked a second time.
* A slide is one chunk when it fits in ``target_chars``; a longer slide is split on its blocks
  and every piece keeps the slide title as its section.
* Report pages are split on headings and paragraphs (``Page.text`` blocks are separated by a
  blank line). A block longer than the target (a plain-text page is often one block) is cut
  into paragraphs at lines that end a sentence and before short heading lines; a paragraph
  longer than the target is split on sentences, then on words. Pieces shorter than a fifth of
  the target join a neighbour on the same page.

Chunks never cross pages or documents, keep the original wording (numbers untouched) and get
stable ids ``<doc id>:c<n>`` (``lagesbild.ids``). A chunk that contains a measure's title (on
that measure's pages) carries the measure's id, and the first such chunk shows the measure's
fields — 'Ansvarig: …', 'Tidpunkt: …', 'Status: …' — as lines after the passage when the
passage itself does not hold their values (a long description pushed the labelled lines into
the next chunk, they stand on the next page, or the parser read them from elsewhere), so that
search finds who is responsible for a measure where its name is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lagesbild.ids import CHUNK, doc_id, record_id
from lagesbild.types import Chunk, Document, Measure, MeasureLayout, Page

# Bump when chunk boundaries or texts change: the vector store keys its collection on it.
CHUNKER_VERSION = "c2"

_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[\"”'(\[]?[A-ZÅÄÖ0-9•\-–])")
_LINE_BREAK = re.compile(r"\n")
_SPACE = re.compile(r"\s+")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?\s+[A-ZÅÄÖ][^\d]*$")
_BULLET = ("-", "•", "–", "*", "▪", "o ")
_MAX_HEADING_CHARS = 90
_WEAK_HEADING = re.compile(r"^[A-ZÅÄÖ][^.!?;:,•]{2,60}$")
_SENTENCE_CLOSE = (".", "!", "?", ":", ";", "”", '"')
_MIN_HEADING_LETTERS = 8  # shorter capitals are acronyms ('RUN AU'), shorter 'x:' labels ('Svar:')
_MIN_TITLE_KEY = 6  # a measure title shorter than this is too generic to match in text


@dataclass
class _Piece:
    """A chunk in the making: page, section, text and the measures it belongs to."""

    page: int
    section: str
    text: str
    measure_ids: list[str] = field(default_factory=list)


def text_key(text: str) -> str:
    """Letters and digits only, case-folded: a comparison key robust to line breaks."""
    return re.sub(r"[\W_]+", "", text.casefold())


def chunk_document(
    document: Document, pages: list[Page], measures: list[Measure], target_chars: int = 900
) -> list[Chunk]:
    """Cut one document into retrieval chunks (see the module docstring for the rules)."""
    rows = [m for m in measures if m.layout == MeasureLayout.ACTION_PLAN]
    rows_by_page: dict[int, list[Measure]] = {}
    for row in rows:
        rows_by_page.setdefault(row.page, []).append(row)
    covered = _row_keys_by_page(rows)
    pieces: list[_Piece] = []
    section = ""
    for page in pages:
        blocks = [b for b in _blocks(page) if not _is_covered(b, covered.get(page.number, ""))]
        if page.is_slide:
            pieces.extend(_slide_pieces(page, blocks, target_chars))
        else:
            page_pieces, section = _report_pieces(page, blocks, section, target_chars)
            pieces.extend(page_pieces)
        pieces.extend(_row_piece(row) for row in rows_by_page.get(page.number, []))
    others = [m for m in measures if m.layout != MeasureLayout.ACTION_PLAN]
    _attach_measures(pieces, others)
    _show_fields(pieces, others)
    doc = doc_id(document.sha256)
    return [
        Chunk(
            id=record_id(doc, CHUNK, n),
            doc=document.doc,
            doc_kind=document.kind,
            page=piece.page,
            section=piece.section,
            text=piece.text,
            measure_ids=piece.measure_ids,
            year=document.year,
        )
        for n, piece in enumerate(pieces, start=1)
    ]


def indexed_text(chunk: Chunk) -> str:
    """The text that is embedded and keyword-indexed: the section heading, then the chunk.

    The heading gives a continuation chunk the context it lost when its page was split; the
    chunk's own ``text`` stays the original passage that users see and cite.
    """
    if chunk.section and text_key(chunk.section) not in text_key(chunk.text):
        return f"{chunk.section}\n{chunk.text}"
    return chunk.text


# --------------------------------------------------------------------------- blocks


def _blocks(page: Page) -> list[str]:
    """The page's non-empty blocks, speaker notes last."""
    parts = [*page.text.split("\n\n"), *page.notes.split("\n\n")]
    return [p.strip() for p in parts if p.strip()]


def _heading(block: str, page: Page) -> tuple[str, bool] | None:
    """The heading a block starts with and whether it is a strong one, else None.

    Strong headings are the page title, an upper-case line ('MÅLUPPFYLLELSE:'), a short line
    ending in a colon ('Patient-perspektivet:') or a numbered heading ('2.1 Uppföljning'). A
    weak heading is a short capitalised line without punctuation on top of a paragraph
    ('Efter beslut' in plain text); it only starts a new chunk when the current one has body.
    """
    lines = block.split("\n", 2)
    line = lines[0].strip()
    if len(line) > _MAX_HEADING_CHARS or line.startswith(_BULLET):
        return None
    letters = sum(c.isalpha() for c in line)
    strong = (
        (bool(page.title) and line == (page.title or "").strip())
        or (letters >= _MIN_HEADING_LETTERS and line.upper() == line)
        or (line.endswith(":") and letters >= _MIN_HEADING_LETTERS and len(line) <= 60)
        or (bool(_NUMBERED_HEADING.match(line)) and not line.endswith((".", ",")))
    )
    if strong:
        return line.rstrip(":").strip(), True
    if _is_weak_heading(lines, 0):
        return line, False
    return None


def _is_weak_heading(lines: list[str], at: int) -> bool:
    """A short capitalised line without punctuation followed by a capitalised line."""
    line = lines[at].strip()
    after = lines[at + 1].strip() if at + 1 < len(lines) else ""
    return bool(_WEAK_HEADING.match(line)) and (not after or after[:1].isupper())


def _paragraphs(block: str, target_chars: int) -> list[str]:
    """A block longer than the target, cut into paragraphs.

    Cuts fall after lines that end a sentence and before a weak heading line, which stays on
    top of the paragraph it introduces.
    """
    if len(block) <= target_chars or "\n" not in block:
        return [block]
    lines = block.split("\n")
    parts: list[list[str]] = [[lines[0]]]
    for at in range(1, len(lines)):
        previous = lines[at - 1].rstrip()
        after_heading = _is_weak_heading(lines, at - 1)
        if not after_heading and (
            previous.endswith(_SENTENCE_CLOSE) or _is_weak_heading(lines, at)
        ):
            parts.append([])
        parts[-1].append(lines[at])
    return ["\n".join(part).strip() for part in parts if "".join(part).strip()]


def _split_long(block: str, target_chars: int) -> list[str]:
    """Split a block longer than the target on sentence ends, then lines, then words.

    Cuts fall between the original characters, so the wording is kept exactly.
    """
    if len(block) <= target_chars:
        return [block]
    for pattern in (_SENTENCE_END, _LINE_BREAK, _SPACE):
        units = _cut(block, pattern)
        if len(units) > 1:
            parts = [p.strip() for p in _pack(units, target_chars, "")]
            return [piece for part in parts if part for piece in _split_long(part, target_chars)]
    return [block[i : i + target_chars] for i in range(0, len(block), target_chars)]


def _cut(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Cut text after each match of ``pattern``; the separators stay at the unit ends."""
    ends = [m.end() for m in pattern.finditer(text)]
    starts = [0, *ends]
    return [text[a:b] for a, b in zip(starts, [*ends, len(text)], strict=True) if text[a:b]]


def _pack(units: list[str], target_chars: int, joiner: str) -> list[str]:
    """Greedily join units into parts of at most ``target_chars`` (a lone long unit stays)."""
    parts: list[str] = []
    current = ""
    for unit in units:
        if current and len(current) + len(joiner) + len(unit) > target_chars:
            parts.append(current)
            current = unit
        else:
            current = f"{current}{joiner}{unit}" if current else unit
    if current:
        parts.append(current)
    return parts


# --------------------------------------------------------------------------- pages


def _slide_title(page: Page, blocks: list[str]) -> str:
    if page.title:
        return page.title.strip()
    return blocks[0].split("\n", 1)[0].strip()[:_MAX_HEADING_CHARS] if blocks else ""


def _slide_pieces(page: Page, blocks: list[str], target_chars: int) -> list[_Piece]:
    """A slide: one chunk when it fits, else its blocks packed under the slide title."""
    if not blocks:
        return []
    title = _slide_title(page, blocks)
    whole = "\n\n".join(blocks)
    if len(whole) <= target_chars:
        return [_Piece(page.number, title, whole)]
    units = [u for b in blocks for u in _split_long(b, target_chars)]
    texts = _pack(units, target_chars, "\n\n")
    return _merge_small([_Piece(page.number, title, t) for t in texts], target_chars)


def _report_pieces(
    page: Page, blocks: list[str], section: str, target_chars: int
) -> tuple[list[_Piece], str]:
    """A report page: a new chunk at each heading and whenever the target would be exceeded.

    ``section`` is the heading in force when the page starts (headings carry over pages);
    returns the pieces and the heading in force at the end of the page.
    """
    pieces: list[_Piece] = []
    current: list[str] = []
    body = 0  # characters of non-heading text in ``current``
    chunk_section = section

    def flush() -> None:
        nonlocal current, body, chunk_section
        if current:
            pieces.append(_Piece(page.number, chunk_section, "\n\n".join(current)))
        current, body, chunk_section = [], 0, section

    for block in (p for b in blocks for p in _paragraphs(b, target_chars)):
        found = _heading(block, page)
        heading_only = found is not None and "\n" not in block
        if found:
            heading, strong = found
            if body and (strong or body >= target_chars // 3):
                flush()
            section = heading
            if not body:
                chunk_section = heading
        for unit in _split_long(block, target_chars):
            if current and len("\n\n".join([*current, unit])) > target_chars:
                flush()
            current.append(unit)
            body += 0 if heading_only else len(unit)
    flush()
    return _merge_small(pieces, target_chars), section


def _merge_small(pieces: list[_Piece], target_chars: int) -> list[_Piece]:
    """Join pieces shorter than a fifth of the target to a neighbour on the same page.

    A short piece goes to the end of the piece before it (or, for the first piece, to the
    start of the next) when the result stays within a quarter over the target.
    """
    limit, small = target_chars * 5 // 4, target_chars // 5
    merged: list[_Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        fits = last is not None and len(last.text) + 2 + len(piece.text) <= limit
        if last is not None and fits and (len(piece.text) < small or len(last.text) < small):
            section = last.section if len(last.text) >= small else piece.section
            merged[-1] = _Piece(last.page, section, f"{last.text}\n\n{piece.text}")
        else:
            merged.append(piece)
    return merged


# --------------------------------------------------------------------------- measures


def _row_text(row: Measure) -> str:
    """An action-plan row as text: section, then the row's cells under their column names.

    Comments that only repeat an earlier cell (a parser may copy the status there) are left out.
    """
    labelled = (("Ansvarig", row.owner), ("Tidpunkt", row.due_raw), ("Status", row.status_raw))
    lines = [row.section, row.title, row.description]
    lines += [f"{label}: {value}" for label, value in labelled if value]
    text = "\n".join(line.strip() for line in lines if line and line.strip())
    comments = (row.comments or "").strip()
    if comments and text_key(comments) not in text_key(text):
        text = f"{text}\n{comments}"
    return text


def _row_piece(row: Measure) -> _Piece:
    return _Piece(row.page, row.section or row.title, _row_text(row), [row.id])


def _row_keys_by_page(rows: list[Measure]) -> dict[int, str]:
    """Per page, the comparison key of all action-plan rows that stand on it."""
    keys: dict[int, list[str]] = {}
    for row in rows:
        for number in row.pages or [row.page]:
            keys.setdefault(number, []).append(text_key(_row_text(row)))
    return {number: "|".join(parts) for number, parts in keys.items()}


def _is_covered(block: str, row_keys: str) -> bool:
    """True when the block's text is part of an action-plan row (so it is chunked there)."""
    key = text_key(block)
    return bool(row_keys and key and key in row_keys)


def _attach_measures(pieces: list[_Piece], measures: list[Measure]) -> None:
    """Give each piece the ids of measures whose title it contains (on the measure's pages).

    A page that holds exactly one monthly-status measure belongs to it as a whole.
    """
    by_page: dict[int, list[Measure]] = {}
    for measure in measures:
        for number in measure.pages or [measure.page]:
            by_page.setdefault(number, []).append(measure)
    for piece in pieces:
        on_page = by_page.get(piece.page, [])
        whole_page = len(on_page) == 1 and on_page[0].layout == MeasureLayout.MONTHLY_STATUS
        key = text_key(piece.text)
        for measure in on_page:
            title_key = text_key(measure.title)
            found = len(title_key) >= _MIN_TITLE_KEY and title_key in key
            if (found or whole_page) and measure.id not in piece.measure_ids:
                piece.measure_ids.append(measure.id)


def _field_lines(measure: Measure, text: str) -> list[str]:
    """'Ansvarig: X' and the like for the measure's fields whose values ``text`` (a chunk's
    section and text, as indexed) lacks; a value written in the measure's name ('… – leds
    av Olov Norberg') is part of the name, not a field of its own."""
    key, name = text_key(text), text_key(measure.title)
    fields = (
        ("Ansvarig", measure.owner),
        ("Tidpunkt", measure.due_raw),
        ("Status", measure.status_raw),
    )
    return [
        f"{label}: {_SPACE.sub(' ', value).strip()}"
        for label, value in fields
        if value and value.strip() and text_key(value) not in key and text_key(value) not in name
    ]


def _item_end(text: str, title: str) -> int | None:
    """Where the measure's own lines end in ``text``: the first line end, from the end of
    its title on, that closes a sentence or a paragraph (None: the title is not there)."""
    kept = [(i, c) for i, c in enumerate(text.casefold()) if c.isalnum()]
    found = "".join(c for _, c in kept).find(text_key(title))
    if not text_key(title) or found < 0:
        return None
    at = kept[found + len(text_key(title)) - 1][0]
    while True:
        end = text.find("\n", at)
        if end < 0:
            return len(text.rstrip())
        if text[:end].rstrip().endswith(_SENTENCE_CLOSE) or text.startswith("\n\n", end):
            return end
        at = end + 1


def _show_fields(pieces: list[_Piece], measures: list[Measure]) -> None:
    """Put each measure's missing fields after its own lines in the first chunk with its id.

    Recommendations are left as they are: their owner, due and assessment are read once
    from the report around them (addressee, date of the answer, the auditors' verdict),
    not from lines of their own. Without the title in the text (a chunk given by page),
    the lines go last, each naming its measure.
    """
    for measure in measures:
        piece = next((p for p in pieces if measure.id in p.measure_ids), None)
        if piece is None or measure.layout is MeasureLayout.RECOMMENDATION:
            continue
        lines = _field_lines(measure, f"{piece.section}\n{piece.text}")
        if not lines:
            continue
        end = _item_end(piece.text, measure.title)
        if end is None:
            end = len(piece.text.rstrip())
            title = measure.title.rstrip(" .")
            lines = [line.replace(":", f" för {title}:", 1) for line in lines]
        piece.text = piece.text[:end] + "\n" + "\n".join(lines) + piece.text[end:]
