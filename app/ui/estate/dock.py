"""The Estate dock: the tree of every chosen account and region, F5 to list them all again.

The tree shows what the index holds at once (before any refresh) and re-reads it, off the UI
thread, whenever the index changed. Selecting a group opens it in the main views, through the
profile and region that listed it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEvent, QItemSelectionModel, QLocale, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.tasks import TaskRunner
from app.ui.estate.model import (
    ACCOUNT_NODE,
    GROUP_NODE,
    KIND_ROLE,
    MESSAGE_NODE,
    NAME,
    REGION_NODE,
    TARGET_ROLE,
    EstateModel,
)
from app.ui.estate.operations import EstateSnapshot, read_estate
from app.ui.texts import render

if TYPE_CHECKING:
    from app.registry.estate.fanout import EstateOutcome
    from app.ui.estate.estate import Estate
    from app.ui.main_window import MainWindow


PROGRESS_EVERY_MS = 250
NAME_WIDTH_MAX = 260  # the names column fits its text up to this, leaving room for the counts


class _Body(QWidget):
    def sizeHint(self) -> QSize:  # wide enough for the names and the counts, the first time it shows
        return QSize(540, super().sizeHint().height())


class EstateDock(QDockWidget):
    def __init__(self, window: MainWindow, estate: Estate, toggle: QAction):
        super().__init__(self.tr("Estate"), window)
        self._window = window
        self._estate = estate
        self._snapshot = EstateSnapshot()
        self._applying = False
        self._reader = TaskRunner(self, max_threads=1, name="estate-tree")
        self.setObjectName("estate-dock")
        self.setAccessibleName(self.tr("Estate"))

        self.model = EstateModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Estate: accounts, regions and groups"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NAME, 230)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        self.refresh_button = QPushButton(self.tr("&List all"))
        self.refresh_button.setAccessibleName(self.tr("List the estate again"))
        self.refresh_button.setToolTip(self.tr("List every chosen account and region again (F5 in the tree)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.choose_button = QPushButton(self.tr("C&hoose accounts and regions…"))
        self.choose_button.setAccessibleName(self.tr("Choose accounts and regions"))
        self.choose_button.clicked.connect(self.choose)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Estate status"))
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        body = _Body()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self.setWidget(body)

        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self)
        self.hide()
        toggle.setCheckable(True)
        toggle.toggled.connect(self.setVisible)
        self.visibilityChanged.connect(toggle.setChecked)
        self.visibilityChanged.connect(lambda visible: visible and self.reread())

        window.local_data.indexChanged.connect(self.reread)
        window.local_data.ready.connect(lambda _index: self.reread())
        # Progress comes page by page: the tree follows it a few times a second, not per page.
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_EVERY_MS)
        self._progress_timer.timeout.connect(self._show)
        estate.progressed.connect(lambda _p: self._progress_timer.isActive() or self._progress_timer.start())
        estate.targetsChanged.connect(self.reread)
        estate.started.connect(self._started)
        estate.refreshed.connect(self._refreshed)

    # -- actions -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """F5 anywhere in the dock lists the estate again (the window's F5 reloads the main views):
        the key is claimed before it can become the window's shortcut."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_F5:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        self._estate.refresh()
        self._show_status()

    def choose(self) -> None:
        from app.ui.estate.targets_dialog import TargetsDialog

        dialog = TargetsDialog(self._window, self._estate)
        if dialog.exec():
            self._estate.set_chosen(dialog.chosen())
            self._estate.refresh()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._applying or not current.isValid():
            return
        first = current.siblingAtColumn(NAME)
        if first.data(KIND_ROLE) != GROUP_NODE:
            return
        key = first.data(TARGET_ROLE)
        target = next((t for t in self._estate.targets() if t.key == key), None)
        if target is not None:
            self._window.navigator.open(target.connection, first.data(Qt.ItemDataRole.UserRole + 1))

    # -- reading the index ---------------------------------------------------------------------

    def reread(self) -> None:
        """Read the index again, off the UI thread (only while the dock is shown)."""
        index = self._window.local_data.index
        if index is None or not self.isVisible():
            self._show()
            return
        keys = self._estate.target_keys()  # not targets(): before the profiles are read, those are unknown
        self._reader.run(read_estate, index, keys, key="read", on_return=self._read, on_error=self._read_failed)

    def _read(self, snapshot: EstateSnapshot) -> None:
        self._snapshot = snapshot
        self._show()

    def _read_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The local index could not be read: %1").replace("%1", render(error)))

    def _show(self) -> None:
        if not self.isVisible():
            return
        first_time = self.model.rowCount() == 0
        self._applying = True
        try:
            current = self.tree.currentIndex()
            self.model.show(self._estate.shown_targets(), self._snapshot, self._estate.progress(), self._estate.names(),
                            self._estate.group_errors())
            if current.isValid() and not self.tree.currentIndex().isValid():
                self.tree.selectionModel().clearSelection()
        finally:
            self._applying = False
        for item in self.model.added:  # new accounts and regions open; what the user closed stays closed
            kind = item.data(KIND_ROLE)
            if kind in (ACCOUNT_NODE, REGION_NODE) and (kind == ACCOUNT_NODE or item.rowCount() <= 12):
                self.tree.expand(item.index())
            elif kind == MESSAGE_NODE:
                self.tree.setFirstColumnSpanned(item.row(), item.index().parent(), True)
                self.tree.expand(item.index().parent())
        if first_time and self.model.rowCount():
            self.tree.header().resizeSection(NAME, min(NAME_WIDTH_MAX, self.tree.sizeHintForColumn(NAME) + 24))
        self._show_status()

    def select_key(self, key: str) -> bool:
        """Make the node of `key` current (what a click on it does); False if it is not shown."""
        item = self.model.item_of(key)
        if item is None:
            return False
        self.tree.selectionModel().setCurrentIndex(
            item.index(), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return True

    # -- status --------------------------------------------------------------------------------

    def _started(self) -> None:
        self._show()

    def _refreshed(self, outcome: EstateOutcome) -> None:
        self._show()
        failed = len(outcome.failed)
        if failed:
            self.status.setText(self.tr("%n account-region(s) could not be listed; the others are up to date.",
                                        "", failed))

    def _show_status(self) -> None:
        if self._estate.is_refreshing():
            progress = self._estate.progress().values()
            done = sum(1 for p in progress if p.finished)
            self.status.setText(self.tr("Listing… %1 of %2 account-regions done").replace("%1", str(done)).replace(
                "%2", str(len(self._estate.targets()))))
            self.refresh_button.setEnabled(False)
            return
        self.refresh_button.setEnabled(True)
        outcome = self._estate.last_outcome
        targets = self._estate.targets()
        stamps = [t for t in (self._snapshot.listed_at.get(x.key) for x in targets) if t]
        if outcome is None and stamps:  # what the index remembers, until this window lists again
            when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(min(stamps))), QLocale.FormatType.ShortFormat)
            self.status.setText(self.tr("As of %1; F5 in the tree lists them again").replace("%1", when))
        elif outcome is None or not outcome.failed:
            self.status.setText(self.tr("%n account-region(s) chosen; F5 in the tree lists them again", "",
                                        len(targets)))

    def shutdown(self) -> None:
        self._progress_timer.stop()
        self._reader.shutdown()
