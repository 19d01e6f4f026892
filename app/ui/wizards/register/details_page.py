"""Page 4: description, initial approval status, customer metadata, metrics, sample payload, domain, task."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.registry.versions import registration
from app.registry.versions.registration import METRICS_CONTENT_TYPE, PENDING, MetricSpec, RegistrationSpec
from app.registry.versions.requests import approval_statuses, metadata_limit
from app.ui.wizards.register.common import ExactTextEdit, ProblemLabel, problems_by_field
from app.ui.wizards.register.container_editor import PairsTable

DOMAINS = ("", "MACHINE_LEARNING", "COMPUTER_VISION", "NATURAL_LANGUAGE_PROCESSING")
TASKS = ("", "CLASSIFICATION", "REGRESSION", "IMAGE_CLASSIFICATION", "OBJECT_DETECTION",
         "IMAGE_SEGMENTATION", "TEXT_GENERATION", "FILL_MASK", "OTHER")
STATUS_LABELS = {PENDING: "Pending manual approval", "Approved": "Approved", "Rejected": "Rejected"}


CONTENT_TYPE_ROLE = Qt.ItemDataRole.UserRole  # on the URI cell: the file's content type, kept as loaded


class MetricsTable(QTableWidget):
    """Rows of (kind of metrics, S3 URI of its file); each row keeps its file's content type."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 2, parent)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.setAccessibleName(self.tr("Model metrics"))
        self.setHorizontalHeaderLabels([self.tr("Metrics"), self.tr("S3 URI")])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 240)
        self.verticalHeader().setDefaultSectionSize(26)

    def add_row(self, kind: str = "ModelQuality.Statistics", uri: str = "",
                content_type: str = METRICS_CONTENT_TYPE) -> None:
        row = self.rowCount()
        self.insertRow(row)
        picker = QComboBox()
        picker.setAccessibleName(self.tr("Kind of metrics, row %1").replace("%1", str(row + 1)))
        for known in registration.metric_kinds():
            picker.addItem(known.replace(".", " / "), known)
        if picker.findData(kind) < 0:  # a kind we do not know stays as it is, and is flagged
            picker.addItem(kind, kind)
        picker.setCurrentIndex(picker.findData(kind))
        picker.currentIndexChanged.connect(lambda _i: self.signalsBlocked() or self.changed.emit())
        self.setCellWidget(row, 0, picker)
        item = QTableWidgetItem(uri)
        item.setData(CONTENT_TYPE_ROLE, content_type)
        self.setItem(row, 1, item)

    def metrics(self) -> tuple[MetricSpec, ...]:
        rows = []
        for row in range(self.rowCount()):
            picker = self.cellWidget(row, 0)
            item = self.item(row, 1)
            uri = item.text() if item is not None else ""
            if uri:
                content_type = item.data(CONTENT_TYPE_ROLE) or METRICS_CONTENT_TYPE
                rows.append(MetricSpec(picker.currentData(), uri, content_type))
        return tuple(rows)

    def set_metrics(self, metrics: tuple[MetricSpec, ...]) -> None:
        blocked = self.blockSignals(True)
        self.setRowCount(0)
        for metric in metrics:
            self.add_row(metric.kind, metric.s3_uri, metric.content_type)
        self.blockSignals(blocked)


def _editable_combo(name: str, values: tuple[str, ...]) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setAccessibleName(name)
    combo.addItems(list(values))
    return combo


class DetailsPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Details"))
        self.setSubTitle(self.tr("Everything here is optional. A new version normally starts pending approval."))

        self.description = ExactTextEdit()
        self.description.setAccessibleName(self.tr("Version description"))
        self.description.setFixedHeight(60)
        self.description_problem = ProblemLabel(self.tr("Version description problem"))
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Initial approval status"))
        for status in approval_statuses():
            self.status.addItem(self.tr(STATUS_LABELS.get(status, status)), status)
        self.status.setCurrentIndex(max(self.status.findData(PENDING), 0))

        self.metadata = PairsTable(self.tr("Customer metadata"), (self.tr("Key"), self.tr("Value")))
        self.metadata.setMinimumHeight(110)
        self.add_metadata = QPushButton(self.tr("Add property"))
        self.add_metadata.setAccessibleName(self.tr("Add metadata property"))
        self.remove_metadata = QPushButton(self.tr("Remove property"))
        self.remove_metadata.setAccessibleName(self.tr("Remove metadata property"))
        self.metadata_problem = ProblemLabel(self.tr("Customer metadata problem"))

        self.metrics = MetricsTable()
        self.metrics.setMinimumHeight(100)
        self.add_metric = QPushButton(self.tr("Add metrics file"))
        self.add_metric.setAccessibleName(self.tr("Add metrics file"))
        self.remove_metric = QPushButton(self.tr("Remove metrics file"))
        self.remove_metric.setAccessibleName(self.tr("Remove metrics file"))
        self.metrics_problem = ProblemLabel(self.tr("Model metrics problem"))

        self.sample_payload = QLineEdit()
        self.sample_payload.setAccessibleName(self.tr("Sample payload URL"))
        self.sample_payload.setPlaceholderText("s3://bucket/path/payload.tar.gz")
        self.sample_payload_problem = ProblemLabel(self.tr("Sample payload URL problem"))
        self.domain = _editable_combo(self.tr("Domain"), DOMAINS)
        self.task = _editable_combo(self.tr("Task"), TASKS)

        form = QFormLayout()
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow("", self.description_problem)
        form.addRow(self.tr("Approval &status:"), self.status)
        form.addRow(self.tr("&Metadata:"), self.metadata)
        form.addRow("", _row(self.add_metadata, self.remove_metadata))
        form.addRow("", self.metadata_problem)
        form.addRow(self.tr("Model m&etrics:"), self.metrics)
        form.addRow("", _row(self.add_metric, self.remove_metric))
        form.addRow("", self.metrics_problem)
        form.addRow(self.tr("Sample &payload:"), self.sample_payload)
        form.addRow("", self.sample_payload_problem)
        form.addRow(self.tr("D&omain:"), self.domain)
        form.addRow(self.tr("&Task:"), self.task)
        layout = QVBoxLayout(self)
        layout.addLayout(form)

        self.description.textChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(lambda _i: self._changed())
        self.metadata.itemChanged.connect(lambda _i: self._changed())
        self.metrics.changed.connect(self._changed)
        self.sample_payload.textChanged.connect(self._changed)
        self.domain.editTextChanged.connect(self._changed)
        self.task.editTextChanged.connect(self._changed)
        self.add_metadata.clicked.connect(self.metadata.add_row_for_typing)
        self.remove_metadata.clicked.connect(lambda: (self.metadata.remove_selected_rows(), self._changed()))
        self.add_metric.clicked.connect(lambda: (self.metrics.add_row(), self._changed()))
        self.remove_metric.clicked.connect(self._remove_metric)

    # -- the wizard's view of the page ------------------------------------------------------

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(
            spec,
            description=self.description.exact_text(),
            approval_status=self.status.currentData(),
            customer_metadata=self.metadata.pairs(),
            metrics=self.metrics.metrics(),
            sample_payload_url=self.sample_payload.text(),
            domain=self.domain.currentText(),
            task=self.task.currentText(),
        )

    def load(self, spec: RegistrationSpec) -> None:
        self.description.set_exact_text(spec.description)
        if self.status.findData(spec.approval_status) < 0:  # kept as loaded, and flagged
            self.status.addItem(spec.approval_status, spec.approval_status)
        self.status.setCurrentIndex(self.status.findData(spec.approval_status))
        self.metadata.set_pairs(spec.customer_metadata)
        self.metrics.set_metrics(spec.metrics)
        self.sample_payload.setText(spec.sample_payload_url)
        self.domain.setEditText(spec.domain)
        self.task.setEditText(spec.task)
        self._changed()

    def isComplete(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        found = registration.details_problems(self.apply_to(RegistrationSpec()))
        return found[0].message if found else None

    # -- what the page shows ----------------------------------------------------------------

    def _changed(self) -> None:
        found = problems_by_field(registration.details_problems(self.apply_to(RegistrationSpec())))
        self.description_problem.show_problem(found.get("description"))
        self.sample_payload_problem.show_problem(found.get("sample_payload_url"))
        self.metadata_problem.show_problem(_listed(found, "customer_metadata", self.tr("Property %1: %2")))
        self.metrics_problem.show_problem(_listed(found, "metrics", self.tr("Row %1: %2")))
        self.add_metadata.setEnabled(len(self.metadata.pairs()) < metadata_limit())
        self.completeChanged.emit()

    def _remove_metric(self) -> None:
        selected = {i.row() for i in self.metrics.selectedIndexes()}
        rows = sorted(selected, reverse=True) or [self.metrics.rowCount() - 1]
        for row in rows:
            if row >= 0:
                self.metrics.removeRow(row)
        self._changed()


def _row(*buttons: QPushButton) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        layout.addWidget(button)
    layout.addStretch(1)
    return holder


def _listed(found: dict[str, str], prefix: str, template: str) -> str:
    lines = []
    if found.get(prefix):
        lines.append(found[prefix])
    for key, message in found.items():
        parts = key.split(".")
        if parts[0] == prefix and len(parts) > 1:
            lines.append(template.replace("%1", str(int(parts[1]) + 1)).replace("%2", message))
    return "\n".join(dict.fromkeys(lines))
