"""Measures (åtgärder, uppdrag, aktiviteter) from parsed pages, one parser per layout.

``extract_measures(document, pages)`` runs the deterministic layout parsers in turn —
real tables (PPTX/DOCX), PDF tables read by their columns (pypdf layout mode, ``grid``),
date-first timetables, monthly status slides, action plans in PDF text, status tables,
status lists, numbered tables whose text keeps no columns ('Nr Strukturpaket …'),
auditors' recommendations, action lists under an 'Åtgärder' heading, and
last numbered measure sections and key–value blocks (``numbered``) that no earlier parser
read — each on the pages the earlier ones did not claim, and numbers the measures
'<doc_id>:m<n>' in document order. No language model is involved; a page that fits no
layout gives nothing. Each status is labelled with where it came from (``provenance``).
"""

from __future__ import annotations

import re

from ingest.measures.action_list import parse_action_lists
from ingest.measures.action_plan import parse_action_plans
from ingest.measures.grid_table import parse_grid_tables
from ingest.measures.monthly import parse_monthly_reports
from ingest.measures.numbered import parse_numbered
from ingest.measures.numbered_rows import parse_numbered_rows
from ingest.measures.provenance import label_statuses
from ingest.measures.recommendations import parse_recommendations
from ingest.measures.status_list import parse_status_list
from ingest.measures.status_table import parse_status_table
from ingest.measures.tables import parse_tables
from ingest.measures.text import Found
from ingest.measures.timetable import parse_timetables
from ingest.pdf_layout import PdfLayout
from lagesbild.ids import MEASURE, doc_id, record_id
from lagesbild.types import Document, Measure, Page

__all__ = ["extract_measures"]


def _title_key(title: str) -> str:
    return re.sub(r"\W+", " ", title.casefold()).strip()


def _already_found(item: Found, found: list[Found]) -> bool:
    """A numbered item another layout parser already read (an item of an action list)."""
    key = _title_key(item.measure.title)
    pages = set(item.measure.pages)
    for other in found:
        if not pages & set(other.measure.pages or [other.page]):
            continue
        theirs = _title_key(other.measure.title)
        if key and theirs and (key.startswith(theirs) or theirs.startswith(key)):
            return True
    return False


def extract_measures(
    document: Document, pages: list[Page], layout: PdfLayout | None = None
) -> list[Measure]:
    """All measures of a document, in document order, with ids '<doc id>:m<n>'; ``layout``
    shares the pages' layout text read for other steps."""
    found: list[Found] = []
    claimed: set[int] = set()
    layout = layout or PdfLayout(document)
    for page in pages:
        in_tables = parse_tables(document.doc, page)
        found += in_tables
        claimed |= {page.number} if in_tables else set()
    in_grids = parse_grid_tables(
        document.doc, [p for p in pages if p.number not in claimed], layout, document.year
    )
    found += in_grids
    claimed |= {n for f in in_grids for n in f.measure.pages}
    timetables = parse_timetables(
        document.doc, [p for p in pages if p.number not in claimed], document.year, layout
    )
    found += timetables
    claimed |= {f.page for f in timetables}
    for parse in (parse_monthly_reports, parse_action_plans):
        more = parse(document.doc, [p for p in pages if p.number not in claimed])
        found += more
        claimed |= {n for f in more for n in (f.measure.pages or [f.page])}
    for page in pages:
        if page.number in claimed:
            continue
        more = parse_status_table(document.doc, page) or parse_status_list(document.doc, page)
        found += more
        claimed |= {page.number} if more else set()
    rows = parse_numbered_rows(document.doc, [p for p in pages if p.number not in claimed], pages)
    found += rows
    claimed |= {f.page for f in rows}
    found += parse_recommendations(document.doc, [p for p in pages if p.number not in claimed])
    found += parse_action_lists(document.doc, [p for p in pages if p.number not in claimed])
    numbered = parse_numbered(document.doc, [p for p in pages if p.number not in claimed], layout)
    found += [f for f in numbered if not _already_found(f, found)]
    found.sort(key=lambda f: (f.page, f.position))
    label_statuses([f.measure for f in found])
    doc = doc_id(document.sha256)
    measures: list[Measure] = []
    for n, item in enumerate(found, start=1):
        item.measure.id = record_id(doc, MEASURE, n)
        measures.append(item.measure)
    return measures
