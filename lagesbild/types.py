"""The project's vocabulary: every record that crosses a layer boundary.

Data flows one way — ``ingest`` (parse → segment → extract → chunk) produces
``ParsedDocument`` / ``ExtractedDocument``; ``vectorstore`` stores and searches them;
``assistant`` answers from them. Every layer imports its records from here, so one
field has one shape everywhere (a page number is always a 1-based ``int``).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base for all records: strict field names, JSON friendly."""

    model_config = ConfigDict(extra="forbid", frozen=False)


# --------------------------------------------------------------------------- documents


class SourceFormat(StrEnum):
    """The file format a document was read from."""

    PDF = "pdf"
    PPTX = "pptx"
    DOCX = "docx"
    TXT = "txt"
    MD = "md"


class DocumentKind(StrEnum):
    """What kind of document this is, detected from its content."""

    SLIDE_DECK = "slide_deck"
    AUDIT_REPORT = "audit_report"
    AUDIT_RESPONSE = "audit_response"
    ACTION_PLAN = "action_plan"
    STATUS_REPORT = "status_report"
    OTHER = "other"


DOCUMENT_KIND_LABELS: dict[DocumentKind, str] = {
    DocumentKind.SLIDE_DECK: "bildspel",
    DocumentKind.AUDIT_REPORT: "revisionsrapport",
    DocumentKind.AUDIT_RESPONSE: "svar till revisorerna",
    DocumentKind.ACTION_PLAN: "åtgärdsplan",
    DocumentKind.STATUS_REPORT: "månadsrapport",
    DocumentKind.OTHER: "övrigt",
}


class Table(Record):
    """A real table from a PPTX/DOCX (rows of cell texts, header row first)."""

    rows: list[list[str]] = Field(description="Rows of normalised cell texts, in order.")


class HiddenReason(StrEnum):
    """Why text on a page is not part of what a reader sees as the page's body text."""

    COLOUR = "colour"  # PDF: drawn in the colour of what lies under it (white on white)
    TINY = "tiny"  # PDF: set in a font too small to read (under 2 pt)
    INVISIBLE = "invisible"  # PDF: render mode 3/7 or fully transparent, over no picture
    OFF_PAGE = "off_page"  # PDF: placed outside the page's visible box
    VANISH = "vanish"  # DOCX: a run formatted as hidden (w:vanish)
    COMMENT = "comment"  # DOCX: a reviewer's comment (word/comments.xml)


class HiddenText(Record):
    """Text a page holds that a reader does not see as its body text; never evidence."""

    text: str = Field(description="The hidden text, normalised.")
    reason: HiddenReason = Field(description="Why it counts as hidden.")
    block: str = Field(
        default="",
        description=(
            "The visible block (paragraph) the hidden text stands in, if any: quarantined "
            "with it when the hidden text addresses an AI assistant."
        ),
    )


class Page(Record):
    """One page of a PDF, one slide of a PPTX, or one section of a DOCX/TXT file."""

    number: int = Field(description="1-based page or slide number.")
    text: str = Field(
        description=(
            "Normalised text in reading order. Blocks (paragraphs, text frames, table "
            "cells) are separated by one blank line; lines inside a block by a newline."
        )
    )
    title: str | None = Field(default=None, description="Slide title or first heading, if known.")
    is_slide: bool = Field(default=False, description="True for slides (PPTX or landscape PDF).")
    notes: str = Field(default="", description="Speaker notes (PPTX), normalised.")
    tables: list[Table] = Field(default_factory=list, description="Real tables on the page.")
    ocr: bool = Field(default=False, description="True when the text was read by OCR.")
    quarantined: list[str] = Field(
        default_factory=list,
        description=(
            "Blocks (paragraphs, cells, notes, hidden runs) that address an AI assistant or "
            "model; kept out of evidence, prompts and the number check."
        ),
    )
    hidden: list[HiddenText] = Field(
        default_factory=list,
        description=(
            "Text kept out of ``text``: hidden PDF text (white, tiny, invisible or off-page), "
            "hidden Word runs and Word comments. Never evidence; quarantined when it "
            "addresses an AI assistant."
        ),
    )


