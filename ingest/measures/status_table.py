"""STATUS_TABLE: slide status tables with columns like 'Innehåll | Status | Prognos'.

The text layer of such slides has the cells out of order: the first rows' titles can
come before the header, then their statuses, then their forecasts; later rows come as
'Samordna admin RUF-RS Delvis enligt plan' with the forecast as its own block. Rows
are recovered from vocabulary, not positions:

1. every line is cut into fragments — a title, a status phrase (recognised from the
   status vocabulary, also when it ends or starts a line), a forecast ('Hög', 'Medel, …',
   'Låg, …' plus its wrapped continuation lines) or a comment sentence;
2. a title starts a row; a status or forecast on the *same line* as a title or status
   belongs to that same row (same line = same table row);
3. the remaining statuses, then the remaining forecasts, fill the rows in order: the
   k-th free status goes to the first row still without one, and so on;
4. a sentence after the rows ('Aktuellt acc utfall 2021 är 78% mot plan/krav.') is a
   comment on the row before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.measures.status import leading_status, normalise_status, trailing_status
from ingest.measures.text import Found, TextBlock, join_lines, page_blocks
from lagesbild.types import Measure, MeasureLayout, Page

_HEADER_WORDS = frozenset(
    {
        "innehåll",
        "status",
        "prognos",
        "effekthemtagning",
        "effekt",
        "åtgärd",
        "åtgärder",
        "aktivitet",
        "aktiviteter",
        "uppdrag",
        "insats",
        "insatser",
        "kommentar",
        "kommentarer",
        "bedömning",
        "område",
        "namn",
        "beskrivning",
        "delprojekt",
        "projekt",
        "och",
        "/",
        "-",
        "–",
        "lägesbedömning",
        "läge",
    }
)
_ROW_HEADS = frozenset(
    {
        "innehåll",
        "åtgärd",
        "åtgärder",
        "aktivitet",
        "aktiviteter",
        "uppdrag",
        "insats",
        "insatser",
        "delprojekt",
        "projekt",
        "område",
        "namn",
    }
)
_FORECAST = re.compile(
    r"^(?P<level>(?:mycket\s+)?(?:hög|medel|medelhög|låg|ingen|osäker|god|stor|liten))"
    r"(?:[,.:;–\-]\s*(?P<rest>.*)|\s*)$",
    re.IGNORECASE,
)
_MIN_ROWS = 2


@dataclass
class _Fragment:
    kind: str  # combination of 'T' (title), 'S' (status), 'F' (forecast), 'C' (comment)
    block: int
    title: list[str] = field(default_factory=list)
    status: str = ""
    forecast: list[str] = field(default_factory=list)


@dataclass
class _Row:
    title: str
    block: int
    status: str = ""
    forecast: str = ""
    comments: list[str] = field(default_factory=list)


def _words(line: str) -> list[str]:
    return [w for w in re.split(r"[\s/]+", line.casefold().strip(" :")) if w]


def is_header_line(line: str) -> bool:
    """True for a line made only of column-header words, one of them 'Status'/'Prognos'."""
    words = _words(line)
    return bool(words) and set(words) <= _HEADER_WORDS and bool({"status", "prognos"} & set(words))


def looks_like_status_table(blocks: list[TextBlock]) -> bool:
    """A status header ('Status' next to a row head such as 'Innehåll') on the page."""
    words: set[str] = set()
    for block in blocks:
        for line in block.lines:
            if is_header_line(line):
                words |= set(_words(line))
    return "status" in words and bool(words & (_ROW_HEADS | {"prognos"}))


def _forecast_start(line: str) -> str | None:
    match = _FORECAST.match(line.strip())
    return match.group(0).strip() if match else None


def _cut_line(line: str, block: int) -> _Fragment:
    """Cut one line into title / status / forecast parts."""
    lead = leading_status(line)
    if lead and (not lead[1] or _forecast_start(lead[1])):
        rest = [lead[1]] if lead[1] else []
        return _Fragment("SF" if rest else "S", block, status=lead[0], forecast=rest)
    level = _forecast_start(line)
    if level:
        return _Fragment("F", block, forecast=[level])
    trail = trailing_status(line)
    if trail and trail[0]:
        return _Fragment("TS", block, title=[trail[0]], status=trail[1])
    if trail:
        return _Fragment("S", block, status=trail[1])
    if line.rstrip().endswith((".", "!")) and len(line.split()) >= 4:
        return _Fragment("C", block, title=[line])
    return _Fragment("T", block, title=[line])


def is_heading_line(line: str, title: str | None) -> bool:
    """The slide heading ('Omställningsplanen innehåll och status'), not a row."""
    if title and line.strip().casefold() == title.strip().casefold():
        return True
    return "status" in _words(line) and trailing_status(line) is None


def _fragments(blocks: list[TextBlock], title: str | None) -> list[_Fragment]:
    """All fragments of the page in text order, wrapped lines folded into the one before."""
    out: list[_Fragment] = []
    for block in blocks:
        current: _Fragment | None = None
        for line in block.lines:
            if is_header_line(line) or is_heading_line(line, title):
                current = None
                continue
            frag = _cut_line(line, block.index)
            lower = frag.kind in ("T", "C") and line[:1].islower()
            if current is not None and lower and current.kind in ("F", "SF"):
                current.forecast.append(line)
            elif current is not None and current.kind in ("T", "C") and (lower or frag.kind == "T"):
                current.title.append(line)
            else:
                out.append(frag)
                current = frag
    return out


def _assign(fragments: list[_Fragment]) -> list[_Row]:
    """Pair titles, statuses and forecasts into rows (see the module docstring)."""
    rows: list[_Row] = []
    free_status: list[_Fragment] = []
    free_forecast: list[str] = []
    for frag in fragments:
        if frag.kind.startswith("T"):
            rows.append(_Row(title=join_lines(frag.title), block=frag.block, status=frag.status))
        elif frag.kind == "C" and rows:
            rows[-1].comments.append(join_lines(frag.title))
        elif "S" in frag.kind:
            free_status.append(frag)
        elif frag.kind == "F":
            free_forecast.append(join_lines(frag.forecast))
    for frag in free_status:
        row = next((r for r in rows if not r.status), None)
        if row is None:
            break
        row.status = frag.status
        if frag.forecast:
            row.forecast = join_lines(frag.forecast)
    for forecast in free_forecast:
        row = next((r for r in rows if not r.forecast), None)
        if row is None:
            break
        row.forecast = forecast
    return [r for r in rows if r.status and len(r.title) >= 3]


def _section(blocks: list[TextBlock], title: str | None) -> str:
    if title:
        return title
    for block in blocks:
        for line in block.lines:
            if is_heading_line(line, None) and not is_header_line(line):
                return line
    return ""


def parse_status_table(doc: str, page: Page) -> list[Found]:
    """Measures from one status-table slide; [] if the page is not one."""
    blocks = page_blocks(page)
    if not looks_like_status_table(blocks):
        return []
    rows = _assign(_fragments(blocks, page.title))
    if len(rows) < _MIN_ROWS:
        return []
    found: list[Found] = []
    for row in rows:
        measure = Measure(
            id="",
            doc=doc,
            page=page.number,
            pages=[page.number],
            layout=MeasureLayout.STATUS_TABLE,
            section=_section(blocks, page.title),
            title=row.title,
            status_raw=row.status,
            status=normalise_status(row.status),
            forecast=row.forecast or None,
            comments="\n".join(row.comments) or None,
        )
        found.append(Found(measure, page.number, row.block))
    return found
