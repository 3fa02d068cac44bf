"""Records of the two drafts: the reply to the auditors and the CLG summary.

Field descriptions are in English; every string a user reads (texts, rules, notes) is
Swedish. Quoted texts keep the source's wording; a number no source figure backs carries
the marker ``[⚠ ej belagt]`` (see :func:`assistant.number_check.mark_unsupported`).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from assistant.drafts.deadlines import DeadlineWatch
from assistant.labels import NUMBER_STATUS_LABELS
from lagesbild.types import MeasureStatus, NumberCheck, Record, SourceRef


class CheckedNumber(Record):
    """One number of a draft, checked against the register's figures."""

    where: str = Field(description="The part of the draft it stands in (Swedish label).")
    check: NumberCheck = Field(description="The check of the number.")

    @property
    def label(self) -> str:
        """'belagt', 'härlett' or 'ej belagt'."""
        return NUMBER_STATUS_LABELS[self.check.status]


# --------------------------------------------------------------------------- auditors


class EvidenceItem(Record):
    """A quoted sentence of a source that bears on a point of criticism."""

    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page or slide number.")
    quote: str = Field(description="The sentence (or list with its lead-in), as written.")
    score: float = Field(description="Word-overlap score of the sentence (higher is closer).")
    chunk_id: str = Field(description="Chunk the sentence was taken from.")
    reason: str = Field(default="", description="Why it answers the point, in Swedish.")


class MeasureItem(Record):
    """A register measure that answers a point of criticism."""

    measure_id: str = Field(description="Id of the register measure.")
    title: str = Field(description="Name of the measure, as written.")
    owner: str | None = Field(default=None, description="Ansvarig, as written.")
    due_raw: str | None = Field(default=None, description="Tidpunkt, as written.")
    status: MeasureStatus = Field(description="Normalised status.")
    status_raw: str | None = Field(default=None, description="Status text, as written.")
    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page where the measure starts.")
    shared_words: list[str] = Field(
        default_factory=list, description="Word stems the measure shares with the criticism."
    )
    gaps: list[str] = Field(
        default_factory=list,
        description="What is missing, in Swedish: 'inte klar (pågår)', 'ansvarig saknas' …",
    )
    score: float = Field(default=0.0, description="Similarity in meaning to the point (0–1).")
    reason: str = Field(default="", description="Why it was matched, in Swedish.")


class Criticism(Record):
    """One point of criticism from an auditors' report, with what answers it."""

    n: int = Field(description="1-based number of the point in the draft.")
    text: str = Field(description="The point as written (wrapped lines joined).")
    doc: str = Field(description="File name of the auditors' report.")
    page: int = Field(description="1-based page the point starts on.")
    lead_in: str = Field(description="The phrase that introduced the list of points.")
    evidence: list[EvidenceItem] = Field(
        default_factory=list, description="Quoted sentences of other pages that bear on it."
    )
    measures: list[MeasureItem] = Field(
        default_factory=list, description="Register measures that share words with it."
    )
    possible: list[MeasureItem] = Field(
        default_factory=list,
        description="Measures only weakly alike: 'möjligen relevant', never an answer.",
    )
    missing: list[str] = Field(
        default_factory=list, description="'Vad som saknas', one Swedish line per gap."
    )


class RevisorDraft(Record):
    """A draft reply to the auditors: every point of criticism with measures and evidence."""

    title: str = Field(description="Heading of the draft (Swedish).")
    doc: str = Field(description="File name of the auditors' report.")
    criticisms: list[Criticism] = Field(default_factory=list, description="Points, in order.")
    numbers: list[CheckedNumber] = Field(
        default_factory=list, description="Every number of the draft text, checked."
    )
    note: str = Field(default="", description="A Swedish note, e.g. when no criticism was found.")


# --------------------------------------------------------------------------- CLG


class Colour(StrEnum):
    """Traffic-light colour of an uppdrag."""

    GREEN = "grön"
    YELLOW = "gul"
    RED = "röd"


class KeyFigure(Record):
    """An amount stated in an uppdrag, normalised."""

    raw: str = Field(description="The figure as written, e.g. '29,5 MSEK'.")
    normalized: str = Field(description="Canonical form with unit, e.g. '29,5 mkr'.")
    kind: str = Field(description="money, percent, count, quantity or number.")
    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page or slide number.")


