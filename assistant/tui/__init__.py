"""Lägesbild's terminal UI (Textual).

This package is the only place that imports ``textual``; the CLI imports it lazily, so the
core (ingest, vector store, assistant, CLI) stays importable without it.
"""

from __future__ import annotations

from assistant.tui.app import LagesbildApp, run_app

__all__ = ["LagesbildApp", "run_app"]
