"""The window's status bar: passing notes, the busy indicator and where the window is connected."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from app.tasks import TaskRunner
from app.ui.workspace import Workspace

STATUS_MESSAGE_MS = 6000


class WindowStatus:
    """Fills `bar`; `watch` a runner and the indicator shows while any watched runner is busy."""

    def __init__(self, bar: QStatusBar, workspace: Workspace):
        self.bar = bar
        self._workspace = workspace
        self._runners: list[TaskRunner] = []
        self.busy = QProgressBar()
        self.busy.setAccessibleName(bar.tr("Working"))
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        self.connection_label = QLabel()
        self.connection_label.setAccessibleName(bar.tr("Connection"))
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.connection_label)

    def tell(self, message: str) -> None:
        """A passing note: its first line, for a few seconds."""
        self.bar.showMessage(message.split("\n", 1)[0], STATUS_MESSAGE_MS)

    def watch(self, runner: TaskRunner) -> None:
        self._runners.append(runner)
        runner.busyChanged.connect(self._busy_changed)

    def _busy_changed(self, _busy: bool) -> None:
        # Busy means slow work somewhere: fast work that never turned a runner busy is ignored.
        self.busy.setVisible(any(r.is_busy for r in self._runners))

    def show_where(self) -> str:
        """Name the connection in the status bar; returns the text for the window title."""
        tr = self.bar.tr
        c = self._workspace.connection
        where = f"{c.display_name} · {c.region or tr('default region')}"
        if self._workspace.is_sandbox:
            endpoint = self._workspace.sandbox_endpoint or ""
            self.connection_label.setText(tr("Sandbox at %1 · %2").replace("%1", endpoint).replace("%2", where))
            return tr("Registry Desk — SANDBOX (local moto server, no AWS account)")
        self.connection_label.setText(where)
        return tr("Registry Desk — %1").replace("%1", where)
