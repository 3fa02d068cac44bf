"""NUMBERED and KEY_VALUE: measures written as a heading followed by their fields.

Plans that give each measure a section of its own write it as::

    Åtgärd 4: Laddinfrastruktur vid kommunens arbetsplatser       (or '2.3 Laddinfrastruktur …')
    Kommunen bygger ut laddplatser för tjänstebilar och anställda.
    Ansvarig: Tekniska förvaltningen
    Tidplan: 2024–2026
    Status: Pågår

or close the description with a small responsibility table (``responsibility``)::

    Organisation          Roll             Klart
    Kommunstyrelsen       Huvudansvarig    2025

and numbered lists put owner and year in a closing parenthesis: '3. Ta fram en resepolicy
(kommunstyrelsen, 2025)'. A *NUMBERED* measure opens at a numbered heading ('Åtgärd 4',
'Insats 2.1', '2.3 Titel', '3. Titel') and runs to the next such heading; a *KEY_VALUE*
measure is a short title followed directly by labelled lines. Only fields the text states
in labels, tables or the closing parenthesis are taken — never an owner guessed from prose
— and a heading without owner, deadline, status or responsible party is no measure (it is
a chapter of a report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.measures.dates import is_due_text, normalise_due
from ingest.measures.grid import PlainText, find_header
from ingest.measures.labels import label_of, labels_of
from ingest.measures.list_fields import sentences, trim
from ingest.measures.list_units import section_heading
from ingest.measures.prose import prose_owner_due
from ingest.measures.responsibility import (
    column_role,
    due_span,
    header_roles,
    owner_rows,
    parties,
    rows_from_grid,
    rows_from_pipes,
    rows_from_plain,
)
from ingest.measures.status import infer_status, normalise_status
from ingest.measures.text import Found, clean_line, is_furniture, join_lines, page_blocks
from ingest.pdf_layout import PdfLayout
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, Page, Responsibility

_WORD_HEAD = re.compile(
    r"^(?P<word>Åtgärd|Aktivitet|Insats|Uppdrag|Åtgärdsförslag|Förslag|ÅTGÄRD)\s+"
    r"(?:nr\.?\s*)?(?P<num>\d{1,2}(?:\.\d{1,2})*[a-z]?)\s*[:.)–—-]?\s*(?P<title>.*)$"
    # or unnumbered, the name after a colon: 'Åtgärd: Reservkraft till vattenverket'
    r"|^(?:Åtgärd|Aktivitet|Insats|Uppdrag)\s*:\s*(?P<named>[A-ZÅÄÖ][^:]{2,100})$"
)
_NUM_HEAD = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,2})\.?\s+(?P<title>[A-ZÅÄÖ\"”].{2,})$"
    r"|^(?P<one>\d{1,2})[.)]\s+(?P<title1>[A-ZÅÄÖ\"”].{2,})$"
    # a number in the margin, without a point: a title of three words or more
    r"|^(?P<bare>\d{1,2})\s+(?P<title2>[A-ZÅÄÖ][\wåäö-]*(?:\s+\S+){2,})$"
)
_TRAILING = re.compile(r"\s*\((?P<owner>[^()]{2,80}?),\s*(?P<due>[^(),]{2,30})\)\s*[.;]?$")
_LEADERS = re.compile(r"\.{4,}|…{2,}|\s\d{1,3}$")
_MAX_LINES = 60
_ENDS = (".", ")", ":", "!", "?")
_MAX_TITLE_LINES = 3


@dataclass
class _Line:
    """A line of page text; ``raw`` is its layout-mode form when the page has one."""

    text: str
    page: int
    position: int
    block_start: bool = False
    raw: str | None = None


@dataclass
class _Item:
    title: str
    number: str
    page: int
    position: int
    layout: MeasureLayout
    pages: list[int] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    labels: list[tuple[str, list[str]]] = field(default_factory=list)
    rows: list[Responsibility] = field(default_factory=list)
    owner: str | None = None
    due_raw: str | None = None


def heading(line: str) -> tuple[str, str] | None:
    """(number, title) of a numbered measure heading, else None."""
    if _LEADERS.search(line):
        return None
    word = _WORD_HEAD.match(line)
    if word:
        return word.group("num") or "", (word.group("title") or word.group("named")).strip()
    num = _NUM_HEAD.match(line)
    if num and label_of(line) is None:
        title = num.group("title") or num.group("title1") or num.group("title2")
        return num.group("num") or num.group("one") or num.group("bare"), title.strip()
    return None


def _page_lines(page: Page, layout: PdfLayout | None) -> list[_Line]:
    """The page's lines: from layout mode when a responsibility header stands on the page
    (so its columns can be read), else from the plain text with its blocks."""
    plain_lines: list[_Line] = []
    for block in page_blocks(page):
        lines = [x for x in block.lines if not is_furniture(x)]
        for n, line in enumerate(lines):
            plain_lines.append(_Line(line, page.number, block.index * 1000 + n, n == 0))
    if layout is None or not any(header_roles(x.text) for x in plain_lines):
        return plain_lines
    text = layout.text(page)
    if not text:
        return plain_lines
    plain = PlainText(page.text or "")
    out: list[_Line] = []
    blank = True
    for n, raw in enumerate(text.split("\n")):
        if not raw.strip() or is_furniture(raw):
            blank = True
            continue
        out.append(_Line(plain.respace(raw), page.number, n, blank, raw))
        blank = False
    return out


def _table(item: _Item, lines: list[_Line], i: int) -> int:
    """Read the responsibility table whose header is lines[i]; the index after it."""
    header = lines[i]
    grid = find_header(header.raw, column_role) if header.raw else None
    rest = lines[i + 1 :]
    end = next(
        (n for n, x in enumerate(rest) if x.block_start or heading(x.text) or label_of(x.text)),
        len(rest),
    )
    roles = header_roles(header.text) if "|" in header.text else None
    if roles is not None:
        rows, used = rows_from_pipes(roles, [x.text for x in rest[:end]])
    elif grid is not None:
        rows, used = rows_from_grid(grid, [x.raw or x.text for x in rest[:end]])
    else:
        rows, used = rows_from_plain([x.text for x in rest[:end]])
    item.rows += rows
    return i + 1 + used


def _add_line(item: _Item, line: _Line) -> None:
    labels = labels_of(line.text)
    if labels:
        item.labels += [(kind, [value]) for kind, value in labels]
    elif item.labels and not line.block_start:
        item.labels[-1][1].append(line.text)  # a wrapped label value
    else:
        item.body.append(line.text)
    if line.page not in item.pages:
        item.pages.append(line.page)


def _new_item(
    line: _Line, number: str, title: str, lines: list[_Line], i: int
) -> tuple[_Item, int]:
    """An item from its heading; a title on the next line(s) when the heading has none."""
    layout = MeasureLayout.NUMBERED if number else MeasureLayout.KEY_VALUE
    item = _Item(title, number, line.page, line.position, layout, pages=[line.page])
    j = i + 1
    if not title:
        parts: list[str] = []
        while j < len(lines) and len(parts) < _MAX_TITLE_LINES and label_of(lines[j].text) is None:
            if parts and lines[j].block_start:
                break
            parts.append(lines[j].text)
            j += 1
            if parts[-1].rstrip().endswith((".", ":", "!", "?")):
                break
        item.title = join_lines(parts)
    else:
        j = _wrapped_title(item, lines, j)
    trailing = _TRAILING.search(item.title)
    if trailing and is_due_text(trailing.group("due"), max_words=3):
        if not is_due_text(trailing.group("owner"), max_words=3):
            item.owner = trailing.group("owner").strip()
        item.due_raw = trailing.group("due").strip()
        item.title = item.title[: trailing.start()].rstrip(" .")
    return item, j


def _wrapped_title(item: _Item, lines: list[_Line], j: int) -> int:
    """A heading wrapped onto lower-case lines ('Åtgärd 1.2 Inrätta ett skyddsområde för' +
    'grundvattentäkten i Västerby'); a description opens a sentence of its own."""
    parts = [item.title]
    while j < len(lines) and len(parts) < _MAX_TITLE_LINES:
        line = lines[j]
        ended = parts[-1].rstrip().endswith(_ENDS)
        if ended or line.block_start or label_of(line.text) or not line.text[:1].islower():
            break
        parts.append(line.text)
        j += 1
    item.title = join_lines(parts)
    return j


def _key_value_start(lines: list[_Line], i: int) -> int:
    """How many title lines start a KEY_VALUE measure at lines[i] (0: none).

    A short block of one to three unlabelled lines followed directly by at least two
    labelled lines, one of them an owner or a deadline."""
    n = 0
    while n < _MAX_TITLE_LINES and i + n < len(lines):
        line = lines[i + n]
        if (n and line.block_start) or label_of(line.text) or header_roles(line.text):
            break
        n += 1
    if n == 0 or i + n >= len(lines):
        return 0
    kinds: list[str] = []
    for line in lines[i + n : i + n + 8]:
        labels = labels_of(line.text)
        if not labels:
            break
        kinds += [kind for kind, _ in labels]
    return n if len(kinds) >= 2 and {"owner", "due"} & set(kinds) else 0


def _title_lines(lines: list[_Line]) -> int:
    """How many of a key–value block's opening lines are its title: a title that does not
    end a sentence, followed by a line that opens one, stands alone ('Tidig signal vid
    frånvaro' / 'Skolan kontaktar …'); a wrapped title goes on in lower case."""
    n = 1
    while n < len(lines) and not lines[n - 1].text.rstrip().endswith(_ENDS):
        if not lines[n].text[:1].islower():
            break
        n += 1
    return n


def _items(lines: list[_Line]) -> list[_Item]:
    items: list[_Item] = []
    item: _Item | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        after_end = i == 0 or lines[i - 1].text.rstrip().endswith(_ENDS)
        may_head = line.block_start or after_end or item is None or not item.body
        head = heading(line.text) if may_head or _WORD_HEAD.match(line.text) else None
        if head is not None:
            item, i = _new_item(line, head[0], head[1], lines, i)
            items.append(item)
            continue
        starts = _key_value_start(lines, i) if line.block_start else 0
        if starts and (item is None or item.labels or item.rows):
            named = _title_lines(lines[i : i + starts])
            title = join_lines([x.text for x in lines[i : i + named]])
            item = _Item(title, "", line.page, line.position, MeasureLayout.KEY_VALUE, [line.page])
            item.body = [x.text for x in lines[i + named : i + starts]]
            items.append(item)
            i += starts
            continue
        if item is not None and header_roles(line.text):
            i = _table(item, lines, i)
            continue
        if line.block_start and section_heading(line.text) is not None:
            item = None  # a chapter heading ends the measure above
        if item is None or len(item.body) > _MAX_LINES:
            i += 1
            continue
        _add_line(item, line)
        i += 1
    return items


def _value(item: _Item, kind: str) -> str | None:
    values = [join_lines(v) for k, v in item.labels if k == kind]
    return "\n".join(values) if values else None


def _measure(doc: str, item: _Item) -> Measure | None:
    owner = _value(item, "owner") or item.owner
    due_raw = _value(item, "due") or item.due_raw
    status_raw = _value(item, "status")
    rows = list(item.rows)
    named = {r.organisation for r in rows}
    if owner not in named:
        rows[:0] = [
            r for r in owner_rows(owner, due_raw, None, None) if r.organisation not in named
        ]
    rows += [
        Responsibility(organisation=p, role="medverkande") for p in parties(_value(item, "partner"))
    ]
    for row in rows:
        if row.due_raw and not row.due:
            row.due, row.due_by = normalise_due(row.due_raw)
    if not (owner or due_raw or status_raw or rows) and "." in item.number:
        stated = prose_owner_due(join_lines(item.body))
        owner, due_raw = stated if stated else (None, None)
        rows = owner_rows(owner, due_raw, *normalise_due(due_raw))
    if not (owner or due_raw or status_raw or rows) or not item.title:
        return None
    leads = [r for r in rows if r.organisation and r.role and "ansvar" in r.role]
    owner = owner or next((r.organisation for r in leads or rows if r.organisation), None)
    earliest, latest = due_span(rows, due_raw)
    due, due_by = normalise_due(due_raw)
    if due is None and latest is not None:
        dated = [r for r in leads if r.due_by] or [r for r in rows if r.due_by]
        last = max(dated, key=lambda r: r.due_by or latest, default=None)
        due_raw, due, due_by = (last.due_raw, last.due, last.due_by) if last else (None, None, None)
    status = normalise_status(status_raw)
    if status is MeasureStatus.UNKNOWN and status_raw:
        status = infer_status(status_raw)
    comments = [f"Kostnad: {v}" for v in [_value(item, "cost")] if v]
    comments += [v for v in [_value(item, "comment")] if v]
    description = join_lines(item.body)
    extra = _value(item, "description")
    title = trim(clean_line(item.title).rstrip(" .:"))
    if len(sentences(title)) > 1 and not description:
        title, description = trim(sentences(title)[0].rstrip(" .")), item.title
    return Measure(
        id="",
        doc=doc,
        page=item.page,
        pages=sorted(set(item.pages)),
        layout=item.layout,
        title=title,
        description="\n".join(x for x in (description, extra) if x),
        owner=owner,
        due_raw=due_raw,
        due=due,
        due_by=due_by,
        status_raw=status_raw,
        status=status,
        responsibilities=rows,
        due_earliest=earliest,
        due_latest=latest,
        comments="\n".join(comments) or None,
        risks=_value(item, "risks"),
        next_steps=_value(item, "next"),
    )


def parse_numbered(doc: str, pages: list[Page], layout: PdfLayout | None = None) -> list[Found]:
    """Measures from numbered measure sections and key–value blocks among ``pages``."""
    lines: list[_Line] = []
    for page in pages:
        lines += _page_lines(page, layout)
    found: list[Found] = []
    for item in _items(lines):
        measure = _measure(doc, item)
        if measure is not None:
            found.append(Found(measure, item.page, 200 + item.position))
    return found
