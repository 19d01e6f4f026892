"""Metric trends of a group: its versions' model-quality metrics plotted over the versions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.trends.dock import TrendsDock


def install_trends(window: MainWindow) -> TrendsDock:
    """The Metric Trends dock (View › Metric Trends, Group › Metric Trends): `window.trends`."""
    from app.ui.trends.dock import TrendsDock

    dock = TrendsDock(window, window.actions_by_name["trends"])
    host: Any = window  # the shell names no feature it does not need itself (main_window.py stays small)
    host.trends = dock
    return dock
