"""The naive RAG baseline we must beat: PyPDFLoader → 1000/200 character splits → Chroma.

This is what a LangChain tutorial builds: one LangChain ``Document`` per PDF page (or per
SweQUAD context), ``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)`` and a
``langchain_chroma.Chroma`` similarity search — with the same e5 embeddings as ours, so the
comparison measures chunking and retrieval, not the model. PPTX files have no PyPDFLoader
equivalent: the baseline sees the PDFs only.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from chromadb.config import Settings as ChromaSettings
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200


def pdf_documents(corpus: Path) -> list[LCDocument]:
    """Every page of every PDF under ``corpus`` via PyPDFLoader, with ``doc`` = file name."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_community.document_loaders import PyPDFLoader

    documents: list[LCDocument] = []
    for path in sorted(corpus.rglob("*.pdf")):
        for page in PyPDFLoader(str(path)).load():
            page.metadata = {"doc": path.name, "page": int(page.metadata.get("page", 0)) + 1}
            documents.append(page)
    return documents


def text_documents(texts: dict[str, str]) -> list[LCDocument]:
    """One LangChain Document per named text (e.g. SweQUAD contexts)."""
    return [
        LCDocument(page_content=text, metadata={"doc": name, "page": 1})
        for name, text in texts.items()
    ]


class BaselineSearcher:
    """Split the documents, embed them into a temporary Chroma and search by similarity."""

    def __init__(self, documents: list[LCDocument], embeddings: Embeddings, folder: Path) -> None:
        from langchain_chroma import Chroma

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
        )
        self.chunks = splitter.split_documents(documents)
        self.store = Chroma(
            collection_name="baseline",
            embedding_function=embeddings,
            persist_directory=str(folder),
            client_settings=ChromaSettings(anonymized_telemetry=False, is_persistent=True),
        )
        if self.chunks:
            self.store.add_documents(self.chunks)

    def search(self, query: str, k: int = 10) -> list[LCDocument]:
        """The ``k`` most similar chunks."""
        return self.store.similarity_search(query, k=k)
