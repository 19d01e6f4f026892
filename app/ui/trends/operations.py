"""The trend dock's worker functions: the versions the index knows, the readings, the exports."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.trends.history import MetricReading, VersionRef, fetch_metric_history

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from app.registry.index.local import LocalIndex


PLOTTING_LOADED = threading.Event()  # set once the plot module (pyqtgraph, numpy) is imported


def load_plotting() -> None:
    """Import the plot module off the UI thread (pyqtgraph and numpy take ~0.3 s), while the first
    readings are on their way; nothing is created, so nothing belongs to this thread."""
    import app.ui.trends.plot  # noqa: F401

    PLOTTING_LOADED.set()


def indexed_versions(index: LocalIndex, group_arn: str) -> list[VersionRef]:
    """The group's versions as the index last saw them (before its listing is back)."""
    return [VersionRef(v.summary.arn, v.summary.version, v.summary.created, v.summary.status)
            for v in index.versions_of(group_arn)]


def read_history(connection: Connection, refs: Sequence[VersionRef], index: LocalIndex | None,
                 known: Mapping[str, str] | None = None, *, should_stop: Callable[[], bool],
                 report: Callable[[list[MetricReading]], None]) -> None:
    """Every version's metric values, in batches to `report` as they arrive (kept ones first);
    `known`: report URIs the window's own describes told (ARN -> URI)."""
    fetch_metric_history(session_for(connection), refs, index=index, should_stop=should_stop, report=report,
                         known=known)


def write_csv(path: str, rows: list[list[str]]) -> str:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_png(path: str, image: QImage) -> str:
    """QImage (not QPixmap) may be saved off the UI thread."""
    if not image.save(path, "PNG"):
        from PySide6.QtCore import QCoreApplication

        problem = QCoreApplication.translate("trends", "The picture could not be written to %1.")
        raise OSError(problem.replace("%1", path))
    return path
