"""Compare Versions from the main window: two pipeline versions side by side, what differs and
only that, metrics with the way they moved, copies, and reads that fail."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

from app.registry.accounts.sessions import session_for
from app.ui.compare.window import CompareWindow
from tests.ui.helpers import FailOnce, find_by_name
from tests.ui.test_approval_window import select
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group

GROUP = "compare-pipelines"
BUCKET = "compare-reports"
REPOSITORY = "123456789012.dkr.ecr.us-east-1.amazonaws.com"


def _container(host: str, tag: str, environment: dict[str, str]) -> dict:
    return {"ContainerHostname": host, "Image": f"{REPOSITORY}/{host}:{tag}",
            "ModelDataUrl": f"s3://{BUCKET}/{host}/model.tar.gz", "Environment": environment}


def _register(client, containers: list[dict], metrics_key: str) -> str:
    return client.create_model_package(
        ModelPackageGroupName=GROUP,
        InferenceSpecification={"Containers": containers, "SupportedContentTypes": ["text/csv"],
                                "SupportedResponseMIMETypes": ["text/csv"]},
        ModelMetrics={"ModelQuality": {"Statistics": {
            "ContentType": "application/json", "S3Uri": f"s3://{BUCKET}/{metrics_key}"}}},
    )["ModelPackageArn"]


@pytest.fixture
def pair(connection) -> tuple[str, str]:
    """Version 1: a pipeline of two containers; version 2: the same with the preprocessing's
    MODE changed and a third container added, a better AUC and a worse RMSE."""
    session = session_for(connection)
    s3 = session.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    for key, auc, rmse in (("v1.json", 0.9, 0.5), ("v2.json", 0.93, 0.6)):
        document = {"binary_classification_metrics": {"auc": {"value": auc}, "rmse": {"value": rmse}}}
        s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(document).encode())
    client = session.client("sagemaker")
    client.create_model_package_group(ModelPackageGroupName=GROUP)
    first = _register(client, [_container("preprocess", "1.0", {"MODE": "batch"}),
                               _container("model", "2.1", {"MAX_BATCH": "8"})], "v1.json")
    second = _register(client, [_container("preprocess", "1.0", {"MODE": "stream"}),
                                _container("model", "2.1", {"MAX_BATCH": "8"}),
                                _container("postprocess", "0.3", {})], "v2.json")
    return first, second


@pytest.fixture
def window(qtbot, connection, qsettings, pair):
    w = make_window(qtbot, connection, qsettings)
    open_group(qtbot, w, GROUP)
    yield w
    for shown in w.compare.windows():
        shown.close()
    close(w)


def compare(qtbot, window, arns: list[str]) -> CompareWindow:
    select(qtbot, window.versions_view, arns)
    qtbot.waitUntil(lambda: window.actions_by_name["compare_versions"].isEnabled(), timeout=TIMEOUT)
    window.actions_by_name["compare_versions"].trigger()
    shown = window.compare.windows()[-1]
    qtbot.waitUntil(lambda: not shown.is_loading(), timeout=TIMEOUT)
    return shown


def test_two_pipeline_versions_show_exactly_what_changed_older_on_the_left(qtbot, window, pair):
    first, second = pair
    shown = compare(qtbot, window, [second, first])
    assert shown.isVisible() and shown.failure() == ""
    model = shown.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers[0] == "Field" and headers[3] == "Change"
    assert headers[1].startswith("Version 1 · Pending · created ")
    assert headers[2].startswith("Version 2 · Pending · created ")
    assert model.sections_shown() == ["Containers — 5 differences", "Model metrics — 2 differences",
                                      "Source and lineage — 1 difference"]
    post = f"{REPOSITORY}/postprocess"
    assert model.lines_shown() == [
        ("Containers", "preprocess › Environment › MODE", "batch", "stream", "~ changed"),
        ("Containers", "postprocess › Image › Repository", "—", post, "+ added"),
        ("Containers", "postprocess › Image › Tag", "—", "0.3", "+ added"),
        ("Containers", "postprocess › ModelData › S3Uri", "—", f"s3://{BUCKET}/postprocess/model.tar.gz",
         "+ added"),
        ("Containers", "postprocess › ContainerHostname", "—", "postprocess", "+ added"),
        ("Model metrics", "binary_classification_metrics / auc", "0.9", "0.93", "+0.03 ▲ better"),
        ("Model metrics", "binary_classification_metrics / rmse", "0.5", "0.6", "+0.1 ▲ worse"),
        ("Source and lineage", "ModelMetrics › Model quality / Statistics", f"s3://{BUCKET}/v1.json",
         f"s3://{BUCKET}/v2.json", "~ changed"),
    ]
    assert find_by_name(shown, QLabel, "Comparison summary").text() == "8 differences in 3 sections"


def test_all_fields_show_when_asked_and_copies_put_what_is_shown_on_the_clipboard(qtbot, window, pair):
    first, second = pair
    shown = compare(qtbot, window, [first, second])
    only = find_by_name(shown, QCheckBox, "Only differences")
    assert only.isChecked()
    differences = shown.model.lines_shown()
    only.click()
    everything = shown.model.lines_shown()
    assert set(differences) < set(everything)
    same = [line for line in everything if line not in differences]
    assert ("Containers", "model › Environment › MAX_BATCH", "8", "8", "= same") in same
    assert all(line[4] == "= same" for line in same)
    assert shown.model.sections_shown()[0] == "Containers — 5 differences"
    assert "Inference specification — no differences" in shown.model.sections_shown()
    only.click()

    find_by_name(shown, QPushButton, "Copy as Markdown").click()
    markdown = QGuiApplication.clipboard().text()
    assert markdown.startswith("## Containers\n")
    assert "| preprocess / Environment / MODE | batch | stream |" in markdown
    assert "| binary_classification_metrics / auc | 0.9 | 0.93 | +0.03 (better) |" in markdown
    assert "MAX_BATCH" not in markdown  # only what differs, as on screen
    find_by_name(shown, QPushButton, "Copy as Plain Text").click()
    text = QGuiApplication.clipboard().text()
    assert text.splitlines()[0].startswith("Version 1 · Pending · created ")
    assert "  preprocess / Environment / MODE: batch → stream" in text.splitlines()


def test_compare_needs_exactly_two_versions_and_is_offered_where_they_are_selected(qtbot, window, pair, connection):
    first, second = pair
    third = session_for(connection).client("sagemaker").create_model_package(
        ModelPackageGroupName=GROUP, InferenceSpecification={
            "Containers": [_container("model", "2.2", {})], "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"]})["ModelPackageArn"]
    window.refresh()
    qtbot.waitUntil(lambda: window.versions_view.model.rowCount() == 3 and not window.versions_view.model.loading,
                    timeout=TIMEOUT)
    action = window.actions_by_name["compare_versions"]
    assert action.shortcut().toString() == "Ctrl+Shift+D"
    assert action in window.versions_view.table.actions()  # its context menu
    assert action in window.menuBar().actions()[4].menu().actions()  # Version
    pane = window.details_pane
    for arns in ([first], [first, second, third]):
        select(qtbot, window.versions_view, arns)
        assert not action.isEnabled()
        assert action.toolTip() == "Select exactly two versions to compare them (Ctrl+Shift+D)"
        qtbot.waitUntil(lambda arns=arns: len(arns) != 1 or pane.stack.currentWidget() is pane.tabs, timeout=TIMEOUT)
        assert not pane.compare_button.isVisible()
    select(qtbot, window.versions_view, [third, second])
    assert action.isEnabled()
    qtbot.waitUntil(lambda: pane.compare_button.isVisible(), timeout=TIMEOUT)
    assert pane.message.text() == "2 versions selected: 2 pending"
    assert pane.compare_button.accessibleName() == "Compare the two selected versions"
    pane.compare_button.click()
    shown = window.compare.windows()[-1]
    assert [v.version for v in shown.versions.values()] == [2, 3]
    qtbot.waitUntil(lambda: not shown.is_loading(), timeout=TIMEOUT)
    action.trigger()  # the same pair again: the same window, in front
    assert window.compare.windows() == [shown]


def test_a_version_deleted_behind_the_apps_back_is_named_and_the_window_stays_usable(
        qtbot, window, pair, connection):
    first, second = pair
    select(qtbot, window.versions_view, [first, second])
    session_for(connection).client("sagemaker").delete_model_package(ModelPackageName=second)
    window.actions_by_name["compare_versions"].trigger()
    shown = window.compare.windows()[-1]
    qtbot.waitUntil(lambda: not shown.is_loading(), timeout=TIMEOUT)
    message = find_by_name(shown, QLabel, "Comparison message").text()
    assert message.startswith(f"Version 2 of {GROUP} could not be read. Not found: ")
    assert "the profile 'sandbox'" in message and "DescribeModelPackage" in message
    assert "Version 1" not in message  # the version that was read is not blamed
    retry = find_by_name(shown, QPushButton, "Retry")
    assert retry.isVisible() and not find_by_name(shown, QPushButton, "Copy as Markdown").isEnabled()
    retry.click()  # still gone: the same sentence, and the window still answers
    qtbot.waitUntil(lambda: not shown.is_loading() and retry.isVisible(), timeout=TIMEOUT)
    assert find_by_name(shown, QLabel, "Comparison message").text() == message
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert not shown.isVisible() and window.compare.windows() == []


def test_retry_reads_again_what_failed_and_shows_the_comparison(qtbot, window, pair, connection):
    first, second = pair
    select(qtbot, window.versions_view, [first, second])
    client = session_for(connection).client("sagemaker")
    with FailOnce(client, "DescribeModelPackage", first, code="AccessDeniedException") as fault:
        window.actions_by_name["compare_versions"].trigger()
        shown = window.compare.windows()[-1]
        qtbot.waitUntil(lambda: not shown.is_loading(), timeout=TIMEOUT)
        assert fault.failed == 1
        message = find_by_name(shown, QLabel, "Comparison message").text()
        assert message.startswith("Version 1 of compare-pipelines could not be read. Access denied: the profile "
                                  "'sandbox' may not call sagemaker:DescribeModelPackage")
        find_by_name(shown, QPushButton, "Retry").click()
        qtbot.waitUntil(lambda: not shown.is_loading() and shown.comparison is not None, timeout=TIMEOUT)
    assert shown.failure() == ""
    assert shown.stack.currentWidget() is shown.tree
    assert find_by_name(shown, QLabel, "Comparison summary").text() == "8 differences in 3 sections"


def test_identical_versions_say_so(qtbot, window, connection):
    client = session_for(connection).client("sagemaker")
    same = [client.create_model_package(ModelPackageGroupName=GROUP, InferenceSpecification={
        "Containers": [_container("model", "3.0", {"A": "1"})], "SupportedContentTypes": ["text/csv"],
        "SupportedResponseMIMETypes": ["text/csv"]})["ModelPackageArn"] for _ in range(2)]
    window.refresh()
    qtbot.waitUntil(lambda: window.versions_view.model.rowCount() == 4 and not window.versions_view.model.loading,
                    timeout=TIMEOUT)
    shown = compare(qtbot, window, same)
    sentence = "These two versions are identical in every compared field."
    assert find_by_name(shown, QLabel, "Comparison message").text() == sentence
    assert find_by_name(shown, QLabel, "Comparison summary").text() == sentence
    find_by_name(shown, QCheckBox, "Only differences").click()
    assert shown.stack.currentWidget() is shown.tree
    assert all(line[4] == "= same" for line in shown.model.lines_shown())


def test_the_window_reopens_where_it_was_left(qtbot, window, pair, qtmodeltester):
    shown = compare(qtbot, window, list(pair))
    qtmodeltester.check(shown.model)
    shown.resize(700, 450)
    shown.close()
    again = compare(qtbot, window, list(pair))
    assert again is not shown
    assert (again.width(), again.height()) == (700, 450)


def test_an_approval_made_while_the_window_is_open_shows_in_it(qtbot, window, pair):
    from tests.ui.test_approval_window import run_dialog

    first, second = pair
    shown = compare(qtbot, window, [first, second])
    select(qtbot, window.versions_view, [second])
    seen = run_dialog(qtbot, window, "approve", "Shadow test passed", 1)
    assert seen["finished"] and all(result.ok for result in seen["results"])
    qtbot.waitUntil(lambda: "Approval and lifecycle — 2 differences" in shown.model.sections_shown(), timeout=TIMEOUT)
    assert shown.model.headerData(2, Qt.Orientation.Horizontal).startswith("Version 2 · Approved · ")
    approval = [line for line in shown.model.lines_shown() if line[0] == "Approval and lifecycle"]
    assert approval == [
        ("Approval and lifecycle", "ModelApprovalStatus", "PendingManualApproval", "Approved", "~ changed"),
        ("Approval and lifecycle", "ApprovalDescription", "—", "Shadow test passed", "+ added"),
    ]
    assert find_by_name(shown, QLabel, "Comparison summary").text() == "10 differences in 4 sections"


def test_metrics_that_could_not_be_read_are_said_so_never_shown_as_removed(qtbot, window, pair, connection):
    first, _second = pair
    client = session_for(connection).client("sagemaker")
    unread = _register(client, [_container("preprocess", "1.0", {"MODE": "batch"}),
                                _container("model", "2.1", {"MAX_BATCH": "8"})], "never-uploaded.json")
    window.refresh()
    qtbot.waitUntil(lambda: window.versions_view.model.rowCount() == 3 and not window.versions_view.model.loading,
                    timeout=TIMEOUT)
    shown = compare(qtbot, window, [unread, first])
    note = find_by_name(shown, QLabel, "Comparison note")
    assert note.isVisible() and note.text().startswith("The metrics of version 3 could not be read: ")
    metrics = [line[1:] for line in shown.model.lines_shown() if line[0] == "Model metrics"]
    assert metrics[0][0] == "metrics report" and metrics[0][3] == "! could not be read"
    assert metrics[1:] == [("binary_classification_metrics / auc", "0.9", "not read", "? unknown"),
                           ("binary_classification_metrics / rmse", "0.5", "not read", "? unknown")]