class Document(Record):
    """One ingested file."""

    doc: str = Field(description="File name, e.g. 'rapport.pdf'; the key users see.")
    path: str = Field(description="Absolute path the file was read from.")
    sha256: str = Field(description="Hex SHA-256 of the file's bytes.")
    format: SourceFormat = Field(description="File format.")
    kind: DocumentKind = Field(description="Detected document kind.")
    kind_reason: str = Field(default="", description="Why that kind was chosen (for the user).")
    title: str = Field(default="", description="Document title, from metadata or first page.")
    pages: int = Field(description="Number of pages or slides.")
    year: int | None = Field(default=None, description="The year the document is about, if found.")
    period: str | None = Field(
        default=None,
        description="The month a report covers, 'YYYY-MM' (monthly reports), if found.",
    )
    warnings: list[str] = Field(
        default_factory=list, description="Non-fatal problems, in Swedish, e.g. pages without text."
    )
    ingested_at: datetime | None = Field(default=None, description="When it was stored (UTC).")


class ParsedDocument(Record):
    """The output of a parser: the document and its pages."""

    document: Document = Field(description="Document metadata.")
    pages: list[Page] = Field(description="Pages in order.")


# --------------------------------------------------------------------------- numbers


class NumberKind(StrEnum):
    """What a number in text denotes."""

    MONEY = "money"  # kronor, tkr, mkr, MSEK, miljarder …
    PERCENT = "percent"  # 78%, 0,14 %, procent
    COUNT = "count"  # 260st, 15-20 patienter, 140 årsarbetare
    QUANTITY = "quantity"  # a number with another unit: 1,64 kg/mil, 12 km
    NUMBER = "number"  # a bare number with no unit
    YEAR = "year"  # 2016, 2021-2022 as years
    DATE = "date"  # 2016-12-22, 9/4, Sept 2017, hösten 2017, Q4 2021
    REFERENCE = "reference"  # § 142, RS/383/2016, section numbers like 2.1


AMOUNT_KINDS: frozenset[NumberKind] = frozenset(
    {NumberKind.MONEY, NumberKind.PERCENT, NumberKind.COUNT, NumberKind.QUANTITY, NumberKind.NUMBER}
)


class NumberMention(Record):
    """A number found in a text by the Swedish number parser."""

    raw: str = Field(description="The exact text matched, e.g. '29,5 MSEK'.")
    start: int = Field(description="Start offset in the parsed text.")
    end: int = Field(description="End offset (exclusive) in the parsed text.")
    kind: NumberKind = Field(description="What the number denotes.")
    value: float | None = Field(
        description="Numeric value as written (29.5 for '29,5 MSEK'); for ranges the low end."
    )
    value_high: float | None = Field(default=None, description="High end of a range, else None.")
    unit: str = Field(
        default="",
        description="Normalised unit label: 'kr', 'tkr', 'mkr', 'mdkr', '%', 'st', or the word "
        "after a count ('patienter'); '' when none.",
    )
    sek: float | None = Field(
        default=None, description="For money: the value in kronor (29.5 MSEK → 29 500 000.0)."
    )
    sek_high: float | None = Field(default=None, description="For money ranges: high end in SEK.")
    normalized: str = Field(
        default="",
        description="Canonical display form, e.g. '29,5 mkr', '78 %', '2016-12-22'.",
    )
    precision: int | None = Field(
        default=None,
        description="The precision the number is written with, as the power of ten of its "
        "step: -1 for '8,4' (0.1), 2 for '10 600' (100), 0 for '20'; a range takes the coarser "
        "end. Set for amounts and bare numbers; None for dates, years and most references.",
    )


class Figure(NumberMention):
    """A number taken from a source document, with where it stands."""

    id: str = Field(description="Stable id: '<doc_id>:f<n>'.")
    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page or slide number.")
    context: str = Field(description="The sentence (or table line) around the number.")
    row_label: str | None = Field(
        default=None, description="Table row label (e.g. 'Intäkter') when read from a table."
    )
    column_label: str | None = Field(
        default=None, description="Table column label (e.g. 'Prognos helår') when from a table."
    )
    lead_in: str = Field(
        default="",
        description="The text between the page's previous amount and this figure's line (its "
        "last 300 characters): what a table row or a key-figure line is about when the line "
        "itself does not say ('Kiropraktoravtal avtalen upphörde …' above 'Minskad kostnad "
        "1300 tkr').",
    )
    ocr: bool = Field(default=False, description="True when the page was read by OCR.")
    quarantined: bool = Field(
        default=False,
        description="True when the number stands in text addressed to an AI assistant; "
        "such a figure never supports a claim.",
    )


# --------------------------------------------------------------------------- measures


