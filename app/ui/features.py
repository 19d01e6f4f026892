"""The window's estate-wide features, installed after the shell is built: each adds its docks,
actions and wiring to the window without the shell knowing their insides."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def install_features(window: MainWindow) -> None:
    """Called once by the main window after its views and actions exist."""
    from app.ui.estate.estate import install_estate
    from app.ui.navigation import Navigator

    window.navigator = Navigator(window)
    install_estate(window)
