"""A small bar chart of measures per status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.widgets import Static

from assistant.tui.formatting import status_chart
from lagesbild.types import Measure


class StatusChart(Static):
    """Bars of how many of the listed measures have each status, and how many are overdue."""

    DEFAULT_CSS = """
    StatusChart {
        width: auto;
        height: auto;
        padding: 0 1;
        border: round $primary-darken-1;
        border-title-color: $text;
    }
    """

    def on_mount(self) -> None:
        """Give the chart its title."""
        self.border_title = "Status"

    def show(self, measures: Sequence[Measure], today: date) -> None:
        """Draw the bars for ``measures``."""
        self.update(status_chart(measures, today))
