"""New Group, from the dialog to AWS and back: the rules it checks with, the call, the answer.

The create call belongs to the groups pane, not to the dialog: if the user stops waiting and
closes the dialog, the answer still arrives here and is reported (the status bar says the group
was created, or the banner says why not). The dialog deletes itself when it closes; answers
check that it is still open before they touch it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from app.tasks import TaskRunner
from app.ui.groups.create_dialog import CreateGroupDialog
from app.ui.groups.operations import create_group, load_group_rules
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.workspace import Workspace


class CreateFlow(QObject):
    statusMessage = Signal(str)
    errorOccurred = Signal(str)
    created = Signal(str)  # the new group's ARN, in the account the window still shows
    rulesReady = Signal(str)  # "" when loaded, else why they could not be

    def __init__(self, parent: QWidget, workspace: Workspace, settings: Settings, runner: TaskRunner):
        super().__init__(parent)
        self._parent = parent
        self._workspace = workspace
        self._settings = settings
        self._runner = runner
        self._rules = ""  # "", "loading", "ready" or "failed"

    def warm_rules(self) -> None:
        """Read the naming rules in a worker (botocore's SageMaker model: ~0.4 s), once."""
        if self._rules in ("loading", "ready"):
            return
        self._rules = "loading"
        self._runner.run(load_group_rules, on_return=lambda _none: self._rules_loaded(""),
                         on_error=lambda error: self._rules_loaded(render(error)))

    def _rules_loaded(self, problem: str) -> None:
        self._rules = "failed" if problem else "ready"
        self.rulesReady.emit(problem)

    def open_dialog(self) -> None:
        dialog = CreateGroupDialog(self._parent, rules_ready=self._rules == "ready")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if self._rules != "ready":
            self.rulesReady.connect(dialog.rules_arrived)
            self.warm_rules()
        dialog.createRequested.connect(lambda name, description, tags: self._create(dialog, name, description, tags))
        dialog.exec()

    def _create(self, dialog: CreateGroupDialog, name: str, description: str, tags: dict[str, str]) -> None:
        connection, where = self._workspace.connection, self._workspace.connection_key
        self.statusMessage.emit(self.tr("Creating the group '%1'…").replace("%1", name))

        def open_still() -> bool:
            return isValid(dialog) and dialog.isVisible()

        def done(arn: str) -> None:
            self._settings.set_last_group(where, arn)
            if open_still():
                dialog.created()
            if connection == self._workspace.connection:
                self.statusMessage.emit(self.tr("Created the group '%1'.").replace("%1", name))
                self.created.emit(arn)
            else:
                self.statusMessage.emit(self.tr("Created the group '%1' in %2.").replace("%1", name)
                                        .replace("%2", connection.display_name))

        def failed(error: BaseException) -> None:
            if open_still():
                dialog.refused(render(error))
            else:
                self.errorOccurred.emit(render(error))

        self._runner.run(create_group, connection, name, description, tags, on_return=done, on_error=failed)

