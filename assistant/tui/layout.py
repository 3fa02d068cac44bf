"""Screen sizes the TUI adapts to (a default terminal is 80×24).

The app sets Textual's breakpoint classes on every screen: '-narrow' below ``NARROW_BELOW``
columns ('-wide' from there), '-short' below ``SHORT_BELOW`` lines ('-tall' from there). The
stylesheet collapses panels on '-narrow'/'-short' screens, and on short screens the inputs
marked with the class ``DENSE`` lose their borders (one line instead of three), so every view
keeps its input and rows of results in view.
"""

from __future__ import annotations

NARROW_BELOW = 100
"""Screens narrower than this are '-narrow'."""
SHORT_BELOW = 32
"""Screens shorter than this are '-short'."""
DENSE = "dense"
"""Class of the inputs, selects, buttons and checkboxes that go compact on short screens."""
HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
VERTICAL_BREAKPOINTS: list[tuple[int, str]] = [(0, "-short"), (SHORT_BELOW, "-tall")]