class MeasureStatus(StrEnum):
    """Normalised status of a measure."""

    DONE = "klar"
    ON_TRACK = "enligt plan"
    PARTLY_ON_TRACK = "delvis enligt plan"
    OFF_TRACK = "ej enligt plan"
    ONGOING = "pågår"
    NOT_STARTED = "ej påbörjad"
    DELAYED = "försenad"
    UNKNOWN = "okänd"


class MeasureLayout(StrEnum):
    """Which document layout a measure was read from."""

    STATUS_TABLE = "status_table"  # Innehåll / Status / Prognos effekthemtagning
    ACTION_PLAN = "action_plan"  # Aktivitet / Beskrivning / Ansvarig / Tidpunkt / Status
    MONTHLY_STATUS = "monthly_status"  # FM Uppdrag … Kommande månad / Senaste månaden …
    STATUS_LIST = "status_list"  # 'Planeringsprocessen,klar'
    ACTION_LIST = "action_list"  # 'Åtgärder' heading, one measure per paragraph or bullet
    NUMBERED = "numbered"  # numbered headings (1.1, 'Åtgärd 4') with field labels or a table
    TABLE = "table"  # any table whose header names a measure column (Åtgärd/Aktivitet/…)
    KEY_VALUE = "key_value"  # 'Ansvarig: …' / 'Tidplan: …' lines under a measure title
    RECOMMENDATION = "recommendation"  # auditors' recommendation: a measure to answer


class StatusSource(StrEnum):
    """Where a measure's status comes from."""

    STATED = "stated"  # written in a status field of the source
    INFERRED = "inferred"  # read from the text ('påbörjades' → pågår)
    RULE = "rule"  # derived by a rule (e.g. the CLG colour), see status_rule
    UNKNOWN = "unknown"  # nothing says


class Responsibility(Record):
    """One responsible party of a measure, as one row of its source."""

    organisation: str | None = Field(default=None, description="Förvaltning/bolag/nämnd.")
    role: str | None = Field(default=None, description="Role, e.g. 'huvudansvarig'.")
    due_raw: str | None = Field(default=None, description="Deadline as written.")
    due: str | None = Field(default=None, description="Normalised: 'YYYY', 'YYYY-MM', date.")
    due_by: date | None = Field(default=None, description="Last day of the due period.")


class SourceRef(Record):
    """A place in a source document."""

    doc: str = Field(description="File name.")
    page: int = Field(description="1-based page or slide number.")
    measure_id: str | None = Field(default=None, description="Measure at that place, if any.")


class Measure(Record):
    """One measure (åtgärd / uppdrag / aktivitet) from the register."""

    id: str = Field(description="Stable id: '<doc_id>:m<n>'.")
    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page/slide where the measure starts.")
    pages: list[int] = Field(default_factory=list, description="All pages the measure spans.")
    layout: MeasureLayout = Field(description="Layout it was read from.")
    section: str = Field(default="", description="Heading or group the measure stands under.")
    title: str = Field(description="Name of the measure, as written (hyphenation undone).")
    description: str = Field(default="", description="Description / comment text.")
    owner: str | None = Field(default=None, description="Ansvarig, as written.")
    due_raw: str | None = Field(default=None, description="Tidpunkt as written, e.g. 'Jan 2017'.")
    due: str | None = Field(
        default=None, description="Normalised due: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."
    )
    due_by: date | None = Field(
        default=None, description="Last day of the due period (for sorting and overdue checks)."
    )
    status_raw: str | None = Field(default=None, description="Status text as written.")
    status: MeasureStatus = Field(default=MeasureStatus.UNKNOWN, description="Normalised status.")
    status_source: StatusSource = Field(
        default=StatusSource.UNKNOWN, description="Where the status comes from."
    )
    status_rule: str = Field(
        default="", description="For inferred/rule statuses: the words or rule that set it."
    )
    responsibilities: list[Responsibility] = Field(
        default_factory=list,
        description="Every responsible party with its role and deadline, one per source row.",
    )
    due_earliest: date | None = Field(default=None, description="Earliest deadline of all rows.")
    due_latest: date | None = Field(default=None, description="Latest deadline of all rows.")
    forecast: str | None = Field(
        default=None, description="Prognos (e.g. effekthemtagning: 'Hög'), as written."
    )
    last_month: str | None = Field(default=None, description="Senaste månaden (monthly reports).")
    next_steps: str | None = Field(default=None, description="Nästa steg / Kommande månad.")
    comments: str | None = Field(default=None, description="Kommentarer.")
    risks: str | None = Field(default=None, description="Risker, as written.")
    support_need: str | None = Field(default=None, description="Behov av stöd, as written.")
    amounts: list[Figure] = Field(
        default_factory=list, description="Money/percent/count figures stated in the measure."
    )
    also_in: list[SourceRef] = Field(
        default_factory=list,
        description="The same measure in other documents (e.g. the PPTX of the same report).",
    )


