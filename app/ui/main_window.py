"""The shell: connection picker, toolbar, the three panes and the status bar, wired together.

Feature logic lives in the views (`groups/`, `versions/`); this file only connects them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QToolBar,
)

from app import tasks
from app.registry.errors import RegistryError
from app.registry.versions.store import VersionStore
from app.tasks import Abandoned, TaskRunner
from app.ui.accounts.dock import AccountsDock
from app.ui.accounts.operations import application_profile_choices
from app.ui.action_slots import connect_actions
from app.ui.actions import build_actions, enable_for_selection, fill_menus, fill_toolbar
from app.ui.connection_bar import ConnectionBar
from app.ui.features import install_features
from app.ui.first_paint import AfterFirstPaint
from app.ui.groups.details_area import DetailsArea
from app.ui.groups.view import GroupsView
from app.ui.help_menu import HelpMenu
from app.ui.local_data import LocalData
from app.ui.panes import arrange_panes
from app.ui.settings import Settings
from app.ui.status_bar import WindowStatus
from app.ui.texts import render
from app.ui.versions.audit_export import wire_audit
from app.ui.versions.details import DetailsPane
from app.ui.versions.flows import VersionFlows
from app.ui.versions.view import VersionsView
from app.ui.widgets.banner import Banner
from app.ui.window_state import restore_window, save_window
from app.ui.workspace import StartupResult, Workspace

if TYPE_CHECKING:
    from app.ui.accounts.mfa_prompt import MfaPrompter
    from app.ui.accounts.view import AccountsView
    from app.ui.estate.estate import Estate
    from app.ui.navigation import Navigator


class MainWindow(QMainWindow):
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
        self.navigator: Navigator  # installed with the estate-wide features
        self.estate: Estate  # the estate dock's refresh, also called by the inbox's timer
        # A task started without an error handler still shows its error, here (Anki's QueryOp).
        tasks.set_expected_errors(RegistryError, Abandoned)
        tasks.set_error_sink(self._task_failed)
        self.setObjectName("MainWindow")
        self.setAccessibleName(self.tr("Registry Desk"))

        self.actions_by_name = build_actions(self)
        # What was seen, kept on disk: opened by a worker right after the first paint.
        self.local_data = LocalData(workspace.settings_scope, self)
        workspace.local = self.local_data
        self.banner = Banner()
        self.groups_view = GroupsView(workspace, settings)
        # One record per version for the table, the details and the dialogs: an edit shows everywhere.
        self.store = VersionStore()
        self.versions_view = VersionsView(workspace, settings, store=self.store)
        self.details_pane = DetailsPane(workspace, settings, store=self.store)
        self.details_area = DetailsArea(workspace, self.groups_view, self.versions_view, self.details_pane)
        self.connection_bar = ConnectionBar(workspace, self)
        self.connection_picker = self.connection_bar.connection_picker
        self.region_picker = self.connection_bar.region_picker
        self.flows = VersionFlows(self, workspace, settings, self.groups_view, self.versions_view,
                                  self.details_pane, tell=self.tell, fail=self.show_error)
        self._build_toolbar()
        central, self.main_splitter, self.right_splitter = arrange_panes(
            self.banner, self.groups_view, self.versions_view, self.details_area)
        self.setCentralWidget(central)
        self.status = WindowStatus(self.statusBar(), workspace)
        fill_menus(self.menuBar(), self.actions_by_name)
        self._build_accounts_dock()
        self._wire()
        install_features(self)
        self._update_title()
        self._update_action_states()
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
        from app.ui.accounts.mfa_prompt import MfaPrompter

        # Before any work starts: a worker assuming a role may need a code.
        self.mfa_prompter = MfaPrompter(self)
        self.local_data.open()
        if startup is not None:
            self._runner.run(startup, on_return=self._startup_done, on_error=self._startup_failed)
        else:
            self.groups_view.reload(keep_selection=False)
        # The checks' patterns and the model card schema, read once here so no check on the UI
        # thread (a dialog's first keystroke) waits for them.
        from app.registry.versions import requests

        self._runner.run(requests.prepare)

    # -- construction ----------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main toolbar"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.connection_bar.add_to(bar)
        bar.addSeparator()
        fill_toolbar(bar, self.actions_by_name)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_accounts_dock(self) -> None:
        self.mfa_prompter: MfaPrompter | None = None  # installed when work starts, after the first paint
        self.accounts_dock = AccountsDock(self.workspace, self, self.actions_by_name["accounts"])
        self.accounts_dock.useConnection.connect(self.use_connection)
        self.accounts_dock.profilesChanged.connect(self._reload_application_profiles)
        self.accounts_dock.keyringProblem.connect(self._keyring_problem)
        self.accounts_dock.statusMessage.connect(self.tell)
        self.accounts_dock.viewBuilt.connect(lambda view: self.status.watch(view.runner))

    @property
    def accounts_view(self) -> AccountsView:
        return self.accounts_dock.view

    def show_accounts(self, visible: bool = True) -> None:
        self.accounts_dock.show_accounts(visible)

    def _keyring_problem(self, text: str) -> None:
        if text:
            self.banner.show_message(text, "warning")

    def use_connection(self, connection) -> None:
        """Show `connection` in the main views, adding it to the picker when it is new there."""
        self.connection_bar.show_connection(connection)
        self.settings.set_last_profile(connection.display_name)
        self.workspace.set_connection(connection)

    def _reload_application_profiles(self) -> None:
        region = self.workspace.connection.region
        self._runner.run(application_profile_choices, region, self.workspace.sandbox_endpoint,
                         on_return=self._application_profiles_loaded, on_error=lambda error: self.show_error(
                             self.tr("Could not list the application profiles: %1").replace("%1", render(error))))

    def _application_profiles_loaded(self, managed) -> None:
        choices = [c for c in self.workspace.choices() if not c.connection.managed] + list(managed)
        self.workspace.set_choices(choices)
        self.connection_bar.fill(choices, None, self.workspace.connection)

    def _wire(self) -> None:
        a = self.actions_by_name
        connect_actions(self, a)
        self.help_menu = HelpMenu(self, a, fail=self.show_error)

        self.groups_view.groupSelected.connect(self.versions_view.set_group)
        self.groups_view.groupSelected.connect(lambda _g: self._update_action_states())
        self.versions_view.selectionChanged.connect(self.details_pane.show_versions)
        # Actions follow the selection at once; only the describe waits for the debounce.
        self.versions_view.table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_action_states())
        for view in (self.groups_view, self.versions_view, self.details_pane, self.details_area.group_details):
            view.errorOccurred.connect(self.show_error)
        for view in (self.groups_view, self.versions_view, self.details_area.group_details):
            view.statusMessage.connect(self.tell)
        for runner in (self._runner, self.flows.runner, self.groups_view.runner, self.versions_view.runner,
                       self.details_pane.runner, self.details_area.group_details.runner):
            self.status.watch(runner)

        self.audit_export = wire_audit(self)
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
        self.details_pane.clear_cache()
        self._update_title()

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_splitter, "right": self.right_splitter}

    def _update_title(self) -> None:
        self.setWindowTitle(self.status.show_where())

    def _update_action_states(self) -> None:
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
            save_window(self, self.settings, self._splitters())
            if self.mfa_prompter is not None:
                self.mfa_prompter.close()  # a worker waiting for a code must not hold up the close
            for part in (self.groups_view, self.versions_view, self.details_area, self.accounts_dock, self.flows,
                         self.local_data):
                part.shutdown()
            tasks.shutdown_all()
            if tasks.error_sink() == self._task_failed:
                tasks.set_error_sink(None)
            if self._on_close is not None:
                self._on_close()
        super().closeEvent(event)
