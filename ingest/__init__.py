"""Ingest: files → parsed pages → figures, measures and chunks (no storage, no models)."""