# --------------------------------------------------------------------------- chunks


class Chunk(Record):
    """A passage for retrieval, never crossing documents."""

    id: str = Field(description="Stable id: '<doc_id>:c<n>'.")
    doc: str = Field(description="File name of the source document.")
    doc_kind: DocumentKind = Field(description="Kind of the source document.")
    page: int = Field(description="1-based page/slide where the chunk starts.")
    section: str = Field(default="", description="Section or slide title.")
    text: str = Field(description="Chunk text, original wording and numbers untouched.")
    measure_ids: list[str] = Field(default_factory=list, description="Measures it belongs to.")
    year: int | None = Field(default=None, description="Year of the source document, if known.")
    quarantined: bool = Field(
        default=False,
        description="True when the passage addresses an AI assistant: never evidence or prompt.",
    )
    ocr: bool = Field(default=False, description="True when the passage was read by OCR.")


class ExtractedDocument(Record):
    """Everything ingest produces for one file, stored together as one unit."""

    document: Document = Field(description="Document metadata.")
    pages: list[Page] = Field(description="Parsed pages.")
    figures: list[Figure] = Field(description="Every number with its unit and place.")
    measures: list[Measure] = Field(description="Measures found in the document.")
    chunks: list[Chunk] = Field(description="Retrieval chunks.")


# --------------------------------------------------------------------------- ingest results


class IngestFailure(Record):
    """A file that could not be ingested, and why."""

    path: str = Field(description="The file's path as given.")
    error: str = Field(description="Message naming the file, the cause and the fix.")


class IngestSummary(Record):
    """What one `lagesbild ingest` run did."""

    documents: int = Field(default=0, description="Documents ingested (new or changed).")
    pages: int = Field(default=0, description="Pages in the ingested documents.")
    measures: int = Field(default=0, description="Measures found in the ingested documents.")
    figures: int = Field(default=0, description="Figures found in the ingested documents.")
    chunks: int = Field(default=0, description="Chunks stored for the ingested documents.")
    skipped: int = Field(default=0, description="Files unchanged since the last ingest.")
    failed: list[IngestFailure] = Field(default_factory=list, description="Files that failed.")
    warnings: list[str] = Field(default_factory=list, description="Non-fatal problems.")


# --------------------------------------------------------------------------- search


class SearchHit(Record):
    """One retrieved passage."""

    chunk_id: str = Field(description="Id of the chunk.")
    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page/slide number.")
    kind: DocumentKind = Field(description="Kind of the source document.")
    section: str = Field(default="", description="Section or slide title.")
    text: str = Field(description="The passage text.")
    score: float = Field(description="Fused relevance score (higher is better).")
    measure_ids: list[str] = Field(default_factory=list, description="Measures it belongs to.")
    quarantined: bool = Field(default=False, description="Passage addresses an AI assistant.")
    ocr: bool = Field(default=False, description="Passage read by OCR.")


# --------------------------------------------------------------------------- number check


class NumberStatus(StrEnum):
    """How a number in a generated or pasted text is backed by the sources."""

    SUPPORTED = "supported"  # equals a figure of a source
    DERIVED = "derived"  # a sum/difference/ratio of figures, or a rounding/unit change
    UNSUPPORTED = "unsupported"  # no figure backs it
    MISATTRIBUTED = "misattributed"  # the value stands in the sources, but about something else
    QUARANTINED = "quarantined"  # the value stands only in text addressed to an AI assistant


class FigureRef(Record):
    """The source figure a checked number was matched to."""

    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page or slide number.")
    raw: str = Field(description="The figure as written in the source.")
    figure_id: str = Field(description="Id of the matched Figure.")
    context: str = Field(default="", description="The figure's own sentence or table line.")
    ocr: bool = Field(default=False, description="The figure was read by OCR.")


