"""The window opens on what was seen last time: as soon as the local index is open (right after
the first paint, before the sandbox or the AWS profiles are ready), the groups of the current
connection and the last group's versions show from the index, marked "as of <time>", until
the live listing lands and refreshes them in place. The index is read on a worker.

Also shows the index's problems (a file moved aside, a file that failed while open) in the
window's banner, as a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, QTimer, Signal

from app.registry.versions.groups import GroupSummary
from app.registry.versions.records import BriefSpec, VersionSummary
from app.tasks import TaskRunner
from app.ui.first_paint import AfterFirstPaint

if TYPE_CHECKING:
    from app.registry.index.local import LocalIndex
    from app.ui.main_window import MainWindow

FIRST_ROWS = 200  # the newest rows come first, so the table fills at once; the rest follow


@dataclass(frozen=True)
class Remembered:
    """What the index says the window showed last time (one batch of it)."""

    key: str
    groups: list[GroupSummary]
    groups_listed_at: float | None
    group: GroupSummary | None  # the last group, when the index knows it
    versions: list[VersionSummary]  # newest first; a later batch carries every row so far
    briefs: dict[str, BriefSpec]
    versions_listed_at: float | None


def read_remembered(index: LocalIndex, key: str, last_group: str) -> Iterator[Remembered]:
    """Worker thread: the groups seen through `key`, then `last_group`'s newest versions, then all."""
    groups, listed_at = index.groups_seen_by(key)
    if not groups:
        return
    group = next((g for g in groups if g.arn == last_group), None)
    if group is None:
        yield Remembered(key, groups, listed_at, None, [], {}, None)
        return
    versions_at = index.versions_listed_at(group.arn)
    rows = index.versions_of(group.arn, limit=FIRST_ROWS)
    versions = [r.summary for r in rows]
    briefs = {r.summary.arn: BriefSpec(r.images, r.model_data or ()) for r in rows if r.images is not None}
    yield Remembered(key, groups, listed_at, group, versions, briefs, versions_at)
    if len(rows) < FIRST_ROWS:
        return
    rest = index.versions_of(group.arn, offset=FIRST_ROWS)
    versions = versions + [r.summary for r in rest]
    briefs = dict(briefs, **{r.summary.arn: BriefSpec(r.images, r.model_data or ())
                             for r in rest if r.images is not None})
    yield Remembered(key, groups, listed_at, group, versions, briefs, versions_at)


class ColdStart(QObject):
    # Once: the remembered rows are painted, or there are none to show (the window builds the rest).
    settled = Signal()

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._runner = TaskRunner(self, max_threads=1)
        self._live = False  # the live listing has started over the remembered rows
        self._shown = False
        self._settled = False
        self._waiting_paint: AfterFirstPaint | None = None  # the rows shown, until they are painted
        window.local_data.problem.connect(lambda text: window.banner.show_message(text, "warning"))
        window.local_data.opened.connect(self._ready)
        window.local_data.unusable.connect(self._settle)
        window.groups_view.rememberedReplaced.connect(self._replaced)

    def _ready(self, index: LocalIndex) -> None:
        key = self._window.workspace.connection_key
        self._runner.run(read_remembered, index, key, self._window.settings.last_group(key),
                         on_yield=self._arrived, on_finish=self._read)

    def _read(self) -> None:
        if self._waiting_paint is None:
            self._settle()  # nothing of the last group to show

    def _settle(self) -> None:
        if not self._settled:
            self._settled = True
            self.settled.emit()

    def _replaced(self) -> None:
        self._live = True
        self._settle()
        self._window.versions_view.refresh_remembered()
        # The group's details were not read before the connection was ready, and a connection
        # change clears them: once every view has followed it, read them for the group kept.
        QTimer.singleShot(0, self._show_group_details)

    def _show_group_details(self) -> None:
        area = getattr(self._window, "details_area", None)
        if area is None:
            return  # built later, on the group shown then
        details = area.group_details
        current, shown = self._window.groups_view.current_group(), details.group()
        if current is None or shown is None or shown.arn != current.arn:
            details.set_group(current)
        elif details.details() is None:
            details.reload()

    def _arrived(self, remembered: Remembered) -> None:
        window = self._window
        if self._live:
            return
        if not self._shown:
            self._shown = window.groups_view.show_remembered(remembered.key, remembered.groups, "",
                                                             as_of(self, remembered.groups_listed_at))
            if not self._shown:
                return
        group = remembered.group
        current = window.versions_view.group()
        if group is None or (current is not None and current.arn != group.arn):
            return
        when = remembered.versions_listed_at or remembered.groups_listed_at
        window.versions_view.show_remembered(group, remembered.versions, remembered.briefs, as_of(self, when))
        window.groups_view.select_arn(group.arn)
        if self._waiting_paint is None and remembered.versions:
            self._waiting_paint = AfterFirstPaint(window.versions_view.table.viewport(), self._settle)

    def shutdown(self) -> None:
        self._runner.shutdown()


def as_of(context: QObject, moment: float | None) -> str:
    """"as of 20:41, before the refresh" (today), with the date on another day."""
    if moment is None:
        return QCoreApplication.translate("ColdStart", "as last seen, before the refresh")
    when = QDateTime.fromSecsSinceEpoch(int(moment))
    locale = QLocale()
    if when.date() == QDateTime.currentDateTime().date():
        shown = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
    else:
        shown = locale.toString(when, QLocale.FormatType.ShortFormat)
    return QCoreApplication.translate("ColdStart", "as of %1, before the refresh").replace("%1", shown)


def install_cold_start(window: MainWindow) -> ColdStart:
    return ColdStart(window)
