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
