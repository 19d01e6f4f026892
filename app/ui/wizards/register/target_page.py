"""Page 1: which group receives the version (one of this account, a new one, or an ARN)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from app.registry.versions import requests
from app.registry.versions.groups import GroupSummary
from app.ui import palette
from app.ui.texts import render
from app.ui.wizards.register.common import NOTE_STYLE, ProblemLabel
from app.ui.wizards.register.operations import list_groups

EXISTING, NEW, BY_ARN = 0, 1, 2


class TargetPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self._groups: list[GroupSummary] | None = None  # None until the list arrives
        self._load_error = ""
        self._wanted = ""  # a group to select once the list arrives
        self.setTitle(self.tr("Target group"))
        self.setSubTitle(self.tr("Choose the model package group that receives the new version."))

        self.existing_choice = QRadioButton(self.tr("An &existing group of this account"))
        self.new_choice = QRadioButton(self.tr("A &new group"))
        self.arn_choice = QRadioButton(self.tr("A group in &another account, by ARN"))
        self.mode = QButtonGroup(self)
        for position, button, name in ((EXISTING, self.existing_choice, self.tr("Existing group")),
                                       (NEW, self.new_choice, self.tr("New group")),
                                       (BY_ARN, self.arn_choice, self.tr("Group by ARN"))):
            button.setAccessibleName(name)
            self.mode.addButton(button, position)
        self.existing_choice.setChecked(True)

        self.group_picker = QComboBox()
        self.group_picker.setAccessibleName(self.tr("Group"))
        self.group_picker.setMinimumContentsLength(30)
        self.group_status = QLabel(self.tr("Loading groups…"))
        self.group_status.setAccessibleName(self.tr("Group list status"))
        self.group_status.setWordWrap(True)
        self.group_status.setStyleSheet(NOTE_STYLE)

        self.new_name = QLineEdit()
        self.new_name.setAccessibleName(self.tr("New group name"))
        self.new_name.setPlaceholderText(self.tr("for example churn-prediction"))
        self.new_name_problem = ProblemLabel(self.tr("New group name problem"))
        self.new_description = QPlainTextEdit()
        self.new_description.setAccessibleName(self.tr("New group description"))
        self.new_description.setFixedHeight(60)
        self.new_description_problem = ProblemLabel(self.tr("New group description problem"))

        self.arn_edit = QLineEdit()
        self.arn_edit.setAccessibleName(self.tr("Group ARN"))
        self.arn_edit.setPlaceholderText("arn:aws:sagemaker:us-east-1:210987654321:model-package-group/name")
        self.arn_problem = ProblemLabel(self.tr("Group ARN problem"))
        arn_note = QLabel(self.tr(
            "The owner of that group must allow this account to register into it "
            "(a resource policy on the group, and access to its artifacts)."))
        arn_note.setWordWrap(True)
        arn_note.setStyleSheet(NOTE_STYLE)

        form = QFormLayout()
        form.addRow(self.existing_choice)
        form.addRow(self.tr("&Group:"), self.group_picker)
        form.addRow("", self.group_status)
        form.addRow(self.new_choice)
        form.addRow(self.tr("N&ame:"), self.new_name)
        form.addRow("", self.new_name_problem)
        form.addRow(self.tr("&Description:"), self.new_description)
        form.addRow("", self.new_description_problem)
        form.addRow(self.arn_choice)
        form.addRow(self.tr("A&RN:"), self.arn_edit)
        form.addRow("", self.arn_problem)
        form.addRow("", arn_note)
        self.source_note = QLabel()
        self.source_note.setAccessibleName(self.tr("Copied from"))
        self.source_note.setWordWrap(True)
        self.source_note.hide()  # only for New Version From
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_note)
        layout.addLayout(form)
        layout.addStretch(1)

        self.mode.idToggled.connect(lambda *_: self._changed())
        self.group_picker.currentIndexChanged.connect(lambda *_: self._changed())
        self.new_name.textChanged.connect(self._changed)
        self.new_description.textChanged.connect(self._changed)
        self.arn_edit.textChanged.connect(self._changed)
        self._changed()

    # -- the wizard's view of the page ------------------------------------------------------

    def initializePage(self) -> None:
        if self._groups is None and not self._wizard.runner.is_running("groups"):
            self._wizard.runner.run(list_groups, self._wizard.connection, key="groups",
                                    on_return=self._groups_arrived, on_error=self._groups_failed)

    def isComplete(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        mode = self.mode.checkedId()
        if mode == EXISTING:
            if self._groups is None:
                return self._load_error or self.tr("Waiting for the list of groups…")
            return None if self.group_picker.currentData() else self.tr("Pick a group.")
        if mode == NEW:
            name = self.new_name.text()
            return requests.check_group_name(name) or requests.check_group_description(self.description())
        return requests.check_target_group(self.arn_edit.text().strip())

    def group(self) -> str:
        mode = self.mode.checkedId()
        if mode == EXISTING:
            return self.group_picker.currentData() or ""
        if mode == NEW:
            return self.new_name.text()
        return self.arn_edit.text().strip()

    def description(self) -> str:
        return self.new_description.toPlainText().strip()

    def new_group_description(self) -> str | None:
        """The description of the group to create, or None when the group exists."""
        return self.description() if self.mode.checkedId() == NEW else None

    def set_group(self, group: str) -> None:
        """Select `group` (a name or an ARN): in the list once it arrives, else as new or by ARN."""
        if not group:
            return
        if group.startswith("arn:") and ":model-package-group/" in group:
            own = self._groups is not None and any(g.arn == group for g in self._groups)
            if not own:
                self.arn_edit.setText(group)
                self.arn_choice.setChecked(True)
                return
            group = group.rsplit("/", 1)[-1]
        if self._groups is None:
            self._wanted = group
            self.existing_choice.setChecked(True)
            return
        self._select_existing_or_new(group)

    # -- callbacks --------------------------------------------------------------------------

    def _select_existing_or_new(self, name: str) -> None:
        position = self.group_picker.findData(name)
        if position >= 0:
            self.group_picker.setCurrentIndex(position)
            self.existing_choice.setChecked(True)
        else:
            self.new_name.setText(name)
            self.new_choice.setChecked(True)

    def _groups_arrived(self, found: list[GroupSummary]) -> None:
        self._groups = found
        self.group_picker.clear()
        for group in found:
            text = f"{group.name} — {group.description}" if group.description else group.name
            self.group_picker.addItem(text, group.name)
        if found:
            self.group_status.setText(self.tr("%n group(s) in this account.", "", len(found)))
        else:
            self.group_status.setText(self.tr("This account has no groups yet: create one below."))
            if not self._wanted:
                self.new_choice.setChecked(True)
        if self._wanted:
            self._select_existing_or_new(self._wanted)
            self._wanted = ""
        self._changed()

    def _groups_failed(self, error: BaseException) -> None:
        self._load_error = render(error)
        self.group_status.setText(self.tr("Cannot list the groups: %1").replace("%1", render(error)))
        self.group_status.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        if self._wanted:
            self.new_name.setText(self._wanted)
            self.new_choice.setChecked(True)
        self._changed()

    def _changed(self) -> None:
        mode = self.mode.checkedId()
        self.group_picker.setEnabled(mode == EXISTING)
        for widget in (self.new_name, self.new_description):
            widget.setEnabled(mode == NEW)
        self.arn_edit.setEnabled(mode == BY_ARN)
        name = self.new_name.text()
        self.new_name_problem.show_problem(
            requests.check_group_name(name) if mode == NEW and name else None)
        self.new_description_problem.show_problem(
            requests.check_group_description(self.description()) if mode == NEW else None)
        arn = self.arn_edit.text().strip()
        self.arn_problem.show_problem(requests.check_target_group(arn) if mode == BY_ARN and arn else None)
        self.completeChanged.emit()
