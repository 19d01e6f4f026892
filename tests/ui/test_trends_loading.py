"""The trend while readings arrive: progress, another group or a closed dock stopping the reading,
the exports, and the palette followed at run time."""

from __future__ import annotations

import csv
import math

from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from app import tasks
from app.registry.accounts.sessions import session_for
from app.ui import palette
from tests.ui.helpers import HeldCalls, find_by_name, when_modal
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group
from tests.ui.trends_helpers import AUC, GROUP, RECALL, open_trends, same, write_history


def progress_of(dock) -> str:
    return find_by_name(dock, QLabel, "Metric reading progress").text()


def test_progress_shows_while_readings_arrive_and_another_group_stops_the_reading(
        qtbot, connection, qsettings, sandbox):
    write_history(connection)
    other = write_history(connection, group="trend-other", history=[("Approved", {"auc": 0.5, "recall": 0.4})])
    window = make_window(qtbot, connection, qsettings)
    s3 = session_for(connection).client("s3")
    try:
        open_group(qtbot, window, GROUP)
        with HeldCalls(s3, "GetObject") as held:
            window.actions_by_name["trends"].trigger()
            dock = window.trends
            # The version without a report needs no GET: it is read while the seven others wait.
            qtbot.waitUntil(lambda: progress_of(dock) == "1 of 8 versions read", timeout=TIMEOUT)
            qtbot.waitUntil(lambda: held.count() == 7, timeout=TIMEOUT)
            assert find_by_name(dock, QLabel, "Metric trends message").text() == \
                f"Reading the metrics of the versions of {GROUP}…"
            held.stop_holding()
            open_group(qtbot, window, "trend-other")  # while the first group's reports are still on their way
            held.release()
            qtbot.waitUntil(lambda: progress_of(dock) == "1 version read", timeout=TIMEOUT)
        assert set(dock.loader.data.readings) == {other[0].arn}
        assert tasks.wait_for_threads(10)
        QApplication.processEvents()
        assert set(dock.loader.data.readings) == {other[0].arn}  # nothing of the first group landed late
        assert same(list(dock.plot.plots[AUC].line.getData()[1]), [0.5])
    finally:
        close(window)


def test_closing_the_dock_stops_the_reading(qtbot, connection, qsettings, sandbox):
    write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    s3 = session_for(connection).client("s3")
    try:
        open_group(qtbot, window, GROUP)
        with HeldCalls(s3, "GetObject") as held:
            window.actions_by_name["trends"].trigger()
            dock = window.trends
            qtbot.waitUntil(lambda: held.count() == 7 and progress_of(dock) == "1 of 8 versions read",
                            timeout=TIMEOUT)
            window.actions_by_name["trends"].trigger()  # closed while seven reports are on their way
            qtbot.waitUntil(lambda: not dock.isVisible(), timeout=TIMEOUT)
            assert not dock.loader.loading
            held.release()
        assert tasks.wait_for_threads(10)
        QApplication.processEvents()
        assert dock.loader.data.read == 1  # the answers that came after the close were dropped
    finally:
        close(window)


def test_export_csv_writes_the_plotted_values_with_gaps_left_empty(qtbot, connection, qsettings, sandbox, tmp_path):
    written = write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        dock.set_checked([AUC, RECALL])
        target = tmp_path / "trend.csv"

        def save_as(dialog: QFileDialog) -> None:
            dialog.selectFile(str(target))
            dialog.accept()

        outcome = when_modal(qtbot, save_as)
        dock.export_csv.click()
        outcome.check()
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"Saved the metric trends to {target}",
                        timeout=TIMEOUT)
        with open(target, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == ["version", "created", "status", "arn", AUC, RECALL, "missing"]
        assert [r[0] for r in rows[1:]] == [str(w.version) for w in written]
        assert [r[2] for r in rows[1:]] == [w.status for w in written]
        assert [r[3] for r in rows[1:]] == [w.arn for w in written]
        for row, w in zip(rows[1:], written, strict=True):
            for cell, value in ((row[4], w.auc), (row[5], w.recall)):
                assert (cell == "") if value is None else float(cell) == value
            assert (row[6] == "") == (w.auc is not None and w.recall is not None)
        assert "is not JSON" in rows[4][6] and "has no model-quality statistics report" in rows[3][6]
    finally:
        close(window)


def test_export_png_saves_the_plot_as_shown(qtbot, connection, qsettings, sandbox, tmp_path):
    write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        target = tmp_path / "trend.png"
        outcome = when_modal(qtbot, lambda dialog: (dialog.selectFile(str(target)), dialog.accept()))
        dock.export_png.click()
        outcome.check()
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"Saved the metric trends to {target}",
                        timeout=TIMEOUT)
        image = QImage(str(target))
        assert not image.isNull()
        assert (image.width(), image.height()) == (dock.plot.width() * image.devicePixelRatio(),
                                                   dock.plot.height() * image.devicePixelRatio())
    finally:
        close(window)


