"""The Advanced page's small sections: encryption, source, validation, lifecycle and tags.

Each follows the Section protocol (sections.py). Text is kept exactly as loaded or typed (no
trimming): the checks say what is wrong with it, and a round trip gives back what came in.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions.artifacts import KeyChoice
from app.registry.versions.spec import LifeCycleSpec, RegistrationSpec, SourceMetadata
from app.ui.texts import render
from app.ui.versions.lifecycle_dialog import COMMON_STAGES, COMMON_STATUSES
from app.ui.wizards.register.common import NOTE_STYLE
from app.ui.wizards.register.container_editor import PairsTable
from app.ui.wizards.register.operations import list_kms_keys
from app.ui.wizards.register.pickers import S3BrowserDialog
from app.ui.wizards.register.sections import FieldMessage, button_row, fit_to_rows, listed


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def _edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _with_message(widget: QWidget, message: FieldMessage) -> QWidget:
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(message)
    return column


class _Section(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False

    def _emit(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()


class EncryptionSection(_Section):
    """SecurityConfig.KmsKeyId: a key of the account picked from the list, or typed."""

    def __init__(self, wizard, parent: QWidget | None = None):
        super().__init__(parent)
        self._wizard = wizard
        self._keys: list[KeyChoice] = []
        self._listed = False
        self.key = _edit(self.tr("KMS key"), self.tr("key ID, key ARN, alias/name or alias ARN"))
        self.keys = QComboBox()
        self.keys.setAccessibleName(self.tr("KMS keys of the account"))
        self.keys.setMinimumContentsLength(28)
        self.keys.addItem(self.tr("Pick a key of the account…"), "")
        self.reload = QPushButton(self.tr("Reload keys"))
        self.reload.setAccessibleName(self.tr("Reload KMS keys"))
        self.status = _note("")
        self.status.setWordWrap(False)  # one line; wrapped, the form gives it the height of two
        self.status.setAccessibleName(self.tr("KMS keys status"))
        self.problem = FieldMessage(self.tr("KMS key problem"))
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.keys, 1)
        pick_row.addWidget(self.reload)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Key:"), _with_message(self.key, self.problem))
        keys_label = QLabel(self.tr("Account's &keys:"))
        keys_label.setBuddy(self.keys)
        form.addRow(keys_label, pick_row)
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.setSpacing(2)
        notes_layout.addWidget(self.status)
        notes_layout.addWidget(_note(self.tr(
            "SageMaker encrypts the version's information with this key. Registering into a group of "
            "another account needs a key that account may use.")))
        form.addRow("", notes)
        self.key.textChanged.connect(self._emit)
        self.key.textChanged.connect(self._show_picked)
        self.keys.activated.connect(self._picked)
        self.reload.clicked.connect(self.list_keys)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._listed:  # listed when first seen: a wizard that never opens this calls nothing
            self.list_keys()

    def list_keys(self) -> None:
        self._listed = True
        self.status.setText(self.tr("Listing the account's keys…"))
        self.reload.setEnabled(False)
        self._wizard.runner.run(list_kms_keys, self._wizard.connection, key="kms-keys",
                                on_return=self._keys_arrived, on_error=self._keys_failed,
                                on_finish=lambda: self.reload.setEnabled(True))

    def _keys_arrived(self, keys: list[KeyChoice]) -> None:
        self._keys = list(keys)
        self.keys.clear()
        self.keys.addItem(self.tr("Pick a key of the account…"), "")
        for key in keys:
            self.keys.addItem(key.title, key.arn)
            self.keys.setItemData(self.keys.count() - 1, key.arn, Qt.ItemDataRole.ToolTipRole)
        self._show_picked()
        self.status.setText(self.tr("%n key(s) in this account.", "", len(keys)) if keys
                            else self.tr("This account has no KMS keys; type the ARN of another account's key."))
        self._emit()  # the header names the key by its alias now

    def _keys_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The keys could not be listed: %1 Type the key instead.")
                            .replace("%1", render(error)))

    def _known(self) -> KeyChoice | None:
        typed = self.key.text()
        return next((k for k in self._keys if typed and typed in (k.arn, k.key_id, *k.aliases)), None)

    def _show_picked(self) -> None:
        """The list shows the typed key when it is one of the account's."""
        known = self._known()
        self.keys.setCurrentIndex(max(self.keys.findData(known.arn), 0) if known else 0)

    def _picked(self, index: int) -> None:
        arn = self.keys.itemData(index)
        if arn:
            self.key.setText(arn)
            self.key.setCursorPosition(0)

    def load(self, spec: RegistrationSpec) -> None:
        self._loading = True
        try:
            self.key.setText(spec.kms_key_id)
            self.key.setCursorPosition(0)
        finally:
            self._loading = False

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(spec, kms_key_id=self.key.text())

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None:
        self.problem.show_message(problems.get("kms_key_id"), warnings.get("kms_key_id"))

    def summary(self) -> str:
        typed = self.key.text()
        if not typed:
            return ""
        known = self._known()
        if known is not None:
            return self.tr("key %1").replace("%1", known.aliases[0] if known.aliases else known.key_id)
        return self.tr("key %1").replace("%1", typed)


