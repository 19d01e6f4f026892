"""The groups pane: a searchable, sortable list of model package groups, own and shared."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from app.registry.versions.groups import GroupSummary
from app.tasks import TaskRunner
from app.ui.groups.create_dialog import CreateGroupDialog
from app.ui.groups.model import GroupsFilterProxy, GroupsModel
from app.ui.groups.operations import create_group, delete_group, list_group_pages
from app.ui.settings import Settings
from app.ui.widgets.formatting import format_count
from app.ui.widgets.rows_model import KEY_ROLE, ROW_ROLE
from app.ui.widgets.table_view import StatefulTableView
from app.ui.workspace import Workspace

SEARCH_DEBOUNCE_MS = 250


class GroupsView(QWidget):
    groupSelected = Signal(object)  # GroupSummary or None
    statusMessage = Signal(str)
    errorOccurred = Signal(str)

    def __init__(self, workspace: Workspace, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._settings = settings
        self._runner = TaskRunner(self, max_threads=2)
        self._want_selected = ""  # ARN to select once it has loaded
        self._first_page_pending = False
        self._generation = 0
        self._emitted_arn: str | None = None  # what views downstream are showing now
        self._resetting = False

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
        self.table.sortByColumn(GroupsModel.NAME, Qt.SortOrder.AscendingOrder)
        for column, width in ((GroupsModel.NAME, 170), (GroupsModel.DESCRIPTION, 160), (GroupsModel.CREATED, 130),
                              (GroupsModel.STATUS, 85)):
            self.table.setColumnWidth(column, width)
        header_state = settings.header_state("groups")
        if header_state is not None:
            self.table.horizontalHeader().restoreState(header_state)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Group count"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("<b>Model package groups</b>"))
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

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

    def reload(self, *, keep_selection: bool = True) -> None:
        current = self.current_group()
        if keep_selection and current is not None:
            self._want_selected = current.arn
        else:
            self._want_selected = self._settings.last_group(self._workspace.connection_key)
            if not keep_selection:
                # A different account: nothing of the old one may stay on screen.
                self._reset_rows()
                self._emitted_arn = None
                self.groupSelected.emit(None)
        self._first_page_pending = True
        if self.model.rowCount() == 0:
            self.table.set_empty_text(self.tr("Loading groups…"))
        self._runner.run(
            list_group_pages,
            self._workspace.connection,
            key="groups",
            on_yield=self._on_page,
            on_error=self._on_error,
            on_finish=self._on_finished,
        )

    def shutdown(self) -> None:
        self._search_timer.stop()
        self._settings.set_header_state("groups", self.table.horizontalHeader().saveState())
        self._runner.shutdown()

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    # -- create and delete -----------------------------------------------------------------

    def create_group_interactively(self) -> None:
        dialog = CreateGroupDialog(self)
        if dialog.exec() != CreateGroupDialog.DialogCode.Accepted:
            return
        name, description, tags = dialog.name(), dialog.description(), dialog.tags()
        self.statusMessage.emit(self.tr("Creating the group '%1'…").replace("%1", name))

        def created(arn: str) -> None:
            self.statusMessage.emit(self.tr("Created the group '%1'.").replace("%1", name))
            self._settings.set_last_group(self._workspace.connection_key, arn)
            self.reload(keep_selection=False)

        self._runner.run(
            create_group, self._workspace.connection, name, description, tags,
            on_return=created, on_error=self._on_error,
        )

    def delete_group_interactively(self) -> None:
        group = self.current_group()
        if group is None:
            return
        if group.shared:
            QMessageBox.information(
                self, self.tr("Shared group"),
                self.tr("'%1' belongs to account %2 and is only shared with this one. "
                        "Delete it from that account.").replace("%1", group.name).replace("%2", group.account_id),
            )
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

        def deleted(name: str) -> None:
            self.model.remove_key(group.arn)
            self.statusMessage.emit(self.tr("Deleted the group '%1'.").replace("%1", name))
            self._update_count()

        self._runner.run(
            delete_group, self._workspace.connection, group.name, on_return=deleted, on_error=self._on_error
        )

    # -- loading callbacks (UI thread) -----------------------------------------------------

    def _on_page(self, page: list[GroupSummary]) -> None:
        if self._first_page_pending:
            # Old rows stay on screen until fresh ones arrive, so a refresh never flickers.
            self._first_page_pending = False
            self._reset_rows()
        self.model.append_page(self._generation, page)
        self._update_count()
        self._select_wanted()

    def _on_finished(self) -> None:
        if self._first_page_pending:  # the listing was empty
            self._first_page_pending = False
            self._reset_rows()
        self.model.end_load(self._generation)
        self._update_count()
        if self.model.rowCount() == 0:
            self.table.set_empty_text(self.tr(
                "No model package groups in this account and region.\n"
                "Create one with New Group (Ctrl+N), or pick another profile or region."))
            if self._emitted_arn is not None:
                self._emitted_arn = None
                self.groupSelected.emit(None)
        elif self.current_group() is None:
            self._select_wanted(fallback_first=True)

    def _on_error(self, error: BaseException) -> None:
        message = str(error)
        if self.model.rowCount() == 0:
            self.table.set_empty_text(message, error=True)
        self.errorOccurred.emit(message)

    def _reset_rows(self) -> None:
        # The reset drops the selection for a moment; that is not the user choosing nothing.
        self._resetting = True
        try:
            self._generation = self.model.begin_load()
        finally:
            self._resetting = False

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == shown:
            self.count_label.setText(self.tr("%1 groups").replace("%1", format_count(total)))
        else:
            self.count_label.setText(self.tr("%1 of %2 groups").replace("%1", format_count(shown))
                                     .replace("%2", format_count(total)))
        if total and not shown:
            self.table.set_empty_text(self.tr("No group name contains '%1'.").replace("%1", self.search.text()))

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