class ClgItem(Record):
    """One uppdrag of a monthly status report, with its colour and the rule that set it."""

    n: int = Field(description="1-based number of the uppdrag in the summary.")
    measure_id: str = Field(description="Id of the register measure.")
    title: str = Field(description="Name of the uppdrag, as written.")
    colour: Colour = Field(description="grön, gul or röd.")
    rule: str = Field(description="The rule that set the colour, in Swedish, with its cue.")
    explicit: bool = Field(description="True when the colour comes from a status in the source.")
    owner: str | None = Field(default=None, description="Ansvarig, as written.")
    last_month: str | None = Field(default=None, description="Senaste månaden.")
    next_steps: str | None = Field(default=None, description="Kommande månad.")
    comments: str | None = Field(default=None, description="Kommentarer.")
    risks: str | None = Field(default=None, description="Risker, as written.")
    support_need: str | None = Field(default=None, description="Behov av stöd, as written.")
    figures: list[KeyFigure] = Field(default_factory=list, description="Key figures.")
    sources: list[SourceRef] = Field(
        description="Where the uppdrag stands: the measure's page first, then other copies."
    )


class FieldChange(Record):
    """One field of an uppdrag that changed since the previous report."""

    field: str = Field(
        description="colour, title, owner, status, last_month, next_steps, comments, risks, "
        "support_need or figures."
    )
    before: str | None = Field(description="In the previous report (None: not stated).")
    after: str | None = Field(description="In this report (None: not stated).")


class UppdragChange(Record):
    """One uppdrag found in both reports, and what changed in it.

    Only the five fields of the JSON contract are serialised; the rest (rules, sources,
    new figures) is for the rendered draft.
    """

    title: str = Field(description="Name of the uppdrag in this report.")
    colour: Colour = Field(description="Colour in this report.")
    previous_colour: Colour | None = Field(description="Colour in the previous report.")
    changed: bool = Field(description="False when the uppdrag reads the same in both.")
    changes: list[FieldChange] = Field(default_factory=list, description="What changed.")
    n: int = Field(default=0, exclude=True, description="Number of the uppdrag in the summary.")
    rule: str = Field(default="", exclude=True, description="Rule that set the colour now.")
    previous_rule: str = Field(default="", exclude=True, description="Rule in the previous.")
    previous_title: str = Field(default="", exclude=True, description="Title in the previous.")
    sources: list[SourceRef] = Field(default_factory=list, exclude=True, description="Now.")
    previous_sources: list[SourceRef] = Field(
        default_factory=list, exclude=True, description="Where it stood in the previous report."
    )
    new_figures: list[KeyFigure] = Field(
        default_factory=list, exclude=True, description="Amounts not stated in the previous."
    )


class ClgComparison(Record):
    """What changed since the previous report (JSON: uppdrag, added, removed)."""

    uppdrag: list[UppdragChange] = Field(
        default_factory=list, description="Uppdrag in both reports, in this report's order."
    )
    added: list[str] = Field(default_factory=list, description="Titles of new uppdrag.")
    removed: list[str] = Field(default_factory=list, description="Titles no longer reported.")
    report: str = Field(default="", exclude=True, description="This report (name).")
    previous_report: str = Field(default="", exclude=True, description="The previous report.")
    previous_documents: list[str] = Field(
        default_factory=list, exclude=True, description="File names of the previous report."
    )
    added_sources: list[SourceRef] = Field(
        default_factory=list, exclude=True, description="Where each added uppdrag stands."
    )
    removed_sources: list[SourceRef] = Field(
        default_factory=list, exclude=True, description="Where each removed one stood."
    )


class TrendRow(Record):
    """The colours of one uppdrag month by month (None: not in that month's report)."""

    title: str = Field(description="Name of the uppdrag in the latest report.")
    colours: list[Colour | None] = Field(description="One per month, oldest first.")


class ClgSummary(Record):
    """A summary of one monthly status report for the CLG."""

    title: str = Field(description="Heading of the summary (Swedish).")
    report: str = Field(description="Title of the monthly report (or its file name).")
    documents: list[str] = Field(description="File names of the report (PDF, PPTX …).")
    rules: list[str] = Field(description="The colour rules, in Swedish, in the order applied.")
    items: list[ClgItem] = Field(default_factory=list, description="Uppdrag, in report order.")
    numbers: list[CheckedNumber] = Field(
        default_factory=list, description="Every number of the summary text, checked."
    )
    period: str | None = Field(default=None, description="The report's month, 'YYYY-MM'.")
    comparison: ClgComparison | None = Field(
        default=None, description="Changes since the previous report, when there is one."
    )
    months: list[str] = Field(
        default_factory=list, description="Months of the trend, oldest first."
    )
    trend: list[TrendRow] = Field(default_factory=list, description="Colour per uppdrag and month.")
    deadlines: DeadlineWatch | None = Field(
        default=None, description="Bevakning of the report's measures that have deadlines."
    )
