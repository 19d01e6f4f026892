"""The pending inbox of a window: every version waiting for approval across the indexed estate,
oldest first; approving and rejecting from it; the background refresh and the notifications.

It reads the local index (on a worker) when the index opens and whenever it changed, so whatever
writes the index (the estate's refresh, a listing, an approval) shows here. While the estate
refreshes, new pending versions are held back and announced together once it is done: one
message per refresh, however many arrived.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from app.registry.aws import Connection
from app.registry.index.records import IndexedVersion
from app.registry.versions.records import ApprovalResult
from app.tasks import TaskRunner
from app.ui.inbox.notifier import Notifier
from app.ui.inbox.operations import InboxRead, InboxRow, forget_version, read_inbox, record_approval
from app.ui.inbox.refresh import BackgroundRefresh
from app.ui.inbox.view import InboxView
from app.ui.texts import render
from app.ui.widgets.formatting import format_count

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class Inbox(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._settings = window.settings
        self._local = window.local_data
        self.runner = TaskRunner(self, max_threads=1, name="inbox")
        self.view = InboxView()
        self.dock = QDockWidget(self.tr("Inbox"), window)
        self.dock.setObjectName("inbox-dock")
        self.dock.setAccessibleName(self.tr("Inbox"))
        self.dock.setWidget(self.view)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        toggle = window.actions_by_name["inbox"]
        toggle.setCheckable(True)
        toggle.toggled.connect(self.show_inbox)
        self.dock.visibilityChanged.connect(toggle.setChecked)

        self.notifier = Notifier(window, self._settings, window.tell)
        self.notifier.clicked.connect(self.show_inbox)
        self.refresher = BackgroundRefresh(self._settings, self._estate, self)
        self._estate_followed: Any = None
        self._known: frozenset[str] | None = None  # groups listed at the last judged read
        self._reading = False
        self._again = False
        self._refresh_over = False
        self._drafts: dict[str, str] = {}  # an unfinished approval's comment, per target status
        self.count = 0

        self._local.ready.connect(lambda _index: self.reread())
        self._local.indexChanged.connect(self.reread)
        window.workspace.choicesChanged.connect(self.reread)
        self.view.stageChosen.connect(self._stage_chosen)
        self.view.openRequested.connect(self.open_row)
        self.view.approvalRequested.connect(self.change_approval)
        window.installEventFilter(self)
        self._show_count()
        QTimer.singleShot(0, self._follow_others)  # whichever feature was installed first

    def _follow_others(self) -> None:
        """The estate's refreshes, and Edit › Preferences (another feature,
        `window.preferences.changed`), which sets the interval."""
        self._estate()
        preferences = getattr(self._window, "preferences", None)
        if preferences is not None:
            preferences.changed.connect(self.apply_preferences)

    # -- the estate (installed by its own feature; found when needed) ----------------------

    def _estate(self) -> Any:
        estate = getattr(self._window, "estate", None)
        if estate is not None and estate is not self._estate_followed:
            self._estate_followed = estate
            estate.refreshed.connect(self._refreshed)
        return estate

    def _refreshing(self) -> bool:
        estate = self._estate()
        return estate is not None and bool(estate.is_refreshing())

    def _refreshed(self, _outcome: object = None) -> None:
        self._refresh_over = True  # whatever is_refreshing() still says while it signals
        self.reread()  # the refresh's last writes, and the news it brought, in one message

    def apply_preferences(self) -> None:
        """The Preferences changed: the refresh interval is read again (notifications are read
        at each message)."""
        self.refresher.apply_preferences()

    # -- reading ---------------------------------------------------------------------------

    def reread(self) -> None:
        index = self._local.index
        if index is None:
            return
        if self._reading:
            self._again = True  # one more read when this one lands; never two at once
            return
        self._reading = True
        judge = self._refresh_over or not self._refreshing()  # news is told once a refresh has finished
        self._refresh_over = False
        profiles = frozenset(c.connection.display_name for c in self._window.workspace.choices())
        self.runner.run(read_inbox, index, self._settings.inbox_stage(), profiles,
                        self._known if judge else frozenset(), judge=judge,
                        on_return=lambda read: self._read(read, judge), on_error=self._failed,
                        on_finish=self._read_finished)

    def _read(self, read: InboxRead, judged: bool) -> None:
        self.view.show_rows(read.rows, read.stages, self._settings.inbox_stage(), time.time())
        self.count = len(read.rows)
        self._show_count()
        if judged:
            self._known = read.listed
            self._announce(read.news)

    def _failed(self, error: BaseException) -> None:
        self.view.show_problem(self.tr("The inbox could not read the local index: %1").replace("%1", render(error)))

    def _read_finished(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.reread()

    def _announce(self, news: list[IndexedVersion]) -> None:
        names = [f"{v.summary.group} {v.summary.version}" for v in news]
        if names:
            self.notifier.announce(names)

    def _show_count(self) -> None:
        self.dock.setWindowTitle(self.tr("Inbox (%1)").replace("%1", format_count(self.count)))

    def _stage_chosen(self, stage: str) -> None:
        self._settings.set_inbox_stage(stage)
        self.reread()

    # -- showing ---------------------------------------------------------------------------

    def show_inbox(self, visible: bool = True) -> None:
        self.dock.setVisible(visible)
        if visible:
            self.dock.raise_()
            self.view.focus_table()

    def connection_for(self, row: InboxRow) -> Connection | None:
        """The window's connection that reaches the row's version: its profile, in its region."""
        for choice in self._window.workspace.choices():
            if row.profile and choice.connection.display_name == row.profile:
                return dataclasses.replace(choice.connection, region=row.version.region)
        return None

    def _unreachable(self, row: InboxRow) -> None:
        self._window.tell(self.tr("No profile of this window reaches account %1 in %2.")
                          .replace("%1", row.version.account).replace("%2", row.version.region))

    def open_row(self, row: InboxRow) -> None:
        connection = self.connection_for(row)
        if connection is None:
            self._unreachable(row)
            return
        self._window.navigator.open(connection, row.version.group_arn, row.arn)

    # -- approving -------------------------------------------------------------------------

    def change_approval(self, status: str, rows: list[InboxRow]) -> None:
        """The bulk approval dialog for the selected rows: one dialog per account and region,
        in turn (a dialog speaks to one connection); a dialog closed without applying stops
        the turns."""
        from app.ui.versions.approval import ApprovalDialog  # only when asked: not needed to paint

        turns: dict[Connection, list[InboxRow]] = {}
        for row in rows:
            connection = self.connection_for(row)
            if connection is None:
                self._unreachable(row)
                return
            turns.setdefault(connection, []).append(row)
        comment = self._drafts.get(status, "")  # one comment for every turn, kept if one is not finished
        finished = True
        for number, (connection, batch) in enumerate(turns.items(), start=1):
            dialog = ApprovalDialog(connection, [r.version.summary for r in batch], status, self._window,
                                    comment=comment)
            where = f"{connection.display_name} · {connection.region}"
            title = (self.tr("%1 — %2") if len(turns) == 1 else self.tr("%1 — %2 (%3 of %4)"))
            dialog.set_title(title.replace("%1", dialog.windowTitle()).replace("%2", where)
                             .replace("%3", str(number)).replace("%4", str(len(turns))))
            dialog.versionUpdated.connect(self._approved)
            dialog.versionMissing.connect(self._missing)
            dialog.exec()
            comment = dialog.comment()
            finished = finished and dialog.completed()
            if not dialog.results():
                break  # closed without applying: the other accounts' turns are not forced on the person
        if finished or not comment:
            self._drafts.pop(status, None)
        else:
            self._drafts[status] = comment

    def _approved(self, result: ApprovalResult) -> None:
        self._window.flows.version_updated(result)  # the main views, when they show it
        index = self._local.index
        if result.ok and result.new_status and index is not None:
            self.runner.run(record_approval, index, result.arn, result.new_status, result.comment,
                            on_return=lambda _none: self._local.changed())

    def _missing(self, arn: str) -> None:
        self._window.flows.version_missing(arn)
        index = self._local.index
        if index is not None:
            self.runner.run(forget_version, index, arn, on_return=lambda _none: self._local.changed())

    # -- closing ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        self.refresher.shutdown()
        self.notifier.shutdown()
        self.runner.shutdown()
