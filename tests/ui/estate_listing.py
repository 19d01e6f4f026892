"""A plain estate refresh for the inbox's tests: lists every group and version that the given
connections see, into the window's local index, with the interface the window's estate has
(`refresh()`, `is_refreshing()`, `refreshed(outcome)`). Real listings against the sandbox."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.registry.accounts.sessions import session_for
from app.registry.index.local import LocalIndex
from app.registry.versions.groups import iter_group_pages
from app.registry.versions.listing import iter_version_ranges
from app.tasks import TaskRunner
from app.ui.workspace import connection_key


def list_into(index: LocalIndex, connections) -> int:
    """Worker thread: every connection's groups and their versions, into `index`; returns how
    many versions were listed."""
    listed = 0
    for connection in connections:
        session = session_for(connection)
        groups = [g for page in iter_group_pages(session) for g in page]
        index.record_groups(connection_key(connection), session.account_id(), connection.region, groups,
                            complete=True)
        for group in groups:
            seen = []
            for page in iter_version_ranges(session, group.arn):
                index.record_versions(page)
                seen.extend(v.arn for v in page)
            index.finish_version_listing(group.arn, seen)
            listed += len(seen)
    return listed


class ListingEstate(QObject):
    refreshed = Signal(object)  # how many versions were listed

    def __init__(self, window, connections):
        super().__init__(window)
        self._window = window
        self._connections = list(connections)
        self.runner = TaskRunner(self, max_threads=1)
        self.started = 0
        self._refreshing = False

    def is_refreshing(self) -> bool:
        return self._refreshing

    def refresh(self) -> None:
        self.started += 1
        self._refreshing = True
        local = self._window.local_data
        self.runner.run(list_into, local.index, self._connections, on_return=self._done)

    def _done(self, listed: int) -> None:
        self._refreshing = False
        self._window.local_data.changed()
        self.refreshed.emit(listed)
