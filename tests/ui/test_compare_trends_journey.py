"""The issue's journey through the window, in the sandbox: a new user compares fraud-detection's
two pipeline versions and sees exactly what changed, then plots lead-scoring's AUC and recall
across the group and opens the version where recall dropped."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.registry.accounts.sessions import session_for
from app.sandbox.catalog_trends import RECALL_DROP_VERSION
from tests.ui.helpers import find_by_name
from tests.ui.test_approval_window import select
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group
from tests.ui.trends_helpers import AUC, RECALL, click_version

CHANGE_WORDS = ("+ added", "− removed", "~ changed", "▲", "▼")


def _reports_in_s3(connection, group: str) -> dict[int, dict[str, float] | None]:
    """Each version's AUC and recall as boto3 reads its report from S3 (None: no readable report)."""
    session = session_for(connection)
    sagemaker, s3 = session.client("sagemaker"), session.client("s3")
    values: dict[int, dict[str, float] | None] = {}
    for page in sagemaker.get_paginator("list_model_packages").paginate(ModelPackageGroupName=group):
        for summary in page["ModelPackageSummaryList"]:
            described = sagemaker.describe_model_package(ModelPackageName=summary["ModelPackageArn"])
            uri = (((described.get("ModelMetrics") or {}).get("ModelQuality") or {}).get("Statistics") or {}).get(
                "S3Uri")
            number = described["ModelPackageVersion"]
            values[number] = None
            if uri:
                bucket, key = uri.removeprefix("s3://").split("/", 1)
                try:
                    report = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
                except ValueError:
                    continue
                metrics = report["binary_classification_metrics"]
                values[number] = {AUC: metrics["auc"]["value"], RECALL: metrics["recall"]["value"]}
    return values


def test_compare_two_pipelines_then_follow_recall_to_the_version_where_it_dropped(
        qtbot, connection, qsettings, sandbox):
    _server, summary = sandbox
    window = make_window(qtbot, connection, qsettings)
    try:
        # 1. Two pipeline versions, selected in the table, compared with the keyboard.
        older, newer = summary.pipeline_pair_arns
        open_group(qtbot, window, "fraud-detection")
        select(qtbot, window.versions_view, [newer, older])
        window.versions_view.table.setFocus()
        qtbot.keyClick(window.versions_view.table, Qt.Key.Key_D,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: len(window.compare.windows()) == 1, timeout=TIMEOUT)
        shown = window.compare.windows()[0]
        qtbot.waitUntil(lambda: not shown.is_loading(), timeout=TIMEOUT)
        assert shown.failure() == ""
        assert shown.model.headerData(1, Qt.Orientation.Horizontal).startswith("Version 5 · Rejected")
        assert shown.model.headerData(2, Qt.Orientation.Horizontal).startswith("Version 6 · Approved")

        # Every section changed between these two, and only what differs is listed.
        sections = [title.split(" — ")[0] for title in shown.model.sections_shown()]
        assert sections == ["Containers", "Inference specification", "Approval and lifecycle", "Metadata",
                            "Model card", "Model metrics", "Source and lineage"]
        lines = shown.model.lines_shown()
        assert all(left != right and any(word in change for word in CHANGE_WORDS)
                   for _s, _f, left, right, change in lines)
        by_field = {field: (left, right, change) for _section, field, left, right, change in lines}
        # The XGBoost stage is new in the middle; the stages on either side are paired by name.
        assert by_field["xgboost › ContainerHostname"] == ("—", "xgboost", "+ added")
        assert by_field["preprocess › Image › Tag"] == ("sklearn-preprocess-1.0-1", "sklearn-preprocess-1.2-1",
                                                        "~ changed")
        assert by_field["preprocess › Environment › SKLEARN_ESTIMATOR"][2] == "− removed"
        assert by_field["preprocess › Environment › FEATURE_SET"] == ("—", "cnp-v3", "+ added")
        assert by_field["postprocess › Environment › FRAUD_SCORE_THRESHOLD"] == ("0.78", "0.82", "~ changed")
        assert not any(field.startswith("postprocess › Image") for field in by_field)  # same image both times
        assert by_field["binary_classification_metrics / recall"][2].endswith("▲ better")
        assert by_field["binary_classification_metrics / precision"][2].endswith("▼ worse")
        summary_text = find_by_name(shown, QLabel, "Comparison summary").text()
        assert summary_text == f"{len(lines)} differences in 7 sections"
        shown.close()

        # 2. lead-scoring's AUC and recall over its versions: what the reports in S3 say.
        group = summary.trend_group
        open_group(qtbot, window, group)
        window.activateWindow()  # back from the Compare window
        qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
        window.versions_view.table.setFocus()
        qtbot.keyClick(window.versions_view.table, Qt.Key.Key_M,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        dock = window.trends
        qtbot.waitUntil(lambda: dock.isVisible() and dock.loader.group is not None
                        and dock.loader.group.name == group and not dock.loader.loading
                        and dock.loader.data.complete and dock.plot is not None, timeout=TIMEOUT)
        dock.set_checked([AUC, RECALL])
        qtbot.waitUntil(lambda: list(dock.plot.plots) == [AUC, RECALL], timeout=TIMEOUT)  # one plot per turn
        in_s3 = _reports_in_s3(connection, group)
        for metric in (AUC, RECALL):
            x, y = dock.plot.plots[metric].line.getData()
            plotted = dict(zip((int(v) for v in x), (float(v) for v in y), strict=True))
            assert sorted(plotted) == sorted(in_s3)
            for number, values in in_s3.items():
                if values is None:  # a gap, never a zero
                    assert plotted[number] != plotted[number], (metric, number)
                else:
                    assert plotted[number] == values[metric], (metric, number)

        # 3. Where recall dropped most from one version to the next: clicking it opens it.
        x, y = dock.plot.plots[RECALL].line.getData()
        points = [(int(n), float(v)) for n, v in zip(x, y, strict=True) if v == v]
        drops = [(before - after, number) for (_, before), (number, after) in zip(points, points[1:], strict=False)]
        _drop, worst = max(drops)
        assert worst == RECALL_DROP_VERSION
        click_version(dock, RECALL, list(int(n) for n in x).index(worst))
        qtbot.waitUntil(lambda: [v.arn for v in window.versions_view.selected_versions()]
                        == [summary.recall_drop_version_arn], timeout=TIMEOUT)
        details = window.details_pane
        qtbot.waitUntil(lambda: details.isVisible() and details.current_details() is not None
                        and details.current_details().arn == summary.recall_drop_version_arn, timeout=TIMEOUT)
        assert details.current_details().version == RECALL_DROP_VERSION
    finally:
        for compared in window.compare.windows():
            compared.close()
        close(window)
