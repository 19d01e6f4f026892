"""Reading one group's metric history for the trend dock, off the UI thread.

The versions come from the versions view once it has listed the group; before that (at start,
or right after picking the group) from the local index, so the plot can start filling in before
the listing is back. Readings arrive in batches (`arrived`) as `fetch_metric_history` reports
them. Starting another group, or `stop()` (the dock closed), cancels the run: the task runner
drops whatever a superseded or cancelled run still delivers, so no reading of the last group
ever lands in this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.registry.index.readings import statistics_uri
from app.registry.trends.history import MetricReading, VersionRef
from app.tasks import TaskRunner
from app.ui.texts import render
from app.ui.trends.operations import indexed_versions, read_history
from app.ui.trends.series import TrendData

if TYPE_CHECKING:
    from app.registry.versions.groups import GroupSummary
    from app.ui.main_window import MainWindow


class TrendLoader(QObject):
    reset = Signal()  # another group (or none): what was read goes
    arrived = Signal(bool)  # readings arrived (or the versions to read are known); True: new metric names came
    finished = Signal()  # every version of the group was read, or the reading failed (`error` says why)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._runner = TaskRunner(self, max_threads=2, name="trends")
        self.data = TrendData()
        self.group: GroupSummary | None = None
        self.loading = False
        self.error = ""
        self._listed = False  # the versions being read come from the versions view's listing
        self._following = False  # between start() and stop(): a new listing of the group is read too
        window.versions_view.loadFinished.connect(self._listing_finished)

    # -- public ----------------------------------------------------------------------------

    def start(self, group: GroupSummary | None) -> None:
        """Read `group`'s metric history (again: what was read of it stays until replaced)."""
        self.stop()
        if group is None or self.group is None or group.arn != self.group.arn:
            self.group = group
            self.data.clear()
            self.reset.emit()
        self.error = ""
        if group is None:
            return
        self._following = True
        refs = self._listed_versions()
        if refs is not None:
            self._fetch(refs, listed=True)
            return
        self.loading = True  # waiting for the versions: from the index, else from the listing
        index = self._window.local_data.index
        if index is not None:
            self._runner.run(indexed_versions, index, group.arn, key="versions", on_return=self._indexed,
                             on_error=lambda _error: None)  # the listing follows anyway

    def stop(self) -> None:
        """Stop reading (the dock closed); nothing more arrives."""
        self._runner.cancel("versions")
        self._runner.cancel("fetch")
        self.loading = False
        self._following = False

    def shutdown(self) -> None:
        self._runner.shutdown()

    # -- the versions to read --------------------------------------------------------------

    def _listed_versions(self) -> list[VersionRef] | None:
        """The group's versions as the versions view listed them; None until it has."""
        view = self._window.versions_view
        shown = view.group()
        if shown is None or self.group is None or shown.arn != self.group.arn or view.model.loading:
            return None
        return [VersionRef(v.arn, v.version, v.created, v.status) for v in view.model.rows()]

    def _indexed(self, refs: list[VersionRef]) -> None:
        if refs and not self._listed:
            self._fetch(refs, listed=False)

    def _listing_finished(self) -> None:
        if self.group is None or not self._following:
            return  # the dock is closed: the next start() reads the listing
        refs = self._listed_versions()
        if refs is None:
            return
        if self._listed and {r.arn for r in refs} == set(self.data.refs) and not self.error:
            return  # the same versions (a refresh that found nothing new)
        self._fetch(refs, listed=True)

    # -- reading -----------------------------------------------------------------------------

    def _fetch(self, refs: list[VersionRef], *, listed: bool) -> None:
        self._runner.cancel("versions")
        self._listed = listed
        self.data.expect(refs)
        self.loading = True
        self.error = ""
        self.arrived.emit(False)
        self._runner.run(read_history, self._window.workspace.connection, refs, self._window.local_data.index,
                         self._known_uris(refs), key="fetch", pass_should_stop=True, pass_report=True,
                         on_yield=self._batch, on_error=self._failed, on_finish=self._finished)

    def _known_uris(self, refs: list[VersionRef]) -> dict[str, str]:
        """The report URIs of the versions the window has described (the rows on screen, the
        details pane): those need no describe or Search page, so their points come after one
        round trip even when the index has nothing (a new cache, or a group never plotted)."""
        store = self._window.store
        known = {}
        for ref in refs:
            details = store.details(ref.arn)
            if details is not None and details.created == ref.created:  # not an older version of that ARN
                known[ref.arn] = statistics_uri(details.raw)
        return known

    def _batch(self, readings: list[MetricReading]) -> None:
        self.arrived.emit(self.data.add(readings))

    def _failed(self, error: BaseException) -> None:
        self.error = render(error)

    def _finished(self) -> None:
        self.loading = False
        self.finished.emit()
