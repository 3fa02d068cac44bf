"""A LangChain retriever over the hybrid search, for chains that expect ``BaseRetriever``.

It searches a :class:`~vectorstore.library.Library` (the user's stored documents; the README
shows how) or a :class:`~vectorstore.hybrid.HybridSearcher` over chunks at hand: anything with
their ``search(query, k, doc, kind, year)``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from lagesbild.types import SearchHit


@runtime_checkable
class Searcher(Protocol):
    """What the retriever searches: a ``Library`` or a ``HybridSearcher``."""

    def search(
        self,
        query: str,
        k: int = ...,
        doc: str | None = None,
        kind: str | None = None,
        year: int | None = None,
    ) -> list[SearchHit]:
        """The ``k`` best passages for ``query``, filtered by document, kind and year."""
        ...


def hit_to_document(hit: SearchHit) -> LCDocument:
    """A LangChain Document with the passage text and where it stands."""
    return LCDocument(
        page_content=hit.text,
        metadata={
            "doc": hit.doc,
            "page": hit.page,
            "kind": hit.kind.value,
            "section": hit.section,
            "chunk_id": hit.chunk_id,
            "score": hit.score,
        },
    )


class LagesbildRetriever(BaseRetriever):
    """Hybrid (dense + BM25) retrieval with optional document, kind and year filters."""

    searcher: Searcher
    k: int = 6
    doc: str | None = None
    kind: str | None = None
    year: int | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        hits = self.searcher.search(query, k=self.k, doc=self.doc, kind=self.kind, year=self.year)
        return [hit_to_document(hit) for hit in hits]
