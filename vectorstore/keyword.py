"""The keyword side: BM25 (bm25s) over the chunks with the Swedish tokenizer.

The tokens come from :class:`lagesbild.tokenizer.SwedishTokenizer` (lowercased, stemmed,
numbers kept as written, money units and acronyms folded). Compounds made of words the corpus
knows are also split ('personalkostnaden' → 'personalkostnad' + 'personal', 'kostnad'), in a
second, lower-weighted field (see ``KeywordIndex``), so a query may write a compound where the
text has its parts, or the other way round. The index's tokenizer also gives the long forms of
the common Swedish public-sector abbreviations their abbreviation ('hälso- och
sjukvårdsnämnden' → also 'hsn'), so a question and a text that name the same body the two
ways still share a term.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import bm25s
import numpy as np

from ingest.chunking import indexed_text
from lagesbild.errors import StoreError
from lagesbild.tokenizer import TOKENIZER_VERSION, SwedishTokenizer
from lagesbild.types import Chunk
from vectorstore.fusion import PassageTokens, QueryTerms, affixes, split_units, word_pairs

# 'hur många', 'hur stort', … ask for a quantity: the word after 'hur' names no content, and
# as a rare word in the texts it would weigh heavily. Dropped from questions only.
_HOW = re.compile(
    r"\bhur\s+(?:många|mycket|stor[at]?|länge|ofta|hög[at]?|lång[at]?|dyr[at]?)\b",
    re.IGNORECASE,
)
# Weight of the field with compound parts (see KeywordIndex; tuned on the dev sets).
PARTS_WEIGHT = 0.3


def question_text(query: str) -> str:
    """The question with its quantity words ('hur många', 'hur stort') taken out."""
    return _HOW.sub(" ", query)


def fingerprint(chunks: Iterable[Chunk]) -> str:
    """A hash of the chunks an index was built from (ids and texts, in any order).

    Texts count too: a new chunker or extractor can keep a chunk's id and change its text.
    """
    digest = hashlib.sha256(TOKENIZER_VERSION.encode())
    for chunk_id, text in sorted((c.id, indexed_text(c)) for c in chunks):
        digest.update(f"{chunk_id}\n{text}\0".encode())
    return digest.hexdigest()[:16]


class KeywordIndex:
    """BM25 over chunks; search returns (chunk id, score), best first.

    Two fields: the words as written (stemmed), and the same words with compound parts added.
    A chunk's score is ``words + PARTS_WEIGHT * with_parts``: whole words rank first, and a
    compound in the query can still find its parts written apart (and the other way round)
    without the parts diluting the whole-word statistics. Measured with BM25 alone on
    SweQUAD-MC dev (hit@1): words only 0.857, parts in the same field 0.825, a second field
    at 0.2-0.35 0.873; dev-qa is 1.0 every way; the hybrid is within a question either way.
    """

    def __init__(self, compounds: bool = True) -> None:
        self.compounds = compounds
        self.tokenizer = SwedishTokenizer(compounds=False, abbreviations=True)
        self.ids: list[str] = []
        self.fingerprint = fingerprint([])
        self._row: dict[str, int] = {}
        self._fields: dict[str, bm25s.BM25] = {}

    def build(self, chunks: list[Chunk]) -> None:
        """Index the chunks (replacing whatever was indexed before)."""
        texts = [indexed_text(c) for c in chunks]
        self.tokenizer = SwedishTokenizer(compounds=False, abbreviations=True)
        self.tokenizer.learn({w for t in texts for w in self.tokenizer.words(t)})
        self.ids = [c.id for c in chunks]
        self._row = {cid: i for i, cid in enumerate(self.ids)}
        self.fingerprint = fingerprint(chunks)
        self._fields = {}
        if not chunks:
            return
        tokens = [self.tokenizer.tokenize_fields(t) for t in texts]
        for column, (field, _) in enumerate(self._field_splits()):
            model = bm25s.BM25()
            model.index([t[column] for t in tokens], show_progress=False)
            self._fields[field] = model

    def _field_splits(self) -> list[tuple[str, bool]]:
        return [("words", False), ("parts", True)] if self.compounds else [("words", False)]

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, query: str) -> np.ndarray:
        """Score of every indexed chunk for the query (row order of ``ids``)."""
        words, parts = self.field_scores(query)
        return words + PARTS_WEIGHT * parts

    def field_scores(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """BM25 of every indexed chunk in the words field and in the parts field (zeros
        where a field is absent)."""
        found = {}
        query = question_text(query)
        for field, split in self._field_splits():
            model = self._fields.get(field)
            tokens = self.tokenizer.tokenize(query, split) if model else []
            if model is not None and tokens:
                found[field] = np.asarray(model.get_scores(tokens), dtype=np.float32)
        zeros = np.zeros(len(self.ids), dtype=np.float32)
        return found.get("words", zeros), found.get("parts", zeros)

    def query_terms(self, query: str) -> QueryTerms:
        """The query's distinct terms with their IDF in the words field."""
        found = self.tokenizer.terms(question_text(query))
        model = self._fields.get("words")
        n = len(self.ids)
        weights = []
        for term, _ in found:
            df = 0
            if model is not None and term in model.vocab_dict:
                tid = model.vocab_dict[term]
                indptr = model.scores["indptr"]
                df = int(indptr[tid + 1] - indptr[tid])
            weights.append(math.log1p((n - df + 0.5) / (df + 0.5)))
        return QueryTerms(tuple(t for t, _ in found), tuple(p for _, p in found), tuple(weights))

    def passage_tokens(self, text: str, section: str) -> PassageTokens:
        """Index tokens (with compound parts) of a passage, of each of its units and heading."""
        units = tuple(frozenset(self.tokenizer.tokenize(u, True)) for u in split_units(text))
        whole = frozenset().union(*units) if units else frozenset()
        heading = frozenset(self.tokenizer.tokenize(section, True)) if section else frozenset()
        pairs = word_pairs(self.tokenizer.tokenize(text, False))
        tokens = whole | heading
        return PassageTokens(tokens, units, heading, len(text), pairs, affixes(tokens))

    def row_coverage(self, query: QueryTerms, rows: np.ndarray) -> np.ndarray:
        """``coverage`` of the question by each of these index rows (-1: no row, 0.0), read
        from the index's term columns (words with compound parts), so nothing is tokenized."""
        found = np.zeros(len(rows), dtype=np.float32)
        if not query.terms or query.total <= 0 or not len(rows):
            return found
        for term, parts, weight in zip(query.terms, query.parts, query.weights, strict=True):
            held = self._rows_holding(term, rows)
            if parts:
                share = sum(self._rows_holding(p, rows) for p in parts) / len(parts)
                held = np.maximum(held, share)
            found += weight * held
        return found / query.total

    def _rows_holding(self, term: str, rows: np.ndarray) -> np.ndarray:
        """1.0 where the row holds ``term``; a term's column lists its rows in order."""
        model = self._fields.get("parts") or self._fields.get("words")
        if model is None or term not in model.vocab_dict:
            return np.zeros(len(rows), dtype=np.float32)
        tid = model.vocab_dict[term]
        indptr = model.scores["indptr"]
        column = model.scores["indices"][indptr[tid] : indptr[tid + 1]]
        if not len(column):
            return np.zeros(len(rows), dtype=np.float32)
        at = np.minimum(np.searchsorted(column, rows), len(column) - 1)
        return (column[at] == rows).astype(np.float32)  # type: ignore[no-any-return]

    def row_of(self, chunk_id: str) -> int:
        """The chunk's row in the index, -1 when it is not indexed."""
        return self._row.get(chunk_id, -1)

    def search(
        self, query: str, k: int, allowed_ids: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` best chunks with a positive score, optionally only among ``allowed_ids``."""
        return self.top(self.scores(query), k, allowed_ids)

    def top(
        self, scores: np.ndarray, k: int, allowed_ids: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` best positive entries of a ``scores`` array as (chunk id, score)."""
        if allowed_ids is not None:
            mask = np.zeros(len(scores), dtype=bool)
            mask[[self._row[cid] for cid in allowed_ids if cid in self._row]] = True
            scores = np.where(mask, scores, 0.0)
        k = min(k, int(np.count_nonzero(scores > 0)))
        if k <= 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in best]

    def score_of(self, scores: np.ndarray, ids: Iterable[str]) -> dict[str, float]:
        """Entries of a ``scores`` array for particular chunks (0 for unknown ids)."""
        return {cid: float(scores[self._row[cid]]) if cid in self._row else 0.0 for cid in ids}

    # ------------------------------------------------------------------ persistence

    def save(self, folder: Path) -> None:
        """Write the index to ``folder`` (BM25 arrays, ids, corpus words, fingerprint).

        Everything is written to a sibling folder first and swapped in by renames, so another
        process reading ``folder`` sees the whole old index, the whole new one, or none (and
        then rebuilds from the register) — never new arrays with old ids.
        """
        meta = {
            "version": TOKENIZER_VERSION,
            "fingerprint": self.fingerprint,
            "compounds": self.compounds,
            "ids": self.ids,
            "known": sorted(self.tokenizer.known),
        }
        fresh = folder.with_name(f"{folder.name}.new-{os.getpid()}")
        stale = folder.with_name(f"{folder.name}.old-{os.getpid()}")
        try:
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir(parents=True)
            for field, model in self._fields.items():
                model.save(str(fresh / field), show_progress=False)
            (fresh / "keyword.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
            self._swap(fresh, folder, stale)
        except OSError as exc:
            raise StoreError(f"Nyckelordsindexet kunde inte sparas i '{folder}': {exc}.") from exc
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.rmtree(stale, ignore_errors=True)

    @staticmethod
    def _swap(fresh: Path, folder: Path, stale: Path) -> None:
        """Put ``fresh`` in place of ``folder``; a concurrent saver winning the race is fine."""
        with contextlib.suppress(FileNotFoundError):  # no index yet, or another saver moved it
            folder.rename(stale)
        try:
            fresh.rename(folder)
        except OSError:
            if not folder.exists():
                raise  # a real failure, not another process's index already in place

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        """The index saved in ``folder``, or None when there is none (or an older version)."""
        try:
            meta = json.loads((folder / "keyword.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if meta.get("version") != TOKENIZER_VERSION:
            return None
        index = cls(compounds=bool(meta["compounds"]))
        index.tokenizer.learn(meta["known"])
        index.ids = list(meta["ids"])
        index._row = {cid: i for i, cid in enumerate(index.ids)}
        index.fingerprint = str(meta["fingerprint"])
        if index.ids:
            try:
                for field, _ in index._field_splits():
                    index._fields[field] = bm25s.BM25.load(str(folder / field), show_progress=False)
            except (OSError, ValueError):
                return None
        return index

    @classmethod
    def load_or_build(
        cls, folder: Path, chunks: list[Chunk], compounds: bool = True
    ) -> KeywordIndex:
        """The saved index if it was built from exactly these chunks, else a fresh one (saved)."""
        index = cls.load(folder)
        wanted = fingerprint(chunks)
        if index is not None and (index.fingerprint, index.compounds) == (wanted, compounds):
            return index
        index = cls(compounds=compounds)
        index.build(chunks)
        index.save(folder)
        return index
