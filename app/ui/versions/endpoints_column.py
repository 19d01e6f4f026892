"""The versions table's Endpoints column, filled on demand.

Hidden by default. Once shown, one scan of the connection's account-region (shared with the
details pane through the window's `EndpointCache`) fills it for every row of every group there;
a group loaded later reads the same scan while it is fresh. A scan that fails leaves the cells
"(unavailable)" with the error as their tooltip, and says it in the window's error banner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.registry.aws import Connection
from app.registry.versions.deployments import DeploymentScan
from app.tasks import TaskRunner
from app.ui.texts import render
from app.ui.versions.deployed import endpoint_cache, request_scan
from app.ui.versions.model import VersionsModel
from app.ui.versions.view import VersionsView
from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

COLUMN_ID = "endpoints"


class EndpointsColumn(QObject):
    KEY = "endpoints-column"

    def __init__(self, view: VersionsView, workspace: Workspace):
        super().__init__(view)
        self._view = view
        self._workspace = workspace
        self._runner = TaskRunner(self, max_threads=1)
        self._filled_for: Connection | None = None  # whose scan the column shows
        view.columns.visibilityChanged.connect(self._visibility_changed)
        view.loadFinished.connect(self.fill)
        workspace.connectionChanged.connect(self._connection_changed)
        self.fill()

    def fill(self) -> None:
        """When the column is on screen: the current connection's scan, cached or asked for."""
        if not self._view.columns.is_visible(COLUMN_ID) or self._runner.is_running(self.KEY):
            return
        connection = self._workspace.connection
        if self._filled_for != connection:
            self._view.model.set_deployments(None)
        request_scan(self._runner, connection, endpoint_cache(self._workspace), key=self.KEY,
                     on_scan=lambda scan: self._landed(connection, scan),
                     on_error=lambda error: self._failed(connection, error))

    def shutdown(self) -> None:
        self._runner.shutdown()

    def _visibility_changed(self, column_id: str, visible: bool) -> None:
        if column_id == COLUMN_ID and visible:
            self._place_beside_the_stage()
            self.fill()

    def _place_beside_the_stage(self) -> None:
        """Shown from the far right end, the column would appear off screen: it moves next to
        the stage columns (once; a place the user drags it to stays)."""
        header = self._view.table.horizontalHeader()
        if header.visualIndex(VersionsModel.ENDPOINTS) == header.count() - 1:
            header.moveSection(header.visualIndex(VersionsModel.ENDPOINTS),
                               header.visualIndex(VersionsModel.STAGE_STATUS) + 1)
            width = self._view.table.fontMetrics().averageCharWidth() * 24  # an endpoint name or so
            self._view.table.setColumnWidth(VersionsModel.ENDPOINTS, max(width, header.sectionSize(
                VersionsModel.ENDPOINTS)))

    def _connection_changed(self, _connection: Connection) -> None:
        self._runner.cancel(self.KEY)
        self._filled_for = None
        self._view.model.set_deployments(None)

    def _landed(self, connection: Connection, scan: DeploymentScan) -> None:
        if connection != self._workspace.connection:
            return
        self._filled_for = connection
        self._view.model.set_deployments(scan)
        if scan.problems:
            self._view.errorOccurred.emit(self.tr("Some endpoints could not be read: %1").replace(
                "%1", str(scan.problems[0])))

    def _failed(self, connection: Connection, error: BaseException) -> None:
        if connection != self._workspace.connection:
            return
        self._filled_for = connection
        self._view.model.set_deployments(None, render(error))
        self._view.errorOccurred.emit(self.tr("The Endpoints column could not be filled: %1").replace(
            "%1", render(error)))


def install_endpoints_column(window: MainWindow) -> EndpointsColumn:
    """Called by `install_features`: the column of the window's versions view."""
    return EndpointsColumn(window.versions_view, window.workspace)
