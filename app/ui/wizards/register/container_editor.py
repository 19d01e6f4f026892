"""The fields of one container: image, model data, environment variables, hostname, framework."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions.registration import ContainerSpec
from app.registry.versions.requests import ENV_VARS_PER_CONTAINER
from app.ui.wizards.register.common import NOTE_STYLE, ProblemLabel
from app.ui.wizards.register.model_data_editor import ModelDataDraft, ModelDataEditor


class PairsTable(QTableWidget):
    """Name/value rows; empty rows are ignored, so a half-typed row is never an error."""

    def __init__(self, accessible_name: str, headers: tuple[str, str], parent: QWidget | None = None):
        super().__init__(0, 2, parent)
        self.setAccessibleName(accessible_name)
        self.setHorizontalHeaderLabels(list(headers))
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 200)
        self.verticalHeader().setDefaultSectionSize(24)

    def pairs(self) -> tuple[tuple[str, str], ...]:
        rows = []
        for row in range(self.rowCount()):
            key, value = self._text(row, 0), self._text(row, 1)
            if key or value:
                rows.append((key, value))
        return tuple(rows)

    def set_pairs(self, pairs: tuple[tuple[str, str], ...]) -> None:
        blocked = self.blockSignals(True)
        self.setRowCount(0)
        for key, value in pairs:
            self.add_row(key, value)
        self.blockSignals(blocked)

    def add_row(self, key: str = "", value: str = "") -> int:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(key))
        self.setItem(row, 1, QTableWidgetItem(value))
        return row

    def add_row_for_typing(self) -> None:
        row = self.add_row()
        self.setCurrentCell(row, 0)
        self.editItem(self.item(row, 0))

    def remove_selected_rows(self) -> None:
        """The selected rows, or else the last one."""
        rows = sorted({i.row() for i in self.selectedIndexes()}, reverse=True)
        if not rows and self.rowCount():
            rows = [self.rowCount() - 1]
        for row in rows:
            self.removeRow(row)

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""


class ContainerEditor(QWidget):
    """Edits one ContainerSpec; `changed` fires on every keystroke."""

    changed = Signal()
    pickImageRequested = Signal()
    browseModelDataRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self.image = QLineEdit()
        self.image.setAccessibleName(self.tr("Image URI"))
        self.image.setPlaceholderText("123456789012.dkr.ecr.us-east-1.amazonaws.com/repository:tag")
        self.pick_image = QPushButton(self.tr("Pick from ECR…"))
        self.pick_image.setAccessibleName(self.tr("Pick image from ECR"))
        self.image_problem = ProblemLabel(self.tr("Image URI problem"))

        self.image_digest = QLabel()
        self.image_digest.setAccessibleName(self.tr("Image digest"))
        self.image_digest.setStyleSheet(NOTE_STYLE)
        self.image_digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.image_digest.hide()
        self.image_digest_problem = ProblemLabel(self.tr("Image digest problem"))
        self._digest = ""  # ImageDigest, sent with the image it came with
        self._digest_image = ""

        self.data = ModelDataEditor()
        self.model_data = self.data.url  # the model archive's URL (ModelDataUrl)
        self.model_data_status = self.data.status
        self.model_data_problem = self.data.problem

        self.environment = PairsTable(self.tr("Environment variables"), (self.tr("Name"), self.tr("Value")))
        self.environment.setMinimumHeight(130)
        policy = self.environment.sizePolicy()  # the table takes the height the other fields leave
        policy.setVerticalPolicy(QSizePolicy.Policy.Expanding)
        policy.setVerticalStretch(1)
        self.environment.setSizePolicy(policy)
        self.add_variable = QPushButton(self.tr("Add variable"))
        self.add_variable.setAccessibleName(self.tr("Add environment variable"))
        self.remove_variable = QPushButton(self.tr("Remove variable"))
        self.remove_variable.setAccessibleName(self.tr("Remove environment variable"))
        self.environment_problem = ProblemLabel(self.tr("Environment variables problem"))

        self.hostname = QLineEdit()
        self.hostname.setAccessibleName(self.tr("Container hostname"))
        self.hostname.setPlaceholderText(self.tr("optional; unique in the pipeline"))
        self.hostname_problem = ProblemLabel(self.tr("Container hostname problem"))
        self.framework = QLineEdit()
        self.framework.setAccessibleName(self.tr("Framework"))
        self.framework.setPlaceholderText(self.tr("optional, for example XGBOOST"))
        self.framework_version = QLineEdit()
        self.framework_version.setAccessibleName(self.tr("Framework version"))
        self.framework_version.setPlaceholderText(self.tr("optional, for example 1.7-1"))
        framework_row = QHBoxLayout()  # one row for both: the height goes to the environment
        framework_row.addWidget(self.framework, 3)
        framework_row.addWidget(_buddy(self.tr("&version:"), self.framework_version))
        framework_row.addWidget(self.framework_version, 2)
        self.framework_version_problem = ProblemLabel(self.tr("Framework version problem"))

        image_row = QHBoxLayout()
        image_row.addWidget(self.image, 1)
        image_row.addWidget(self.pick_image)
        env_buttons = QHBoxLayout()
        env_buttons.addWidget(self.add_variable)
        env_buttons.addWidget(self.remove_variable)
        env_note = QLabel(self.tr("At most %1 variables; names use letters, digits and _.")
                          .replace("%1", str(ENV_VARS_PER_CONTAINER)))
        env_note.setStyleSheet(NOTE_STYLE)
        env_buttons.addWidget(env_note, 1)

        form = QFormLayout()
        form.addRow(_buddy(self.tr("&Image URI:"), self.image), image_row)
        form.addRow("", self.image_problem)
        form.addRow("", self.image_digest)
        form.addRow("", self.image_digest_problem)
        form.addRow(_buddy(self.tr("&Model data:"), self.data.kind), self.data)
        form.addRow(self.tr("&Environment:"), self.environment)
        form.addRow("", env_buttons)
        form.addRow("", self.environment_problem)
        form.addRow(self.tr("&Hostname:"), self.hostname)
        form.addRow("", self.hostname_problem)
        form.addRow(_buddy(self.tr("&Framework:"), self.framework), framework_row)
        form.addRow("", self.framework_version_problem)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 1)

        self.image.textChanged.connect(self._image_edited)
        for edit in (self.hostname, self.framework, self.framework_version):
            edit.textChanged.connect(self._emit_changed)
        self.data.changed.connect(self._emit_changed)
        self.environment.itemChanged.connect(lambda _item: self._emit_changed())
        self.add_variable.clicked.connect(self._add_variable)
        self.remove_variable.clicked.connect(self._remove_variable)
        self.pick_image.clicked.connect(self.pickImageRequested)
        self.data.browseRequested.connect(self.browseModelDataRequested)
        self._loaded = ContainerSpec()  # members not edited here (extra…) are given back as they came

    def spec(self) -> ContainerSpec:
        return self.data.apply_to(replace(
            self._loaded,
            image=self.image.text(),
            environment=self.environment.pairs(),
            hostname=self.hostname.text(),
            framework=self.framework.text(),
            framework_version=self.framework_version.text(),
            image_digest=self._digest,
        ))

    def draft(self) -> ModelDataDraft:
        """What was typed for the model data kinds not chosen, to give back to `load`."""
        return self.data.draft()

    def load(self, spec: ContainerSpec, draft: ModelDataDraft | None = None) -> None:
        self._loading = True
        try:
            self._loaded = spec
            self.image.setText(spec.image)
            self.set_digest(spec.image_digest, spec.image, picked=False)
            self.data.load(spec, draft)
            self.environment.set_pairs(spec.environment)
            self.hostname.setText(spec.hostname)
            self.framework.setText(spec.framework)
            self.framework_version.setText(spec.framework_version)
            self.image.setCursorPosition(0)  # long URIs show their start, where the meaning is
        finally:
            self._loading = False

    def set_digest(self, digest: str, image: str, *, picked: bool) -> None:
        """The digest of `image`: sent as ImageDigest while the image stays `image`."""
        self._digest, self._digest_image = digest, image
        if picked:
            text = self.tr("Digest %1 from ECR").replace("%1", digest)
        else:
            text = self.tr("Digest %1").replace("%1", digest)
        self.image_digest.setText(text if digest else "")
        self.image_digest.setVisible(bool(digest))

    def use_picked_image(self, image: str, digest: str) -> None:
        """The ECR picker's choice: the image and, when ECR gave one, its digest."""
        self._digest, self._digest_image = digest, image  # before the text changes: it belongs to it
        self.image.setText(image)
        self.set_digest(digest, image, picked=True)
        self._emit_changed()

    def _image_edited(self, text: str) -> None:
        if self._digest and text != self._digest_image:
            self.set_digest("", "", picked=False)  # typed by hand: the digest was another image's
        self._emit_changed()

    # The fields whose messages show_problems puts by a field ("environment" covers its rows too).
    SHOWN = ("image", "image_digest", "model_data", "model_data_url", "model_data_source", "hostname",
             "framework_version", "environment")

    def show_problems(self, index: int, problems: dict[str, str], warnings: dict[str, str] | None = None) -> None:
        """Show the messages of container `index` ("containers.<index>.<field>") by their fields;
        warnings (allowed, not blocking) by theirs."""
        at = f"containers.{index}."
        self.image_problem.show_problem(problems.get(at + "image"))
        self.image_digest_problem.show_problem(problems.get(at + "image_digest"))
        warnings = warnings or {}
        self.data.show_messages(
            problems.get(at + "model_data_url") or problems.get(at + "model_data_source"),
            warnings.get(at + "model_data") or warnings.get(at + "model_data_url")
            or warnings.get(at + "model_data_source"))
        self.hostname_problem.show_problem(problems.get(at + "hostname"))
        self.framework_version_problem.show_problem(problems.get(at + "framework_version"))
        lines = []
        if problems.get(at + "environment"):
            lines.append(problems[at + "environment"])
        rows = [k for k in problems if k.startswith(at + "environment.")]
        for key in rows:
            row = int(key.split(".")[3]) + 1
            lines.append(self.tr("Variable %1: %2").replace("%1", str(row)).replace("%2", problems[key]))
        self.environment_problem.show_problem("\n".join(dict.fromkeys(lines)))

    def show_model_data_note(self, text: str, style: str) -> None:
        """What the check of the model data found; the line takes no room while empty."""
        self.data.show_note(text, style)

    def _emit_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _add_variable(self) -> None:
        self.environment.add_row_for_typing()

    def _remove_variable(self) -> None:
        self.environment.remove_selected_rows()
        self._emit_changed()


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose mnemonic focuses `widget` (rows holding a layout need one)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label
