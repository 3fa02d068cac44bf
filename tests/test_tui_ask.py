"""Pilot tests of the Sök / Fråga tab: search hits, sources, streamed and checked answers."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import Embeddings
from textual.content import Content
from textual.widgets import ContentSwitcher, Input, Markdown, OptionList, RadioButton
from tui_helpers import (
    CITATIONS,
    EVIDENCE,
    LEAD_TEXT,
    PLAN_PDF,
    QUOTED,
    QUOTES,
    SIZE,
    SLIDES_PDF,
    ScriptedAsk,
    ask_question,
    cite,
    content_of,
    ingest,
    make_app,
    open_ask_mode,
    run,
    scripted_answer,
    settle,
    static_text,
    styles_by_text,
)

from assistant.answer_text import citation_marks
from assistant.answering import PREMISE_NOTE
from assistant.tui.ask_mode import Mode, ModeChoice, choose_mode, question_reason
from assistant.tui.widgets.answer_panel import AnswerPanel, AnswerText
from lagesbild.types import Answer, LeadKind


@pytest.fixture
def two_documents(fake_embeddings: Embeddings) -> None:
    """plan.pdf (two dated measures, overdue on TODAY) and a status slide deck (six)."""
    ingest([PLAN_PDF, SLIDES_PDF])


# ------------------------------------------------------------------------------ Sök / Fråga


def test_search_lists_hits_and_shows_source_with_highlights(two_documents: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await pilot.press(*"HSV", "enter")
            await settle(pilot)
            hits = app.query_one("#ask-hits", OptionList)
            assert hits.option_count > 0
            where = static_text(app, "#source-where")
            assert where.startswith(("omstallningsplanen-2021-2022.pdf, sida", "plan.pdf, sida"))
            text = content_of(app, "#source-text")
            assert any("reverse" in str(span.style) for span in text.spans)
            assert "Fråga-läget behöver" not in static_text(app, "#ask-status")

    run(scenario)


def test_ask_mode_is_disabled_without_an_assistant(fake_embeddings: Embeddings) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            assert app.query_one("#mode-ask").disabled
            assert "Fråga-läget behöver" in static_text(app, "#ask-status")

    run(scenario)


def test_ask_streams_then_shows_checked_answer_with_clickable_citations(
    fake_embeddings: Embeddings,
) -> None:
    scripted = scripted_answer()

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await pilot.click("#mode-ask")
            app.query_one("#ask-input").focus()
            scripted.hold.clear()
            app.query_one("#ask-input", Input).value = "Följs bemanningsmålet?"
            await pilot.press("enter")
            stream = app.query_one("#answer-stream", Markdown)
            for _ in range(50):
                await pilot.pause(0.02)
                if stream.source == "".join(scripted.fragments):
                    break
            assert stream.source == "".join(scripted.fragments) and stream.display
            scripted.hold.set()
            await settle(pilot)
            assert not stream.display
            assert scripted.questions == ["Följs bemanningsmålet?"]
            text = content_of(app, "#answer-text")
            assert text.plain == LEAD_TEXT
            styles = styles_by_text(text)
            assert "green" in styles["78 %"] and "red" in styles["95 %"]
            flags = static_text(app, "#answer-flags")
            assert app.query_one("#answer-flags").display and "95 %: inget sådant tal" in flags
            assert app.query_one("#answer-evidence").display
            quotes = [w.render() for w in app.query(".quote-text").results(AnswerText)]
            assert [str(q) for q in quotes] == list(QUOTES)
            assert all(isinstance(q, Content) and "@click" in str(q.spans) for q in quotes)
            assert not app.query_one("#answer-warning").display
            summary = static_text(app, "#answer-summary")
            assert "1 belagt" in summary and "1 ej belagt" in summary
            assert "95 %: inget sådant tal" in summary
            app.query_one(AnswerText).action_cite(2)
            await pilot.pause()
            assert static_text(app, "#source-where") == "plan.pdf, sida 1"
            app.query_one("#answer-citations", OptionList).focus()
            await pilot.press("enter")  # the first source in the list
            await pilot.pause()
            assert static_text(app, "#source-where").startswith("omstallningsplanen")
            app.query_one("#ask-input", Input).value = "Och nästa år?"
            app.query_one("#ask-input").focus()
            await pilot.press("enter")
            await settle(pilot)
            assert scripted.questions[-1] == "Och nästa år?"
            assert len(scripted.libraries) == 1  # built once, with the app's library

    run(scenario)


def test_ask_shows_an_abstention_as_such(fake_embeddings: Embeddings) -> None:
    closest = cite(1, "plan.pdf", 1, "Översyn av bemanning")
    abstention = Answer(
        question="",
        answer="Underlaget innehåller inget svar på frågan.",
        abstained=True,
        closest=[closest],
    )
    scripted = ScriptedAsk(abstention, ["Underlaget innehåller inget svar"])

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_mode(pilot)
            await ask_question(pilot, "Vad kostar parkering?")
            panel = app.query_one(AnswerPanel)
            assert panel.has_class("-abstained")
            assert static_text(app, "#answer-text").startswith("Inget svar i dokumenten.")
            assert not app.query_one("#answer-legend").display
            assert "Närmaste källor" in static_text(app, "#answer-sources-label")
            assert app.query_one("#answer-citations", OptionList).option_count == 1

    run(scenario)


def test_ask_shows_the_notes_first_then_the_quote_lead_and_the_quotes(
    fake_embeddings: Embeddings,
) -> None:
    premise = "Observera: frågan talar om överskott, men underlaget talar om underskott."
    lead = "”Underskott mot budgetprognos: RUN -47Mkr” [1]"
    answer = Answer(
        question="",
        answer=f"{lead}\n\n{EVIDENCE}",
        lead=lead,
        lead_kind=LeadKind.QUOTE,
        lead_marks=citation_marks(lead, {1}),
        quotes=list(QUOTED),
        notes=[premise, PREMISE_NOTE],
        note=f"{premise} {PREMISE_NOTE}",
        citations=CITATIONS,
    )
    scripted = ScriptedAsk(answer, ["Överskottet är stort."])

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_mode(pilot)
            await ask_question(pilot, "Hur stort är överskottet?")
            assert static_text(app, "#answer-warning") == f"{premise}\n{PREMISE_NOTE}"
            assert static_text(app, "#answer-text") == lead
            assert not app.query_one("#answer-flags").display
            assert len(app.query(".quote-row")) == 2
            order = ["#answer-warning", "#answer-text", "#answer-evidence", "#answer-summary"]
            tops = [app.query_one(selector).region.y for selector in order]
            assert tops == sorted(tops)  # notes first, then the lead, then the quotes
            quote = app.query(".quote-text").first(AnswerText)
            quote.action_cite(1)
            await pilot.pause()
            assert static_text(app, "#source-where").startswith("omstallningsplanen")

    run(scenario)


# ------------------------------------------------------------------------------ mode from input


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Följs bemanningsmålet?", "frågetecken"),
        ("hur stort var underskottet för RUN 2023", "”hur”"),
        ("Vem ansvarar för kitet med arbetstidsmodeller", "”Vem”"),
        ("Finns det en plan för hyrpersonal", "”Finns”"),
        ("underskott RUN 2023", ""),
        ("hur", ""),  # a lone word is a search
        ("bemanning HSV", ""),
    ],
)
def test_a_question_is_recognised_by_its_mark_or_first_word(text: str, reason: str) -> None:
    found = question_reason(text)
    assert (reason in found) if reason else found == ""
    choice = choose_mode(text, Mode.SEARCH, can_ask=True)
    assert choice.mode is (Mode.ASK if reason else Mode.SEARCH)
    assert choose_mode(text, Mode.SEARCH, can_ask=False).mode is Mode.SEARCH
    assert choose_mode(text, Mode.ASK, can_ask=True) == ModeChoice(Mode.ASK)


def test_a_question_typed_in_sok_mode_is_answered(two_documents: None) -> None:
    scripted = scripted_answer()

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            assert app.query_one("#mode-search", RadioButton).value  # the user's mode: Sök
            await ask_question(pilot, "Vem ansvarar för översynen av bemanning")
            assert scripted.questions == ["Vem ansvarar för översynen av bemanning"]
            assert app.query_one("#ask-left", ContentSwitcher).current == "ask-answer"
            assert app.query_one("#mode-ask", RadioButton).value  # shows the mode used
            # a search term afterwards runs in the mode the user chose
            await ask_question(pilot, "bemanning")
            assert scripted.questions == ["Vem ansvarar för översynen av bemanning"]
            assert app.query_one("#ask-left", ContentSwitcher).current == "ask-hits"
            assert app.query_one("#mode-search", RadioButton).value
            assert "träffar" in static_text(app, "#ask-status")

    run(scenario)


def test_the_status_says_why_fraga_was_used(two_documents: None) -> None:
    scripted = scripted_answer()
    scripted.hold.clear()  # keep the answer streaming so the status can be read

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await ask_question(pilot, "Följs bemanningsmålet?", wait=False)
            for _ in range(20):
                await pilot.pause()
                if "Assistenten svarar" in static_text(app, "#ask-status"):
                    break
            status = static_text(app, "#ask-status")
            assert status.startswith("Fråga (texten slutar med frågetecken).")
            scripted.hold.set()
            await settle(pilot)

    run(scenario)
