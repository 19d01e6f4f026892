"""The details pane against the sandbox: what a person sees for a version, and when a call fails."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QToolButton,
)

from app.registry.accounts.sessions import session_for
from app.registry.aws import CALL_TIMEOUT_ENV, Connection
from app.registry.versions.describe import describe_version, iter_version_pages
from app.registry.versions.metrics import read_metrics
from app.registry.versions.records import APPROVED, PENDING, REJECTED, VersionSummary
from app.ui.settings import Settings
from app.ui.versions.details import DetailsPane
from app.ui.widgets.copy_field import CopyField
from app.ui.widgets.formatting import format_number
from app.ui.widgets.plain_table import PlainTable
from app.ui.workspace import Workspace
from tests.hanging import HangingServer
from tests.ui.helpers import FailOnce

TIMEOUT = 10000


def find_by_name(root, cls: type, accessible_name: str):
    """The visible-or-not child of `cls` a screen reader would call `accessible_name`."""
    found = [w for w in root.findChildren(cls) if w.accessibleName() == accessible_name]
    assert found, f"no {cls.__name__} named {accessible_name!r}"
    return found[0]


def versions_of(connection: Connection, group: str) -> dict[int, VersionSummary]:
    pages = iter_version_pages(session_for(connection), group)
    return {v.version: v for page in pages for v in page}


def make_pane(qtbot, connection: Connection, qsettings) -> DetailsPane:
    workspace = Workspace(connection, sandbox_endpoint=connection.endpoint_url)
    pane = DetailsPane(workspace, Settings("sandbox", backing=qsettings))
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    return pane


@pytest.fixture
def pane(qtbot, connection, qsettings):
    pane = make_pane(qtbot, connection, qsettings)
    yield pane
    pane.shutdown()


def show_and_wait(qtbot, pane: DetailsPane, version: VersionSummary) -> None:
    pane.show_versions([version])
    qtbot.waitUntil(lambda: pane.current_details() is not None, timeout=TIMEOUT)
    assert pane.stack.currentWidget() is pane.tabs


def open_tab(pane: DetailsPane, title: str) -> None:
    tabs = find_by_name(pane, QTabWidget, "Version details")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    tabs.setCurrentIndex(titles.index(title))


def test_nothing_selected_says_what_to_do(pane):
    assert pane.message.isVisible()
    assert pane.message.text() == "Select a version to see its details."


def test_pipeline_shows_its_containers_in_order(qtbot, pane, connection, sandbox, qtmodeltester):
    _server, summary = sandbox
    fraud = versions_of(connection, "fraud-detection")
    pipeline = next(v for v in fraud.values() if v.arn == summary.pipeline_version_arn)
    show_and_wait(qtbot, pane, pipeline)
    open_tab(pane, "Containers")

    heading = find_by_name(pane, QLabel, "Pipeline")
    assert heading.isVisible()
    assert heading.text() == "Inference pipeline of 3 containers (run in this order)"
    page = pane.containers_area.widget()
    boxes = [b for b in page.findChildren(QGroupBox) if b.isVisible()]
    boxes.sort(key=lambda b: b.mapTo(page, QPoint(0, 0)).y())
    assert [b.title() for b in boxes] == ["1. preprocess", "2. xgboost", "3. postprocess"]

    described = describe_version(session_for(connection), pipeline.arn)
    for number, container in enumerate(described.containers, 1):
        hostname = find_by_name(pane, QLabel, f"Container {number} hostname")
        assert hostname.text() == container.hostname
        image = find_by_name(pane, CopyField, f"Container {number} image")
        assert image.text() == container.image
        environment = find_by_name(pane, PlainTable, f"Container {number} environment")
        assert environment.isVisible()
        assert environment.displayed_rows() == [[k, v] for k, v in container.environment.items()]
    last_env = find_by_name(pane, PlainTable, "Container 3 environment")
    assert ["FRAUD_SCORE_THRESHOLD", "0.82"] in last_env.displayed_rows()
    qtmodeltester.check(last_env.rows_model)
    qtmodeltester.check(last_env.proxy)


def test_single_container_shows_image_and_model_data(qtbot, pane, connection):
    version = versions_of(connection, "churn-prediction")[30]
    show_and_wait(qtbot, pane, version)
    open_tab(pane, "Containers")

    described = describe_version(session_for(connection), version.arn)
    (container,) = described.containers
    assert find_by_name(pane, CopyField, "Container 1 image").text() == container.image
    model_data = find_by_name(pane, CopyField, "Container 1 model data")
    assert model_data.text() == container.model_data_url
    assert container.model_data_url.endswith("churn-prediction/v30/model.tar.gz")
    page = pane.containers_area.widget()
    assert [b.title() for b in page.findChildren(QGroupBox)] == ["1. churn-xgboost:1.7-1"]
    assert not [w for w in page.findChildren(QLabel) if w.accessibleName() == "Pipeline"]


def test_overview_header_status_and_comment(qtbot, pane, connection):
    churn = versions_of(connection, "churn-prediction")
    approved = next(v for v in churn.values() if v.status == APPROVED)
    show_and_wait(qtbot, pane, approved)
    open_tab(pane, "Overview")

    assert pane.title.text() == f"churn-prediction — version {approved.version}"
    assert find_by_name(pane, CopyField, "ARN").text() == approved.arn
    badge = find_by_name(pane, QLabel, "Approval status")
    assert badge.isVisible() and badge.text() == "Approved"
    described = describe_version(session_for(connection), approved.arn)
    assert described.approval_comment
    assert find_by_name(pane, QLabel, "Approval comment").text() == described.approval_comment


def test_metrics_table_shows_the_seeded_numbers(qtbot, pane, connection, qtmodeltester):
    version = versions_of(connection, "churn-prediction")[27]
    open_tab(pane, "Metrics")
    show_and_wait(qtbot, pane, version)

    reports = find_by_name(pane, PlainTable, "Metric reports")
    (label, uri), = reports.rows()
    assert label == "Model quality / Statistics"
    table = find_by_name(pane, PlainTable, "Model metrics")
    qtbot.waitUntil(lambda: table.rows_model.rowCount() > 0, timeout=TIMEOUT)
    expected = read_metrics(session_for(connection), uri)
    shown = table.displayed_rows()
    auc = ["binary_classification_metrics / auc", format_number(0.8882), format_number(0.0031)]
    assert auc in shown
    assert [row[0] for row in shown] == [m.name for m in expected]
    qtmodeltester.check(table.rows_model)
    qtmodeltester.check(table.proxy)


def _register_with_metrics(connection: Connection, metrics_key: str, body: bytes | None) -> str:
    """A new churn version whose metrics file is `body` (None: the file does not exist)."""
    session = session_for(connection)
    sagemaker = session.client("sagemaker")
    first = versions_of(connection, "churn-prediction")[1]
    template = describe_version(session, first.arn)
    bucket = template.containers[0].model_data_url.split("/")[2]
    if body is not None:
        session.client("s3").put_object(Bucket=bucket, Key=metrics_key, Body=body)
    response = sagemaker.create_model_package(
        ModelPackageGroupName="churn-prediction",
        ModelPackageDescription="metrics check",
        InferenceSpecification={
            "Containers": [{"Image": template.containers[0].image}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
        ModelMetrics={
            "ModelQuality": {
                "Statistics": {"ContentType": "application/json", "S3Uri": f"s3://{bucket}/{metrics_key}"}
            }
        },
    )
    return response["ModelPackageArn"]


def _summary_of(connection: Connection, arn: str) -> VersionSummary:
    return next(v for v in versions_of(connection, "churn-prediction").values() if v.arn == arn)


def test_metrics_are_rounded_to_four_significant_digits(qtbot, pane, connection):
    mse = {"value": 0.912345678, "standard_deviation": 0.00123456}
    document = {"regression_metrics": {"mse": mse}, "note": "holdout"}
    body = json.dumps(document).encode()
    arn = _register_with_metrics(connection, "checks/long-digits.json", body)
    open_tab(pane, "Metrics")
    show_and_wait(qtbot, pane, _summary_of(connection, arn))

    table = find_by_name(pane, PlainTable, "Model metrics")
    qtbot.waitUntil(lambda: table.rows_model.rowCount() == 2, timeout=TIMEOUT)
    first, note = table.displayed_rows()
    assert first == ["regression_metrics / mse", format_number(0.9123), format_number(0.001235)]
    assert note == ["note", "holdout", ""]


def test_a_missing_metrics_file_is_a_message_not_a_crash(qtbot, pane, connection):
    arn = _register_with_metrics(connection, "checks/never-written.json", None)
    open_tab(pane, "Metrics")
    show_and_wait(qtbot, pane, _summary_of(connection, arn))

    table = find_by_name(pane, PlainTable, "Model metrics")
    qtbot.waitUntil(lambda: "never-written.json" in table.empty_text(), timeout=TIMEOUT)
    assert table.rows_model.rowCount() == 0
    assert table.accessibleDescription() == table.empty_text()
    # The pane still works: another version shows normally.
    show_and_wait(qtbot, pane, versions_of(connection, "churn-prediction")[2])
    assert pane.title.text() == "churn-prediction — version 2"


def test_json_tab_parses_back_to_the_describe_response(qtbot, pane, connection, sandbox):
    _server, summary = sandbox
    fraud = versions_of(connection, "fraud-detection")
    pipeline = next(v for v in fraud.values() if v.arn == summary.pipeline_version_arn)
    show_and_wait(qtbot, pane, pipeline)
    open_tab(pane, "JSON")

    text = find_by_name(pane, QPlainTextEdit, "Describe response (JSON)")
    assert text.isVisible() and text.isReadOnly()
    described = describe_version(session_for(connection), pipeline.arn)
    assert json.loads(text.toPlainText()) == described.raw
    copy = find_by_name(pane, QPushButton, "Copy JSON")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert json.loads(QGuiApplication.clipboard().text()) == described.raw


def test_copy_arn_puts_it_on_the_clipboard(qtbot, pane, connection):
    version = versions_of(connection, "churn-prediction")[5]
    show_and_wait(qtbot, pane, version)
    open_tab(pane, "Overview")
    QGuiApplication.clipboard().setText("something else")

    button = find_by_name(pane, QToolButton, "Copy ARN")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == version.arn
    assert button.text() == "Copied"
    qtbot.waitUntil(lambda: button.text() == "Copy", timeout=3000)


def _fake(version: int, status: str) -> VersionSummary:
    arn = f"arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-prediction/{version}"
    created = datetime.now(UTC)
    return VersionSummary(arn, "churn-prediction", version, status, created, "", "Completed")


def test_several_selected_get_a_summary_and_no_call(pane):
    statuses = [PENDING] * 5 + [APPROVED] * 4 + [REJECTED] * 3
    pane.show_versions([_fake(n, s) for n, s in enumerate(statuses, 1)])
    assert pane.message.isVisible()
    assert pane.message.text() == "12 versions selected: 5 pending, 4 approved, 3 rejected"
    assert not pane.compare_button.isVisible()
    assert pane.runner.active_count == 0
    pane.show_versions([_fake(1, APPROVED), _fake(2, APPROVED)])
    assert pane.message.text() == "2 versions selected: 2 approved"
    assert pane.compare_button.isVisible()  # two: the way to compare them is offered with their count
    pane.show_versions([])
    assert pane.message.text() == "Select a version to see its details."
    assert not pane.compare_button.isVisible()


def test_a_cached_version_shows_at_once(qtbot, pane, connection):
    churn = versions_of(connection, "churn-prediction")
    show_and_wait(qtbot, pane, churn[3])
    show_and_wait(qtbot, pane, churn[4])
    pane.show_versions([churn[3]])
    assert pane.runner.active_count == 0  # no describe: it came from the cache
    assert pane.title.text() == "churn-prediction — version 3"


def test_fresh_details_after_an_approval_replace_what_is_shown(qtbot, pane, connection):
    version = versions_of(connection, "churn-prediction")[5]
    show_and_wait(qtbot, pane, version)
    open_tab(pane, "Overview")
    details = pane.current_details()
    pane.set_details(dataclasses.replace(details, status=REJECTED, approval_comment="Drift found"))
    assert find_by_name(pane, QLabel, "Approval status").text() == "Rejected"
    assert find_by_name(pane, QLabel, "Approval comment").text() == "Drift found"


def test_the_last_tab_is_remembered(qtbot, pane, connection, qsettings):
    open_tab(pane, "Metadata")
    other = make_pane(qtbot, connection, qsettings)
    try:
        tabs = find_by_name(other, QTabWidget, "Version details")
        assert tabs.tabText(tabs.currentIndex()) == "Metadata"
    finally:
        other.shutdown()


def test_a_describe_error_names_the_profile_and_the_pane_recovers(qtbot, connection, qsettings, monkeypatch):
    # A server that never answers, and a call that gives up after 2 s: the pane says it is loading
    # meanwhile (a refused connection failed too fast to see that, depending on retry timing).
    monkeypatch.setenv(CALL_TIMEOUT_ENV, "2")
    hanging = HangingServer().__enter__()
    broken = Connection(
        profile=None,
        region="us-east-1",
        endpoint_url=hanging.url,
        access_key_id="x",
        secret_access_key="y",
        label="broken",
    )
    version = versions_of(connection, "churn-prediction")[7]
    workspace = Workspace(broken, sandbox_endpoint=broken.endpoint_url)
    pane = DetailsPane(workspace, Settings("sandbox", backing=qsettings))
    qtbot.addWidget(pane)
    pane.show()
    try:
        with qtbot.waitSignal(pane.errorOccurred, timeout=40000) as errored:
            pane.show_versions([version])
            qtbot.waitUntil(lambda: pane.message.text() == "Loading version 7…", timeout=3000)
        assert "'broken'" in errored.args[0]
        banner = find_by_name(pane, QLabel, "Details error")
        assert banner.isVisible()
        assert "Version 7 could not be loaded." in banner.text() and "'broken'" in banner.text()
        assert pane.message.text() == "Version 7 could not be loaded.\nPress F5 to try again."

        workspace.set_connection(connection)
        show_and_wait(qtbot, pane, version)
        assert not banner.isVisible()
        assert pane.title.text() == "churn-prediction — version 7"
    finally:
        pane.shutdown()
        hanging.__exit__(None, None, None)


def test_a_details_error_shows_alone_never_over_what_another_selection_showed(qtbot, pane, connection):
    churn = versions_of(connection, "churn-prediction")
    pane.show_versions([churn[n] for n in range(1, 21)])
    assert pane.message.text().startswith("20 versions selected")
    client = session_for(connection).client("sagemaker")
    with FailOnce(client, "DescribeModelPackage", churn[7].arn, code="AccessDeniedException"):
        with qtbot.waitSignal(pane.errorOccurred, timeout=TIMEOUT):
            pane.show_versions([churn[7]])
    banner = find_by_name(pane, QLabel, "Details error")
    assert banner.isVisible() and banner.text().startswith("Version 7 could not be loaded.")
    assert "selected" not in pane.message.text()  # the old summary is gone
    assert pane.stack.currentWidget() is pane.message_page

    show_and_wait(qtbot, pane, churn[3])
    with FailOnce(client, "DescribeModelPackage", churn[8].arn, code="AccessDeniedException"):
        with qtbot.waitSignal(pane.errorOccurred, timeout=TIMEOUT):
            pane.show_versions([churn[8]])
    assert banner.text().startswith("Version 8 could not be loaded.")
    assert pane.stack.currentWidget() is not pane.tabs  # version 3's tabs are not shown under it
    assert pane.current_details() is None


def test_the_json_tab_and_its_copy_keep_text_as_written(qtbot, pane, connection):
    written = "Équipe données\u00a0: seuil 0,8\u2028validé par l'équipe"
    client = session_for(connection).client("sagemaker")
    arn = client.create_model_package(
        ModelPackageGroupName="churn-prediction", ModelPackageDescription=written,
        InferenceSpecification={"Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1"}],
                                "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]},
    )["ModelPackageArn"]
    version = next(v for v in versions_of(connection, "churn-prediction").values() if v.arn == arn)
    show_and_wait(qtbot, pane, version)
    open_tab(pane, "JSON")

    text = find_by_name(pane, QPlainTextEdit, "Describe response (JSON)")
    assert "Équipe données" in text.toPlainText() and "\\u00e9" not in text.toPlainText()
    qtbot.mouseClick(find_by_name(pane, QPushButton, "Copy JSON"), Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert json.loads(copied)["ModelPackageDescription"] == written  # no-break space and U+2028 intact
    assert copied == json.dumps(pane.current_details().raw, indent=2, sort_keys=True, ensure_ascii=False)
