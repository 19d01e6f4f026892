"""The details pane's Inference tab: the content and response types the version declares."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QScrollArea, QVBoxLayout, QWidget

from app.registry.versions.records import VersionDetails
from app.ui.versions.details_parts import form_layout, scrolled_into


class InferenceTab(QScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        page = QWidget()
        layout = QVBoxLayout(page)
        form = form_layout()
        layout.addLayout(form)
        layout.addStretch(1)
        self.content_types = QListWidget()
        self.content_types.setAccessibleName(self.tr("Content types"))
        self.response_types = QListWidget()
        self.response_types.setAccessibleName(self.tr("Response MIME types"))
        for widget in (self.content_types, self.response_types):
            widget.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        form.addRow(self.tr("Supported content types"), self.content_types)
        form.addRow(self.tr("Response MIME types"), self.response_types)
        scrolled_into(self, page)

    def fill(self, d: VersionDetails) -> None:
        pairs = ((self.content_types, d.content_types), (self.response_types, d.response_types))
        for widget, values in pairs:
            widget.clear()
            widget.addItems(list(values))
            if not values:
                item = QListWidgetItem(self.tr("None declared"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(item)
            # As tall as its rows (a few MIME types), up to eight before it scrolls.
            rows = min(widget.count(), 8)
            widget.setFixedHeight(rows * widget.sizeHintForRow(0) + 2 * widget.frameWidth() + 4)
