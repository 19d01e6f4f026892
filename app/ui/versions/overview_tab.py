"""The details pane's Overview tab: title, ARN, approval status, lifecycle stage, description, dates,
comment, who created and last changed the version, its package status, source and encryption key."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.registry.governance.audit import user_of
from app.registry.versions.records import VersionDetails
from app.ui.versions.deployed import DeployedSection
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
        self.stage = selectable(QLabel(), wrap=False)
        self.stage.setAccessibleName(self.tr("Stage"))
        self.stage_status = selectable(QLabel(), wrap=False)
        self.stage_status.setAccessibleName(self.tr("Stage status"))
        self.stage_description = selectable(QLabel())
        self.stage_description.setAccessibleName(self.tr("Stage description"))
        self.package_status = selectable(QLabel(), wrap=False)
        self.package_status.setAccessibleName(self.tr("Package status"))
        self.created_by = selectable(QLabel(), wrap=False)
        self.created_by.setAccessibleName(self.tr("Created by"))
        self.modified_by = selectable(QLabel(), wrap=False)
        self.modified_by.setAccessibleName(self.tr("Last modified by"))
        self.source_uri = CopyField(self.tr("Source URI"))
        self.lineage = selectable(QLabel())
        self.lineage.setAccessibleName(self.tr("Source metadata"))
        self.kms_key = CopyField(self.tr("Encryption key"))
        self.kms_key.line.setPlaceholderText(self.tr("None set: SageMaker's default encryption"))
        form.addRow(self.tr("ARN"), self.arn_field)
        form.addRow(self.tr("Status"), badge_row)
        form.addRow(self.tr("Stage"), self.stage)
        form.addRow(self.tr("Stage status"), self.stage_status)
        form.addRow(self.tr("Stage description"), self.stage_description)
        self.deployed = DeployedSection()  # filled by the details pane's DeployedDetails
        form.addRow(self.tr("Deployed to"), self.deployed)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Created"), self.created)
        form.addRow(self.tr("Created by"), self.created_by)
        form.addRow(self.tr("Modified"), self.modified)
        form.addRow(self.tr("Last modified by"), self.modified_by)
        form.addRow(self.tr("Approval comment"), self.comment)
        form.addRow(self.tr("Package status"), self.package_status)
        form.addRow(self.tr("Source URI"), self.source_uri)
        form.addRow(self.tr("Source metadata"), self.lineage)
        form.addRow(self.tr("Encryption key"), self.kms_key)
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
        lifecycle = d.raw.get("ModelLifeCycle") or {}
        _set_optional(self.stage, d.stage, self.tr("No stage."))
        _set_optional(self.stage_status, d.stage_status, DASH)
        _set_optional(self.stage_description, str(lifecycle.get("StageDescription") or ""), DASH)
        _set_optional(self.package_status, str(d.raw.get("ModelPackageStatus") or ""), DASH)
        _set_optional(self.created_by, user_of(d.raw.get("CreatedBy")), self.tr("Not recorded."))
        _set_optional(self.modified_by, user_of(d.raw.get("LastModifiedBy")), self.tr("Not recorded."))
        self.source_uri.set_text(str(d.raw.get("SourceUri") or ""))
        _set_optional(self.lineage, self._lineage(d.raw.get("MetadataProperties") or {}), DASH)
        self.kms_key.set_text(str((d.raw.get("SecurityConfig") or {}).get("KmsKeyId") or ""))

    def _lineage(self, properties: dict[str, str]) -> str:
        """MetadataProperties, a line each: commit, repository, what generated it, project."""
        lines = []
        for key, label in (("CommitId", self.tr("Commit: %1")), ("Repository", self.tr("Repository: %1")),
                           ("GeneratedBy", self.tr("Generated by: %1")), ("ProjectId", self.tr("Project: %1"))):
            if properties.get(key):
                lines.append(label.replace("%1", str(properties[key])))
        return "\n".join(lines)


def _set_optional(label: QLabel, text: str, empty: str) -> None:
    label.setText(text or empty)
    label.setEnabled(bool(text))  # the placeholder reads greyed out
