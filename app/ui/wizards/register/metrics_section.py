"""Model metrics and drift check baselines: rows of (kind, S3 object, content type, digest).

One table serves both: ModelMetrics kinds ("ModelQuality.Statistics", "Bias.Report"…) and
DriftCheckBaselines kinds ("Bias.ConfigFile", "ModelDataQuality.Constraints"…), each read from
botocore's model. Each row's object is typed or picked in the S3 browser. Rows keep the order
they were loaded or added in; a row without an S3 URI is not sent.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions import registration
from app.registry.versions.spec import METRICS_CONTENT_TYPE, MetricSpec, RegistrationSpec
from app.ui.wizards.register.common import NOTE_STYLE
from app.ui.wizards.register.pickers import S3BrowserDialog
from app.ui.wizards.register.sections import FieldMessage, button_row, fit_to_rows

KIND, URI, BROWSE, CONTENT_TYPE, DIGEST = range(5)


def kind_label(kind: str) -> str:
    """"ModelQuality.Statistics" -> "ModelQuality / Statistics"."""
    return kind.replace(".", " / ")


class MetricFilesTable(QTableWidget):
    changed = Signal()

    def __init__(self, accessible_name: str, kinds: tuple[str, ...], connection, parent: QWidget | None = None):
        super().__init__(0, 5, parent)
        self.kinds = kinds
        self._connection = connection
        self.setAccessibleName(accessible_name)
        self.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("S3 URI"), "", self.tr("Content type"),
                                        self.tr("Digest (optional)")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(URI, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BROWSE, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(KIND, 230)
        self.setColumnWidth(BROWSE, 34)
        self.setColumnWidth(CONTENT_TYPE, 120)
        self.setColumnWidth(DIGEST, 130)
        self.verticalHeader().setDefaultSectionSize(28)
        self.setWordWrap(False)  # else the last wrapped line is cut at its end
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the file's name shows, where it differs
        self.itemChanged.connect(lambda _item: self.signalsBlocked() or self.changed.emit())

    def add_row(self, kind: str = "", uri: str = "", content_type: str = METRICS_CONTENT_TYPE,
                digest: str = "") -> int:
        row = self.rowCount()
        kind = kind or next((k for k in self.kinds if k not in self._kinds_used()), self.kinds[0])
        self.insertRow(row)
        picker = QComboBox()
        picker.setAccessibleName(self.tr("Kind, row %1").replace("%1", str(row + 1)))
        for known in self.kinds:
            picker.addItem(kind_label(known), known)
        if picker.findData(kind) < 0:  # a kind we do not know stays as it is, and is flagged
            picker.addItem(kind, kind)
        picker.setCurrentIndex(picker.findData(kind))
        picker.currentIndexChanged.connect(lambda _i: self.signalsBlocked() or self.changed.emit())
        self.setCellWidget(row, KIND, picker)
        browse = QToolButton()
        browse.setText("…")
        browse.setToolTip(self.tr("Browse S3…"))
        browse.setAccessibleName(self.tr("Browse S3, row %1").replace("%1", str(row + 1)))
        browse.clicked.connect(lambda: self.browse(self.indexAt(browse.pos()).row()))
        self.setCellWidget(row, BROWSE, browse)
        blocked = self.blockSignals(True)
        for column, text in ((URI, uri), (CONTENT_TYPE, content_type), (DIGEST, digest)):
            self.setItem(row, column, QTableWidgetItem(text))
        self.blockSignals(blocked)
        return row

    def _kinds_used(self) -> set[str]:
        return {self.cellWidget(r, KIND).currentData() for r in range(self.rowCount())}

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def sent_rows(self) -> list[int]:
        """The table rows that go into the request (those with an S3 URI), in order."""
        return [row for row in range(self.rowCount()) if self._text(row, URI)]

    def files(self) -> tuple[MetricSpec, ...]:
        return tuple(MetricSpec(self.cellWidget(row, KIND).currentData(), self._text(row, URI),
                                self._text(row, CONTENT_TYPE), self._text(row, DIGEST))
                     for row in self.sent_rows())

    def set_files(self, files: tuple[MetricSpec, ...]) -> None:
        blocked = self.blockSignals(True)
        self.setRowCount(0)
        for f in files:
            self.add_row(f.kind, f.s3_uri, f.content_type, f.content_digest)
        self.blockSignals(blocked)

    def browse(self, row: int) -> None:
        """Pick row `row`'s object in the S3 browser."""
        if row < 0:
            return
        dialog = S3BrowserDialog(self._connection, self._text(row, URI), self)
        if dialog.exec() and dialog.s3_url():
            self.item(row, URI).setText(dialog.s3_url())
        dialog.deleteLater()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.selectedIndexes()}, reverse=True) or [self.rowCount() - 1]
        for row in rows:
            if row >= 0:
                self.removeRow(row)
        for row in range(self.rowCount()):  # the names say the row a person sees
            self.cellWidget(row, KIND).setAccessibleName(self.tr("Kind, row %1").replace("%1", str(row + 1)))
            self.cellWidget(row, BROWSE).setAccessibleName(self.tr("Browse S3, row %1").replace("%1", str(row + 1)))


