"""The details pane's Containers tab: each inference container, in the pipeline's order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.registry.versions.records import ContainerInfo, VersionDetails
from app.ui.versions.details_parts import DASH, form_layout, scrolled_into, selectable, short_image
from app.ui.widgets.copy_field import CopyField
from app.ui.widgets.formatting import format_count
from app.ui.widgets.plain_table import PlainTable
from app.ui.widgets.rows_model import Column


class ContainersTab(QScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        scrolled_into(self, QWidget())
        self.setAccessibleName(self.tr("Containers"))

    def fill(self, d: VersionDetails) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        if d.is_pipeline:
            heading = QLabel(
                self.tr("Inference pipeline of %1 containers (run in this order)").replace(
                    "%1", format_count(len(d.containers))
                )
            )
            heading.setAccessibleName(self.tr("Pipeline"))
            heading.setStyleSheet("font-weight: 600;")
            layout.addWidget(heading)
        if not d.containers:
            layout.addWidget(QLabel(self.tr("This version declares no inference containers.")))
        for number, container in enumerate(d.containers, 1):
            if number > 1:
                arrow = QLabel("↓")
                arrow.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                arrow.setAccessibleName(self.tr("then"))
                layout.addWidget(arrow)
            layout.addWidget(self._container_box(number, container))
        layout.addStretch(1)
        old = self.takeWidget()
        self.setWidget(page)
        if old is not None:
            old.deleteLater()

    def _container_box(self, number: int, c: ContainerInfo) -> QGroupBox:
        n = str(number)
        box = QGroupBox(f"{n}. {c.hostname or short_image(c.image)}")
        box.setAccessibleName(self.tr("Container %1").replace("%1", n))
        form = form_layout()
        box.setLayout(form)
        image = CopyField(self.tr("Container %1 image").replace("%1", n), c.image)
        form.addRow(self.tr("Image"), image)
        if c.image_digest:
            digest = CopyField(self.tr("Container %1 image digest").replace("%1", n), c.image_digest)
            form.addRow(self.tr("Image digest"), digest)
        if c.model_data_url:
            model_data: QWidget = CopyField(
                self.tr("Container %1 model data").replace("%1", n), c.model_data_url
            )
        else:
            model_data = QLabel(self.tr("None (the image holds the model)"))
            model_data.setEnabled(False)
        form.addRow(self.tr("Model data"), model_data)
        if c.data_type:
            kind = selectable(QLabel(self._data_kind(c)))
            kind.setAccessibleName(self.tr("Container %1 model data kind").replace("%1", n))
            form.addRow(self.tr("Model data kind"), kind)
        hostname = selectable(QLabel(c.hostname or DASH), wrap=False)
        hostname.setAccessibleName(self.tr("Container %1 hostname").replace("%1", n))
        form.addRow(self.tr("Hostname"), hostname)
        framework = " ".join(part for part in (c.framework, c.framework_version) if part)
        framework_label = selectable(QLabel(framework or DASH), wrap=False)
        framework_label.setAccessibleName(self.tr("Container %1 framework").replace("%1", n))
        form.addRow(self.tr("Framework"), framework_label)
        if c.environment:
            columns = [
                Column(self.tr("Name"), lambda kv: kv[0]),
                Column(self.tr("Value"), lambda kv: kv[1]),
            ]
            environment: QWidget = PlainTable(
                self.tr("Container %1 environment").replace("%1", n), columns
            )
            environment.set_rows(list(c.environment.items()))
        else:
            environment = QLabel(self.tr("None"))
            environment.setAccessibleName(self.tr("Container %1 environment").replace("%1", n))
            environment.setEnabled(False)
        form.addRow(self.tr("Environment"), environment)
        return box

    def _data_kind(self, c: ContainerInfo) -> str:
        """How SageMaker reads a ModelDataSource: every file under a prefix, or one object."""
        gzip = c.compression == "Gzip"
        if c.data_type == "S3Prefix":
            if gzip:
                return self.tr("Every object under this prefix, each Gzip-compressed (S3Prefix, Gzip)")
            return self.tr("Every object under this prefix, uncompressed (S3Prefix)")
        if gzip:
            return self.tr("One Gzip-compressed object (S3Object, Gzip)")
        return self.tr("One uncompressed object (S3Object)")
