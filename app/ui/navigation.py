"""Open a group or a version wherever it lives: another profile or region, or the current one.

The estate tree, the search and the inbox all end here. Switching the connection reloads the
groups (which select the remembered group); the version is selected once its group's list has
loaded, whichever connection it came through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.registry.aws import Connection
from app.ui.workspace import connection_key

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class Navigator(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._pending: tuple[str, str] | None = None  # (group ARN, version ARN) to select when loaded
        window.versions_view.loadFinished.connect(self._versions_loaded)

    def open(self, connection: Connection, group_arn: str, version_arn: str = "") -> None:
        """Show `group_arn` (and select `version_arn`) as seen through `connection`."""
        window = self._window
        self._pending = (group_arn, version_arn) if version_arn else None
        if connection != window.workspace.connection:
            window.settings.set_last_group(connection_key(connection), group_arn)
            window.use_connection(connection)  # the groups reload and select the remembered group
            return
        current = window.groups_view.current_group()
        if current is not None and current.arn == group_arn:
            if version_arn and window.versions_view.select_arn(version_arn):
                self._pending = None
            return
        if not window.groups_view.select_arn(group_arn):
            window.settings.set_last_group(window.workspace.connection_key, group_arn)
            window.groups_view.reload(keep_selection=False)

    def _versions_loaded(self) -> None:
        if self._pending is None:
            return
        group_arn, version_arn = self._pending
        shown = self._window.versions_view.group()
        if shown is None or shown.arn != group_arn:
            return  # another group's load finished first
        self._pending = None
        self._window.versions_view.select_arn(version_arn)
