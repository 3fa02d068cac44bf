"""Helpers shared by the TUI tests (imported as `from tui_helpers import …`; no tests here)."""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Callable, Coroutine, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from assistant.answer_text import citation_marks
from assistant.tui.app import LagesbildApp
from assistant.tui.chat import AskFactory
from lagesbild.settings import get_settings
from lagesbild.types import (
    Answer,
    AnswerFlag,
    Citation,
    LeadKind,
    NumberCheck,
    NumberKind,
    NumberStatus,
    Quote,
)
from vectorstore.library import Library

REPO = Path(__file__).resolve().parent.parent
PLAN_PDF = REPO / "tests" / "data" / "plan.pdf"
SLIDES_PDF = REPO / "examples" / "corpus" / "omstallningsplanen-2021-2022.pdf"
CORRUPT_PDF = REPO / "tests" / "data" / "corrupt.pdf"
TODAY = date(2025, 6, 1)
SIZE = (120, 40)


def run(test: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run an async Pilot test from a plain pytest test."""
    asyncio.run(test())


def ingest(paths: Sequence[Path]) -> None:
    """Ingest files into the test's data directory before the app starts."""
    library = Library(get_settings())
    try:
        summary = library.ingest(paths)
    finally:
        library.close()
    assert not summary.failed, summary.failed


def make_app(ask: AskFactory | None = None, start_dir: Path | None = None) -> LagesbildApp:
    """The app on the test's data directory, with a fixed 'today'."""
    return LagesbildApp(get_settings(), ask=ask, today=TODAY, start_dir=start_dir)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker (and the workers they start) has finished.

    DirectoryTree's directory loader is a long-lived worker and is not waited for.
    """
    for _ in range(10):
        await pilot.pause()
        ours = [w for w in pilot.app.workers if w.name != "_loader"]
        if ours:  # (an empty list would mean 'all workers')
            await pilot.app.workers.wait_for_complete(ours)
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers if w.name != "_loader"):
            return


def table_titles(app: LagesbildApp) -> list[str]:
    """The titles in the register table, top to bottom."""
    table: DataTable[Any] = app.query_one("#register-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def static_text(app: LagesbildApp, selector: str) -> str:
    """The plain text a Static shows."""
    return str(app.screen.query_one(selector, Static).render())


def content_of(app: LagesbildApp, selector: str) -> Content:
    """The styled content a Static shows."""
    rendered = app.screen.query_one(selector, Static).render()
    assert isinstance(rendered, Content)
    return rendered


def styles_by_text(content: Content) -> dict[str, str]:
    """Each styled piece of ``content`` with its style (as text), for colour checks."""
    return {content.plain[s.start : s.end]: str(s.style) for s in content.spans}


def number(checked_text: str, raw: str, status: NumberStatus) -> NumberCheck:
    """A checked number at the place ``raw`` stands in the checked text."""
    start = checked_text.index(raw)
    return NumberCheck(
        raw=raw,
        start=start,
        end=start + len(raw),
        kind=NumberKind.PERCENT,
        value=None,
        status=status,
        explanation="" if status is not NumberStatus.UNSUPPORTED else "inget sådant tal",
    )


LEAD_TEXT = "Utfallet är 95 % mot målet 78 % [1][2]."
"""The model's sentence: the lead, as the check read it."""
QUOTED = (
    Quote(n=1, text="Anpassning bemanningsmål HSV", doc="omstallningsplanen-2021-2022.pdf", page=3),
    Quote(n=2, text="Översyn av bemanning", doc="plan.pdf", page=1),
)
QUOTES = tuple(f"”{q.text}” [{q.n}]" for q in QUOTED)
EVIDENCE = "Ur underlaget:\n" + "\n".join(f"• {quote}" for quote in QUOTES)
CHECKED_TEXT = LEAD_TEXT
ANSWER_TEXT = f"Utfallet är 95 % [⚠ ej belagt] mot målet 78 % [1][2].\n\n{EVIDENCE}"
"""The answer rendered as one text: the flagged lead, then the quotes under "Ur underlaget:"."""


class ScriptedAsk:
    """Streams the answer in fragments, then returns it (like ``Answerer.ask``)."""

    def __init__(self, answer: Answer, fragments: Sequence[str]) -> None:
        self.answer = answer
        self.fragments = fragments
        self.questions: list[str] = []
        self.libraries: list[Library] = []
        self.hold = threading.Event()
        self.hold.set()

    def __call__(self, question: str, on_token: Callable[[str], None]) -> Answer:
        self.questions.append(question)
        for fragment in self.fragments:
            on_token(fragment)
        self.hold.wait(timeout=10)  # a test can clear it to look at the streamed text
        return self.answer.model_copy(update={"question": question})

    def factory(self, library: Library) -> ScriptedAsk:
        """The ``AskFactory`` the app is given."""
        self.libraries.append(library)
        return self


def cite(n: int, doc: str, page: int, quote: str) -> Citation:
    """A cited source."""
    return Citation(n=n, doc=doc, page=page, quote=quote)


CITATIONS = [
    cite(1, "omstallningsplanen-2021-2022.pdf", 3, "Anpassning bemanningsmål HSV"),
    cite(2, "plan.pdf", 1, "Översyn av bemanning"),
]


def scripted_answer() -> ScriptedAsk:
    """Two citations, one supported and one unsupported number."""
    answer = Answer(
        question="",
        answer=ANSWER_TEXT,
        lead=LEAD_TEXT,
        lead_marks=citation_marks(LEAD_TEXT, {1, 2}),
        lead_kind=LeadKind.MODEL,
        quotes=list(QUOTED),
        flags=[AnswerFlag(raw="95 %", status=NumberStatus.UNSUPPORTED, message="inget sådant tal")],
        citations=CITATIONS,
        number_check=[
            number(CHECKED_TEXT, "95 %", NumberStatus.UNSUPPORTED),
            number(CHECKED_TEXT, "78 %", NumberStatus.SUPPORTED),
        ],
    )
    return ScriptedAsk(answer, ["Utfallet är ", "95 % mot målet", " 78 % [1][2]."])


AUDIT_REPORT = """Revisionsrapport – granskning av kompetensförsörjningen

Revisorerna har granskat nämndens arbete med kompetensförsörjning.

Revisorernas bedömning har sin grund i
bedömningen att

- Nämndens kompetensförsörjningsplan för sjuksköterskor saknas
- Uppföljningen av hyrpersonal är bristfällig och kostnaderna för hyrpersonal

har ökat till 42 mkr under året
- Introduktionen av nyanställda undersköterskor är inte dokumenterad
"""
MONTHLY_REPORT = (
    "Kommande månad\nRekrytering av två sjuksköterskor.\n\nSenaste månaden\n"
    "Kostnaden minskade med 3,5 mkr.\n\nUppkomna risker och Eventuellt behov av stöd\n"
    "Risk för fortsatt brist på sjuksköterskor. Behov av stöd från HR med annonsering.\n\n"
    "Uppdrag 1: Minska hyrberoendet\n"
    "\fKommande månad\nUtbildning av chefer.\n\nSenaste månaden\n"
    "Arbetet är försenat på grund av sjukdom.\n\nUppkomna risker och Eventuellt behov av stöd\n"
    "Inget behov av stöd\n\nUppdrag 2: Stärk ledarskapet\n"
)
"""A monthly status report with two uppdrag (one amount, 3,5 mkr), as plain text."""


def draft_corpus(folder: Path) -> list[Path]:
    """An auditors' report and a monthly status report, written to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "revisionsrapport.txt"
    monthly = folder / "manadsrapport.txt"
    report.write_text(AUDIT_REPORT, encoding="utf-8")
    monthly.write_text(MONTHLY_REPORT, encoding="utf-8")
    return [report, monthly]


async def ask_question(pilot: Pilot[Any], question: str, wait: bool = True) -> None:
    """Ask ``question`` in the Fråga mode (and wait for the answer)."""
    app = pilot.app
    app.query_one("#ask-input", Input).value = question
    app.query_one("#ask-input").focus()
    await pilot.press("enter")
    if wait:
        await settle(pilot)


async def open_ask_mode(pilot: Pilot[Any]) -> None:
    """Open the Sök/Fråga tab in Fråga mode."""
    await settle(pilot)
    await pilot.press("f4")
    await pilot.click("#mode-ask")


SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
"""The terminal sizes every screen is checked at: a default terminal, and a roomy one."""


def screen_text(app: LagesbildApp) -> str:
    """The screen as plain text, as the terminal shows it (with any dialog on top)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def assert_in_view(app: LagesbildApp, selector: str, *texts: str) -> None:
    """The widget lies inside the screen and each of ``texts`` is visible on it."""
    widget = app.screen.query_one(selector)
    screen = app.screen.region
    assert widget.region.height > 0 and widget.region.width > 0, selector
    assert screen.contains_region(widget.region), (selector, widget.region, screen)
    shown = screen_text(app)
    for text in texts:
        assert text in shown, (text, shown)
