"""The window's status bar: passing notes, the busy indicator and where the window is connected.

While watched work has been running for a few seconds, the indicator says what the window waits
for (the AWS call in flight, with its resource) and offers Cancel, which stops waiting: the views
get their error at once, and whatever the call answers later is dropped.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from app.registry.errors import calls_in_flight
from app.tasks import TaskRunner
from app.ui.workspace import Workspace

STATUS_MESSAGE_MS = 6000
STALLED_AFTER_S = 3.0  # then the indicator names what it waits for, and offers Cancel
CHECK_MS = 500


class WindowStatus:
    """Fills `bar`; `watch` a runner and the indicator shows while any watched runner is busy."""

    def __init__(self, bar: QStatusBar, workspace: Workspace):
        self.bar = bar
        self._workspace = workspace
        self._runners: list[TaskRunner] = []
        tr = bar.tr
        self.busy = QProgressBar()
        self.busy.setAccessibleName(tr("Working"))
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        self.waiting = QLabel()
        self.waiting.setAccessibleName(tr("Waiting for"))
        self.waiting.hide()
        self.cancel = QToolButton()
        self.cancel.setText(tr("Cancel"))
        self.cancel.setAccessibleName(tr("Stop waiting"))
        self.cancel.setToolTip(tr("Stop waiting for this call; it may still complete on AWS"))
        self.cancel.setAutoRaise(True)
        self.cancel.clicked.connect(self.stop_waiting)
        self.cancel.hide()
        self.connection_label = QLabel()
        self.connection_label.setAccessibleName(tr("Connection"))
        bar.addPermanentWidget(self.waiting)
        bar.addPermanentWidget(self.cancel)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.connection_label)
        self._check = QTimer(bar)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self._check_stalled)

    def tell(self, message: str) -> None:
        """A passing note: its first line, for a few seconds."""
        self.bar.showMessage(message.split("\n", 1)[0], STATUS_MESSAGE_MS)

    def watch(self, runner: TaskRunner) -> None:
        self._runners.append(runner)
        runner.busyChanged.connect(self._busy_changed)
        runner.destroyed.connect(lambda *_: self._runners.remove(runner) if runner in self._runners else None)

    def _busy_changed(self, _busy: bool) -> None:
        # Busy means slow work somewhere: fast work that never turned a runner busy is ignored.
        busy = any(r.is_busy for r in self._runners)
        self.busy.setVisible(busy)
        if busy:
            self._check.start()
        else:
            self._check.stop()
        self._check_stalled()

    def _stalled_since(self) -> float | None:
        starts = [s for s in (r.running_since() for r in self._runners if r.is_busy) if s is not None]
        return min(starts) if starts else None

    def waiting_for(self) -> str:
        """What the window waits for, in words: the oldest AWS call in flight, or work in general."""
        tr = self.bar.tr
        calls = calls_in_flight()
        if not calls:
            return tr("Still working…")
        call = calls[0]
        action = call.action or tr("AWS")
        if call.resource:
            return tr("Waiting for %1 on %2…").replace("%1", action).replace("%2", call.resource)
        return tr("Waiting for %1…").replace("%1", action)

    def _check_stalled(self) -> None:
        since = self._stalled_since()
        stalled = since is not None and time.monotonic() - since >= STALLED_AFTER_S
        if stalled:
            self.waiting.setText(self.waiting_for())
        self.waiting.setVisible(stalled)
        self.cancel.setVisible(stalled)

    def stop_waiting(self) -> None:
        """Cancel: every watched run that has been running for a while ends now."""
        what = self.waiting.text() or self.waiting_for()
        message = self.bar.tr("Stopped waiting (%1). It may still complete; refresh (F5) to see.").replace(
            "%1", what.rstrip("…"))
        for runner in list(self._runners):
            runner.give_up(message, older_than_s=STALLED_AFTER_S)
        self._busy_changed(False)

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
