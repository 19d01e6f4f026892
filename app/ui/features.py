"""The window's estate-wide features, installed after the shell is built: each adds its docks,
actions and wiring to the window without the shell knowing their insides."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def install_features(window: MainWindow) -> None:
    """Called once by the main window after its views and actions exist."""
    from app.ui.navigation import Navigator
    from app.ui.search import install_search

    window.navigator = Navigator(window)
    from app.ui.versions.endpoints_column import install_endpoints_column

    install_endpoints_column(window)
    install_search(window)  # Ctrl+K: search every indexed account and region, and Search AWS
