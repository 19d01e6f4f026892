"""The details pane's Audit tab: what happened to the selected version, and who did it.

Oldest first, as a story reads (created, approved, moved to Production), and in the same order
as the exported CSV, so a row on screen and a line in the file are found in the same place; a
version's history is short, so its latest change is a glance away (a click on the Time header
turns the order round). The timeline is read only while the tab is on screen, on a worker, and
read again when the version changes in the store (an approval made in the app, say). A line
above the table says where it came from: CloudTrail, or, when CloudTrail may not be read or has
nothing on the version, the version's own CreatedBy / LastModifiedBy, and why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.registry.governance.audit import CLOUDTRAIL, NO_EVENTS, Timeline
from app.registry.texts import clause
from app.registry.versions.records import VersionDetails
from app.tasks import TaskRunner
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.versions.audit_export import ask_csv_path, suggested_name
from app.ui.versions.audit_operations import Written, read_timeline, write_timelines
from app.ui.versions.audit_rows import AuditRow, timeline_rows
from app.ui.versions.details_parts import selectable
from app.ui.widgets.formatting import format_datetime
from app.ui.widgets.plain_table import PlainTable
from app.ui.widgets.rows_model import Column
from app.ui.workspace import Workspace


class AuditTab(QWidget):
    statusMessage = Signal(str)  # where an export was written
    errorOccurred = Signal(str)  # an export that failed: what, and where
    timelineShown = Signal(object)  # the Timeline now in the table

    def __init__(self, workspace: Workspace, runner: TaskRunner, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner  # the pane's: closing the pane stops these reads too
        self._settings = settings
        self._details: VersionDetails | None = None
        # ARN -> (the details it was read for, the timeline or the error's text)
        self._read: dict[str, tuple[VersionDetails, Timeline | str]] = {}
        self._reading: VersionDetails | None = None
        self._active = False

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.source = selectable(QLabel())
        self.source.setAccessibleName(self.tr("Timeline source"))
        top.addWidget(self.source, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Reading the timeline"))
        self.progress.setRange(0, 0)  # busy: one call, or a few pages
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.progress.hide()
        top.addWidget(self.progress)
        self.export_button = QPushButton(self.tr("Export Timeline…"))
        self.export_button.setAccessibleName(self.tr("Export Timeline"))
        self.export_button.setToolTip(self.tr("Save this version's timeline as a CSV file, one row per event"))
        self.export_button.clicked.connect(self.export_interactively)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        self.table = PlainTable(
            self.tr("Audit timeline"),
            [
                Column(self.tr("Time"), lambda r: format_datetime(r.time), lambda r: r.time),
                Column(self.tr("Who"), lambda r: r.actor or self.tr("unknown")),
                Column(self.tr("What"), lambda r: r.what, tooltip=lambda r: f"{r.what}\n{r.action}"),
            ],
            max_visible_rows=None,
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.table, 1)
        self._show_nothing()

    # -- the pane's calls ------------------------------------------------------------------

    def fill(self, details: VersionDetails) -> None:
        """The version on screen (or the same one, changed): shown from what was read for it,
        read again when it changed since, if the tab is on screen."""
        moved = self._details is None or self._details.arn != details.arn
        self._details = details
        if moved:
            self._show_read()
        self._read_if_visible()

    def set_active(self, active: bool) -> None:
        """Whether a version's details are shown with this tab on screen: only then is it read."""
        self._active = active
        self._read_if_visible()

    def clear(self) -> None:
        """Forget every timeline read (another account, or F5)."""
        self._read.clear()
        self._reading = None
        self._details = None
        self._active = False
        self._runner.cancel("audit")
        self.progress.hide()
        self._show_nothing()

    def timeline(self) -> Timeline | None:
        """The timeline in the table, if one was read for the version on screen."""
        found = self._read.get(self._details.arn) if self._details is not None else None
        return found[1] if found is not None and isinstance(found[1], Timeline) else None

    # -- reading ---------------------------------------------------------------------------

    def _read_if_visible(self) -> None:
        details = self._details
        if not self._active or details is None:
            return
        found = self._read.get(details.arn)
        if found is not None and found[0] == details:
            return  # read for this very state of the version
        if self._reading is not None and self._reading == details:
            return
        self._reading = details
        self.progress.show()
        if found is None:
            self.source.setText(self.tr("Reading the timeline…"))
        self._runner.run(
            read_timeline,
            self._workspace.connection,
            details.arn,
            key="audit",
            on_return=lambda timeline: self._done(details, timeline),
            on_error=lambda error: self._done(details, render(error)),
            on_finish=self._finished,
        )

    def _finished(self) -> None:
        self._reading = None
        self.progress.hide()

    def _done(self, details: VersionDetails, result: Timeline | str) -> None:
        self._read[details.arn] = (details, result)
        if self._details is not None and self._details.arn == details.arn:
            self._show_read()

    # -- showing ---------------------------------------------------------------------------

    def _show_nothing(self) -> None:
        self.source.setText("")
        self.table.set_rows([])
        self.table.set_empty_text(self.tr("Reading the timeline…"))
        self.export_button.setEnabled(False)

    def _show_read(self) -> None:
        found = self._read.get(self._details.arn) if self._details is not None else None
        if found is None:
            self._show_nothing()
            return
        result = found[1]
        if isinstance(result, str):
            self.source.setText(self.tr("The timeline could not be read: %1").replace("%1", result))
            self.table.set_rows([])
            self.table.set_empty_text(result, error=True)
            self.export_button.setEnabled(False)
            return
        self.source.setText(self.source_text(result))
        self.source.setToolTip(self.tr("CloudTrail shows a change some minutes after it was made."))
        rows: list[AuditRow] = timeline_rows(result)
        self.table.set_rows(rows)
        self.table.set_empty_text(self.tr("Nothing is known of this version's history."))
        self.export_button.setEnabled(bool(rows))
        self.timelineShown.emit(result)

    def source_text(self, timeline: Timeline) -> str:
        if timeline.source == CLOUDTRAIL:
            return self.tr("From CloudTrail")
        lead = self.tr("From the version's CreatedBy / LastModifiedBy")
        if timeline.reason == NO_EVENTS:
            why = self.tr("CloudTrail holds no event on this version (it keeps 90 days of management events).")
        else:
            why = self.tr("CloudTrail could not be read (%1)").replace("%1", render(clause(timeline.reason)))
        return self.tr("%1: %2").replace("%1", lead).replace("%2", why)

    # -- exporting -------------------------------------------------------------------------

    def export_interactively(self) -> None:
        timeline, details = self.timeline(), self._details
        if timeline is None or details is None:
            return
        name = suggested_name(f"{details.group}-v{details.version}")
        path = ask_csv_path(self, self._settings, self.tr("Export Timeline"), name)
        if not path:
            return
        self.export_button.setEnabled(False)
        self._runner.run(
            write_timelines,
            path,
            [timeline],
            on_return=self._exported,
            on_error=lambda error: self.errorOccurred.emit(
                self.tr("The timeline could not be written to %1: %2").replace("%1", path)
                .replace("%2", render(error))),
            on_finish=lambda: self.export_button.setEnabled(self.timeline() is not None),
        )

    def _exported(self, written: Written) -> None:
        self.statusMessage.emit(
            self.tr("Wrote %n event(s) to %1", "", written.events).replace("%1", written.path))
