"""Status provenance: where each measure's status comes from, decided in one place.

After the layout parsers, every measure's status is labelled:

* **stated** — a status field of the source says it ('Pågår', 'Klar', 'Ej enligt plan'),
  or the auditors do ('har omhändertagit rekommendationen'; set by that parser);
* **inferred** — a free comment says it in clear words ('arbetet påbörjades i mars' →
  pågår); ``status_rule`` holds the words;
* **rule** — an uppdrag of a monthly status report whose source states no status gets the
  status of its CLG colour (:mod:`ingest.measures.colours`); ``status_rule`` holds the
  colour, the rule and the words it saw;
* **unknown** — nothing says.
"""

from __future__ import annotations

from ingest.measures.colours import rule_status
from ingest.measures.status import clear_words, normalise_status
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, StatusSource

# Layouts whose measures are uppdrag reported monthly, where the CLG colour rules apply.
_RULE_LAYOUTS = frozenset({MeasureLayout.MONTHLY_STATUS})


def _comment(m: Measure) -> str | None:
    """The free text that reports on a measure (not its description of what to do)."""
    parts = [m.status_raw, m.comments, m.last_month]
    return "\n".join(p for p in parts if p) or None


def label_status(m: Measure) -> None:
    """Set ``status_source`` (and ``status_rule``) of one measure; a parser's own label
    (e.g. a stated recommendation verdict) is kept."""
    if m.status_source is not StatusSource.UNKNOWN:
        return
    if m.status is not MeasureStatus.UNKNOWN:
        if normalise_status(m.status_raw) is m.status:
            m.status_source = StatusSource.STATED
            return
        found = clear_words(m.status_raw or "")
        m.status_source = StatusSource.INFERRED
        m.status_rule = found[1] if found and found[0] is m.status else (m.status_raw or "")
        return
    comment = _comment(m)
    found = clear_words(comment) if comment else None
    if found:
        m.status, m.status_source, m.status_rule = found[0], StatusSource.INFERRED, found[1]
        return
    if m.layout in _RULE_LAYOUTS:
        derived = rule_status(m)
        if derived:
            m.status, m.status_source, m.status_rule = derived[0], StatusSource.RULE, derived[1]


def label_statuses(measures: list[Measure]) -> None:
    """Label the status provenance of every measure."""
    for measure in measures:
        label_status(measure)


STATUS_SOURCE_LABELS: dict[StatusSource, str] = {
    StatusSource.STATED: "uttalad i källan",
    StatusSource.INFERRED: "tolkad ur texten",
    StatusSource.RULE: "härledd med regel",
    StatusSource.UNKNOWN: "ingen uppgift",
}
_MARKS: dict[StatusSource, str] = {StatusSource.INFERRED: "tolkad", StatusSource.RULE: "regel"}


def status_origin(m: Measure) -> str:
    """Where the status comes from, in Swedish: 'tolkad ur texten: ”påbörjades”'."""
    label = STATUS_SOURCE_LABELS[m.status_source]
    return f"{label}: ”{m.status_rule}”" if m.status_rule else label


def status_mark(m: Measure) -> str:
    """A short mark for a status not stated in the source ('tolkad', 'regel'), else ''."""
    return _MARKS.get(m.status_source, "")
