"""The details pane's Metadata tab: domain, task, sample payload and the customer metadata."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.registry.versions.records import VersionDetails
from app.ui.versions.details_parts import DASH, form_layout, scrolled_into, selectable
from app.ui.widgets.copy_field import CopyField
from app.ui.widgets.plain_table import PlainTable
from app.ui.widgets.rows_model import Column


class MetadataTab(QScrollArea):
    editRequested = Signal()  # the user wants to edit the shown version's metadata

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        page = QWidget()
        layout = QVBoxLayout(page)
        form = form_layout()
        self.domain = selectable(QLabel(), wrap=False)
        self.domain.setAccessibleName(self.tr("Domain"))
        self.task = selectable(QLabel(), wrap=False)
        self.task.setAccessibleName(self.tr("Task"))
        self.sample_payload = CopyField(self.tr("Sample payload URL"))
        form.addRow(self.tr("Domain"), self.domain)
        form.addRow(self.tr("Task"), self.task)
        form.addRow(self.tr("Sample payload"), self.sample_payload)
        layout.addLayout(form)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("Customer metadata")), 1)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit metadata"))
        self.edit_button.setToolTip(self.tr("Add, change or remove metadata keys, or change the source URI"))
        self.edit_button.clicked.connect(self.editRequested)
        heading.addWidget(self.edit_button)
        layout.addLayout(heading)
        self.customer_metadata = PlainTable(
            self.tr("Customer metadata"),
            [Column(self.tr("Key"), lambda kv: kv[0]), Column(self.tr("Value"), lambda kv: kv[1])],
        )
        self.customer_metadata.set_empty_text(self.tr("No customer metadata."))
        layout.addWidget(self.customer_metadata)
        layout.addStretch(1)
        scrolled_into(self, page)

    def fill(self, d: VersionDetails) -> None:
        self.domain.setText(d.domain or DASH)
        self.task.setText(d.task or DASH)
        self.sample_payload.set_text(d.sample_payload_url)
        self.customer_metadata.set_rows(sorted(d.customer_metadata.items()))
