"""The shell: connection picker, toolbar, the three panes and the status bar, wired together.

Feature logic lives in the views (`groups/`, `versions/`); this file only connects them. The
window is built in two stages (second_stage.py): what a cold start shows first (the groups and
the versions), then the details area, the dialogs' flows, the docks and the features.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
)

from app import tasks
from app.registry.errors import RegistryError
from app.registry.versions.store import VersionStore
from app.tasks import Abandoned, TaskRunner
from app.ui.actions import build_actions, enable_for_selection, fill_menus, main_toolbar
from app.ui.cold_start import install_cold_start
from app.ui.connection_bar import ConnectionBar
from app.ui.first_paint import AfterFirstPaint
from app.ui.groups.view import GroupsView
from app.ui.local_data import LocalData
from app.ui.panes import arrange_panes
from app.ui.second_stage import AT_LATEST_MS, SecondStage, place_for_details
from app.ui.settings import Settings
from app.ui.status_bar import WindowStatus
from app.ui.texts import render
from app.ui.versions.view import VersionsView
from app.ui.widgets.banner import Banner
from app.ui.window_state import restore_window, save_window
from app.ui.workspace import StartupResult, Workspace

if TYPE_CHECKING:
    from app.ui.accounts.dock import AccountsDock
    from app.ui.accounts.mfa_prompt import MfaPrompter
    from app.ui.accounts.view import AccountsView
    from app.ui.estate.estate import Estate
    from app.ui.groups.details_area import DetailsArea
    from app.ui.help_menu import HelpMenu
    from app.ui.navigation import Navigator
    from app.ui.versions.audit_export import GroupTimelineExport
    from app.ui.versions.details import DetailsPane
    from app.ui.versions.flows import VersionFlows


class MainWindow(QMainWindow):
    completed = Signal()  # the second stage is built: every view, dock and feature exists
    # Built by the second stage, once the first rows are painted (complete() builds them now).
    details_pane: DetailsPane
    details_area: DetailsArea
    flows: VersionFlows
    accounts_dock: AccountsDock
    help_menu: HelpMenu
    audit_export: GroupTimelineExport

    def __init__(
        self,
        workspace: Workspace,
        settings: Settings,
        *,
        startup: Callable[[], StartupResult] | None = None,
        on_close: Callable[[], None] | None = None,
    ):
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self._on_close = on_close
        self._runner = TaskRunner(self, max_threads=1)
        self._closing = False
        self._work_started = False  # the startup task and the checks' preparation (_start_work)
        self.navigator: Navigator  # installed with the estate-wide features
        self.estate: Estate  # the estate dock's refresh, also called by the inbox's timer
        self.mfa_prompter: MfaPrompter | None = None  # installed when work starts, after the first paint
        # A task started without an error handler still shows its error, here (Anki's QueryOp).
        tasks.set_expected_errors(RegistryError, Abandoned)
        tasks.set_error_sink(self._task_failed)
        self.setObjectName("MainWindow")
        self.setAccessibleName(self.tr("Registry Desk"))

        self.actions_by_name = build_actions(self)
        self.second_stage = SecondStage(self)  # before anything else listens to the actions
        # What was seen, kept on disk: opened by a worker right after the first paint; `ready`
        # for the second stage's views once they exist, the remembered rows as soon as it opens.
        self.local_data = LocalData(workspace.settings_scope, self)
        self.local_data.hold_ready()
        workspace.local = self.local_data
        self.banner = Banner()
        self.groups_view = GroupsView(workspace, settings)
        # One record per version for the table, the details and the dialogs: an edit shows everywhere.
        self.store = VersionStore()
        self.versions_view = VersionsView(workspace, settings, store=self.store)
        self.connection_bar = ConnectionBar(workspace, self)
        self.connection_picker = self.connection_bar.connection_picker
        self.region_picker = self.connection_bar.region_picker
        self.toolbar = main_toolbar(self, self.connection_bar.add_to, self.actions_by_name)
        central, self.main_splitter, self.right_splitter = arrange_panes(
            self.banner, self.groups_view, self.versions_view, place_for_details())
        self.setCentralWidget(central)
        self.status = WindowStatus(self.statusBar(), workspace)
        fill_menus(self.menuBar(), self.actions_by_name)
        self._wire()
        self.cold_start = install_cold_start(self)  # what was seen last time, before any network call
        self.cold_start.settled.connect(self.second_stage.start)
        self._update_title()
        self.update_action_states()
        restore_window(self, settings, self._splitters())

        if startup is not None:
            self.statusBar().showMessage(
                self.tr("Starting the sandbox…") if workspace.is_sandbox else self.tr("Reading AWS profiles…"))
            self.groups_view.table.set_empty_text(self.tr("Getting ready…"))
        # A worker started now would take the interpreter from the first paint (its imports alone
        # take longer than painting), so the window paints first and the work starts right after.
        self._after_first_paint = AfterFirstPaint(self, lambda: self._start(startup))

    def _start(self, startup: Callable[[], StartupResult] | None) -> None:
        if self._closing:
            return
        self.local_data.open()  # first: the remembered rows wait for it
        QTimer.singleShot(AT_LATEST_MS, self.second_stage.start)  # whatever the index does
        # The rest waits for the remembered rows (or AT_LATEST_MS): its imports, on this thread
        # and the workers', would take the interpreter from the worker reading them.
        self.cold_start.settled.connect(lambda: self._start_work(startup))
        QTimer.singleShot(AT_LATEST_MS, lambda: self._start_work(startup))

    def _start_work(self, startup: Callable[[], StartupResult] | None) -> None:
        if self._closing or self._work_started:
            return
        self._work_started = True
        from app.ui.accounts.mfa_prompt import MfaPrompter

        # Before any work starts: a worker assuming a role may need a code.
        self.mfa_prompter = MfaPrompter(self)
        if startup is not None:
            self._runner.run(startup, on_return=self._startup_done, on_error=self._startup_failed)
        else:
            self.groups_view.reload(keep_selection=False)
        # The checks' patterns and the model card schema, read once here so no check on the UI
        # thread (a dialog's first keystroke) waits for them.
        from app.registry.versions import requests

        self._runner.run(requests.prepare)

    @property
    def closing(self) -> bool:
        return self._closing

    @property
    def is_complete(self) -> bool:
        """The second stage is built (see `complete`)."""
        return self.second_stage.done

    def complete(self) -> None:
        """Builds what the second stage has not built yet, now."""
        self.second_stage.finish_now()

    @property
    def accounts_view(self) -> AccountsView:
        self.complete()
        return self.accounts_dock.view

    def show_accounts(self, visible: bool = True) -> None:
        self.complete()
        self.accounts_dock.show_accounts(visible)

    def use_connection(self, connection) -> None:
        """Show `connection` in the main views, adding it to the picker when it is new there."""
        self.connection_bar.show_connection(connection)
        self.settings.set_last_profile(connection.display_name)
        self.workspace.set_connection(connection)

    def _wire(self) -> None:
        """The first stage's wiring; second_stage.py wires the parts it builds."""
        self.groups_view.groupSelected.connect(self.versions_view.set_group)
        self.groups_view.groupSelected.connect(lambda _g: self.update_action_states())
        # Actions follow the selection at once; only the describe waits for the debounce.
        self.versions_view.table.selectionModel().selectionChanged.connect(
            lambda *_: self.update_action_states())
        for view in (self.groups_view, self.versions_view):
            view.errorOccurred.connect(self.show_error)
            view.statusMessage.connect(self.tell)
        for runner in (self._runner, self.groups_view.runner, self.versions_view.runner):
            self.status.watch(runner)
        self.connection_bar.connectionPicked.connect(self._remember_connection)
        self.workspace.connectionChanged.connect(self._connection_changed)

    # -- startup ---------------------------------------------------------------------------

    def _startup_done(self, result: StartupResult) -> None:
        self.workspace.set_choices(result.choices)
        collector = getattr(QApplication.instance(), "collector", None)
        if collector is not None:
            collector.settle()
        self.connection_bar.fill(result.choices, result.regions, result.current or self.workspace.connection)
        if result.current is not None and result.current != self.workspace.connection:
            self.workspace.set_connection(result.current)  # reloads through connectionChanged
        else:
            self.groups_view.reload(keep_selection=False)
        self._update_title()
        if result.note:
            self.status.tell(result.note)
        else:
            self.statusBar().clearMessage()

    def _startup_failed(self, error: BaseException) -> None:
        self.show_error(render(error))
        self.groups_view.reload(keep_selection=False)

    # -- slots -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.complete()
        self.banner.hide()
        self.details_pane.clear_cache()
        self.groups_view.reload(keep_selection=True)
        self.versions_view.reload()
        self.details_area.reload()

    def tell(self, message: str) -> None:
        """A passing note in the status bar."""
        self.status.tell(message)

    def _remember_connection(self, connection) -> None:
        self.settings.set_last_profile(connection.display_name)
        if connection.region:
            self.settings.set_last_region(connection.region)

    def show_error(self, message: str) -> None:
        self.banner.show_message(message, "error")
        self.status.tell(message)

    def _task_failed(self, error: BaseException) -> None:
        """The error of a task that has no handler of its own."""
        if self._closing:
            return
        if isinstance(error, RegistryError | Abandoned):
            self.show_error(render(error))
        else:  # logged with its traceback by the task
            self.show_error(self.tr("Unexpected error: %1. The details are in the log.").replace(
                "%1", f"{type(error).__name__}: {error}"))

    def _connection_changed(self, _connection) -> None:
        # Nothing said about the previous connection may linger as if it were about this one.
        self.banner.hide()
        self.statusBar().clearMessage()
        if self.is_complete:
            self.details_pane.clear_cache()
        self._update_title()

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_splitter, "right": self.right_splitter}

    def _update_title(self) -> None:
        self.setWindowTitle(self.status.show_where())

    def update_action_states(self) -> None:
        enable_for_selection(self.actions_by_name, len(self.versions_view.selected_versions()),
                             self.groups_view.current_group())

    # -- closing ---------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.banner.isVisible():
            self.banner.hide()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closes at once whatever is in flight: every runner of the application is cancelled and
        nothing is waited for here; calls still blocked are abandoned (cli.py bounds the exit)."""
        if not self._closing:
            self._closing = True
            # Closed before its docks were built, the window keeps the docks' remembered places.
            save_window(self, self.settings, self._splitters(), docks=self.is_complete)
            if self.mfa_prompter is not None:
                self.mfa_prompter.close()  # a worker waiting for a code must not hold up the close
            for name in ("groups_view", "versions_view", "details_area", "accounts_dock", "flows", "local_data",
                         "cold_start"):
                part = getattr(self, name, None)
                if part is not None:
                    part.shutdown()
            tasks.shutdown_all()
            if tasks.error_sink() == self._task_failed:
                tasks.set_error_sink(None)
            if self._on_close is not None:
                self._on_close()
        super().closeEvent(event)
