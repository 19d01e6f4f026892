"""The details pane's Overview tab: title, ARN, approval status, description, dates, comment."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.registry.versions.records import VersionDetails
from app.ui.versions.details_parts import DASH, StatusBadge, form_layout, scrolled_into, selectable
from app.ui.widgets.copy_field import CopyField
from app.ui.widgets.formatting import format_datetime


class OverviewTab(QScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        page = QWidget()
        layout = QVBoxLayout(page)
        self.title = selectable(QLabel(), wrap=True)
        self.title.setAccessibleName(self.tr("Version title"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        form = form_layout()
        self.arn_field = CopyField(self.tr("ARN"))
        self.badge = StatusBadge()
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        self.description = selectable(QLabel())
        self.description.setAccessibleName(self.tr("Description"))
        self.created = selectable(QLabel(), wrap=False)
        self.created.setAccessibleName(self.tr("Created"))
        self.modified = selectable(QLabel(), wrap=False)
        self.modified.setAccessibleName(self.tr("Last modified"))
        self.comment = selectable(QLabel())
        self.comment.setAccessibleName(self.tr("Approval comment"))
        form.addRow(self.tr("ARN"), self.arn_field)
        form.addRow(self.tr("Status"), badge_row)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Created"), self.created)
        form.addRow(self.tr("Modified"), self.modified)
        form.addRow(self.tr("Approval comment"), self.comment)
        layout.addLayout(form)
        layout.addStretch(1)
        scrolled_into(self, page)

    def fill(self, d: VersionDetails) -> None:
        self.title.setText(
            self.tr("%1 — version %2").replace("%1", d.group).replace("%2", str(d.version))
        )
        self.arn_field.set_text(d.arn)
        self.badge.set_status(d.status)
        _set_optional(self.description, d.description, self.tr("No description."))
        self.created.setText(format_datetime(d.created))
        self.modified.setText(format_datetime(d.modified) if d.modified else DASH)
        _set_optional(self.comment, d.approval_comment, self.tr("No approval comment."))


def _set_optional(label: QLabel, text: str, empty: str) -> None:
    label.setText(text or empty)
    label.setEnabled(bool(text))  # the placeholder reads greyed out
