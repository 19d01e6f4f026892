"""The groups pane: a searchable, sortable list of model package groups, own and shared.

A listing that fails keeps what the pane showed (rows, selection, and so the versions and
details downstream) and says in the pane what failed, with Retry; a list that stopped part way
is never presented as complete, and "no groups" is said only after a listing that succeeded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from app.registry.errors import RegistryError
from app.registry.versions.groups import GroupSummary
from app.tasks import TaskRunner
from app.ui.groups.listing_problem import ListingProblem
from app.ui.groups.model import GroupsFilterProxy, GroupsModel
from app.ui.groups.name_delegate import GroupNameDelegate
from app.ui.local_data import follow_in_index, index_of, written
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.widgets.formatting import format_count
from app.ui.widgets.rows_model import KEY_ROLE, ROW_ROLE
from app.ui.widgets.table_view import StatefulTableView
from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from app.ui.groups.create_flow import CreateFlow
    from app.ui.groups.empty_dialog import EmptyAndDeleteDialog

SEARCH_DEBOUNCE_MS = 250
HEADER_KEY = "groups-2"  # the columns were reordered (owner second): older saved layouts do not fit
NAME_WIDTH_LIMIT = 280  # a 63-character name elides in its middle beyond this


class GroupsView(QWidget):
    groupSelected = Signal(object)  # GroupSummary or None
    statusMessage = Signal(str)
    errorOccurred = Signal(str)
    versionDeleted = Signal(str)  # ARN of a version deleted from here (emptying a group)
    rememberedReplaced = Signal()  # the live listing starts over the rows remembered from last time

    def __init__(self, workspace: Workspace, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._settings = settings
        self._runner = TaskRunner(self, max_threads=2)
        self._want_selected = ""  # ARN to select once it has loaded
        self._select_after = ""  # ARN to select when the listing ends (a group just created)
        self._refreshing = False  # the rows on screen stay; the listing is merged into them
        self._seen: set[str] = set()
        self._failure = ""  # what the last listing failed with ("" when it did not)
        self._failed_refresh = False  # it failed while refreshing rows a complete listing showed
        self._rows_complete = True
        self._fitting = False
        self._emitted_arn: str | None = None  # what views downstream are showing now
        self._resetting = False
        self._remembered_key = ""  # the rows are what the index remembered for this connection
        self._listed = False  # a live listing has started since the window opened

        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search groups"))
        self.search.setPlaceholderText(self.tr("Search groups (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setText(settings.group_search())

        self.model = GroupsModel(self)
        self.proxy = GroupsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_search(self.search.text())

        self.table = StatefulTableView(self.tr("Model package groups"))
        self.table.setModel(self.proxy)
        self.table.setSelectionMode(StatefulTableView.SelectionMode.SingleSelection)
        self.table.setItemDelegateForColumn(GroupsModel.NAME, GroupNameDelegate(self.table))
        self.table.sortByColumn(GroupsModel.NAME, Qt.SortOrder.AscendingOrder)
        for column, width in ((GroupsModel.NAME, 170), (GroupsModel.OWNER, 120), (GroupsModel.DESCRIPTION, 160),
                              (GroupsModel.CREATED, 130), (GroupsModel.STATUS, 85)):
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header_state = settings.header_state(HEADER_KEY)
        self._fit_columns = header_state is None or not header.restoreState(header_state)
        header.sectionResized.connect(self._column_resized)

        self.problem = ListingProblem()
        self.problem.retryRequested.connect(lambda: self.reload(keep_selection=True))
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Group count"))
        self.as_of = QLabel()  # "as of 20:41, before the refresh" while remembered rows show
        self.as_of.setAccessibleName(self.tr("Groups as of"))
        self.as_of.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("<b>Model package groups</b>"))
        layout.addWidget(title)
        layout.addWidget(self.as_of)
        layout.addWidget(self.search)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._create_flow: CreateFlow | None = None  # the New Group dialog's flow, built on first use

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        workspace.connectionChanged.connect(lambda _c: self.reload(keep_selection=False))

    # -- public ----------------------------------------------------------------------------

    def current_group(self) -> GroupSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def reload(self, *, keep_selection: bool = True, select: str = "") -> None:
        """List the groups again. `keep_selection`: the same account (F5), whose rows stay on
        screen until the listing has succeeded; otherwise nothing of the old account may stay.
        Rows remembered for this very connection stay too, and are refreshed in place."""
        self._listed = True
        remembered, self._remembered_key = self._remembered_key, ""
        if remembered and remembered == self._workspace.connection_key:
            keep_selection = True
            self.rememberedReplaced.emit()
        else:
            self.as_of.hide()
        current = self.current_group()
        if not keep_selection:
            self._want_selected = self._settings.last_group(self._workspace.connection_key)
            self._reset_rows()
            self._refreshing = False
            self.problem.hide()
            if self._emitted_arn is not None:
                self._emitted_arn = None
                self.groupSelected.emit(None)
        else:
            if current is not None:
                self._want_selected = current.arn
            if self.model.rowCount():
                self.model.begin_refresh()
                self._refreshing = True
            else:
                self._reset_rows()
                self._refreshing = False
            self.problem.retrying()
        self._select_after = select
        self._seen = set()
        # The rows stay "as they were" only if a complete listing showed them.
        self._rows_complete = not self._failure or self._failed_refresh
        self._failure = ""
        if self.model.rowCount() == 0:
            self.table.set_empty_text(self.tr("Loading groups…"))
        # A new run under the key "groups" supersedes the last: the runner drops what that one
        # still sends, so the callbacks below only ever see the current listing.
        self._runner.run(
            _list_group_pages,
            self._workspace.connection, index_of(self._workspace.local), self._workspace.connection_key,
            key="groups",
            on_yield=self._on_page,
            on_error=self._on_error,
            on_finish=self._on_finished,
        )

    def show_remembered(self, key: str, groups: list[GroupSummary], select: str, as_of: str) -> bool:
        """Cold start: the groups the last listing through `key` showed, before any network
        call, until the live listing replaces them. False when a live listing came first."""
        if self._listed or self.model.rowCount() or key != self._workspace.connection_key or not groups:
            return False
        self._remembered_key = key
        self.model.replace_all(groups)
        self.model.end_load()
        self.as_of.setText(as_of)
        self.as_of.show()
        self._fit_name_column()
        self._update_count()
        if select:
            self.select_arn(select)
        return True

    def shutdown(self) -> None:
        self._search_timer.stop()
        self._settings.set_header_state(HEADER_KEY, self.table.horizontalHeader().saveState())
        self._runner.shutdown()

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    # -- create and delete -----------------------------------------------------------------

    @property
    def _creating(self) -> CreateFlow:
        if self._create_flow is None:
            from app.ui.groups.create_flow import CreateFlow

            flow = CreateFlow(self, self._workspace, self._settings, self._runner)
            flow.statusMessage.connect(self.statusMessage)
            flow.errorOccurred.connect(self.errorOccurred)
            flow.created.connect(lambda arn: self.reload(keep_selection=True, select=arn))
            self._create_flow = flow
        return self._create_flow

    def create_group_interactively(self) -> None:
        self._creating.open_dialog()

    def delete_group_interactively(self) -> None:
        group = self.current_group()
        if group is None:
            return
        if group.shared:
            self._tell_shared(group)
            return
        answer = QMessageBox.question(
            self, self.tr("Delete group"),
            self.tr("Delete the model package group '%1'?\n\nOnly an empty group can be deleted, "
                    "and this cannot be undone.").replace("%1", group.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        connection = self._workspace.connection

        def deleted(name: str) -> None:
            if connection == self._workspace.connection:
                self.model.remove_key(group.arn)
                self._update_count()
            self.statusMessage.emit(self.tr("Deleted the group '%1'.").replace("%1", name))

        def refused(error: BaseException) -> None:
            if isinstance(error, RegistryError) and error.kind == "conflict":
                self._offer_emptying(group)  # it still has versions: not a dead end
            else:
                self.errorOccurred.emit(render(error))

        from app.ui.groups.operations import delete_group

        self._runner.run(delete_group, connection, group.name, index_of(self._workspace.local), group.arn,
                         on_return=deleted, on_error=refused, on_finish=lambda: written(self._workspace.local))

    def _tell_shared(self, group: GroupSummary) -> None:
        QMessageBox.information(
            self, self.tr("Shared group"),
            self.tr("'%1' belongs to account %2 and is only shared with this one. "
                    "Delete it from that account.").replace("%1", group.name).replace("%2", group.account_id),
        )

    def _offer_emptying(self, group: GroupSummary) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete group"),
                          self.tr("The group '%1' still has versions.").replace("%1", group.name), parent=self)
        box.setInformativeText(self.tr(
            "Only an empty group can be deleted. Empty and Delete Group… lists every version that "
            "would go and asks for the group's name before deleting anything."))
        empty = box.addButton(self.tr("Empty and Delete Group…"), QMessageBox.ButtonRole.AcceptRole)
        empty.setAccessibleName(self.tr("Empty and Delete Group…"))
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is empty:
            self.empty_and_delete_interactively(group)

    def empty_and_delete_interactively(self, group: GroupSummary | None = None) -> None:
        """Delete every version of the group, then the group: listed, confirmed by its name."""
        group = group or self.current_group()
        if group is None:
            return
        if group.shared:
            self._tell_shared(group)
            return
        self.emptying_dialog(group).exec()  # kept (parented to the view): closed mid-run, it still reports

    def emptying_dialog(self, group: GroupSummary) -> EmptyAndDeleteDialog:
        """The Empty and Delete dialog for `group`, wired: each version deleted leaves the store
        (`versionDeleted`), and the group leaves this list once AWS deleted it."""
        from app.ui.groups.empty_dialog import EmptyAndDeleteDialog  # only when asked: not needed to paint

        connection = self._workspace.connection
        dialog = EmptyAndDeleteDialog(connection, group, self)
        dialog.versionChanged.connect(lambda result: self.versionDeleted.emit(result.arn))
        dialog.versionMissing.connect(self.versionDeleted)
        follow_in_index(dialog, self._workspace.local)

        def group_deleted(arn: str) -> None:
            if connection == self._workspace.connection:
                self.model.remove_key(arn)
                self._update_count()
            self.statusMessage.emit(self.tr("Deleted the group '%1' and its versions.").replace("%1", group.name))

        dialog.groupDeleted.connect(group_deleted)
        return dialog

    # -- loading callbacks (UI thread) -----------------------------------------------------

    def _on_page(self, page: list[GroupSummary]) -> None:
        if self._refreshing:
            # Rows already shown are updated in place; only new ones are added.
            self._seen.update(g.arn for g in page)
            fresh = []
            for group in page:
                shown = self.model.row_for(group.arn)
                if shown is None:
                    fresh.append(group)
                elif shown != group:
                    self.model.replace_row(group)
            page = fresh
        self.model.append_page(page)
        self._fit_name_column()
        self._update_count()
        self._select_wanted()

    def _on_error(self, error: BaseException) -> None:
        self._failure = render(error)
        self.errorOccurred.emit(self._failure)

    def _on_finished(self) -> None:
        written(self._workspace.local)
        self.as_of.hide()
        if self._refreshing and not self._failure:
            self.model.remove_keys([g.arn for g in self.model.rows() if g.arn not in self._seen])
        refreshed, self._refreshing = self._refreshing, False
        self.model.end_load()
        self._creating.warm_rules()  # the listing has gone first; the New Group dialog checks at once
        if self._failure:
            self._show_failure(refreshed)
        else:
            self.problem.hide()
            if self.model.rowCount() == 0:
                self.table.set_empty_text(self.tr(
                    "No model package groups in this account and region.\n"
                    "Create one with New Group (Ctrl+N), or pick another profile or region."))
                if self._emitted_arn is not None:
                    self._emitted_arn = None
                    self.groupSelected.emit(None)
        if self._select_after and self.select_arn(self._select_after):
            self._select_after = ""
        elif self.current_group() is None:
            self._select_wanted(fallback_first=True)
        self._update_count()

    def _show_failure(self, refreshed: bool) -> None:
        count = self.model.rowCount()
        self._failed_refresh = refreshed = refreshed and self._rows_complete
        if refreshed:
            lead = self.tr("Could not refresh the groups; the list shows them as they were and may be out of date.")
        elif count:
            lead = self.tr("The listing stopped after %n group(s); the list is incomplete.", "", count)
        else:
            lead = self.tr("Could not list the groups.")
            self.table.set_empty_text(self.tr("No groups to show: the listing failed (see above)."))
        self.problem.show_problem(f"{lead}\n{self._failure}\n" + self.tr("Press F5 or Retry to list them again."))

    def _reset_rows(self) -> None:
        # The reset drops the selection for a moment; that is not the user choosing nothing.
        self._resetting = True
        try:
            self.model.begin_load()
        finally:
            self._resetting = False

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == shown:
            text = self.tr("%n group(s)", "", total)
        else:
            text = self.tr("%1 of %n group(s)", "", total).replace("%1", format_count(shown))
        if self._failure and not self.model.loading:
            text += self.tr(" (may be out of date)") if self._failed_refresh else self.tr(" (incomplete)")
        self.count_label.setText(text)
        if total and not shown:
            self.table.set_empty_text(self.tr("No group name contains '%1'.").replace("%1", self.search.text()))

    def _fit_name_column(self) -> None:
        """Until the user sizes them, the owner column fits its text and the name column its names,
        up to a limit and to what the pane leaves beside the owner (a longer name elides)."""
        if not self._fit_columns or self.model.rowCount() == 0:
            return
        self._fitting = True
        try:
            self.table.resizeColumnToContents(GroupsModel.OWNER)
            room = self.table.viewport().width() - self.table.columnWidth(GroupsModel.OWNER) - 4
            wanted = max(self.table.sizeHintForColumn(GroupsModel.NAME), 120)
            self.table.setColumnWidth(GroupsModel.NAME, min(wanted, max(160, min(NAME_WIDTH_LIMIT, room))))
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_name_column()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column in (GroupsModel.NAME, GroupsModel.OWNER) and not self._fitting:
            self._fit_columns = False  # the user sized it: the widths are theirs from now on

    def _select_wanted(self, fallback_first: bool = False) -> None:
        if self.current_group() is not None:
            return
        position = self.model.position_of(self._want_selected) if self._want_selected else None
        if position is not None:
            proxy_index = self.proxy.mapFromSource(self.model.index(position, 0))
        elif fallback_first and self.proxy.rowCount():
            proxy_index = self.proxy.index(0, 0)
        else:
            return
        if proxy_index.isValid():
            self.table.selectionModel().select(
                proxy_index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(proxy_index)

    def select_arn(self, arn: str) -> bool:
        position = self.model.position_of(arn)
        if position is None:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(position, 0))
        if not proxy_index.isValid():
            return False
        self.table.selectionModel().select(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(proxy_index)
        return True

    def _apply_search(self) -> None:
        text = self.search.text()
        self._settings.set_group_search(text)
        self.proxy.set_search(text)
        self._update_count()

    def _selection_changed(self, *_args) -> None:
        group = self.current_group()
        if group is None and self._resetting:
            return
        if group is not None:
            self._settings.set_last_group(self._workspace.connection_key, group.arn)
            self._want_selected = group.arn
        arn = group.arn if group is not None else None
        if arn == self._emitted_arn:
            return
        self._emitted_arn = arn
        self.groupSelected.emit(group)

    def selected_key(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(KEY_ROLE) if rows else None


def _list_group_pages(*args):
    """Worker thread: the listing, its module imported there rather than before the first paint."""
    from app.ui.groups.operations import list_group_pages

    yield from list_group_pages(*args)
