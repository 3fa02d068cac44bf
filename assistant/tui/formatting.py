"""Pure helpers that turn records into what the screens show: colours, labels, highlights.

Nothing here touches a widget, so the rules (what is overdue, which words are highlighted,
how a column sorts) are tested without running the app.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from rich.text import Text
from textual.content import Content

from lagesbild.types import Measure, MeasureStatus, NumberKind

STATUS_COLOURS: dict[MeasureStatus, str] = {
    MeasureStatus.DONE: "green",
    MeasureStatus.ON_TRACK: "green",
    MeasureStatus.PARTLY_ON_TRACK: "yellow",
    MeasureStatus.OFF_TRACK: "red",
    MeasureStatus.ONGOING: "cyan",
    MeasureStatus.NOT_STARTED: "magenta",
    MeasureStatus.DELAYED: "red",
    MeasureStatus.UNKNOWN: "bright_black",
}
"""One colour per measure status, used in the register table, the chart and the detail."""

OVERDUE_STYLE = "bold red"
OVERDUE_MARK = "⚠"

NUMBER_KIND_LABELS: dict[NumberKind, str] = {
    NumberKind.MONEY: "belopp",
    NumberKind.PERCENT: "procent",
    NumberKind.COUNT: "antal",
    NumberKind.QUANTITY: "mängd",
    NumberKind.NUMBER: "tal",
    NumberKind.YEAR: "år",
    NumberKind.DATE: "datum",
    NumberKind.REFERENCE: "hänvisning",
}

SORT_COLUMNS: dict[str, str] = {
    "title": "Åtgärd",
    "owner": "Ansvarig",
    "due": "Tidpunkt",
    "status": "Status",
    "source": "Källa",
}
"""Register columns by key, with their Swedish headings."""

_STATUS_ORDER = {status: index for index, status in enumerate(MeasureStatus)}
_STOPWORDS = frozenset(
    (
        "och", "att", "det", "som", "en", "ett", "på", "för", "med", "av", "är", "till", "den",
        "om", "de", "i", "har", "inte", "vad", "hur", "var", "när", "vilka", "vilken", "vilket",
        "kan", "ska", "skall", "från", "eller", "men", "så", "sig",
    )
)  # fmt: skip
_WORD = re.compile(r"[\wÅÄÖåäö%/-]+")


def is_overdue(measure: Measure, today: date) -> bool:
    """A measure is overdue when its due period has ended and it is not done."""
    return (
        measure.due_by is not None
        and measure.due_by < today
        and measure.status is not MeasureStatus.DONE
    )


def due_label(measure: Measure) -> str:
    """The due date as the user reads it: normalised if known, else as written."""
    return measure.due or measure.due_raw or ""


def short_source(measure: Measure) -> str:
    """'doc s. page', plus '(+n)' when the measure also stands in n other documents."""
    more = f" (+{len(measure.also_in)})" if measure.also_in else ""
    return f"{measure.doc} s. {measure.page}{more}"


def status_text(status: MeasureStatus) -> Text:
    """The status as a coloured cell."""
    return Text(status.value, style=STATUS_COLOURS[status])


def due_text(measure: Measure, today: date) -> Text:
    """The due cell: red with a warning mark when overdue."""
    label = due_label(measure)
    if is_overdue(measure, today):
        return Text(f"{label} {OVERDUE_MARK}", style=OVERDUE_STYLE)
    return Text(label)


def sort_key(column: str) -> Callable[[Measure], tuple[object, ...]]:
    """A sort key for a register column; empty values sort last."""
    keys: dict[str, Callable[[Measure], tuple[object, ...]]] = {
        "title": lambda m: (m.title.casefold(),),
        "owner": lambda m: (m.owner is None, (m.owner or "").casefold()),
        "due": lambda m: (m.due_by is None, m.due_by or date.max, m.title.casefold()),
        "status": lambda m: (_STATUS_ORDER[m.status], m.title.casefold()),
        "source": lambda m: (m.doc, m.page, m.id),
    }
    return keys[column]


def sort_measures(measures: Iterable[Measure], column: str, reverse: bool) -> list[Measure]:
    """Measures sorted by a column. Reversing keeps empty values last."""
    key = sort_key(column)
    present = [m for m in measures if not _is_empty(m, column)]
    empty = [m for m in measures if _is_empty(m, column)]
    return sorted(present, key=key, reverse=reverse) + sorted(empty, key=sort_key("source"))


def _is_empty(measure: Measure, column: str) -> bool:
    if column == "owner":
        return not measure.owner
    if column == "due":
        return measure.due_by is None
    return False


def status_counts(measures: Sequence[Measure]) -> list[tuple[MeasureStatus, int]]:
    """(status, count) for every status that occurs, in the enum's order."""
    counts = Counter(m.status for m in measures)
    return [(status, counts[status]) for status in MeasureStatus if counts[status]]


def status_chart(measures: Sequence[Measure], today: date, width: int = 24) -> Content:
    """Horizontal bars of measures per status, plus how many are overdue."""
    counts = status_counts(measures)
    if not counts:
        return Content("Inga åtgärder att räkna.")
    top = max(count for _, count in counts)
    label_width = max(len(status.value) for status, _ in counts)
    lines = []
    for status, count in counts:
        bar = "█" * max(1, round(width * count / top))
        lines.append(
            Content.assemble(
                f"{status.value:<{label_width}} ",
                (bar, STATUS_COLOURS[status]),
                f" {count}",
            )
        )
    overdue = sum(is_overdue(m, today) for m in measures)
    lines.append(Content.assemble(("Förfallna, ej klara: ", "bold"), (str(overdue), OVERDUE_STYLE)))
    return Content("\n").join(lines)


def query_terms(query: str) -> list[str]:
    """The words of a query worth highlighting (no stop words, no single letters)."""
    words = [w.casefold().strip("-/") for w in _WORD.findall(query)]
    return sorted({w for w in words if len(w) > 1 and w not in _STOPWORDS}, key=len, reverse=True)


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans of words in ``text`` that start with a query term (so inflected
    Swedish forms match: 'underskott' marks 'underskottet')."""
    terms = query_terms(query)
    spans = []
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if any(word.startswith(term) for term in terms):
            spans.append((match.start(), match.end()))
    return spans


def highlight(text: str, query: str, style: str = "bold reverse") -> Content:
    """The passage as content with the query's words highlighted."""
    content = Content(text)
    for start, end in highlight_spans(text, query):
        content = content.stylize(style, start, end)
    return content


def format_sek(value: float | None) -> str:
    """Kronor with a space as thousands separator ('8 388 424 kr'), '' when unknown."""
    if value is None:
        return ""
    return f"{value:,.0f} kr".replace(",", " ")
