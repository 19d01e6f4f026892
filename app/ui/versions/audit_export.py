"""Exporting audit timelines as CSV: the file dialog, and a whole group's export with progress.

The group's export lists its versions (and those CloudTrail saw deleted), reads each one's
timeline on a worker (one after the other: CloudTrail answers LookupEvents twice a second),
shows how far it got with a Cancel button, and writes the file off the UI thread once every
timeline is read; a Cancel writes nothing. The status line says where the file went and how
many events it holds; a failure says what failed and where.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton, QWidget

from app.registry.versions.groups import GroupSummary
from app.tasks import TaskRunner
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.workspace import Workspace

FOLDER = "audit"  # the Settings key of the folder last exported to


def suggested_name(stem: str) -> str:
    """A file name from a group's name: "churn-prediction-timeline.csv"."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") + "-timeline.csv"


def ask_csv_path(parent: QWidget, settings: Settings, title: str, name: str) -> str:
    """The save dialog, in the folder last exported to; the folder chosen is remembered."""
    start = os.path.join(settings.last_folder(FOLDER), name)
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, start, QCoreApplication.translate("audit", "CSV files (*.csv);;All files (*)"))
    if path:
        settings.set_last_folder(FOLDER, os.path.dirname(path))
    return path


class GroupTimelineExport(QObject):
    """"Export Group Timeline…" for the window's selected group."""

    def __init__(self, window: QWidget, workspace: Workspace, settings: Settings,
                 current_group: Callable[[], GroupSummary | None], *,
                 tell: Callable[[str], None], fail: Callable[[str], None]):
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._settings = settings
        self._current_group = current_group
        self._tell = tell
        self._fail = fail
        self.runner = TaskRunner(self, max_threads=1)
        self.progress: QProgressDialog | None = None

    def export_interactively(self) -> None:
        group = self._current_group()
        if group is None:
            self._tell(self.tr("Select a group first."))
            return
        path = ask_csv_path(self._window, self._settings, self.tr("Export Group Timeline"), suggested_name(group.name))
        if path:
            self.start(group, path)

    def start(self, group: GroupSummary, path: str) -> None:
        """Read every version's timeline of `group`, then write them to `path`."""
        from app.ui.versions.audit_operations import export_group_timelines

        self._close_progress()
        progress = QProgressDialog(self._window)
        progress.setWindowTitle(self.tr("Export Group Timeline"))
        progress.setAccessibleName(self.tr("Group timeline export"))
        progress.setLabelText(self.tr("Listing the versions of %1…").replace("%1", group.name))
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        progress.setCancelButton(cancel)
        progress.setRange(0, 0)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(lambda: self._cancelled(group))
        self.progress = progress
        target = group.arn if group.shared else group.name
        self.runner.run(
            export_group_timelines,
            self._workspace.connection,
            target,
            group.arn,
            path,
            key="export",
            on_yield=lambda step: self._step(group, step),
            on_return=self._written,
            on_error=lambda error: self._failed(path, error),
            on_finish=self._close_progress,
        )
        progress.show()

    def _step(self, group: GroupSummary, step) -> None:
        from app.ui.versions.audit_operations import Progress

        progress = self.progress
        if progress is None or not isinstance(step, Progress) or not step.total:
            return
        progress.setLabelText(
            self.tr("Reading the timeline of version %1 of %2 in %3…")
            .replace("%1", str(min(step.done + 1, step.total))).replace("%2", str(step.total))
            .replace("%3", group.name))
        progress.setRange(0, step.total)
        progress.setValue(step.done)  # last: a window-modal dialog handles events in here

    def _written(self, written) -> None:
        wrote = self.tr("Wrote %n event(s) to %1", "", written.events).replace("%1", written.path)
        versions = self.tr("(%n version(s))", "", written.versions)
        self._tell(f"{wrote} {versions}")

    def _failed(self, path: str, error: BaseException) -> None:
        self._fail(self.tr("The group's timeline could not be exported to %1: %2")
                   .replace("%1", path).replace("%2", render(error)))

    def _cancelled(self, group: GroupSummary) -> None:
        self.runner.cancel("export")
        self._close_progress()
        self._tell(self.tr("Export of %1's timeline cancelled: nothing was written.").replace("%1", group.name))

    def _close_progress(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect()
            progress.close()
            progress.deleteLater()

    def shutdown(self) -> None:
        self._close_progress()
        self.runner.shutdown()


def wire_audit(window) -> GroupTimelineExport:
    """The window's audit exports: the Group menu's action, and the Audit tab's status lines."""
    export = GroupTimelineExport(window, window.workspace, window.settings, window.groups_view.current_group,
                                 tell=window.tell, fail=window.show_error)
    window.actions_by_name["export_group_timeline"].triggered.connect(export.export_interactively)
    window.details_pane.audit_tab.statusMessage.connect(window.tell)
    window.status.watch(export.runner)
    return export
