"""Evaluations: data sets scored by pure functions (never run by pytest against a network)."""
