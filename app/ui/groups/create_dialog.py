"""Create a model package group: name checked as it is typed, before any call.

The naming rules come from botocore's SageMaker model, read off the UI thread: until they
arrive (`rules_arrived`) the name is not checked and Create waits. Create asks for the group
(`createRequested`) and the dialog stays open, busy, until AWS answers: `created` closes it,
`refused` shows the server's message with everything typed still in place. Cancel or Esc while
AWS has not answered asks first, since the group may still be created.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions import requests
from app.ui import palette
from app.ui.texts import render
from app.ui.widgets.banner import Banner


class CreateGroupDialog(QDialog):
    createRequested = Signal(str, str, object)  # name, description, tags (dict)

    def __init__(self, parent: QWidget | None = None, *, rules_ready: bool = False):
        """`rules_ready`: the naming rules are loaded already, so checking costs nothing."""
        super().__init__(parent)
        self._rules = "ready" if rules_ready else "loading"  # or "unavailable": AWS alone checks
        self._busy = False
        self._question: QMessageBox | None = None
        self.setWindowTitle(self.tr("New Model Package Group"))
        self.setAccessibleName(self.tr("New model package group"))
        self.resize(520, 420)

        self.banner = Banner()
        self.rules_note = QLabel(self.tr("Reading SageMaker's naming rules…"))
        self.rules_note.setAccessibleName(self.tr("Naming rules"))
        self.rules_note.setStyleSheet(palette.text_style(palette.MUTED_TEXT))
        self.rules_note.setVisible(not rules_ready)
        self.rules_note.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Group name"))
        self.name_edit.setPlaceholderText(self.tr("for example churn-prediction"))
        self.name_error = QLabel()
        self.name_error.setAccessibleName(self.tr("Group name problem"))
        self.name_error.setWordWrap(True)
        self.name_error.setStyleSheet(palette.text_style(palette.ERROR_TEXT))

        self.description_edit = QPlainTextEdit()
        self.description_edit.setAccessibleName(self.tr("Group description"))
        self.description_edit.setFixedHeight(70)
        self.description_error = QLabel()
        self.description_error.setWordWrap(True)
        self.description_error.setStyleSheet(palette.text_style(palette.ERROR_TEXT))

        self.tags_table = QTableWidget(4, 2)
        self.tags_table.setAccessibleName(self.tr("Group tags"))
        self.tags_table.setHorizontalHeaderLabels([self.tr("Tag key"), self.tr("Value")])
        self.tags_table.horizontalHeader().setStretchLastSection(True)
        self.tags_error = QLabel()
        self.tags_error.setWordWrap(True)
        self.tags_error.setStyleSheet(palette.text_style(palette.ERROR_TEXT))

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow("", self.rules_note)
        form.addRow("", self.name_error)
        form.addRow(self.tr("&Description:"), self.description_edit)
        form.addRow("", self.description_error)
        form.addRow(self.tr("&Tags:"), self.tags_table)
        form.addRow("", self.tags_error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create"))
        self.create_button.setAccessibleName(self.tr("Create group"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.busy_note = QLabel(self.tr("Waiting for AWS to create the group…"))
        self.busy_note.setAccessibleName(self.tr("Creating the group"))
        self.busy_note.setStyleSheet(palette.text_style(palette.RUNNING_TEXT))
        self.busy_note.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy_note, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(bottom)

        self.name_edit.textChanged.connect(self._validate)
        self.description_edit.textChanged.connect(self._validate)
        self.tags_table.itemChanged.connect(self._validate)
        self._validate()

    def name(self) -> str:
        return self.name_edit.text().strip()

    def description(self) -> str:
        return self.description_edit.toPlainText().strip()

    def tags(self) -> dict[str, str]:
        tags: dict[str, str] = {}
        for row in range(self.tags_table.rowCount()):
            key_item, value_item = self.tags_table.item(row, 0), self.tags_table.item(row, 1)
            key = key_item.text().strip() if key_item else ""
            value = value_item.text().strip() if value_item else ""
            if key:
                tags[key] = value
        return tags

    def _tag_problem(self) -> str:
        seen: set[str] = set()
        for row in range(self.tags_table.rowCount()):
            key_item, value_item = self.tags_table.item(row, 0), self.tags_table.item(row, 1)
            key = key_item.text().strip() if key_item else ""
            value = value_item.text().strip() if value_item else ""
            if value and not key:
                return self.tr("Row %1 has a value but no key: type a key or clear the value.").replace(
                    "%1", str(row + 1))
            if key in seen:
                return self.tr("The tag key '%1' appears twice: keep one.").replace("%1", key)
            if key:
                seen.add(key)
            if len(key) > 128 or len(value) > 256:
                return self.tr("Tag keys take at most 128 characters and values 256.")
        return ""

    def _problems(self) -> tuple[str, str, str]:
        """(name, description, tags) problems; the first two need the rules."""
        name = self.name()
        if not name:
            name_problem = self.tr("Type a name for the group.")
        elif self._rules == "ready":
            name_problem = render(requests.check_group_name(name) or "")
        else:
            name_problem = ""
        description_problem = ""
        if self._rules == "ready":
            description_problem = render(requests.check_group_description(self.description()) or "")
        return name_problem, description_problem, self._tag_problem()

    def _validate(self) -> None:
        name_problem, description_problem, tag_problem = self._problems()
        typed = bool(self.name())
        # An untouched, empty name is not an error yet; it just keeps Create disabled.
        self.name_error.setText(name_problem if typed else "")
        self.name_error.setVisible(bool(typed and name_problem))
        self.description_error.setText(description_problem)
        self.description_error.setVisible(bool(description_problem))
        self.tags_error.setText(tag_problem)
        self.tags_error.setVisible(bool(tag_problem))
        problem = name_problem or description_problem or tag_problem
        if self._rules == "loading":
            problem = problem or self.rules_note.text()
        self.create_button.setEnabled(not problem and not self._busy)
        self.create_button.setToolTip(problem)

    # -- the rules and the call ------------------------------------------------------------

    def rules_arrived(self, problem: str = "") -> None:
        """The naming rules are loaded; with `problem` they could not be, and AWS checks alone."""
        self._rules = "unavailable" if problem else "ready"
        self.rules_note.setText(self.tr("The naming rules could not be read (%1); AWS will check the name.")
                                .replace("%1", problem))
        self.rules_note.setVisible(bool(problem))
        self._validate()

    def busy(self) -> bool:
        """True from Create until AWS answers."""
        return self._busy

    def accept(self) -> None:
        """Create: ask for the group and wait for AWS; never twice, never with a known problem."""
        if self._busy or not self.create_button.isEnabled():
            return
        self.banner.hide()
        self._set_busy(True)
        self.createRequested.emit(self.name(), self.description(), self.tags())

    def created(self) -> None:
        self._set_busy(False)
        self._stop_asking()
        super().accept()

    def refused(self, message: str) -> None:
        """AWS said no: its words in the dialog, and everything typed still there to correct."""
        self._set_busy(False)
        self._stop_asking()
        self.banner.show_message(message, "error")
        self._validate()

    def reject(self) -> None:
        if self._busy:
            if not self._confirm_stop_waiting() or not self._busy:
                return  # keep waiting, or AWS answered meanwhile (created/refused took over)
        super().reject()

    def _confirm_stop_waiting(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Stop waiting?"), self.tr(
            "AWS has not answered yet. The group '%1' may still be created after this dialog closes; "
            "the status bar will say when it is.").replace("%1", self.name()), parent=self)
        box.setAccessibleName(self.tr("Stop waiting for the new group"))
        keep = box.addButton(self.tr("Keep waiting"), QMessageBox.ButtonRole.RejectRole)
        keep.setAccessibleName(self.tr("Keep waiting"))
        leave = box.addButton(self.tr("Close anyway"), QMessageBox.ButtonRole.AcceptRole)
        leave.setAccessibleName(self.tr("Close anyway"))
        box.setDefaultButton(keep)
        self._question = box
        try:
            box.exec()
        finally:
            self._question = None
        return box.clickedButton() == leave

    def _stop_asking(self) -> None:
        if self._question is not None:
            self._question.done(0)  # AWS answered while the user was being asked

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.create_button.setText(self.tr("Creating…") if busy else self.tr("Create"))
        self.create_button.setEnabled(not busy)
        self.busy_note.setVisible(busy)
        for widget in (self.name_edit, self.description_edit):
            widget.setReadOnly(busy)
        self.tags_table.setEnabled(not busy)

    def keyPressEvent(self, event) -> None:
        # Enter inside the tags table edits a cell; it must not submit the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tags_table.hasFocus():
            return
        super().keyPressEvent(event)


def set_tags(dialog: CreateGroupDialog, tags: dict[str, str]) -> None:
    """Fill the tags table (tests and a future 'duplicate group' use this)."""
    for row, (key, value) in enumerate(tags.items()):
        if row >= dialog.tags_table.rowCount():
            dialog.tags_table.insertRow(row)
        dialog.tags_table.setItem(row, 0, QTableWidgetItem(key))
        dialog.tags_table.setItem(row, 1, QTableWidgetItem(value))
