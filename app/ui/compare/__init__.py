"""Compare two versions (Version ▸ Compare Versions…, Ctrl+Shift+D, the versions list's context
menu, or the button under the count of two selected versions): one Compare window per pair."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from app.registry.versions.records import VersionSummary
    from app.ui.compare.window import CompareWindow
    from app.ui.main_window import MainWindow


class Comparisons(QObject):
    """The open Compare windows, one per pair of versions of one connection."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._open: dict[tuple[str, frozenset[str]], CompareWindow] = {}

    def compare_selected(self) -> CompareWindow | None:
        selected = self._window.versions_view.selected_versions()
        if len(selected) != 2:
            self._window.tell(self.tr("Select exactly two versions to compare them."))
            return None
        return self.open(*selected)

    def open(self, first: VersionSummary, second: VersionSummary) -> CompareWindow:
        """The window of this pair, brought to the front if already open."""
        from app.ui.compare.window import CompareWindow
        from app.ui.workspace import connection_key

        connection = self._window.workspace.connection
        key = (connection_key(connection), frozenset((first.arn, second.arn)))
        shown = self._open.get(key)
        if shown is None:
            shown = CompareWindow(connection, first, second, settings=self._window.settings,
                                  local=self._window.local_data, store=self._window.store, parent=self._window)
            self._open[key] = shown
            shown.closed.connect(lambda: self._open.pop(key, None))
        shown.show()
        shown.raise_()
        shown.activateWindow()
        return shown

    def windows(self) -> list[CompareWindow]:
        return list(self._open.values())


def install_compare(window: MainWindow) -> Comparisons:
    """The action, the versions list's context menu and the details pane's button: `window.compare`."""
    comparisons = Comparisons(window)
    action = window.actions_by_name["compare_versions"]
    action.triggered.connect(comparisons.compare_selected)
    window.versions_view.table.addAction(action)
    window.details_pane.compare_button.clicked.connect(action.trigger)
    host: Any = window  # the shell names no feature it does not need itself (main_window.py stays small)
    host.compare = comparisons
    return comparisons
