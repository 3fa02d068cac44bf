"""Status provenance: stated, inferred from words, derived by the CLG colour rule, unknown."""

from __future__ import annotations

from ingest.measures.colours import rule_status
from ingest.measures.provenance import label_status
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, StatusSource

S = MeasureStatus


def _m(layout: MeasureLayout = MeasureLayout.ACTION_PLAN, **kw: object) -> Measure:
    return Measure(id="x:m1", doc="a.pdf", page=1, layout=layout, title="Uppdrag", **kw)  # type: ignore[arg-type]


def test_a_status_cell_is_stated() -> None:
    m = _m(status_raw="Ej enligt plan", status=S.OFF_TRACK)
    label_status(m)
    assert (m.status_source, m.status_rule) == (StatusSource.STATED, "")


def test_a_status_read_from_a_comment_is_inferred_with_its_words() -> None:
    m = _m(status_raw="Arbetet påbörjades i mars med en förstudie.", status=S.ONGOING)
    label_status(m)
    assert (m.status_source, m.status_rule) == (StatusSource.INFERRED, "påbörjades")


def test_comments_give_an_inferred_status_when_no_field_states_one() -> None:
    m = _m(comments="Projektet genomfört och avslutat för 2025.")
    label_status(m)
    assert (m.status, m.status_source, m.status_rule) == (
        S.DONE,
        StatusSource.INFERRED,
        "genomfört",
    )
    planned = _m(comments="Utbildningen ska ha slutförts till hösten.")
    label_status(planned)
    assert (planned.status, planned.status_source) == (S.UNKNOWN, StatusSource.UNKNOWN)


def test_a_monthly_uppdrag_without_status_gets_its_colour_rule() -> None:
    m = _m(MeasureLayout.MONTHLY_STATUS, risks="Risk för förseningar i upphandlingen.")
    label_status(m)
    assert (m.status, m.status_source) == (S.PARTLY_ON_TRACK, StatusSource.RULE)
    assert m.status_rule.startswith("gul: risker angivna")
    support = _m(MeasureLayout.MONTHLY_STATUS, support_need="Stöd från HR behövs.")
    label_status(support)
    assert (support.status, support.status_rule[:4]) == (S.OFF_TRACK, "röd:")


def test_the_colour_rule_never_overrules_a_stated_status_nor_runs_on_action_plans() -> None:
    stated = _m(MeasureLayout.MONTHLY_STATUS, status_raw="Klar", status=S.DONE, risks="Ja")
    label_status(stated)
    assert (stated.status, stated.status_source) == (S.DONE, StatusSource.STATED)
    assert rule_status(stated) is None
    plan = _m(risks="Risk för förseningar.")
    label_status(plan)
    assert (plan.status, plan.status_source) == (S.UNKNOWN, StatusSource.UNKNOWN)


def test_the_origin_is_told_in_swedish_with_the_words_or_rule() -> None:
    from ingest.measures.provenance import status_mark, status_origin

    m = _m(status_raw="Arbetet påbörjades i mars.", status=S.ONGOING)
    label_status(m)
    assert status_origin(m) == "tolkad ur texten: ”påbörjades”"
    assert status_mark(m) == "tolkad"
    stated = _m(status_raw="Klar", status=S.DONE)
    label_status(stated)
    assert (status_origin(stated), status_mark(stated)) == ("uttalad i källan", "")
