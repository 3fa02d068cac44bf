"""Query normalisation on the keyword side: abbreviations, quantity words, word pairs."""

from __future__ import annotations

from lagesbild.types import Chunk, DocumentKind
from vectorstore.fusion import phrase_share, word_pairs
from vectorstore.keyword import KeywordIndex, SwedishTokenizer, question_text


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(id=f"d:c{i}", doc="d.pdf", doc_kind=DocumentKind.OTHER, page=i, text=text)


def test_long_forms_get_their_abbreviation_in_the_index_tokenizer_only() -> None:
    index_tokens = SwedishTokenizer(abbreviations=True).tokenize(
        "Hälso- och sjukvårdsnämndens prognos; Regionala utvecklingsnämnden; kommunstyrelsen"
    )
    assert {"hsn", "run", "ks"} <= set(index_tokens)
    plain = SwedishTokenizer().tokenize("Hälso- och sjukvårdsnämndens prognos")
    assert "hsn" not in plain  # the assistant's tokenizers are unchanged


def test_question_naming_a_body_in_full_finds_the_abbreviated_row() -> None:
    index = KeywordIndex()
    index.build(
        [
            _chunk(1, "Prognos mot budget: HSN -271Mkr, RS +12Mkr"),
            _chunk(2, "Nämnden ska redovisa sin prognos för budget i april."),
        ]
    )
    top = index.search("Hur mycket går hälso- och sjukvårdsnämnden back mot budget?", 2)
    assert top[0][0] == "d:c1"


def test_quantity_words_after_hur_are_not_search_terms() -> None:
    assert question_text("Hur många besökte museet?").split() == ["besökte", "museet?"]
    assert question_text("Hur stort var underskottet?").split() == ["var", "underskottet?"]
    assert question_text("Hur går det för RUN?") == "Hur går det för RUN?"
    index = KeywordIndex()
    index.build([_chunk(1, "Museet hade många besökare."), _chunk(2, "Museet stängde.")])
    assert "mång" not in index.query_terms("Hur många besökare hade museet?").terms


def test_phrase_share_counts_neighbouring_question_terms() -> None:
    index = KeywordIndex()
    index.build(
        [
            _chunk(1, "Österlens museum 62 225 besökare"),
            _chunk(2, "Museum i Österlen; besökare på Österlens bibliotek"),
        ]
    )
    query = index.query_terms("Hur många besökte Österlens museum?")
    together = index.passage_tokens("Österlens museum 62 225 besökare", "")
    apart = index.passage_tokens("Österlens bibliotek; museum i stan", "")
    assert phrase_share(query, together.pairs) > phrase_share(query, apart.pairs) == 0.0
    assert word_pairs(["a", "b"]) == {("a", "b"), ("b", "a")}
