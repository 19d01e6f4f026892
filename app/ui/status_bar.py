"""The window's status bar: passing notes, the busy indicator and where the window is connected.

While watched work has been running for a few seconds, the indicator says what the window waits
for (the AWS call in flight, with its resource) and offers Cancel, which stops waiting: the views
get their error at once, and whatever the call answers later is dropped. When a call in flight
changes something (a delete, an update), Cancel first asks: AWS may still make that change.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QProgressBar, QStatusBar, QToolButton

from app.registry.errors import CallInFlight, calls_in_flight
from app.tasks import TaskRunner
from app.ui.workspace import Workspace

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

STATUS_MESSAGE_MS = 6000
STALLED_AFTER_S = 3.0  # then the indicator names what it waits for, and offers Cancel
CHECK_MS = 500
_READS = ("List", "Describe", "Get", "BatchDescribe", "Search", "Head")


def is_write(call: CallInFlight) -> bool:
    """Whether the call changes something on AWS (anything but a read)."""
    verb = call.action.split(":", 1)[-1]
    return bool(verb) and not verb.startswith(_READS)


class WindowStatus:
    """Fills `bar`; `watch` a runner and the indicator shows while any watched runner is busy."""

    def __init__(self, bar: QStatusBar, workspace: Workspace):
        self.bar = bar
        self._workspace = workspace
        self._runners: list[TaskRunner] = []
        self.busy = QProgressBar()
        self.busy.setAccessibleName(translate("WindowStatus", "Working"))
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        self.waiting = QLabel()
        self.waiting.setAccessibleName(translate("WindowStatus", "Waiting for"))
        self.waiting.hide()
        self.cancel = QToolButton()
        self.cancel.setText(translate("WindowStatus", "Cancel"))
        self.cancel.setAccessibleName(translate("WindowStatus", "Stop waiting"))
        self.cancel.setToolTip(translate("WindowStatus", "Stop waiting for this call; it may still complete on AWS"))
        self.cancel.setAutoRaise(True)
        self.cancel.clicked.connect(self.stop_waiting)
        self.cancel.hide()
        self.connection_label = QLabel()
        self.connection_label.setAccessibleName(translate("WindowStatus", "Connection"))
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
        calls = calls_in_flight()
        if not calls:
            return translate("WindowStatus", "Still working…")
        call = calls[0]
        action = call.action or translate("WindowStatus", "AWS")
        if call.resource:
            return translate("WindowStatus", "Waiting for %1 on %2…").replace("%1", action).replace("%2", call.resource)
        return translate("WindowStatus", "Waiting for %1…").replace("%1", action)

    def _check_stalled(self) -> None:
        since = self._stalled_since()
        stalled = since is not None and time.monotonic() - since >= STALLED_AFTER_S
        if stalled:
            self.waiting.setText(self.waiting_for())
        self.waiting.setVisible(stalled)
        self.cancel.setVisible(stalled)

    def stop_waiting(self) -> None:
        """Cancel: every watched run that has been running for a while ends now; when one of the
        calls in flight is a write, only after the person confirms."""
        writes = [c for c in calls_in_flight() if is_write(c)]
        if not writes:
            self._give_up()
            return
        change = writes[0]
        on = translate("WindowStatus", " on %1").replace("%1", change.resource) if change.resource else ""
        box = QMessageBox(QMessageBox.Icon.Question, translate("WindowStatus", "Stop waiting for a change?"),
                          translate("WindowStatus",
                                    "The profile '%1' is still waiting for %2%3 to answer.\n\nIf you stop waiting, "
                                    "AWS may still make the change; refresh (F5) afterwards to see what it holds.")
                          .replace("%1", change.profile).replace("%2", change.action).replace("%3", on),
                          QMessageBox.StandardButton.NoButton, self.bar.window())
        box.setAccessibleName(translate("WindowStatus", "Stop waiting for a change?"))
        stop = box.addButton(translate("WindowStatus", "Stop waiting"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(translate("WindowStatus", "Keep waiting"), QMessageBox.ButtonRole.RejectRole)
        stop.setAccessibleName(translate("WindowStatus", "Stop waiting"))
        keep.setAccessibleName(translate("WindowStatus", "Keep waiting"))
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(button: QAbstractButton) -> None:
            if button is stop:
                self._give_up()

        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()  # no nested event loop: the window keeps working while it asks

    def _give_up(self) -> None:
        what = self.waiting.text() or self.waiting_for()
        message = translate("WindowStatus", "Stopped waiting (%1). It may still complete; refresh (F5) to see.")
        message = message.replace("%1", what.rstrip("…"))
        for runner in list(self._runners):
            runner.give_up(message, older_than_s=STALLED_AFTER_S)
        self._busy_changed(False)

    def show_where(self) -> str:
        """Name the connection in the status bar; returns the text for the window title."""
        c = self._workspace.connection
        region = c.region or translate("WindowStatus", "default region")
        where = f"{c.display_name} · {region}"
        if self._workspace.is_sandbox:
            endpoint = self._workspace.sandbox_endpoint or ""
            self.connection_label.setText(
                translate("WindowStatus", "Sandbox at %1 · %2").replace("%1", endpoint).replace("%2", where))
            return translate("WindowStatus", "Registry Desk — SANDBOX (local moto server, no AWS account)")
        self.connection_label.setText(where)
        return translate("WindowStatus", "Registry Desk — %1").replace("%1", where)
