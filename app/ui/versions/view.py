"""The versions pane: every version of one group, streamed in page by page, filterable by status and stage."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.registry.aws import Connection
from app.registry.versions.groups import GroupSummary
from app.registry.versions.records import (
    BriefSpec,
    VersionDetails,
    VersionSummary,
    group_arn_of,
)
from app.registry.versions.store import VersionStore
from app.tasks import Task, TaskRunner
from app.ui.local_data import index_of, written
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.versions.cache import VersionsCache
from app.ui.versions.model import STATUS_ROLE, VersionsFilterProxy, VersionsModel
from app.ui.versions.stage_filter import ALL_STAGES, NO_STAGE, STATUS_FILTERS, fill_stage_filter, filtered_text
from app.ui.widgets.column_chooser import ColumnChooser
from app.ui.widgets.formatting import format_count
from app.ui.widgets.rows_model import ROW_ROLE
from app.ui.widgets.status_badge import StatusBadgeDelegate
from app.ui.widgets.table_view import StatefulTableView
from app.ui.workspace import Workspace

SELECTION_DEBOUNCE_MS = 120  # arrowing through rows does not describe every row passed
COMMENT_FILL_DEBOUNCE_MS = 200  # scrolling fast does not describe every row that flies past
# Pages landing within this long go into the table together: every insert repaints the view,
# and on a busy machine a dozen repaints a second is what keeps the window responsive.
PAGE_FLUSH_MS = 250
BRIEF_CHUNK = 100  # one batch_describe call
# Shown unless the user hides them: who did what is one click away in the header's menu.
HIDDEN_BY_DEFAULT = ("package_status", "created_by", "modified_by", "endpoints")


class VersionsView(QWidget):
    selectionChanged = Signal(list)  # list[VersionSummary]
    statusMessage = Signal(str)
    errorOccurred = Signal(str)
    loadFinished = Signal()

    def __init__(self, workspace: Workspace, settings: Settings, parent: QWidget | None = None, *,
                 store: VersionStore | None = None):
        super().__init__(parent)
        self.store = store if store is not None else VersionStore()  # the window's, shared with its panes
        self._workspace = workspace
        self._settings = settings
        self._runner = TaskRunner(self, max_threads=4)
        self._group: GroupSummary | None = None
        self._want_selected: str = ""
        self._comments_asked: set[str] = set()
        self._comment_reads: list[Task] = []  # several at once (one per scroll), so no task key
        self._arrived: list[VersionSummary] = []  # pages of the running listing waiting for the next flush
        self._cache = VersionsCache()
        self._shown: tuple[Connection, str] | None = None  # whose rows the table holds
        self._refreshing = False  # the rows on screen stay while the fresh listing merges in
        self._seen: set[str] = set()  # ARNs the refreshing listing has listed so far
        self._failed = False
        self._listing_stamp = 0  # when the running listing was sent: rows changed since keep their change
        self._as_of = ""  # " <i>as of 20:41, before the refresh</i>" while remembered rows show

        self.title = QLabel(self.tr("<b>Versions</b>"))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        for label, status in STATUS_FILTERS:
            self.status_filter.addItem(self.tr(label), status)
        self.stage_filter = QComboBox()
        self.stage_filter.setAccessibleName(self.tr("Stage filter"))
        self.stage_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # stages come later
        self.stage_filter.addItem(self.tr("All stages"))
        self.stage_filter.addItem(self.tr("No stage"))
        self._stage_choices: list[str] = []
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Version count"))

        self.model = VersionsModel(self, store=self.store)
        self._unsubscribe = self.store.subscribe(self._store_changed)
        self.proxy = VersionsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = StatefulTableView(self.tr("Model package versions"))
        self.table.setModel(self.proxy)
        self.table.setSelectionMode(StatefulTableView.SelectionMode.ExtendedSelection)
        self.table.setItemDelegateForColumn(VersionsModel.STATUS, StatusBadgeDelegate(STATUS_ROLE, self.table))
        self.table.sortByColumn(VersionsModel.VERSION, Qt.SortOrder.DescendingOrder)
        for column, width in ((VersionsModel.VERSION, 70), (VersionsModel.STATUS, 110),
                              (VersionsModel.CREATED, 140), (VersionsModel.DESCRIPTION, 200),
                              (VersionsModel.COMMENT, 200), (VersionsModel.IMAGES, 260),
                              (VersionsModel.STAGE, 110), (VersionsModel.STAGE_STATUS, 110),
                              (VersionsModel.PACKAGE_STATUS, 110), (VersionsModel.CREATED_BY, 130),
                              (VersionsModel.MODIFIED_BY, 130)):
            self.table.setColumnWidth(column, width)
        header_state = settings.header_state("versions")
        if header_state is not None:
            self.table.horizontalHeader().restoreState(header_state)
        self.columns = ColumnChooser(self.table, settings, "versions", VersionsModel.COLUMN_IDS, fixed=("version",),
                                     hidden_by_default=HIDDEN_BY_DEFAULT, added_later=("endpoints",))
        if self.columns.first_time:  # the stage reads best next to the approval status
            header = self.table.horizontalHeader()
            for offset, column in enumerate((VersionsModel.STAGE, VersionsModel.STAGE_STATUS), 1):
                header.moveSection(header.visualIndex(column), header.visualIndex(VersionsModel.STATUS) + offset)
        self.table.set_empty_text(self.tr("Select a group to see its versions."))

        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(QLabel(self.tr("&Status:")))
        bar.itemAt(bar.count() - 1).widget().setBuddy(self.status_filter)
        bar.addWidget(self.status_filter)
        bar.addWidget(QLabel(self.tr("Sta&ge:")))
        bar.itemAt(bar.count() - 1).widget().setBuddy(self.stage_filter)
        bar.addWidget(self.stage_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        remembered = settings.status_filter()
        for position, (label, _status) in enumerate(STATUS_FILTERS):
            if label == remembered:
                self.status_filter.setCurrentIndex(position)
        self.proxy.set_status(self.status_filter.currentData())
        self.status_filter.currentIndexChanged.connect(self._status_filter_changed)
        self.stage_filter.currentIndexChanged.connect(self._stage_filter_changed)

        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(SELECTION_DEBOUNCE_MS)
        self._selection_timer.timeout.connect(lambda: self.selectionChanged.emit(self.selected_versions()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_timer.start())
        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.setInterval(COMMENT_FILL_DEBOUNCE_MS)
        self._comment_timer.timeout.connect(self._fill_visible_comments)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(PAGE_FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush_pages)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._comment_timer.start())
        self.proxy.layoutChanged.connect(self._comment_timer.start)
        workspace.connectionChanged.connect(self._connection_changed)

    # -- public ----------------------------------------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    def group(self) -> GroupSummary | None:
        return self._group

    def set_group(self, group: GroupSummary | None) -> None:
        if group is not None and self._group is not None and group.arn == self._group.arn:
            return
        self.stage_filter.setCurrentIndex(ALL_STAGES)  # another group's stages mean nothing here
        self._group, self._want_selected, self._as_of = group, "", ""
        self.reload()

    def _connection_changed(self, connection) -> None:
        if self._shown is not None and self._shown[0] == connection:
            return  # already listing through it: the rows remembered for it are being refreshed
        self._cancel_comment_reads()
        self._comments_asked.clear()
        self.set_group(None)

    def reload(self) -> None:
        group = self._group
        self._comments_asked.clear()
        self.model.mark_comments_stale()
        self._cancel_comment_reads()  # their answers predate this reload
        self._runner.cancel("versions")
        self._flush_timer.stop()
        self._arrived.clear()
        self._start_load(None if group is None else (self._workspace.connection, group.arn))
        self._fill_stage_filter()
        if group is None:
            self.title.setText(self.tr("<b>Versions</b>"))
            self.table.set_empty_text(self.tr("Select a group to see its versions."))
            self.model.end_load()
            self._update_count()
            return
        shared = self.tr(" (shared from %1)").replace("%1", group.account_id) if group.shared else ""
        self.title.setText(self.tr("<b>Versions of %1</b>%2").replace("%1", group.name).replace("%2", shared)
                           + self._as_of)
        self.table.set_empty_text(self.tr("Loading versions of %1…").replace("%1", group.name))
        if not self._workspace.is_ready:
            return  # the sandbox is still starting: its listing follows (connectionChanged)
        self._listing_stamp = self.store.read_stamp()
        # A shared group is addressed by its ARN; our own by name.
        group_id = group.arn if group.shared else group.name
        self._runner.run(
            list_version_pages, self._workspace.connection, group_id,
            index=index_of(self._workspace.local), group_arn=group.arn,
            key="versions", pass_should_stop=True,
            on_yield=self._on_page,
            on_error=self._on_error,
            on_finish=self._on_finished,
        )

    def _start_load(self, shown: tuple[Connection, str] | None) -> None:
        """The rows on screen stay when they are this group's (F5); else what was seen last time
        shows, or nothing. (Late pages of the last load never arrive: the runner drops what a run
        superseded under the same key still delivers.)"""
        self._seen = set()
        self._failed = False
        if shown is not None and shown == self._shown and self.model.rowCount():
            self._refreshing = True
            self.model.begin_refresh()
            self._selection_timer.start()  # the details pane describes the selection again
            self._update_count()
            return
        current = self.selected_versions()
        if current:
            self._want_selected = current[0].arn
        cached_arns = None if shown is None else self._cache.get(*shown)
        # The rows as the store knows them now: changes made since the visit show at once.
        cached = None if cached_arns is None else [
            row for row in map(self.store.summary, cached_arns) if row is not None]
        self._shown = shown
        self._refreshing = cached is not None
        if cached is None:
            self.model.begin_load()
        else:
            self.model.replace_all(cached)
            self._update_count()
        self.selectionChanged.emit([])

    def selected_versions(self) -> list[VersionSummary]:
        rows = self.table.selectionModel().selectedRows()
        found = [index.data(ROW_ROLE) for index in rows]
        return sorted((v for v in found if v is not None), key=lambda v: -v.version)

    def select_arn(self, arn: str) -> bool:
        position = self.model.position_of(arn)
        if position is None:
            self._want_selected = arn
            return False
        index = self.proxy.mapFromSource(self.model.index(position, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def show_remembered(self, group: GroupSummary, rows: list[VersionSummary], briefs: dict[str, BriefSpec],
                        as_of: str) -> None:
        """Cold start: the versions the index remembers of `group`, before any network call,
        until `refresh_remembered` lists the group and refreshes them in place."""
        self._group, self._as_of = group, f" <i>{as_of}</i>"
        self.store.apply_reads(rows)
        self.model.replace_all([self.store.summary(v.arn) or v for v in rows])
        self.model.apply_brief(briefs, {})
        self.model.end_load()
        self._shown = (self._workspace.connection, group.arn)
        self.title.setText(self.tr("<b>Versions of %1</b>%2").replace("%1", group.name).replace("%2", "")
                           + self._as_of)
        self._fill_stage_filter()
        self._update_count()

    def refresh_remembered(self) -> None:
        """The live listing starts: the group shown is listed, remembered rows refreshed in place."""
        if self._group is not None:
            if self.model.rowCount():
                self._shown = (self._workspace.connection, self._group.arn)
            self.reload()

    def apply_status(self, arn: str, status: str, comment: str | None) -> None:
        self.model.set_status(arn, status, comment)

    def _store_changed(self, arns: frozenset[str]) -> None:
        """The model has followed the store; the count and the comment reads follow the rows."""
        gone = [arn for arn in arns if arn not in self.store]
        self._comments_asked.difference_update(gone)
        self._fill_stage_filter()
        self._update_count()

    def shutdown(self) -> None:
        self._selection_timer.stop()
        self._comment_timer.stop()
        self._flush_timer.stop()
        self._settings.set_header_state("versions", self.table.horizontalHeader().saveState())
        self._cancel_comment_reads()
        self._runner.shutdown()
        self._unsubscribe()
        # Closures of finished tasks may keep this wrapper alive; its 10,000 rows need not be.
        self._arrived.clear()
        self._cache.clear()
        self.model.release()

    # -- loading callbacks (UI thread) -----------------------------------------------------

    def _on_page(self, page: list[VersionSummary]) -> None:
        self._arrived.extend(page)
        if self.model.rowCount() == 0:
            self._flush_pages()  # the first rows show at once
        elif not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush_pages(self) -> None:
        self._flush_timer.stop()
        arrived, self._arrived = self._arrived, []
        if not arrived:
            return
        self.model.append_page(self._merge_known(arrived))
        self._fill_stage_filter()
        self._update_count()
        missing = self.model.arns_missing_brief([v.arn for v in arrived])
        for start in range(0, len(missing), BRIEF_CHUNK):
            # Images and model data: one batch call per 100 rows, while the next pages load.
            self._runner.run(describe_briefly, self._workspace.connection, missing[start:start + BRIEF_CHUNK],
                             index_of(self._workspace.local), on_return=lambda result: self.model.apply_brief(*result))
        if self._want_selected and self.select_arn(self._want_selected):
            self._want_selected = ""
        self._comment_timer.start()

    def _merge_known(self, arrived: list[VersionSummary]) -> list[VersionSummary]:
        """The page goes into the store (rows already shown follow it there, except those
        changed here since the listing was sent); returns the rows new to the table."""
        if self._refreshing:
            self._seen.update(v.arn for v in arrived)
        self.store.apply_reads(arrived, self._listing_stamp)
        return [self.store.summary(v.arn) or v for v in arrived if self.model.position_of(v.arn) is None]

    def _remember(self) -> None:
        """Only a complete listing is remembered: a partial one would hide versions next time."""
        if self._shown is None or self.model.loading or self._failed:
            return
        evicted = self._cache.put(*self._shown, [v.arn for v in self.model.rows()])
        by_group: dict[str, list[str]] = {}
        for arn in evicted:
            by_group.setdefault(group_arn_of(arn), []).append(arn)
        for group_arn, arns in by_group.items():
            if group_arn != self._shown[1] and not self._cache.holds(group_arn):
                self.store.forget(arns)  # nothing shows them any more

    def _visible_arns(self) -> list[str]:
        if self.proxy.rowCount() == 0:
            return []
        top = max(self.table.rowAt(0), 0)
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        if bottom < 0:
            bottom = self.proxy.rowCount() - 1
        arns = []
        for row in range(top, bottom + 1):
            version = self.proxy.index(row, 0).data(ROW_ROLE)
            if version is not None:
                arns.append(version.arn)
        return arns

    def _fill_visible_comments(self) -> None:
        wanted = [arn for arn in self._visible_arns()
                  if arn not in self._comments_asked and self.model.needs_describe(arn)]
        if not wanted:
            return
        self._comments_asked.update(wanted)
        stamp = self.store.read_stamp()
        self._comment_reads = [task for task in self._comment_reads if not task.is_done()]
        self._comment_reads.append(self._runner.run(
            describe_for_comments, self._workspace.connection, wanted, index=index_of(self._workspace.local),
            pass_should_stop=True, pass_report=True,
            on_yield=lambda details: self._comment_arrived(details, stamp)))

    def _cancel_comment_reads(self) -> None:
        for task in self._comment_reads:
            task.cancel()
        self._comment_reads.clear()

    def _comment_arrived(self, details: VersionDetails | None, read_at: int) -> None:
        if details is None or self.store.apply_read(details, read_at):
            return
        # Sent before the user changed this version: its answer may be older than the change.
        if self.model.needs_describe(details.arn):
            self._comments_asked.discard(details.arn)  # read the comment again
            self._comment_timer.start()

    def _on_finished(self) -> None:
        written(self._workspace.local)
        self._as_of = ""
        self.title.setText(self.title.text().split(" <i>")[0])
        self._flush_pages()
        if self._refreshing and not self._failed:
            unlisted = [v.arn for v in self.model.rows() if v.arn not in self._seen]
            self.model.remove_keys(unlisted)
            self.store.forget(unlisted)
        self._refreshing = False
        self.model.end_load()
        self._remember()
        self._fill_stage_filter()
        self._update_count()
        if self.model.rowCount() == 0 and self._group is not None:
            self.table.set_empty_text(self.tr(
                "%1 has no versions yet. Register one, or pick another group.").replace("%1", self._group.name))
        self.loadFinished.emit()

    def _on_error(self, error: BaseException) -> None:
        message = render(error)
        self._failed = True
        if self.model.rowCount() == 0:
            self.table.set_empty_text(message, error=True)
        self.errorOccurred.emit(message)

    def _status_filter_changed(self, _position: int) -> None:
        label = STATUS_FILTERS[self.status_filter.currentIndex()][0]
        self._settings.set_status_filter(label)
        self.proxy.set_status(self.status_filter.currentData())
        self._update_count()
        self._comment_timer.start()

    def _stage_filter_changed(self, position: int) -> None:
        if position < 0:
            return
        self.proxy.set_stage(self._stage_at(position))
        self._update_count()
        self._comment_timer.start()

    def _stage_at(self, position: int) -> str | None:
        if position == ALL_STAGES:
            return None
        if position == NO_STAGE:
            return ""
        return self.stage_filter.itemText(position)

    def _fill_stage_filter(self) -> None:
        self._stage_choices = fill_stage_filter(self.stage_filter, self.proxy.stage(), self.model.stages(),
                                                self._stage_choices)

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        loading = ""
        if self.model.loading:
            loading = self.tr(" (refreshing…)") if self._refreshing else self.tr(" — loading…")
        if total == shown:
            text = self.tr("%n version(s)", "", total)
        else:
            text = self.tr("%1 of %n version(s) shown", "", total).replace("%1", format_count(shown))
        self.count_label.setText(text + loading)
        if total and not shown:
            status = self.status_filter.currentText() if self.proxy.status() else ""
            self.table.set_empty_text(filtered_text(status, self.proxy.stage()))


# Worker threads: the calls, their modules (boto3's paths, the index's writers) imported there
# rather than before the window's first paint.

def list_version_pages(*args, **kwargs):
    from app.ui.versions import operations

    yield from operations.list_version_pages(*args, **kwargs)


def describe_briefly(*args, **kwargs):
    from app.ui.versions import operations

    return operations.describe_briefly(*args, **kwargs)


def describe_for_comments(*args, **kwargs) -> None:
    from app.ui.versions import operations

    operations.describe_for_comments(*args, **kwargs)
