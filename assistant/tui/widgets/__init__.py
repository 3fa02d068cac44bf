"""Reusable widgets of the Lägesbild TUI."""
