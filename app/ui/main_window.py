"""The shell: connection picker, toolbar, the three panes and the status bar, wired together.

Feature logic lives in the views (`groups/`, `versions/`); this file only connects them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions.records import APPROVED, PENDING, REJECTED, ApprovalResult
from app.tasks import TaskRunner
from app.ui.actions import build_actions
from app.ui.groups.view import GroupsView
from app.ui.settings import Settings
from app.ui.versions.details import DetailsPane, describe
from app.ui.versions.view import VersionsView
from app.ui.widgets.banner import Banner
from app.ui.workspace import StartupResult, Workspace, application_profile_choices

if TYPE_CHECKING:
    from app.ui.accounts.mfa_prompt import MfaPrompter
    from app.ui.accounts.view import AccountsView

STATUS_MESSAGE_MS = 6000


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
        self.setObjectName("MainWindow")
        self.setAccessibleName(self.tr("Registry Desk"))

        self.actions_by_name = build_actions(self)
        self.banner = Banner()
        self.groups_view = GroupsView(workspace, settings)
        self.versions_view = VersionsView(workspace, settings)
        self.details_pane = DetailsPane(workspace, settings)
        self._build_toolbar()
        self._build_layout()
        self._build_status_bar()
        self._build_menus()
        self._build_accounts_dock()
        self._wire()
        self._update_title()
        self._update_action_states()
        self._restore_window_state()

        if startup is not None:
            self.statusBar().showMessage(
                self.tr("Starting the sandbox…") if workspace.is_sandbox else self.tr("Reading AWS profiles…"))
            self.groups_view.table.set_empty_text(self.tr("Getting ready…"))
        # A worker started now would take the interpreter from the first paint (its imports alone
        # take longer than painting), so the window paints first and the work starts right after.
        self._after_first_paint = _AfterFirstPaint(self, lambda: self._start(startup))

    def _start(self, startup: Callable[[], StartupResult] | None) -> None:
        if self._closing:
            return
        from app.ui.accounts.mfa_prompt import MfaPrompter

        # Before any work starts: a worker assuming a role may need a code.
        self.mfa_prompter = MfaPrompter(self)
        if startup is not None:
            self._runner.run(startup, on_return=self._startup_done, on_error=self._startup_failed)
        else:
            self.groups_view.reload(keep_selection=False)

    # -- construction ----------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main toolbar"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.connection_picker = QComboBox()
        self.connection_picker.setAccessibleName(self.tr("Profile"))
        self.connection_picker.setToolTip(self.tr("The AWS profile (account) whose registry is shown"))
        self.connection_picker.setMinimumContentsLength(40)  # "sandbox — registry account 123456789012"
        self.connection_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region_picker = QComboBox()
        self.region_picker.setAccessibleName(self.tr("Region"))
        self.region_picker.setToolTip(self.tr("The AWS Region whose registry is shown"))
        self.region_picker.setMinimumContentsLength(12)
        region = self.workspace.connection.region or ""
        self.region_picker.addItem(region or self.tr("(profile default)"), region)
        bar.addWidget(QLabel(self.tr(" Profile: ")))
        bar.addWidget(self.connection_picker)
        bar.addWidget(QLabel(self.tr("  Region: ")))
        bar.addWidget(self.region_picker)
        bar.addSeparator()
        a = self.actions_by_name
        for name in ("refresh", "new_group", "delete_group"):
            bar.addAction(a[name])
        bar.addSeparator()
        bar.addAction(a["register_version"])
        for name in ("approve", "reject", "pending", "copy_arn"):
            bar.addAction(a[name])
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_layout(self) -> None:
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("versions-details-splitter")
        self.right_splitter.addWidget(self.versions_view)
        self.right_splitter.addWidget(self.details_pane)
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("groups-versions-splitter")
        self.main_splitter.addWidget(self.groups_view)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 3)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.busy = QProgressBar()
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        self.connection_label = QLabel()
        self.connection_label.setAccessibleName(self.tr("Connection"))
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.connection_label)

    def _build_menus(self) -> None:
        a = self.actions_by_name
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(a["quit"])
        view_menu = menus.addMenu(self.tr("&View"))
        for name in ("refresh", "find", "focus_groups", "focus_versions"):
            view_menu.addAction(a[name])
        view_menu.addSeparator()
        view_menu.addAction(a["accounts"])
        group_menu = menus.addMenu(self.tr("&Group"))
        for name in ("new_group", "delete_group"):
            group_menu.addAction(a[name])
        version_menu = menus.addMenu(self.tr("V&ersion"))
        for name in ("register_version", "new_version_from"):
            version_menu.addAction(a[name])
        version_menu.addSeparator()
        for name in ("approve", "reject", "pending", "copy_arn"):
            version_menu.addAction(a[name])
        tools_menu = menus.addMenu(self.tr("&Tools"))
        tools_menu.addAction(a["cross_account"])

    def _build_accounts_dock(self) -> None:
        self.mfa_prompter: MfaPrompter | None = None  # installed when work starts, after the first paint
        self._accounts_view: AccountsView | None = None
        self.accounts_dock = QDockWidget(self.tr("Accounts"), self)
        self.accounts_dock.setObjectName("accounts-dock")
        self.accounts_dock.setAccessibleName(self.tr("Accounts"))
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.accounts_dock)
        self.accounts_dock.hide()
        action = self.actions_by_name["accounts"]
        action.setCheckable(True)
        action.toggled.connect(self.show_accounts)
        self.accounts_dock.visibilityChanged.connect(action.setChecked)

    @property
    def accounts_view(self) -> AccountsView:
        """The Accounts view, built when first needed: the window paints without its modules."""
        if self._accounts_view is None:
            from app.ui.accounts.view import AccountsView

            view = self._accounts_view = AccountsView(self.workspace)
            self.accounts_dock.setWidget(view)
            view.useConnection.connect(self.use_connection)
            view.profilesChanged.connect(self._reload_application_profiles)
            view.keyringProblem.connect(lambda text: self.banner.show_message(text, "warning") if text else None)
            view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, STATUS_MESSAGE_MS))
            view.runner.busyChanged.connect(self._busy_changed)
        return self._accounts_view

    def show_accounts(self, visible: bool = True) -> None:
        self.accounts_dock.setVisible(visible)
        if visible and self.accounts_view.snapshot is None:
            self.accounts_view.reload()

    def use_connection(self, connection) -> None:
        """Show `connection` in the main views, adding it to the picker when it is new there."""
        with _blocked(self.connection_picker):
            if all(self.connection_picker.itemData(i) != connection for i in range(self.connection_picker.count())):
                self.connection_picker.addItem(connection.display_name, connection)
            self._select_in_pickers(connection)
        self.settings.set_last_profile(connection.display_name)
        self.workspace.set_connection(connection)

    def _reload_application_profiles(self) -> None:
        region = self.workspace.connection.region
        self._runner.run(application_profile_choices, region, self.workspace.sandbox_endpoint,
                         on_return=self._application_profiles_loaded)

    def _application_profiles_loaded(self, managed) -> None:
        choices = [c for c in self.workspace.choices() if not c.connection.managed] + list(managed)
        self.workspace.set_choices(choices)
        with _blocked(self.connection_picker):
            self.connection_picker.clear()
            for choice in choices:
                self.connection_picker.addItem(choice.title, choice.connection)
            self._select_in_pickers(self.workspace.connection)

    def _wire(self) -> None:
        a = self.actions_by_name
        a["refresh"].triggered.connect(self.refresh)
        a["find"].triggered.connect(self.groups_view.focus_search)
        a["approve"].triggered.connect(lambda: self.change_approval(APPROVED))
        a["reject"].triggered.connect(lambda: self.change_approval(REJECTED))
        a["pending"].triggered.connect(lambda: self.change_approval(PENDING))
        a["copy_arn"].triggered.connect(self.copy_arn)
        a["new_group"].triggered.connect(self.groups_view.create_group_interactively)
        a["delete_group"].triggered.connect(self.groups_view.delete_group_interactively)
        a["focus_groups"].triggered.connect(lambda: self.groups_view.table.setFocus())
        a["focus_versions"].triggered.connect(lambda: self.versions_view.table.setFocus())
        a["cross_account"].triggered.connect(self.open_cross_account_setup)
        a["register_version"].triggered.connect(lambda: self.register_version())
        a["new_version_from"].triggered.connect(self.new_version_from_selected)
        self.versions_view.table.addActions([a["register_version"], a["new_version_from"]])
        a["quit"].triggered.connect(self.close)

        self.groups_view.groupSelected.connect(self.versions_view.set_group)
        self.groups_view.groupSelected.connect(lambda _g: self._update_action_states())
        self.versions_view.selectionChanged.connect(self.details_pane.show_versions)
        # Actions follow the selection at once; only the describe waits for the debounce.
        self.versions_view.table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_action_states())
        self.details_pane.detailsLoaded.connect(self.versions_view.apply_details)
        for view in (self.groups_view, self.versions_view, self.details_pane):
            view.errorOccurred.connect(self.show_error)
        for view in (self.groups_view, self.versions_view):
            view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, STATUS_MESSAGE_MS))
        for runner in self._runners():
            runner.busyChanged.connect(self._busy_changed)

        self.connection_picker.currentIndexChanged.connect(self._connection_picked)
        self.region_picker.currentIndexChanged.connect(self._region_picked)
        self.workspace.connectionChanged.connect(self._connection_changed)

    def _restore_window_state(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 820)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        for splitter, name in ((self.main_splitter, "main"), (self.right_splitter, "right")):
            saved = self.settings.splitter_state(name)
            if saved is None or not splitter.restoreState(saved):
                splitter.setSizes([470, 890] if name == "main" else [460, 340])

    # -- startup ---------------------------------------------------------------------------

    def _startup_done(self, result: StartupResult) -> None:
        self.workspace.set_choices(result.choices)
        collector = getattr(QApplication.instance(), "collector", None)
        if collector is not None:
            collector.settle()
        with _blocked(self.connection_picker), _blocked(self.region_picker):
            self.connection_picker.clear()
            for choice in result.choices:
                self.connection_picker.addItem(choice.title, choice.connection)
            current = result.current or self.workspace.connection
            self.region_picker.clear()
            for region in result.regions:
                self.region_picker.addItem(region, region)
            self._select_in_pickers(current)
        if result.current is not None and result.current != self.workspace.connection:
            self.workspace.set_connection(result.current)  # reloads through connectionChanged
        else:
            self.groups_view.reload(keep_selection=False)
        self._update_title()
        if result.note:
            self.statusBar().showMessage(result.note, STATUS_MESSAGE_MS)
        else:
            self.statusBar().clearMessage()

    def _startup_failed(self, error: BaseException) -> None:
        self.show_error(str(error))
        self.groups_view.reload(keep_selection=False)

    def _select_in_pickers(self, connection) -> None:
        for position in range(self.connection_picker.count()):
            candidate = self.connection_picker.itemData(position)
            if candidate is not None and candidate.display_name == connection.display_name:
                self.connection_picker.setCurrentIndex(position)
                break
        position = self.region_picker.findData(connection.region or "")
        if position < 0 and connection.region:
            self.region_picker.addItem(connection.region, connection.region)
            position = self.region_picker.count() - 1
        if position >= 0:
            self.region_picker.setCurrentIndex(position)

    # -- slots -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.banner.hide()
        self.details_pane.clear_cache()
        self.groups_view.reload(keep_selection=True)
        self.versions_view.reload()

    def change_approval(self, status: str) -> None:
        versions = self.versions_view.selected_versions()
        if not versions:
            self.statusBar().showMessage(self.tr("Select one or more versions first."), STATUS_MESSAGE_MS)
            return
        from app.ui.versions.approval import ApprovalDialog  # only when asked: not needed to paint

        dialog = ApprovalDialog(self.workspace.connection, versions, status, self)
        dialog.versionUpdated.connect(self._version_updated)
        dialog.exec()
        for version in versions:
            self.details_pane.invalidate(version.arn)
        self.details_pane.show_versions(self.versions_view.selected_versions())

    def _version_updated(self, result: ApprovalResult) -> None:
        if result.ok and result.new_status:
            self.versions_view.apply_status(result.arn, result.new_status, result.comment)
            # The summary of a multiple selection shows behind the dialog: keep its counts true.
            selected = self.versions_view.selected_versions()
            if len(selected) > 1 and any(v.arn == result.arn for v in selected):
                self.details_pane.show_versions(selected)

    def copy_arn(self) -> None:
        versions = self.versions_view.selected_versions()
        if versions:
            text = "\n".join(v.arn for v in versions)
        else:
            group = self.groups_view.current_group()
            if group is None:
                self.statusBar().showMessage(self.tr("Select a group or a version first."), STATUS_MESSAGE_MS)
                return
            text = group.arn
        QGuiApplication.clipboard().setText(text)
        count = text.count("\n") + 1
        self.statusBar().showMessage(
            self.tr("Copied %1 ARN(s) to the clipboard.").replace("%1", str(count)), STATUS_MESSAGE_MS)

    def open_cross_account_setup(self) -> None:
        from app.ui.wizards.crossaccount.wizard import CrossAccountWizard

        wizard = CrossAccountWizard(self.workspace.choices(), registry=self.workspace.connection,
                                    hand_off=self._register_as, settings=self.settings, parent=self)
        wizard.exec()

    def _register_as(self, connection, group_arn: str) -> None:
        """Hand-off from the cross-account setup: register as the training profile."""
        from app.ui.wizards.register.wizard import RegisterWizard

        RegisterWizard(connection, self.settings, target_group=group_arn, parent=self).exec()

    def register_version(self, source=None) -> None:
        """The register wizard on the current connection, for the selected group."""
        from app.ui.wizards.register.wizard import RegisterWizard

        group = self.groups_view.current_group()
        target = (group.arn if group.shared else group.name) if group is not None else None
        wizard = RegisterWizard(self.workspace.connection, self.settings, target_group=target,
                                source=source, parent=self)
        wizard.registered.connect(self._version_registered)
        wizard.openRequested.connect(lambda arn: (wizard.accept(), self.open_version(arn)))
        wizard.exec()

    def new_version_from_selected(self) -> None:
        versions = self.versions_view.selected_versions()
        if not versions:
            self.statusBar().showMessage(self.tr("Select a version first."), STATUS_MESSAGE_MS)
            return
        self._runner.run(describe, self.workspace.connection, versions[0].arn,
                         on_return=self.register_version, on_error=lambda e: self.show_error(str(e)))

    def _version_registered(self, arn: str) -> None:
        self.statusBar().showMessage(self.tr("Registered %1").replace("%1", arn), STATUS_MESSAGE_MS)
        group = self.groups_view.current_group()
        if group is not None and arn.startswith(group.arn.replace(":model-package-group/", ":model-package/") + "/"):
            self.versions_view.reload()

    def open_version(self, arn: str) -> None:
        """Select the version `arn` in the versions view, once its group's list has loaded."""
        group_arn = arn.replace(":model-package/", ":model-package-group/").rsplit("/", 1)[0]

        def select_when_loaded() -> None:
            self.versions_view.loadFinished.disconnect(select_when_loaded)
            self.versions_view.select_arn(arn)

        self.versions_view.loadFinished.connect(select_when_loaded)
        current = self.groups_view.current_group()
        if current is not None and current.arn == group_arn:
            self.versions_view.reload()
        elif not self.groups_view.select_arn(group_arn):
            self.settings.set_last_group(self.workspace.connection_key, group_arn)
            self.groups_view.reload(keep_selection=False)

    def show_error(self, message: str) -> None:
        self.banner.show_message(message, "error")
        self.statusBar().showMessage(message.split("\n", 1)[0], STATUS_MESSAGE_MS)

    def _connection_picked(self, position: int) -> None:
        connection = self.connection_picker.itemData(position)
        if connection is None:
            return
        region = self.region_picker.currentData()
        if region and not self.workspace.is_sandbox:
            connection = dataclasses.replace(connection, region=region)
        self.settings.set_last_profile(connection.display_name)
        self.workspace.set_connection(connection)

    def _region_picked(self, position: int) -> None:
        region = self.region_picker.itemData(position)
        if not region or region == self.workspace.connection.region:
            return
        self.settings.set_last_region(region)
        self.workspace.set_connection(dataclasses.replace(self.workspace.connection, region=region))

    def _connection_changed(self, _connection) -> None:
        self.banner.hide()
        self.details_pane.clear_cache()
        self._update_title()

    def _runners(self) -> tuple[TaskRunner, ...]:
        runners = (self._runner, self.groups_view.runner, self.versions_view.runner, self.details_pane.runner)
        return runners if self._accounts_view is None else (*runners, self._accounts_view.runner)

    def _busy_changed(self, _busy: bool) -> None:
        # Busy means slow work somewhere: fast work that never turned a runner busy is ignored.
        self.busy.setVisible(any(r.is_busy for r in self._runners()))

    def _update_title(self) -> None:
        c = self.workspace.connection
        where = f"{c.display_name} · {c.region or self.tr('default region')}"
        if self.workspace.is_sandbox:
            self.setWindowTitle(self.tr("Registry Desk — SANDBOX (local moto server, no AWS account)"))
            self.connection_label.setText(
                self.tr("Sandbox at %1 · %2").replace("%1", self.workspace.sandbox_endpoint or "").replace("%2", where))
        else:
            self.setWindowTitle(self.tr("Registry Desk — %1").replace("%1", where))
            self.connection_label.setText(where)

    def _update_action_states(self) -> None:
        a = self.actions_by_name
        versions = self.versions_view.selected_versions()
        group = self.groups_view.current_group()
        for name in ("approve", "reject", "pending"):
            a[name].setEnabled(bool(versions))
        a["copy_arn"].setEnabled(bool(versions) or group is not None)
        a["new_version_from"].setEnabled(bool(versions))
        a["delete_group"].setEnabled(group is not None and not group.shared)

    # -- closing ---------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.banner.isVisible():
            self.banner.hide()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            self._closing = True
            self.settings.set_window_geometry(self.saveGeometry())
            self.settings.set_window_state(self.saveState())
            self.settings.set_splitter_state("main", self.main_splitter.saveState())
            self.settings.set_splitter_state("right", self.right_splitter.saveState())
            self.groups_view.shutdown()
            self.versions_view.shutdown()
            self.details_pane.shutdown()
            if self.mfa_prompter is not None:
                self.mfa_prompter.close()  # a worker waiting for a code must not hold up the close
            if self._accounts_view is not None:
                self._accounts_view.shutdown()
            self._runner.shutdown()
            if self._on_close is not None:
                self._on_close()
        super().closeEvent(event)


class _AfterFirstPaint(QObject):
    """Calls `callback` once, just after `window` has painted for the first time."""

    def __init__(self, window: QWidget, callback: Callable[[], None]):
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


class _blocked:
    """`with _blocked(widget):` silences its signals while it is filled programmatically."""

    def __init__(self, widget: QWidget):
        self._widget = widget

    def __enter__(self):
        self._previous = self._widget.blockSignals(True)
        return self._widget

    def __exit__(self, *_exc):
        self._widget.blockSignals(self._previous)