class SourceSection(_Section):
    """SourceUri and MetadataProperties: where the model came from."""

    METADATA = (("commit_id", "CommitId"), ("repository", "Repository"), ("generated_by", "GeneratedBy"),
                ("project_id", "ProjectId"))

    def __init__(self, wizard, parent: QWidget | None = None):
        super().__init__(parent)
        self._wizard = wizard
        self.source_uri = _edit(self.tr("Source URI"), self.tr("s3://…, or the ARN of a model or model package"))
        self.browse = QPushButton(self.tr("Browse S3…"))
        self.browse.setAccessibleName(self.tr("Browse S3 for the source"))
        self.source_problem = FieldMessage(self.tr("Source URI problem"))
        self.commit_id = _edit(self.tr("Commit ID"), self.tr("for example 9f1c2ab"))
        self.repository = _edit(self.tr("Repository"), self.tr("for example https://github.com/team/churn"))
        self.generated_by = _edit(self.tr("Generated by"), self.tr("for example the pipeline or job that trained it"))
        self.project_id = _edit(self.tr("Project ID"), self.tr("the SageMaker project, when there is one"))
        self.metadata_problems = {
            "commit_id": FieldMessage(self.tr("Commit ID problem")),
            "repository": FieldMessage(self.tr("Repository problem")),
            "generated_by": FieldMessage(self.tr("Generated by problem")),
            "project_id": FieldMessage(self.tr("Project ID problem")),
        }
        source_row = QWidget()
        row = QHBoxLayout(source_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.source_uri, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Source &URI:"), _with_message(source_row, self.source_problem))
        for label, name in ((self.tr("&Commit ID:"), "commit_id"), (self.tr("&Repository:"), "repository"),
                            (self.tr("&Generated by:"), "generated_by"), (self.tr("&Project ID:"), "project_id")):
            form.addRow(label, _with_message(self._edit_of(name), self.metadata_problems[name]))
        for edit in (self.source_uri, self.commit_id, self.repository, self.generated_by, self.project_id):
            edit.textChanged.connect(self._emit)
        self.browse.clicked.connect(self._browse)

    def _edit_of(self, name: str) -> QLineEdit:
        return getattr(self, name)

    def _browse(self) -> None:
        dialog = S3BrowserDialog(self._wizard.connection, self.source_uri.text(), self)
        if dialog.exec() and dialog.s3_url():
            self.source_uri.setText(dialog.s3_url())
        dialog.deleteLater()

    def load(self, spec: RegistrationSpec) -> None:
        self._loading = True
        try:
            self.source_uri.setText(spec.source_uri)
            for name, _member in self.METADATA:
                self._edit_of(name).setText(getattr(spec.source_metadata, name))
            for edit in (self.source_uri, self.repository):
                edit.setCursorPosition(0)
        finally:
            self._loading = False

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        metadata = SourceMetadata(self.commit_id.text(), self.repository.text(), self.generated_by.text(),
                                  self.project_id.text())
        return replace(spec, source_uri=self.source_uri.text(), source_metadata=metadata)

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None:
        self.source_problem.show_message(problems.get("source_uri"), warnings.get("source_uri"))
        for name, label in self.metadata_problems.items():
            key = f"source_metadata.{name}"
            label.show_message(problems.get(key) or (problems.get("source_metadata") if name == "commit_id" else None),
                               warnings.get(key))

    def summary(self) -> str:
        parts = []
        if self.source_uri.text():
            parts.append(self.source_uri.text())
        if self.commit_id.text():
            parts.append(self.tr("commit %1").replace("%1", self.commit_id.text()[:12]))
        if self.repository.text():
            parts.append(self.repository.text())
        if self.generated_by.text():
            parts.append(self.tr("by %1").replace("%1", self.generated_by.text()))
        if self.project_id.text():
            parts.append(self.tr("project %1").replace("%1", self.project_id.text()))
        return " · ".join(parts)


class ValidationSection(_Section):
    """SkipModelValidation: not sent, "All" or "None"."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.not_set = QRadioButton(self.tr("Not set: SageMaker's default"))
        self.skip_all = QRadioButton(self.tr("All: skip the validation of this version"))
        self.skip_none = QRadioButton(self.tr("None: skip nothing; validate it"))
        self.other = QRadioButton()  # a value from a file that AWS does not know: kept, and flagged
        self.other.hide()
        self._other_value = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button, value, name in ((self.not_set, "", self.tr("Model validation not set")),
                                    (self.skip_all, "All", self.tr("Skip all model validation")),
                                    (self.skip_none, "None", self.tr("Skip no model validation")),
                                    (self.other, None, self.tr("Model validation as loaded"))):
            button.setAccessibleName(name)
            button.setProperty("value", value)
            self.group.addButton(button)
            layout.addWidget(button)
        self.problem = FieldMessage(self.tr("Model validation problem"))
        layout.addWidget(self.problem)
        layout.addWidget(_note(self.tr(
            "SkipModelValidation. SageMaker validates a version that has a validation specification by running "
            "it; All skips that (for a model checked elsewhere), None asks for it explicitly.")))
        self.not_set.setChecked(True)
        self.group.buttonToggled.connect(lambda _b, on: on and self._emit())

    def value(self) -> str:
        button = self.group.checkedButton()
        if button is self.other:
            return self._other_value
        return str(button.property("value") or "") if button is not None else ""

    def load(self, spec: RegistrationSpec) -> None:
        self._loading = True
        try:
            value = spec.skip_model_validation
            known = {"": self.not_set, "All": self.skip_all, "None": self.skip_none}
            self._other_value = "" if value in known else value
            self.other.setText(self.tr("As loaded: '%1'").replace("%1", value))
            self.other.setVisible(value not in known)
            known.get(value, self.other).setChecked(True)
        finally:
            self._loading = False

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(spec, skip_model_validation=self.value())

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None:
        self.problem.show_message(problems.get("skip_model_validation"), warnings.get("skip_model_validation"))

    def summary(self) -> str:
        return {"": "", "All": self.tr("skip all"), "None": self.tr("skip none")}.get(self.value(), self.value())


class LifecycleSection(_Section):
    """ModelLifeCycle at registration: stage, stage status and description."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = self._combo(self.tr("Lifecycle stage"), COMMON_STAGES)
        self.stage_status = self._combo(self.tr("Lifecycle stage status"), COMMON_STATUSES)
        self.stage_description = _edit(self.tr("Lifecycle stage description"),
                                       self.tr("optional: why, or what was checked"))
        self.stage_description.textChanged.connect(self._emit)
        self.problems = {
            "stage": FieldMessage(self.tr("Lifecycle stage problem")),
            "stage_status": FieldMessage(self.tr("Lifecycle stage status problem")),
            "stage_description": FieldMessage(self.tr("Lifecycle stage description problem")),
        }
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Stage:"), _with_message(self.stage, self.problems["stage"]))
        form.addRow(self.tr("Stage s&tatus:"), _with_message(self.stage_status, self.problems["stage_status"]))
        form.addRow(self.tr("D&escription:"), _with_message(self.stage_description, self.problems["stage_description"]))
        form.addRow("", _note(self.tr("Stage and status go together: set both, or neither.")))

    def _combo(self, name: str, items: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setAccessibleName(name)
        combo.lineEdit().setAccessibleName(name)
        combo.addItems(list(items))
        combo.setCurrentIndex(-1)
        combo.setEditText("")
        combo.editTextChanged.connect(self._emit)
        return combo

    def load(self, spec: RegistrationSpec) -> None:
        self._loading = True
        try:
            self.stage.setEditText(spec.life_cycle.stage)
            self.stage_status.setEditText(spec.life_cycle.stage_status)
            self.stage_description.setText(spec.life_cycle.stage_description)
        finally:
            self._loading = False

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(spec, life_cycle=LifeCycleSpec(self.stage.currentText(), self.stage_status.currentText(),
                                                      self.stage_description.text()))

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None:
        for name, label in self.problems.items():
            key = f"life_cycle.{name}"
            label.show_message(problems.get(key) or (problems.get("life_cycle") if name == "stage" else None),
                               warnings.get(key))

    def summary(self) -> str:
        stage, status = self.stage.currentText(), self.stage_status.currentText()
        return " / ".join(part for part in (stage, status) if part)


class TagsSection(_Section):
    """Tags of the new version."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = PairsTable(self.tr("Tags"), (self.tr("Key"), self.tr("Value")))
        fit_to_rows(self.table, least=2, most=8)
        self.add = QPushButton(self.tr("Add tag"))
        self.add.setAccessibleName(self.tr("Add tag"))
        self.remove = QPushButton(self.tr("Remove tag"))
        self.remove.setAccessibleName(self.tr("Remove tag"))
        self.problem = FieldMessage(self.tr("Tags problem"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(button_row(self.add, self.remove))
        layout.addWidget(self.problem)
        layout.addWidget(_note(self.tr("Tags of this version only; the group keeps its own.")))
        self.table.itemChanged.connect(self._emit)
        self.add.clicked.connect(self.table.add_row_for_typing)
        self.remove.clicked.connect(lambda: (self.table.remove_selected_rows(), self._emit()))

    def load(self, spec: RegistrationSpec) -> None:
        self._loading = True
        try:
            self.table.set_pairs(spec.tags)
        finally:
            self._loading = False

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(spec, tags=self.table.pairs())

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None:
        template = self.tr("Tag %1: %2")
        self.problem.show_message(listed(problems, "tags", template), listed(warnings, "tags", template))

    def summary(self) -> str:
        pairs = self.table.pairs()
        if not pairs:
            return ""
        shown = ", ".join(f"{k}={v}" for k, v in pairs[:3])
        more = len(pairs) - 3
        return shown + (self.tr(" and %n more", "", more) if more > 0 else "")