def test_the_plot_follows_a_palette_change_at_run_time(qtbot, connection, qsettings, sandbox):
    from scripts.shots.driver import dark_palette

    write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    light = QGuiApplication.palette()
    try:
        dock = open_trends(qtbot, window)
        plot = dock.plot.plots[AUC]
        light_approved = palette.status_colour("Approved")
        assert plot.drawn_points()[2][0] == light_approved  # version 1 is approved
        QApplication.setPalette(dark_palette())
        qtbot.waitUntil(lambda: dock.plot.canvas.backgroundBrush().color()
                        == dark_palette().color(QPalette.ColorRole.Base), timeout=TIMEOUT)
        dark_approved = QColor(palette.BADGES["Approved"][0].dark)
        assert dark_approved != light_approved
        assert plot.drawn_points()[2][0] == dark_approved
        assert plot.item.getAxis("left").textPen().color() == dark_palette().color(QPalette.ColorRole.WindowText)
        assert not math.isnan(plot.y[0])
    finally:
        QApplication.setPalette(light)
        close(window)


def test_the_x_axis_spans_every_version_from_the_first_points_on(qtbot, connection, qsettings, sandbox):
    """The plot does not jump while readings arrive: the first point shows where its version sits
    among all the versions still being read."""
    import threading

    written = write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    s3 = session_for(connection).client("s3")
    let_go = threading.Event()

    def hold_all_but_the_first(params=None, **_kwargs):
        if not str((params or {}).get("Key", "")).endswith(f"/{written[0].version}/evaluation.json"):
            let_go.wait(30)

    s3.meta.events.register("before-parameter-build.s3.GetObject", hold_all_but_the_first)
    try:
        open_group(qtbot, window, GROUP)
        window.actions_by_name["trends"].trigger()
        dock = window.trends
        qtbot.waitUntil(lambda: dock.plot is not None and AUC in dock.plot.plots
                        and dock.plot.plots[AUC].point_count() == 1, timeout=TIMEOUT)
        assert dock.loader.loading  # the other reports are still on their way
        low, high = dock.plot.plots[AUC].item.getViewBox().viewRange()[0]
        assert low <= written[0].version and high >= written[-1].version, (low, high)
        let_go.set()
        qtbot.waitUntil(lambda: not dock.loader.loading and dock.plot.drawn(), timeout=TIMEOUT)
        assert dock.plot.plots[AUC].item.getViewBox().viewRange()[0] == [low, high]  # where it was
    finally:
        let_go.set()
        s3.meta.events.unregister("before-parameter-build.s3.GetObject", hold_all_but_the_first)
        close(window)


def test_versions_the_window_described_are_plotted_without_another_describe_or_search(
        qtbot, connection, qsettings, sandbox):
    """The rows on screen were described for their comments: their reports' URIs are known, so their
    points come straight from S3, even from an empty local index and while Search is slow."""
    written = write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    sagemaker = session_for(connection).client("sagemaker")
    try:
        open_group(qtbot, window, GROUP)
        qtbot.waitUntil(lambda: all(window.store.details(w.arn) is not None for w in written), timeout=TIMEOUT)
        window.local_data.index.clear()  # nothing kept from earlier: the URIs are only in the window's memory
        with HeldCalls(sagemaker, "Search") as searches, HeldCalls(sagemaker, "DescribeModelPackage") as describes:
            window.actions_by_name["trends"].trigger()
            dock = window.trends
            qtbot.waitUntil(lambda: progress_of(dock) == "8 versions read · 2 without metrics (crosses; hover for why)",
                            timeout=TIMEOUT)
            qtbot.waitUntil(lambda: dock.plot is not None and AUC in dock.plot.plots and dock.plot.drawn(),
                            timeout=TIMEOUT)
            assert searches.count() == 0 and describes.count() == 0
            searches.release()
            describes.release()
        assert same(list(dock.plot.plots[AUC].line.getData()[1]), [w.auc for w in written])
    finally:
        close(window)
