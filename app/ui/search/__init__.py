"""Search everywhere: the local index of every account and region, and SageMaker's Search."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.search.popup import SearchPopup


def install_search(window: MainWindow) -> SearchPopup:
    """Ctrl+K (View › Search Everywhere…) shows the popup; Enter opens the version in the main
    views through the window's navigator. The toolbar has no room left for it at 1500 pixels."""
    from app.ui.search.popup import SearchPopup

    popup = SearchPopup(window.workspace, lambda connection, group, version: window.navigator.open(
        connection, group, version), window)
    window.actions_by_name["search_everywhere"].triggered.connect(popup.popup)
    return popup
