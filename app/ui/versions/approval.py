"""Approve, reject or return versions to pending: preview what will change, then report per item.

Page 1 lists each change ("Version 12  Pending → Approved"), skips versions already in the
target status, checks the comment before any call and warns when an approved version is about
to be rejected. Page 2 fills in as each item finishes on the worker side; one failure never
stops the others, and "Retry the failed ones" sends them again with the same comment.

The preview, the bounded run, the per-item results, Retry and Cancel (asking first, stopping
what is not sent, reporting what lands after the owner closed it) are the bulk change dialog's
(bulk_change.py); this adds the comment and the warning. Each item that succeeds is reported by
`versionUpdated` (an ApprovalResult), a version AWS no longer has by `versionMissing`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.registry.aws import Connection
from app.registry.versions.approval import bulk_set_approval
from app.registry.versions.records import APPROVED, PENDING, REJECTED, VersionSummary
from app.ui.versions.approval_comment import ApprovalComment
from app.ui.versions.bulk_change import BulkChangeDialog, PlannedChange, Skipped
from app.ui.versions.deployed import DeployedWarning, EndpointCache
from app.ui.versions.model import status_label
from app.ui.versions.operations import load_comment_limit
from app.ui.widgets.formatting import format_count


class ApprovalDialog(BulkChangeDialog):
    versionUpdated = Signal(object)  # ApprovalResult of each item that succeeded, as it ends

    def __init__(
        self,
        connection: Connection,
        versions: list[VersionSummary],
        target_status: str,
        parent: QWidget | None = None,
        *,
        comment: str = "",
        endpoints: EndpointCache | None = None,
    ):
        super().__init__(connection, parent, title="", apply_text="", done_text="")
        self._target = target_status
        self._versions = sorted(versions, key=lambda v: v.version)
        self._version_of = {v.arn: v.version for v in self._versions}
        changes = [v for v in self._versions if v.status != target_status]
        skipped = [v for v in self._versions if v.status == target_status]
        self.versionChanged.connect(self.versionUpdated.emit)
        self.setMinimumWidth(560)
        self.set_title(self._title())
        self.set_apply_text(self._apply_text())
        self.set_done_text(self._done_text())
        self.retry_button.setToolTip(self.tr("Send the failed changes again, with the same comment."))

        self.comment_editor = ApprovalComment()
        self.comment_box = self.comment_editor.box
        self.add_to_preview(self.comment_editor)
        target = status_label(target_status)
        self.set_nothing_text(self.tr("Nothing to change: every selected version is already %1.")
                              .replace("%1", target))
        self.set_plan([PlannedChange(v.arn, v.version, status_label(v.status), target) for v in changes],
                      [Skipped(v.arn, v.version, self.tr("already %1").replace("%1", target)) for v in skipped])
        self.deployed_warning: DeployedWarning | None = None
        if target_status == REJECTED and changes:  # a rejected version may still serve endpoints
            self.deployed_warning = DeployedWarning(self._runner, connection, [(v.arn, v.version) for v in changes],
                                                    "reject", endpoints)
            self.add_to_preview(self.deployed_warning, above=True)
            self.deployed_warning.changed.connect(self._fit_height)
        risky = [v for v in changes if v.status == APPROVED and target_status == REJECTED]
        if risky:
            self.set_warning(self._rejecting_approved(risky))
            self._fit_height()

        self.comment_editor.changed.connect(self._comment_changed)
        self.comment_editor.set_text(comment)  # kept from an attempt that did not finish
        self._comment_changed()
        self._runner.run(load_comment_limit, on_return=self.comment_editor.set_limit)

    # -- public ----------------------------------------------------------------------------

    @property
    def target_status(self) -> str:
        return self._target

    def comment(self) -> str:
        return self.comment_box.toPlainText()

    # -- texts -----------------------------------------------------------------------------

    def _title(self) -> str:
        n = len(self._versions)
        one = str(self._versions[0].version) if n == 1 else format_count(n)
        singular, plural = {
            APPROVED: (self.tr("Approve version %1"), self.tr("Approve %1 versions")),
            REJECTED: (self.tr("Reject version %1"), self.tr("Reject %1 versions")),
            PENDING: (
                self.tr("Return version %1 to pending"),
                self.tr("Return %1 versions to pending"),
            ),
        }.get(self._target, (self.tr("Set version %1"), self.tr("Set %1 versions")))
        return (singular if n == 1 else plural).replace("%1", one)

    def _apply_text(self) -> str:
        return {
            APPROVED: self.tr("Approve %1"),
            REJECTED: self.tr("Reject %1"),
            PENDING: self.tr("Return %1 to pending"),
        }.get(self._target, self.tr("Apply to %1"))

    def _done_text(self) -> str:
        return {
            APPROVED: self.tr("%1 approved"),
            REJECTED: self.tr("%1 rejected"),
            PENDING: self.tr("%1 returned to pending"),
        }.get(self._target, self.tr("%1 changed"))

    def _rejecting_approved(self, risky: list[VersionSummary]) -> str:
        numbers = ", ".join(str(v.version) for v in risky)
        lead = (
            self.tr("Version %1 is Approved.")
            if len(risky) == 1
            else self.tr("Versions %1 are Approved.")
        ).replace("%1", numbers)
        why = self.tr(
            "Rejecting an approved version often triggers CI/CD pipelines (deployment or "
            "rollback) that listen for model package state changes."
        )
        return f"⚠ {lead} {why}"

    def version_text(self, arn: str, version: int | None) -> str:
        """A result without a version number is named by the number the preview showed."""
        version_of = getattr(self, "_version_of", {})  # empty while the base class builds the page
        return super().version_text(arn, version if version is not None else version_of.get(arn))

    # -- the comment -----------------------------------------------------------------------

    @property
    def _rules_loaded(self) -> bool:
        return self.comment_editor.rules_loaded

    def _comment_changed(self) -> None:
        self._fit_height()
        self.set_ready(self.comment_editor.problem() is None)

    def _fit_height(self) -> None:
        """Wrapped texts that appear (the comment's problem, a warning) get their height: a
        stacked page does not pass a label's height-for-width up, so the dialog would stay as
        tall as before and draw its parts over each other."""
        layout = self._preview.layout()
        width = self._preview.width() if self._preview.width() > 0 else self.minimumWidth()
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0
        self._preview.setMinimumHeight(max(needed, layout.totalMinimumSize().height()))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if hasattr(self, "comment_editor"):  # a resize may come while the base class builds
            self._fit_height()

    # -- the run ---------------------------------------------------------------------------

    def apply(self) -> None:
        if self.comment_editor.problem(self.comment()) is not None:
            return  # checked again as it reads now, even when called directly
        super().apply()

    def job(self) -> tuple[Any, dict[str, Any]]:
        """Apply and Retry both send the comment as it reads (Retry: the same comment)."""
        return bulk_set_approval, {"status": self._target, "comment": self.comment() or None}