class NumberCheck(Record):
    """One number of a text, checked against the figures taken from the sources."""

    raw: str = Field(description="The number as written in the checked text.")
    start: int = Field(description="Start offset in the checked text.")
    end: int = Field(description="End offset (exclusive) in the checked text.")
    kind: NumberKind = Field(description="What the number denotes.")
    value: float | None = Field(description="Numeric value as written.")
    unit: str = Field(default="", description="Normalised unit label.")
    status: NumberStatus = Field(description="supported, derived or unsupported.")
    source: FigureRef | None = Field(default=None, description="The best matching figure.")
    from_cited: bool = Field(
        default=False, description="True when the match is in a cited source, not just any."
    )
    explanation: str = Field(
        default="", description="Swedish note, e.g. 'avrundat från 8 388 424 kronor'."
    )


# --------------------------------------------------------------------------- answers


class Citation(Record):
    """A numbered source an answer cites."""

    n: int = Field(description="The marker number used in the answer text: [n].")
    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page or slide number.")
    quote: str = Field(description="The passage (or the sentence of it) the answer relies on.")
    chunk_id: str | None = Field(default=None, description="Chunk the source came from.")
    measure_id: str | None = Field(default=None, description="Register measure, if any.")
    ocr: bool = Field(
        default=False,
        description="The page was read by OCR: its letters and numbers may be misread.",
    )


class Timings(Record):
    """Where the time of one answer went, in milliseconds."""

    retrieve_ms: float = Field(default=0.0, description="Register lookup and search.")
    ttft_ms: float = Field(default=0.0, description="Until the model's first token.")
    total_ms: float = Field(default=0.0, description="The whole answer.")


class Quote(Record):
    """A verbatim evidence sentence shown under an answer."""

    n: int = Field(description="The source's marker number [n].")
    text: str = Field(description="The quoted text, word for word (never altered).")
    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page or slide number.")


class CitationMark(Record):
    """Where a citation mark ``[n]`` stands in the lead, so views need not search for it."""

    n: int = Field(description="The source's marker number.")
    start: int = Field(description="Offset of '[' in the lead.")
    end: int = Field(description="Offset just after ']' in the lead.")


class AnswerFlag(Record):
    """A number in the answer that the check did not back, as the user must see it."""

    raw: str = Field(description="The number as written in the answer.")
    status: NumberStatus = Field(description="unsupported, misattributed or quarantined.")
    message: str = Field(description="Swedish explanation shown beside the number.")
    in_lead: bool = Field(default=True, description="True when it stands in the lead.")


class LeadKind(StrEnum):
    """Where the first sentence of an answer comes from."""

    MODEL = "model"  # the model's sentence, checked
    QUOTE = "quote"  # the best evidence clause, verbatim
    REGISTER = "register"  # the register's fields of a named measure
    TABLE = "table"  # the labelled cells of the table row the question names
    ABSTAIN = "abstain"  # 'Underlaget innehåller inget svar på frågan.'
    NONE = "none"


class Answer(Record):
    """A cited, number-checked answer to one question."""

    question: str = Field(description="The question as asked.")
    answer: str = Field(description="Answer text with [n] markers; unsupported numbers flagged.")
    lead: str = Field(default="", description="The first sentence: what an official copies.")
    lead_kind: LeadKind = Field(default=LeadKind.NONE, description="Where the lead comes from.")
    lead_marks: list[CitationMark] = Field(
        default_factory=list, description="The lead's citation marks of cited sources, in order."
    )
    quotes: list[Quote] = Field(default_factory=list, description="Verbatim evidence, in order.")
    notes: list[str] = Field(default_factory=list, description="Notes for the user (Swedish).")
    flags: list[AnswerFlag] = Field(
        default_factory=list, description="Numbers the check did not back, to show the user."
    )
    citations: list[Citation] = Field(default_factory=list, description="Sources cited, by n.")
    number_check: list[NumberCheck] = Field(
        default_factory=list, description="Every amount in the answer, checked."
    )
    abstained: bool = Field(default=False, description="True when the sources do not answer.")
    closest: list[Citation] = Field(
        default_factory=list, description="Closest sources shown when the answer abstains."
    )
    dropped_markers: list[int] = Field(
        default_factory=list, description="[n] markers that pointed at no source (removed)."
    )
    backend: str = Field(default="", description="Chat backend that wrote the answer.")
    model_text: str = Field(default="", description="The model's own text, as generated.")
    note: str = Field(
        default="", description="Why the model's text is not shown, when it is not (Swedish)."
    )
    timings: Timings = Field(default_factory=Timings, description="Time spent.")
