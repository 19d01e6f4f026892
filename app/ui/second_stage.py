"""The window in two stages: the shell, the groups and the versions first (what a cold start
shows from the local index), then everything else, once the remembered rows are painted.

The second stage runs one part per turn of the event loop, so what arrives meanwhile (the
index's rows, the startup's result) is shown between parts. An action triggered before its
part exists builds the rest at once and then acts: every shortcut works from the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

AT_LATEST_MS = 500  # after the first paint, whatever the index is doing


class SecondStage(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._steps: list[Callable[[MainWindow], None]] = [
            build_details, build_flows, build_accounts_dock, build_features, finish]
        self._started = False
        for action in window.actions_by_name.values():
            action.triggered.connect(lambda _checked=False, a=action: self._early(a))

    @property
    def done(self) -> bool:
        return not self._steps

    def start(self) -> None:
        """Builds the rest, a part per turn of the event loop (once; later calls do nothing)."""
        if not self._started:
            self._started = True
            QTimer.singleShot(0, self._next)

    def finish_now(self) -> None:
        while self._steps:
            self._steps.pop(0)(self._window)

    def _next(self) -> None:
        if not self._steps or self._window.closing:
            return
        self._steps.pop(0)(self._window)
        if self._steps:
            QTimer.singleShot(0, self._next)

    def _early(self, action: QAction) -> None:
        """An action triggered before the part it drives exists: build it, then act."""
        if self.done:
            return
        was_checkable = action.isCheckable()
        self.finish_now()
        if was_checkable:
            action.toggled.emit(action.isChecked())
        else:
            action.trigger()  # what the user asked for, now that something listens (a dock's toggle too)


def build_details(window: MainWindow) -> None:
    """The details area under the versions, in the place kept for it, on what is selected."""
    from app.ui.groups.details_area import DetailsArea
    from app.ui.versions.details import DetailsPane

    window.details_pane = DetailsPane(window.workspace, window.settings, store=window.store)
    window.details_area = DetailsArea(window.workspace, window.groups_view, window.versions_view,
                                      window.details_pane)
    placeholder = window.right_splitter.replaceWidget(1, window.details_area)
    if placeholder is not None:
        placeholder.deleteLater()
    window.versions_view.selectionChanged.connect(window.details_pane.show_versions)
    for view in (window.details_pane, window.details_area.group_details):
        view.errorOccurred.connect(window.show_error)
        window.status.watch(view.runner)
    window.details_area.group_details.statusMessage.connect(window.tell)
    group = window.groups_view.current_group()
    if group is not None:  # selected before the area existed
        window.details_area.group_details.set_group(group)
        selected = window.versions_view.selected_versions()
        window.details_pane.show_versions(selected)
        window.details_area._follow(bool(selected))


def build_flows(window: MainWindow) -> None:
    """The dialogs and wizards behind the actions, and the actions' wiring."""
    from app.ui.action_slots import connect_actions
    from app.ui.help_menu import HelpMenu
    from app.ui.versions.audit_export import wire_audit
    from app.ui.versions.flows import VersionFlows

    window.flows = VersionFlows(window, window.workspace, window.settings, window.groups_view, window.versions_view,
                                window.details_pane, tell=window.tell, fail=window.show_error)
    window.status.watch(window.flows.runner)
    connect_actions(window, window.actions_by_name)
    window.help_menu = HelpMenu(window, window.actions_by_name, fail=window.show_error)
    window.audit_export = wire_audit(window)


def build_accounts_dock(window: MainWindow) -> None:
    from app.ui.accounts.dock import AccountsDock

    dock = AccountsDock(window.workspace, window, window.actions_by_name["accounts"])
    dock.useConnection.connect(window.use_connection)
    runner = TaskRunner(dock, max_threads=1)
    window.status.watch(runner)
    dock.profilesChanged.connect(lambda: reload_application_profiles(window, runner))
    dock.keyringProblem.connect(lambda text: text and window.banner.show_message(text, "warning"))
    dock.statusMessage.connect(window.tell)
    dock.viewBuilt.connect(lambda view: window.status.watch(view.runner))
    window.accounts_dock = dock


def reload_application_profiles(window: MainWindow, runner: TaskRunner) -> None:
    """The application profiles changed in the accounts: the connection picker follows."""
    from app.ui.accounts.operations import application_profile_choices
    from app.ui.texts import render

    def loaded(managed) -> None:
        choices = [c for c in window.workspace.choices() if not c.connection.managed] + list(managed)
        window.workspace.set_choices(choices)
        window.connection_bar.fill(choices, None, window.workspace.connection)

    runner.run(application_profile_choices, window.workspace.connection.region,
               window.workspace.sandbox_endpoint, on_return=loaded, on_error=lambda error: window.show_error(
                   QCoreApplication.translate("MainWindow", "Could not list the application profiles: %1").replace(
                       "%1", render(error))))


def build_features(window: MainWindow) -> None:
    from app.ui.features import install_features

    install_features(window)


def finish(window: MainWindow) -> None:
    """The docks where they were left, the actions as the selection allows, the index to all."""
    state = window.settings.window_state()
    if state is not None:
        window.restoreState(state)
    window.update_action_states()
    window.local_data.release_ready()
    window.completed.emit()


def place_for_details() -> QWidget:
    """What stands where the details area goes until it is built."""
    placeholder = QWidget()
    placeholder.setObjectName("details-placeholder")
    return placeholder
