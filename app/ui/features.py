"""The window's estate-wide features, installed after the shell is built: each adds its docks,
actions and wiring to the window without the shell knowing their insides."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def install_features(window: MainWindow) -> None:
    """Called once by the main window after its views and actions exist."""
    from app.ui.cold_start import install_cold_start
    from app.ui.compare import install_compare
    from app.ui.estate.estate import install_estate
    from app.ui.inbox.install import install_inbox
    from app.ui.language_menu import install_language_menu
    from app.ui.navigation import Navigator
    from app.ui.preferences import install_preferences
    from app.ui.search import install_search
    from app.ui.trends import install_trends
    from app.ui.versions.endpoints_column import install_endpoints_column

    window.navigator = Navigator(window)
    install_cold_start(window)  # what was seen last time, before any network call
    install_preferences(window)
    install_endpoints_column(window)  # "Endpoints", a column on demand: which endpoints serve each version
    install_search(window)  # Ctrl+K: search every indexed account and region, and Search AWS
    install_estate(window)
    install_inbox(window)  # after the estate: its timer refreshes the estate; after Preferences: it follows them
    install_compare(window)  # Version ▸ Compare Versions… (Ctrl+Shift+D): two versions side by side
    install_trends(window)  # Ctrl+Shift+M: the selected group's metrics over its versions
    install_language_menu(window)  # View ▸ Language: System, English, Français (from the next start)
