"""The fields of one container: image, model data, environment variables, hostname, framework."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
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
        self._loaded = ContainerSpec()
        self.image = QLineEdit()
        self.image.setAccessibleName(self.tr("Image URI"))
        self.image.setPlaceholderText("123456789012.dkr.ecr.us-east-1.amazonaws.com/repository:tag")
        self.pick_image = QPushButton(self.tr("Pick from ECR…"))
        self.pick_image.setAccessibleName(self.tr("Pick image from ECR"))
        self.image_problem = ProblemLabel(self.tr("Image URI problem"))

        self.model_data = QLineEdit()
        self.model_data.setAccessibleName(self.tr("Model data URL"))
        self.model_data.setPlaceholderText("s3://bucket/path/model.tar.gz")
        self.browse_model_data = QPushButton(self.tr("Browse S3…"))
        self.browse_model_data.setAccessibleName(self.tr("Browse S3 for model data"))
        self.model_data_problem = ProblemLabel(self.tr("Model data URL problem"))
        self.model_data_status = QLabel()
        self.model_data_status.setAccessibleName(self.tr("Model data check"))
        self.model_data_status.setStyleSheet(NOTE_STYLE)
        self.model_data_status.setWordWrap(True)
        self.model_data_status.hide()  # shown while it has something to say

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
        data_row = QHBoxLayout()
        data_row.addWidget(self.model_data, 1)
        data_row.addWidget(self.browse_model_data)
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
        form.addRow(_buddy(self.tr("&Model data:"), self.model_data), data_row)
        form.addRow("", self.model_data_problem)
        form.addRow("", self.model_data_status)
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

        for edit in (self.image, self.model_data, self.hostname, self.framework, self.framework_version):
            edit.textChanged.connect(self._emit_changed)
        self.environment.itemChanged.connect(lambda _item: self._emit_changed())
        self.add_variable.clicked.connect(self._add_variable)
        self.remove_variable.clicked.connect(self._remove_variable)
        self.pick_image.clicked.connect(self.pickImageRequested)
        self.browse_model_data.clicked.connect(self.browseModelDataRequested)

    def spec(self) -> ContainerSpec:
        """What the fields hold; what they do not show (a model data source, extra members) stays as
        loaded, and so does the image digest while the image is the loaded one."""
        loaded = self._loaded
        return replace(
            loaded,
            image_digest=loaded.image_digest if self.image.text() == loaded.image else "",
            image=self.image.text(),
            model_data_url=self.model_data.text(),
            environment=self.environment.pairs(),
            hostname=self.hostname.text(),
            framework=self.framework.text(),
            framework_version=self.framework_version.text(),
        )

    def load(self, spec: ContainerSpec) -> None:
        self._loaded = spec
        self._loading = True
        try:
            self.image.setText(spec.image)
            self.model_data.setText(spec.model_data_url)
            self.environment.set_pairs(spec.environment)
            self.hostname.setText(spec.hostname)
            self.framework.setText(spec.framework)
            self.framework_version.setText(spec.framework_version)
            for edit in (self.image, self.model_data):
                edit.setCursorPosition(0)  # long URIs show their start, where the meaning is
        finally:
            self._loading = False

    # The fields whose messages show_problems puts by a field ("environment" covers its rows too).
    SHOWN = ("image", "model_data_url", "hostname", "framework_version", "environment")

    def show_problems(self, index: int, problems: dict[str, str]) -> None:
        """Show the messages of container `index` ("containers.<index>.<field>") by their fields."""
        at = f"containers.{index}."
        self.image_problem.show_problem(problems.get(at + "image"))
        self.model_data_problem.show_problem(problems.get(at + "model_data_url"))
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
        self.model_data_status.setText(text)
        self.model_data_status.setStyleSheet(style)
        self.model_data_status.setVisible(bool(text))

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