class MetricFilesSection(QWidget):
    """One of the two tables as a section: `field` is "metrics" or "drift_baselines"."""

    changed = Signal()

    def __init__(self, wizard, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        metrics = field == "metrics"
        kinds = registration.metric_kinds() if metrics else registration.drift_kinds()
        name = self.tr("Model metrics") if metrics else self.tr("Drift check baselines")
        self.table = MetricFilesTable(name, kinds, wizard.connection)
        fit_to_rows(self.table, least=2, most=9)
        self.add = QPushButton(self.tr("Add metrics file") if metrics else self.tr("Add baseline file"))
        self.add.setAccessibleName(self.add.text())
        self.remove = QPushButton(self.tr("Remove metrics file") if metrics else self.tr("Remove baseline file"))
        self.remove.setAccessibleName(self.remove.text())
        self.problem = FieldMessage(self.tr("Model metrics problem") if metrics
                                    else self.tr("Drift check baselines problem"))
        text = QLabel(self.tr(
            "Statistics, constraints and reports of model quality, data quality, bias and explainability, "
            "each an object in S3 (Browse with …). The digest is the object's sha256, when you have it.")
            if metrics else self.tr(
            "The baselines Model Monitor checks drift against: statistics, constraints and configuration "
            "files, each an object in S3."))
        text.setWordWrap(True)
        text.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text)
        layout.addWidget(self.table)
        layout.addWidget(button_row(self.add, self.remove))
        layout.addWidget(self.problem)
        self.table.changed.connect(self.changed)
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(lambda: (self.table.remove_selected(), self.changed.emit()))

    def _add(self) -> None:
        row = self.table.add_row()
        self.table.setCurrentCell(row, URI)
        self.table.editItem(self.table.item(row, URI))
        self.add.setEnabled(self.table.rowCount() < len(self.table.kinds))
        self.changed.emit()

    # -- the Section protocol ---------------------------------------------------------------

    def load(self, spec: RegistrationSpec) -> None:
        self.table.set_files(getattr(spec, self.field))

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(spec, **{self.field: self.table.files()})

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None:
        self.add.setEnabled(self.table.rowCount() < len(self.table.kinds))
        self.problem.show_message(self._listed(problems), self._listed(warnings))

    def _listed(self, found: dict[str, str]) -> str:
        rows = self.table.sent_rows()
        lines = [found[self.field]] if found.get(self.field) else []
        for key, message in found.items():
            parts = key.split(".")
            if parts[0] == self.field and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows):
                row = rows[int(parts[1])] + 1  # the row a person sees, blank rows counted
                lines.append(self.tr("Row %1: %2").replace("%1", str(row)).replace("%2", message))
        return "\n".join(dict.fromkeys(lines))

    def summary(self) -> str:
        files = self.table.files()
        if not files:
            return ""
        kinds = ", ".join(kind_label(f.kind) for f in files[:3])
        more = len(files) - 3
        return self.tr("%n file(s): ", "", len(files)) + kinds + (self.tr(" and %n more", "", more) if more > 0 else "")
