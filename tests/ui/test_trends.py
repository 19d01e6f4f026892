"""The Metric Trends dock: what it plots is what the versions' reports in S3 say, version by version;
a version without a value is a gap with its reason; clicking a point selects its version."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel

from app.registry.versions.records import APPROVED
from app.ui import palette
from tests.ui.helpers import find_by_name
from tests.ui.test_main_window import TIMEOUT, close, make_window
from tests.ui.trends_helpers import AUC, RECALL, click_version, hover_version, open_trends, same, write_history


def test_the_plotted_series_are_the_reports_in_s3_with_gaps_where_a_version_has_no_value(
        qtbot, connection, qsettings, sandbox):
    written = write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        assert dock.listed_metrics() == [AUC, RECALL]
        # Named by what tells them apart; the whole name is the row's tip and the CSV's column.
        assert [dock.metrics.item(r).text() for r in range(dock.metrics.count())] == ["auc", "recall"]
        assert dock.metrics.item(0).toolTip() == AUC
        assert dock.checked_metrics() == [AUC]  # nothing chosen before: the first metric shows
        dock.set_checked([AUC, RECALL])
        qtbot.waitUntil(lambda: list(dock.plot.plots) == [AUC, RECALL], timeout=TIMEOUT)  # one plot per turn
        progress = find_by_name(dock, QLabel, "Metric reading progress").text()
        assert progress.startswith("8 versions read · 2 without metrics")

        for metric, field in ((AUC, "auc"), (RECALL, "recall")):
            plot = dock.plot.plots[metric]
            x, y = plot.line.getData()
            assert list(x) == [w.version for w in written]
            expected = [getattr(w, field) for w in written]
            assert same(list(y), expected), (metric, list(y), expected)
            assert 0.0 not in list(y)  # a missing value is never drawn as zero
            # Points only where there is a value, coloured by status; crosses where there is none.
            xs, ys, colours = plot.drawn_points()
            assert xs == [w.version for w in written if getattr(w, field) is not None]
            assert colours == [palette.status_colour(w.status) for w in written if getattr(w, field) is not None]
            assert sorted(plot.gaps.data["x"]) == [w.version for w in written if getattr(w, field) is None]
            assert all(cross < min(v for v in expected if v is not None) for cross in plot.gaps.data["y"])

        # Hovering a cross says which version and why it has no value; a point, its value and status.
        no_report, not_json, no_recall = written[2], written[3], written[5]
        tip = hover_version(dock, RECALL, 2)
        assert tip.startswith("Version 3 · Pending") and "has no model-quality statistics report" in tip, tip
        tip = hover_version(dock, RECALL, 3)
        assert tip.startswith("Version 4 · Approved") and "is not JSON" in tip, tip
        tip = hover_version(dock, RECALL, 5)
        assert tip.startswith("Version 6 · Pending") and f"Its report has no “{RECALL}”" in tip, tip
        tip = hover_version(dock, RECALL, 4)
        assert tip.startswith("Version 5 · Approved") and tip.endswith("recall: 0.52"), tip
        assert {no_report.arn, not_json.arn, no_recall.arn} <= set(dock.loader.data.refs)
    finally:
        close(window)


def test_clicking_a_point_selects_its_version_in_the_versions_table(qtbot, connection, qsettings, sandbox):
    written = write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        dock.set_checked([RECALL])
        qtbot.waitUntil(lambda: dock.plot.isVisible(), timeout=TIMEOUT)
        window.versions_view.select_arn(written[0].arn)
        for position in (4, 7, 2):  # the drop, the last one, and a gap's cross
            click_version(dock, RECALL, position)
            qtbot.waitUntil(lambda p=position: [v.arn for v in window.versions_view.selected_versions()]
                            == [written[p].arn], timeout=TIMEOUT)
    finally:
        close(window)


def test_approved_only_plots_the_approved_versions_alone(qtbot, connection, qsettings, sandbox):
    written = write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        dock.set_checked([AUC])
        dock.approved_only.click()
        x, y = dock.plot.plots[AUC].line.getData()
        approved = [w for w in written if w.status == APPROVED]
        assert list(x) == [w.version for w in approved]
        assert same(list(y), [w.auc for w in approved])
        assert set(dock.plot.plots[AUC].series.statuses) == {APPROVED}
        dock.approved_only.click()
        assert list(dock.plot.plots[AUC].line.getData()[0]) == [w.version for w in written]
    finally:
        close(window)


def test_the_choice_of_metrics_is_remembered_for_the_group(qtbot, connection, qsettings, sandbox):
    write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        dock.set_checked([RECALL])
        window.actions_by_name["trends"].trigger()  # closed
        qtbot.waitUntil(lambda: not dock.isVisible(), timeout=TIMEOUT)
    finally:
        close(window)
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        assert dock.checked_metrics() == [RECALL]
        assert list(dock.plot.plots) == [RECALL]
    finally:
        close(window)


def test_a_group_without_reports_says_so_instead_of_plotting(qtbot, connection, qsettings, sandbox):
    write_history(connection, group="no-reports", history=[(APPROVED, None), (APPROVED, None)])
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window, "no-reports")
        message = find_by_name(dock, QLabel, "Metric trends message")
        assert message.isVisible()
        assert message.text() == "No version of this group has a model-quality statistics report."
        assert dock.metrics.count() == 0
        assert not dock.export_png.isEnabled() and not dock.export_csv.isEnabled()
    finally:
        close(window)


def test_nan_is_what_a_missing_value_becomes(qapp):
    from datetime import UTC, datetime

    from app.registry.trends.history import MetricReading, VersionRef
    from app.ui.trends.series import TrendData

    refs = [VersionRef(f"arn:{n}", n, datetime(2026, 1, n, tzinfo=UTC), APPROVED) for n in (1, 2, 3)]
    data = TrendData()
    data.expect(refs)
    assert data.add([MetricReading(refs[1], {"auc": 0.0}), MetricReading(refs[0], {}, "denied")])
    series = data.series("auc")
    assert series.versions == (1, 2) and math.isnan(series.values[0]) and series.values[1] == 0.0
    assert series.problems == ("denied", "")  # a real zero stays a zero; no value is NaN with its reason
    assert (data.read, data.total, data.complete) == (2, 3, False)


def test_metric_names_are_shortened_to_what_tells_them_apart():
    from app.ui.trends.series import short_names

    assert short_names([AUC, RECALL]) == {AUC: "auc", RECALL: "recall"}
    assert short_names(["m / a / auc", "m / b / auc"]) == {"m / a / auc": "a / auc", "m / b / auc": "b / auc"}
    assert short_names([AUC]) == {AUC: "auc"}
    assert short_names(["auc", "rmse"]) == {"auc": "auc", "rmse": "rmse"}
    assert short_names([AUC, "accuracy"]) == {AUC: AUC, "accuracy": "accuracy"}


def test_a_version_approved_from_the_table_turns_approved_on_the_plot(qtbot, connection, qsettings, sandbox):
    from tests.ui.test_approval_window import run_dialog

    written = write_history(connection)
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        dock.approved_only.click()
        assert 6 not in list(dock.plot.plots[AUC].line.getData()[0])  # version 6 waits for approval
        dock.approved_only.click()
        click_version(dock, AUC, 5)
        qtbot.waitUntil(lambda: [v.arn for v in window.versions_view.selected_versions()] == [written[5].arn],
                        timeout=TIMEOUT)
        assert run_dialog(qtbot, window, "approve", "AUC 0.87", 1)["finished"]

        def brush_of_version_6():
            xs, _ys, colours = dock.plot.plots[AUC].drawn_points()
            return colours[xs.index(6)]

        qtbot.waitUntil(lambda: brush_of_version_6() == palette.status_colour(APPROVED), timeout=TIMEOUT)
        dock.approved_only.click()
        assert 6 in list(dock.plot.plots[AUC].line.getData()[0])
    finally:
        close(window)


def test_over_creation_time_the_points_sit_at_each_versions_creation(qtbot, connection, qsettings, sandbox):
    from app.registry.accounts.sessions import session_for

    written = write_history(connection)
    client = session_for(connection).client("sagemaker")
    created = [client.describe_model_package(ModelPackageName=w.arn)["CreationTime"].timestamp() for w in written]
    window = make_window(qtbot, connection, qsettings)
    try:
        dock = open_trends(qtbot, window)
        dock.over.setCurrentIndex(1)  # Plot over: Creation time
        x, y = dock.plot.plots[AUC].line.getData()
        assert list(x) == created
        assert same(list(y), [w.auc for w in written])
        assert window.settings.trend_over_time()
        dock.over.setCurrentIndex(0)
        assert list(dock.plot.plots[AUC].line.getData()[0]) == [w.version for w in written]
    finally:
        close(window)


def test_a_plot_waiting_its_turn_never_shows_another_groups_points(qtbot):
    from app.ui.trends.plot import TrendPlot
    from app.ui.trends.series import Series

    def series(metric: str, arns: list[str]) -> Series:
        n = len(arns)
        return Series(metric, tuple(range(1, n + 1)), tuple(1.7e9 + v for v in range(n)), tuple(0.5 for _ in arns),
                      tuple(APPROVED for _ in arns), tuple(arns), tuple("" for _ in arns))

    plot = TrendPlot()
    qtbot.addWidget(plot)
    first = [f"arn:first/{n}" for n in range(4)]
    plot.show_series([series(AUC, first), series(RECALL, first)], False)
    qtbot.waitUntil(lambda: len(plot.plots) == 2 and plot.drawn())  # plots are built one per turn too
    assert plot.plots[RECALL].point_count() == 4

    other = [f"arn:other/{n}" for n in range(2)]
    plot.show_series([series(AUC, other), series(RECALL, other)], False)
    assert not plot.drawn()  # the second plot is drawn at the next turn...
    assert RECALL not in plot.plots
    waiting = plot._pool[1]  # the plot that shows recall, not drawn yet
    assert waiting.point_count() == 0  # ...and meanwhile shows nothing of the first group
    qtbot.waitUntil(plot.drawn)
    assert plot.plots[RECALL].point_count() == 2
