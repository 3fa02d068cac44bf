"""Vector store: the SQLite register, embeddings, Chroma and hybrid search."""
