"""Empty and Delete Group: list everything that goes, ask for the group's name, then delete it all.

The listing runs on a worker with its progress shown ("312 versions listed…"); the preview then
names every version with its status and stage, counts them by status and by stage, and says
whether a resource policy goes too. Delete stays disabled until the group's name is typed out.
The versions are deleted a bounded number at a time with per-version results (the bulk change
dialog); the group goes only when every version went, and then leaves the groups list
(`groupDeleted`). Each deleted version leaves the version store at once (`versionChanged`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from app.registry.aws import Connection
from app.registry.governance.deletion import GroupDeletionPlan, GroupDeletionResult
from app.registry.versions.groups import GroupSummary
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.groups.operations import empty_group, plan_emptying
from app.ui.texts import render
from app.ui.versions.bulk_change import BulkChangeDialog, PlannedChange
from app.ui.versions.model import status_label
from app.ui.versions.typed_confirmation import TypedConfirmation
from app.ui.widgets.formatting import format_count


class EmptyAndDeleteDialog(BulkChangeDialog):
    groupDeleted = Signal(str)  # the group's ARN, once AWS deleted it
    retry_cancelled = True  # "Retry" deletes whatever is left, stopped ones included

    def __init__(self, connection: Connection, group: GroupSummary, parent: QWidget | None = None):
        super().__init__(connection, parent, title="", apply_text="", done_text="")
        self.group = group
        self.plan: GroupDeletionPlan | None = None
        self.set_title(self.tr("Empty and delete the group '%1'").replace("%1", group.name))
        self.set_done_text(self.tr("%1 deleted"))
        self.deletion: GroupDeletionResult | None = None
        self._planner = TaskRunner(self, max_threads=1)
        self.setMinimumWidth(640)
        self.set_ready(False)
        self.changes.hide()
        self.add_to_preview(self._build_listing(), above=True)
        self.add_to_preview(self._build_confirmation())
        self.set_nothing_text("")
        self.nothing_note.hide()
        self._planner.run(plan_emptying, connection, group.name, pass_report=True,
                          on_yield=self._listed, on_return=self._planned, on_error=self._plan_failed)

    # -- the parts of page 1 ---------------------------------------------------------------

    def _build_listing(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.listing = QLabel(self.tr("Listing everything in '%1'…").replace("%1", self.group.name))
        self.listing.setAccessibleName(self.tr("What goes"))
        self.listing.setWordWrap(True)
        layout.addWidget(self.listing)
        self.listing_progress = QProgressBar()
        self.listing_progress.setAccessibleName(self.tr("Listing progress"))
        self.listing_progress.setRange(0, 0)  # how many there are is known only at the end
        self.listing_progress.setTextVisible(False)
        layout.addWidget(self.listing_progress)
        return box

    def _build_confirmation(self) -> QWidget:
        self.confirmation = TypedConfirmation(self.group.name)
        self.confirmation.changed.connect(self._typed_changed)
        self.confirmation.setEnabled(False)  # until everything that goes is listed
        return self.confirmation

    # -- listing (UI thread) ---------------------------------------------------------------

    def _listed(self, count: int) -> None:
        self.listing.setText(self.tr("Listing everything in '%1'… %n version(s) so far.", "", count)
                             .replace("%1", self.group.name))

    def _planned(self, plan: GroupDeletionPlan) -> None:
        self.plan = plan
        self.listing_progress.hide()
        changes = [
            PlannedChange(v.arn, v.version, self._reads(v.status, v.stage), self.tr("deleted"))
            for v in plan.versions
        ]
        self.set_plan(changes, allow_empty=True)
        self.changes.setVisible(bool(changes))
        self.listing.setText(self._what_goes(plan))
        self.set_warning(self.tr(
            "This cannot be undone: every version (its model card, metadata and lifecycle) and "
            "the group go for good. Pipelines or endpoints that refer to them stop finding them."))
        self.confirmation.setEnabled(True)
        self.confirmation.typed.setFocus()
        self.confirmation.check()

    def _plan_failed(self, error: BaseException) -> None:
        self.listing_progress.hide()
        self.listing.setText(self.tr("Could not list what the group holds; nothing was deleted.\n%1")
                             .replace("%1", render(error)))
        self.listing.setStyleSheet(palette.text_style(palette.ERROR_TEXT))

    def _reads(self, status: str, stage: str) -> str:
        return f"{status_label(status)} · {stage}" if stage else status_label(status)

    def _what_goes(self, plan: GroupDeletionPlan) -> str:
        count = len(plan.versions)
        if not count:
            lines = [self.tr("The group has no versions.")]
        else:
            statuses = Counter(status_label(v.status) for v in plan.versions)
            stages = Counter(v.stage or self.tr("no stage") for v in plan.versions)
            lines = [
                self.tr("%n version(s) go:", "", count),
                self.tr("by approval status: %1").replace("%1", _counted(statuses)),
                self.tr("by stage: %1").replace("%1", _counted(stages)),
            ]
        if plan.has_policy:
            lines.append(self.tr("The group's resource policy goes with it (the accounts it shares with lose access)."))
        lines.append(self.tr("Then the group '%1' itself.").replace("%1", plan.group))
        return "\n".join(lines)

    def _typed_changed(self, matches: bool) -> None:
        self.set_ready(matches and self.plan is not None)

    # -- the run ---------------------------------------------------------------------------

    def apply_label(self) -> str:
        plan = getattr(self, "plan", None)  # None while the base class builds the buttons
        if plan is None or not plan.versions:
            return self.tr("Delete the group")
        return self.tr("Delete %n version(s) and the group", "", len(plan.versions))

    def job(self) -> tuple[Any, dict[str, Any]]:
        return empty_group, {"plan": self.plan, "typed": self.confirmation.text()}

    def run_returned(self, value: GroupDeletionResult) -> None:
        self.deletion = value
        if value.group_deleted:
            self.retry_cancelled = False
            self.show_outcome(self.tr("The group '%1' was deleted.").replace("%1", self.group.name))
            self.groupDeleted.emit(self.group.arn)
        else:
            self.show_outcome(self.tr("The group '%1' stays: %2").replace("%1", self.group.name)
                              .replace("%2", render(value.error or "")), error=True)

    def done(self, result: int) -> None:
        self._planner.shutdown()  # a listing still running is moot once the window closes
        super().done(result)


def _counted(counts: Counter[str]) -> str:
    return ", ".join(f"{format_count(n)} {name}" for name, n in counts.most_common())
