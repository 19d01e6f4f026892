"""`window.estate`: which account-regions the estate covers, and refreshing them all at once.

The fan-out (app.registry.estate) runs in a TaskRunner; each target's progress comes back as it
happens (`progressed`), the index's readers are told as groups finish, and `refreshed` carries
the outcome at the end. The inbox's background timer calls `refresh()` too.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from app.registry.aws import Connection
from app.registry.estate.fanout import EstateOutcome, Target, TargetProgress
from app.tasks import TaskRunner
from app.ui.estate.operations import refresh_estate, stop_listing_processes
from app.ui.texts import render
from app.ui.workspace import connection_key

if TYPE_CHECKING:
    from app.registry.index.local import LocalIndex
    from app.ui.estate.dock import EstateDock
    from app.ui.main_window import MainWindow


READERS_EVERY_MS = 1000


class Estate(QObject):
    refreshed = Signal(object)  # EstateOutcome, when a refresh completes (also when targets failed); not after stop()
    progressed = Signal(object)  # TargetProgress, as each target's listing moves on
    targetsChanged = Signal()
    started = Signal()

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._runner = TaskRunner(self, max_threads=1, name="estate")
        self._progress: dict[str, TargetProgress] = {}
        self._group_errors: dict[tuple[str, str], str] = {}
        self._refreshing = False
        self._waiting_for_index = False
        self._closed = False
        self.last_outcome: EstateOutcome | None = None
        self.dock: EstateDock | None = None  # the tree, installed with it
        # While pages land, the index's readers re-read at most once a second (a restarting
        # debounce would wait for the whole estate).
        self._tell_readers = QTimer(self)
        self._tell_readers.setSingleShot(True)
        self._tell_readers.setInterval(READERS_EVERY_MS)
        self._tell_readers.timeout.connect(self._index_written)
        window.local_data.ready.connect(self._index_ready)
        window.workspace.choicesChanged.connect(self.targetsChanged)
        window.workspace.connectionChanged.connect(self._connection_changed)
        window.installEventFilter(self)  # the window closing stops the listing (the shell knows nothing of it)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    # -- what is covered -----------------------------------------------------------------------

    def chosen(self) -> list[tuple[str, str]]:
        """The remembered (profile, region) pairs; empty means "the current connection only"."""
        return self._window.settings.estate_targets()

    def set_chosen(self, pairs: list[tuple[str, str]]) -> None:
        self._window.settings.set_estate_targets(pairs)
        self._progress = {k: p for k, p in self._progress.items() if k in {t.key for t in self.targets()}}
        self.targetsChanged.emit()

    def target_keys(self) -> list[str]:
        """The chosen pairs' names in the index: known before the profiles are (at start)."""
        pairs = self.chosen()
        if not pairs:
            return [connection_key(self._window.workspace.connection)]
        return [connection_key(Connection(profile=profile, region=region)) for profile, region in pairs]

    def targets(self) -> list[Target]:
        """The chosen pairs as connections (profiles the picker no longer offers are left out)."""
        workspace = self._window.workspace
        pairs = self.chosen()
        if not pairs:
            return [Target(connection_key(workspace.connection), workspace.connection)]
        by_name = {c.connection.display_name: c.connection for c in workspace.choices()}
        by_name.setdefault(workspace.connection.display_name, workspace.connection)
        targets = []
        for profile, region in pairs:
            connection = by_name.get(profile)
            if connection is not None:
                connection = dataclasses.replace(connection, region=region)
                targets.append(Target(connection_key(connection), connection))
        return targets

    def shown_targets(self) -> list[Target]:
        """What the tree shows: the targets, and the chosen pairs whose profile the picker does not
        offer yet (at start, before the profiles are read) named but never listed or opened."""
        targets = self.targets()
        known = {t.key for t in targets}
        for profile, region in self.chosen():
            placeholder = Connection(profile=None, region=region, label=profile)
            if connection_key(placeholder) not in known:
                targets.append(Target(connection_key(placeholder), placeholder))
        return targets

    def names(self) -> dict[str, str]:
        """Target key -> the profile's name, as the tree shows it."""
        return {t.key: t.connection.display_name for t in self.shown_targets()}

    def progress(self) -> dict[str, TargetProgress]:
        return dict(self._progress)

    def group_errors(self) -> dict[tuple[str, str], str]:
        """(target key, group ARN) -> why the last refresh could not list that group's versions."""
        return dict(self._group_errors)

    # -- refreshing ----------------------------------------------------------------------------

    def is_refreshing(self) -> bool:
        return self._refreshing or self._waiting_for_index

    def refresh(self) -> bool:
        """List every target again, in the background; False when a refresh is already under way
        (or waits for the index to open, and starts then)."""
        if self.is_refreshing() or self._closed:
            return False
        index = self._window.local_data.index
        if index is None:
            self._waiting_for_index = True
            return True
        self._start(index)
        return True

    def _index_ready(self, index: LocalIndex) -> None:
        if self._waiting_for_index:
            self._waiting_for_index = False
            self._start(index)

    def _start(self, index: LocalIndex) -> None:
        targets = self.targets()
        self._refreshing = True
        self._progress = {}
        self._group_errors = {}
        self.started.emit()
        self._runner.run(refresh_estate, targets, index, key="refresh", pass_should_stop=True, pass_report=True,
                         on_yield=self._progressed, on_return=self._returned, on_error=self._failed,
                         on_finish=self._finished)

    def stop(self) -> None:
        """Stop listing (between pages); nothing more is delivered, `refreshed` included."""
        self._runner.cancel("refresh")
        self._refreshing = False

    def _progressed(self, progress: TargetProgress) -> None:
        self._progress[progress.key] = progress
        if progress.group and progress.group_error:
            self._group_errors[(progress.key, progress.group)] = progress.group_error
        self.progressed.emit(progress)
        if progress.versions and not self._tell_readers.isActive():
            self._tell_readers.start()  # the tree, the search and the inbox re-read shortly

    def _index_written(self) -> None:
        if self._window.local_data.index is not None:  # None once the window closed
            self._window.local_data.changed()

    def _returned(self, outcome: EstateOutcome) -> None:
        for result in outcome.results:
            self._progress[result.key] = result
        self.last_outcome = outcome
        self._refreshing = False
        self._window.local_data.changed()
        self.refreshed.emit(outcome)

    def _failed(self, error: BaseException) -> None:  # the fan-out itself broke (not one target)
        self._refreshing = False
        self._window.show_error(self.tr("The estate could not be listed: %1").replace("%1", render(error)))
        self.refreshed.emit(EstateOutcome())

    def _finished(self) -> None:
        self._refreshing = False

    def _connection_changed(self, _connection) -> None:
        if not self.chosen():
            self.targetsChanged.emit()  # the default target follows the current connection

    def shutdown(self) -> None:
        self._closed = True
        self._waiting_for_index = False
        self._refreshing = False
        self._tell_readers.stop()
        self._runner.shutdown()
        if self.dock is not None:
            self.dock.shutdown()


def install_estate(window: MainWindow) -> None:
    """`window.estate` and its dock (View › Estate)."""
    from app.ui.estate.dock import EstateDock

    estate = window.estate = Estate(window)
    estate.dock = EstateDock(window, estate, window.actions_by_name["estate"])
    application = QCoreApplication.instance()
    if application is not None and id(application) not in _ends_listing_processes:
        _ends_listing_processes.add(id(application))  # the listing's worker processes end with it
        application.aboutToQuit.connect(stop_listing_processes)


_ends_listing_processes: set[int] = set()
