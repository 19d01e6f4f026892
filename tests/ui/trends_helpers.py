"""A group whose versions carry model-quality reports in S3 (and some that do not), for the trend tests."""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.registry.accounts.sessions import session_for
from app.registry.versions.records import APPROVED, PENDING, REJECTED
from tests.ui.helpers import image_of, version_spec
from tests.ui.test_main_window import TIMEOUT, open_group

GROUP = "trend-watch"
BUCKET = "trend-reports"
AUC = "binary_classification_metrics / auc"
RECALL = "binary_classification_metrics / recall"


@dataclass(frozen=True)
class Written:
    """One version as the test registered it: its status and what its report says (None: no value)."""

    version: int
    arn: str
    status: str
    auc: float | None
    recall: float | None
    why: str = ""  # a word the reason for a missing value contains


# (status, report): a dict is written as JSON; a str is written as it is; None: no ModelMetrics at all.
HISTORY = [
    (APPROVED, {"auc": 0.81, "recall": 0.70}),
    (REJECTED, {"auc": 0.78, "recall": 0.66}),
    (PENDING, None),
    (APPROVED, "{not json"),
    (APPROVED, {"auc": 0.86, "recall": 0.52}),  # recall dropped
    (PENDING, {"auc": 0.87}),  # the report has no recall
    (APPROVED, {"auc": 0.88, "recall": 0.74}),
    (REJECTED, {"auc": 0.84, "recall": 0.71}),
]


def _report(values: dict[str, float]) -> str:
    metrics = {name: {"value": value, "standard_deviation": 0.01} for name, value in values.items()}
    return json.dumps({"version": 0.0, "binary_classification_metrics": metrics})


def write_history(connection, group: str = GROUP, history=HISTORY) -> list[Written]:
    session = session_for(connection)
    sagemaker, s3 = session.client("sagemaker"), session.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    sagemaker.create_model_package_group(ModelPackageGroupName=group)
    written = []
    for number, (status, report) in enumerate(history, start=1):
        extra = {}
        if report is not None:
            key = f"{group}/{number}/evaluation.json"
            s3.put_object(Bucket=BUCKET, Key=key, Body=report if isinstance(report, str) else _report(report))
            extra["ModelMetrics"] = {"ModelQuality": {"Statistics": {
                "ContentType": "application/json", "S3Uri": f"s3://{BUCKET}/{key}"}}}
        arn = sagemaker.create_model_package(ModelPackageGroupName=group, ModelApprovalStatus=status,
                                             InferenceSpecification=version_spec(image_of(group)),
                                             **extra)["ModelPackageArn"]
        values = report if isinstance(report, dict) else {}
        why = "no model-quality" if report is None else "JSON" if isinstance(report, str) else ""
        written.append(Written(number, arn, status, values.get("auc"), values.get("recall"), why))
    return written


def open_trends(qtbot, window, group: str = GROUP):
    open_group(qtbot, window, group)
    window.actions_by_name["trends"].trigger()
    dock = window.trends
    qtbot.waitUntil(lambda: dock.isVisible() and dock.loader.group is not None
                    and dock.loader.group.name == group and not dock.loader.loading
                    and dock.loader.data.total > 0 and dock.loader.data.complete
                    and (dock.plot is not None or not dock.loader.data.metrics())
                    and (dock.plot is None or dock.plot.drawn()), timeout=TIMEOUT)
    return dock


def same(plotted: list[float], expected: list[float | None]) -> bool:
    """Equal, NaN where nothing was written (never a zero)."""
    return len(plotted) == len(expected) and all(
        math.isnan(p) if e is None else p == e for p, e in zip(plotted, expected, strict=True))


def _on_screen(dock, metric: str, position: int) -> QPoint:
    """Where the version at `position` is drawn, in the canvas's viewport, scrolled into sight: the view
    box's mapping to the scene, then the canvas's to its viewport."""
    QTest.qWait(50)  # laid out after the last change; and the plot takes a mouse event every 17 ms at most
    plot = _drawn_plot(dock, metric)
    canvas = dock.plot.canvas
    where = canvas.mapFromScene(plot.scene_position(position))
    dock.plot.scroller.ensureVisible(where.x(), where.y(), 20, 20)
    QTest.qWait(20)
    return canvas.mapFromScene(plot.scene_position(position))


def click_version(dock, metric: str, position: int) -> None:
    """Click where the plot draws the version at `position`, as a mouse would."""
    where = _on_screen(dock, metric, position)
    canvas = dock.plot.canvas
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(where.x(), where.y()))


def hover_version(dock, metric: str, position: int) -> str:
    """Move the mouse over the version at `position`; the tooltip the plot then carries."""
    where = _on_screen(dock, metric, position)
    QTest.mouseMove(dock.plot.canvas.viewport(), QPoint(where.x(), where.y()))
    return _drawn_plot(dock, metric).item.getViewBox().toolTip()


def _drawn_plot(dock, metric: str):
    """The plot of `metric` once every plot is drawn: the index's own change notice can redraw the
    dock meanwhile, and a redraw lists the plots again one per turn."""
    deadline = time.monotonic() + 10
    while not (dock.plot.drawn() and metric in dock.plot.plots):
        assert time.monotonic() < deadline, f"the plot of {metric} was not drawn again"
        QTest.qWait(5)
    return dock.plot.plots[metric]
