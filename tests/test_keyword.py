"""The Swedish BM25 side: tokenizer rules, search, filters and persistence."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagesbild.types import Chunk, DocumentKind
from vectorstore import keyword
from vectorstore.keyword import KeywordIndex, SwedishTokenizer, fingerprint


def _chunk(n: int, text: str, doc: str = "plan.pdf") -> Chunk:
    return Chunk(
        id=f"0123456789ab:c{n}", doc=doc, doc_kind=DocumentKind.SLIDE_DECK, page=n, text=text
    )


CHUNKS = [
    _chunk(1, "Underskott mot budgetprognos 2023: RUN -47Mkr, HSN -271Mkr+ RS-57Mkr"),
    _chunk(2, "Behovet från alla branscher är minst 320\u00a0000."),
    _chunk(3, "Förslagen om minskade kostnader för personal presenterades i RUN AU 26/3."),
    _chunk(4, "Den 9/4 tas beslut i RUN kring fortsatt hantering."),
    _chunk(5, "Koldioxidutsläppen var 1,64 kg/mil år 2011. Status: ej enligt plan."),
    _chunk(6, "HSFs förvaltning har arbetat fram åtgärdsförslag om 213 MSEK."),
]


@pytest.fixture
def index() -> KeywordIndex:
    built = KeywordIndex()
    built.build(CHUNKS)
    return built


def test_lowercase_stemming_and_stopwords() -> None:
    tokens = SwedishTokenizer(compounds=False).tokenize("Kostnaderna för Patienterna i Regionen")
    assert tokens == ["kostnad", "patient", "region"]


def test_negations_are_kept_for_statuses() -> None:
    assert "ej" in SwedishTokenizer().tokenize("Ej enligt plan")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("minst 320\u00a0000 personer", ["320", "000", "320000"]),
        ("minst 320 000 personer", ["320", "000", "320000"]),
        ("RUN -47Mkr", ["run", "47", "mkr"]),
        ("beslut 9/4", ["9/4", "9", "4"]),
        ("1,64 kg/mil", ["1,64", "kg", "mil"]),
        ("1.64 kg/mil", ["1,64", "kg", "mil"]),
        ("29,5 MSEK", ["29,5", "mkr"]),
        ("15 mkr", ["15", "mkr"]),
        ("3 miljoner kronor", ["3", "mkr", "kr"]),
        ("260st 2021-2022", ["260", "st", "2021", "2022"]),
    ],
)
def test_numbers_and_money_units(text: str, expected: list[str]) -> None:
    tokens = SwedishTokenizer().tokenize(text)
    assert all(token in tokens for token in expected), tokens


def test_acronyms_are_kept_and_genitives_folded() -> None:
    tokens = SwedishTokenizer().tokenize("HSN, RS, RUN och HSF; HSFs förvaltning, HSN-AU")
    for acronym in ("hsn", "rs", "run", "hsf", "au"):
        assert acronym in tokens
    assert "hsfs" not in tokens


def test_compounds_split_against_known_words_only() -> None:
    tokenizer = SwedishTokenizer(known=["personal", "kostnader", "arbetstid", "modeller"])
    tokens = tokenizer.tokenize("personalkostnaden arbetstidsmodeller")
    assert {"personalkostnad", "personal", "kostnad", "arbetstid", "modell"} <= set(tokens)
    assert SwedishTokenizer().tokenize("personalkostnaden") == ["personalkostnad"]
    unsplit = SwedishTokenizer(known=["personal", "kostnader"], compounds=False)
    assert unsplit.tokenize("personalkostnaden") == ["personalkostnad"]


def test_compound_parts_must_be_long_enough() -> None:
    tokenizer = SwedishTokenizer(known=["ut", "redning", "utredning"])
    assert tokenizer.split_compound("utredningen") == []


def test_search_finds_numbers_acronyms_and_compounds(index: KeywordIndex) -> None:
    assert index.search("Hur många behövs, 320000?", 1)[0][0] == CHUNKS[1].id
    assert index.search("När beslutar RUN? 9/4", 1)[0][0] == CHUNKS[3].id
    assert index.search("Vad var personalkostnaden?", 1)[0][0] == CHUNKS[2].id
    assert index.search("1.64 kg per mil", 1)[0][0] == CHUNKS[4].id
    assert index.search("HSF mkr", 1)[0][0] == CHUNKS[5].id


def test_search_ranks_and_limits(index: KeywordIndex) -> None:
    hits = index.search("RUN", 10)
    assert {cid for cid, _ in hits} == {CHUNKS[0].id, CHUNKS[2].id, CHUNKS[3].id}
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert len(index.search("RUN", 2)) == 2
    assert index.search("ordet finns inte", 5) == []
    assert index.search("", 5) == []


def test_allowed_ids_restrict_the_search(index: KeywordIndex) -> None:
    hits = index.search("RUN beslut", 5, allowed_ids={CHUNKS[2].id, "okänd"})
    assert [cid for cid, _ in hits] == [CHUNKS[2].id]
    assert index.search("RUN", 5, allowed_ids=set()) == []


def test_empty_index() -> None:
    empty = KeywordIndex()
    empty.build([])
    assert empty.search("RUN", 3) == []
    assert len(empty) == 0


def test_save_load_round_trip(index: KeywordIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "kw")
    loaded = KeywordIndex.load(tmp_path / "kw")
    assert loaded is not None
    assert loaded.fingerprint == index.fingerprint
    for query in ("personalkostnaden", "RUN 9/4", "320 000"):
        assert loaded.search(query, 3) == index.search(query, 3)


def test_load_or_build_rebuilds_only_when_chunks_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "kw"
    first = KeywordIndex.load_or_build(folder, CHUNKS)
    assert first.fingerprint == fingerprint(CHUNKS)

    def no_build(self: KeywordIndex, chunks: list[Chunk]) -> None:
        raise AssertionError("byggdes om i onödan")

    with monkeypatch.context() as patch:
        patch.setattr(KeywordIndex, "build", no_build)
        again = KeywordIndex.load_or_build(folder, list(reversed(CHUNKS)))
    assert again.search("RUN 9/4", 1) == first.search("RUN 9/4", 1)
    changed = KeywordIndex.load_or_build(folder, CHUNKS[:3])
    assert len(changed) == 3
    reworded = [CHUNKS[0].model_copy(update={"text": "Ny text om RS"}), *CHUNKS[1:3]]
    assert KeywordIndex.load_or_build(folder, reworded).search("RS", 1)[0][0] == CHUNKS[0].id
    saved = KeywordIndex.load(folder)
    assert saved is not None and saved.fingerprint == fingerprint(reworded)


def test_other_tokenizer_version_is_not_loaded(
    index: KeywordIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.save(tmp_path / "kw")
    monkeypatch.setattr(keyword, "TOKENIZER_VERSION", "t-annan")
    assert KeywordIndex.load(tmp_path / "kw") is None
    assert KeywordIndex.load(tmp_path / "saknas") is None


def test_save_replaces_the_whole_index_and_leaves_no_temporary_folders(tmp_path: Path) -> None:
    folder = tmp_path / "keyword"
    first, second = KeywordIndex(), KeywordIndex()
    first.build(CHUNKS[:1])
    first.save(folder)
    second.build(CHUNKS[2:4])
    second.save(folder)
    loaded = KeywordIndex.load(folder)
    assert loaded is not None and loaded.ids == [c.id for c in CHUNKS[2:4]]
    assert loaded.fingerprint == fingerprint(CHUNKS[2:4])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keyword"]
