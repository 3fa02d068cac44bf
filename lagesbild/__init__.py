"""Lägesbild: an offline document-analysis assistant for Swedish public-sector officials."""

__version__ = "0.1.0"
