"""A LangChain retriever over the hybrid search, for chains that expect ``BaseRetriever``."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from lagesbild.types import SearchHit
from vectorstore.hybrid import HybridSearcher


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

    searcher: HybridSearcher
    k: int = 6
    doc: str | None = None
    kind: str | None = None
    year: int | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        hits = self.searcher.search(query, k=self.k, doc=self.doc, kind=self.kind, year=self.year)
        return [hit_to_document(hit) for hit in hits]
