"""The Audit tab and the timeline exports, against the sandbox's own CloudTrail: a scripted
history by two people reads in order with its actors, the fallback says why, and the CSV
written from the UI holds one row per event and no value a version keeps secret."""

from __future__ import annotations

import csv
import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QProgressBar, QProgressDialog, QPushButton, QTabWidget, QWidget

from app import logs, tasks
from app.registry.accounts.sessions import session_for
from app.registry.governance.audit import CSV_COLUMNS, version_timeline
from app.registry.versions.describe import describe_version
from app.registry.versions.groups import GroupSummary, aware
from app.registry.versions.records import APPROVED, VersionSummary
from app.sandbox.session import sandbox_client
from app.ui.settings import Settings
from app.ui.versions.audit_export import GroupTimelineExport
from app.ui.versions.details import DetailsPane
from app.ui.workspace import Workspace
from tests.ui.helpers import HeldCalls, find_by_name, image_of, version_spec, when_modal

TIMEOUT = 15000
GROUP = "audit-trail"
TEAM_VALUE = "team-value-secret-5521"  # metadata values: never on screen, in a file or the log
OWNER_VALUE = "owner-value-secret-9034"
COMMENT = "AUC 0.91 on the 2026 holdout"


def user_client(endpoint_url: str, name: str):
    """SageMaker as an IAM user of the sandbox's account, with the user's own keys."""
    iam = sandbox_client(endpoint_url, "iam")
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return sandbox_client(endpoint_url, "sagemaker", credentials={
        "aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]})


@pytest.fixture
def history(connection):
    """One version's life: created (by the account), approved with a comment by ana.lopez, moved
    to Production by tom.berg, its metadata edited by ana.lopez. Returns the version's ARN."""
    client = session_for(connection).client("sagemaker")
    client.create_model_package_group(ModelPackageGroupName=GROUP)
    arn = client.create_model_package(
        ModelPackageGroupName=GROUP, InferenceSpecification=version_spec(image_of("audit")),
        ModelApprovalStatus="PendingManualApproval", CustomerMetadataProperties={"team": TEAM_VALUE},
    )["ModelPackageArn"]
    ana, tom = (user_client(connection.endpoint_url, name) for name in ("ana.lopez", "tom.berg"))
    ana.update_model_package(ModelPackageArn=arn, ModelApprovalStatus=APPROVED, ApprovalDescription=COMMENT)
    tom.update_model_package(ModelPackageArn=arn, ModelLifeCycle={
        "Stage": "Production", "StageStatus": "Approved", "StageDescription": "Serving all traffic"})
    ana.update_model_package(ModelPackageArn=arn, CustomerMetadataProperties={"owner": OWNER_VALUE},
                             CustomerMetadataPropertiesToRemove=["team"])
    return arn


EXPECTED = [
    ["root", "Created as Pending"],
    ["ana.lopez", f"Approval: Pending → Approved; comment “{COMMENT}”"],
    ["tom.berg", "Lifecycle: Production (Approved)"],
    ["ana.lopez", "Metadata keys set: owner; Metadata keys removed: team"],
]


@pytest.fixture
def pane(qtbot, connection, qsettings):
    workspace = Workspace(connection, sandbox_endpoint=connection.endpoint_url)
    pane = DetailsPane(workspace, Settings("sandbox", backing=qsettings))
    qtbot.addWidget(pane)
    pane.resize(1000, 600)
    pane.show()
    yield pane
    pane.shutdown()


@pytest.fixture
def debug_log(tmp_path):
    setup = logs.setup("DEBUG", directory=tmp_path / "logs")
    yield setup
    setup.close()


def log_text(setup: logs.LogSetup) -> str:
    for handler in setup.handlers:
        handler.flush()
    assert setup.path is not None
    return setup.path.read_text(encoding="utf-8")


def summary_of(connection, arn: str) -> VersionSummary:
    d = describe_version(session_for(connection), arn)
    return VersionSummary(arn=arn, group=d.group, version=d.version, status=d.status, description="",
                          created=d.created, package_status="Completed")


def open_audit(qtbot, pane: DetailsPane, connection, arn: str) -> None:
    pane.show_versions([summary_of(connection, arn)])
    qtbot.waitUntil(lambda: pane.current_details() is not None, timeout=TIMEOUT)
    tabs = find_by_name(pane, QTabWidget, "Version details")
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Audit"))
    qtbot.waitUntil(lambda: pane.audit_tab.timeline() is not None, timeout=TIMEOUT)


def who_and_what(pane: DetailsPane) -> list[list[str]]:
    return [row[1:] for row in pane.audit_tab.table.displayed_rows()]


def source_line(pane: DetailsPane) -> str:
    return find_by_name(pane, QLabel, "Timeline source").text()


def test_a_scripted_history_shows_in_order_with_its_actors(qtbot, pane, connection, history):
    open_audit(qtbot, pane, connection, history)

    assert source_line(pane) == "From CloudTrail"
    assert who_and_what(pane) == EXPECTED
    shown = str(pane.audit_tab.table.displayed_rows())
    assert TEAM_VALUE not in shown and OWNER_VALUE not in shown


def test_the_timeline_is_read_only_when_the_tab_is_shown_and_says_it_is_reading(
    qtbot, pane, connection, history
):
    cloudtrail = session_for(connection).client("cloudtrail")
    with HeldCalls(cloudtrail, "LookupEvents") as lookups:
        pane.show_versions([summary_of(connection, history)])
        qtbot.waitUntil(lambda: pane.current_details() is not None, timeout=TIMEOUT)
        qtbot.wait(200)
        assert lookups.count() == 0  # on the Overview tab: CloudTrail is not asked
        tabs = find_by_name(pane, QTabWidget, "Version details")
        tabs.setCurrentWidget(pane.audit_tab)
        qtbot.waitUntil(lambda: lookups.count() == 1, timeout=TIMEOUT)
        assert source_line(pane) == "Reading the timeline…"
        assert find_by_name(pane, QProgressBar, "Reading the timeline").isVisible()
        assert not find_by_name(pane, QPushButton, "Export Timeline").isEnabled()
        lookups.release()
        qtbot.waitUntil(lambda: pane.audit_tab.timeline() is not None, timeout=TIMEOUT)
    assert source_line(pane) == "From CloudTrail"
    assert not find_by_name(pane, QProgressBar, "Reading the timeline").isVisible()
    assert find_by_name(pane, QPushButton, "Export Timeline").isEnabled()
    tabs.setCurrentIndex(0)
    tabs.setCurrentWidget(pane.audit_tab)  # back to it, nothing changed: no second lookup
    assert lookups.count() == 1


def test_an_approval_made_in_the_app_shows_in_the_open_timeline(qtbot, pane, connection, history):
    open_audit(qtbot, pane, connection, history)
    # As the approval dialog does: the write, then the change into the store every view follows.
    session_for(connection).client("sagemaker").update_model_package(
        ModelPackageArn=history, ModelApprovalStatus="Rejected", ApprovalDescription="Drift on EU traffic")
    pane.store.apply_change(history, status="Rejected", comment="Drift on EU traffic")

    qtbot.waitUntil(lambda: len(who_and_what(pane)) == len(EXPECTED) + 1, timeout=TIMEOUT)
    assert who_and_what(pane)[-1] == ["root", "Approval: Approved → Rejected; comment “Drift on EU traffic”"]


class DenyLookups:
    """CloudTrail refuses this profile: every LookupEvents is answered AccessDenied, as AWS does
    when the caller lacks cloudtrail:LookupEvents."""

    EVENT = "before-call.cloudtrail.LookupEvents"

    def __init__(self, client):
        self._client = client
        client.meta.events.register(self.EVENT, self._answer)

    def _answer(self, **_kwargs):
        class Response:
            status_code = 400
            headers: dict = {}
            content = b""

        message = ("User: arn:aws:iam::123456789012:user/desk is not authorized to perform: "
                   "cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action")
        return Response(), {"Error": {"Code": "AccessDeniedException", "Message": message},
                            "ResponseMetadata": {"HTTPStatusCode": 400}}

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self._client.meta.events.unregister(self.EVENT, self._answer)


def test_without_cloudtrail_the_tab_says_where_its_events_come_from_and_why(qtbot, pane, connection, history):
    with DenyLookups(session_for(connection).client("cloudtrail")):
        open_audit(qtbot, pane, connection, history)

    line = source_line(pane)
    assert line.startswith("From the version's CreatedBy / LastModifiedBy: CloudTrail could not be read (")
    assert "cloudtrail:LookupEvents" in line
    assert who_and_what(pane) == [
        ["root", "Created"],
        ["ana.lopez", "Last modified (what changed is known only to CloudTrail)"],
    ]


def answer_save_dialog(qtbot, path, opened: list[str]):
    def save_as(dialog: QFileDialog) -> None:
        opened.append(dialog.directory().absolutePath())
        dialog.selectFile(str(path))
        dialog.accept()

    return when_modal(qtbot, save_as)


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_the_exported_timeline_has_a_header_and_one_row_per_event_and_no_secret(
    qtbot, pane, connection, history, tmp_path, debug_log, qsettings
):
    logging.getLogger("app").debug("the log is written")  # the log file exists however the test goes
    open_audit(qtbot, pane, connection, history)
    Settings("sandbox", backing=qsettings).set_last_folder("audit", str(tmp_path))
    target = tmp_path / "out" / "timeline.csv"
    target.parent.mkdir()
    opened: list[str] = []
    outcome = answer_save_dialog(qtbot, target, opened)
    with qtbot.waitSignal(pane.audit_tab.statusMessage, timeout=TIMEOUT) as said:
        qtbot.mouseClick(find_by_name(pane, QPushButton, "Export Timeline"), Qt.MouseButton.LeftButton)
    outcome.check()

    assert opened == [str(tmp_path)]  # the folder last exported to
    assert said.args == [f"Wrote 4 events to {target}"]
    rows = read_csv(target)
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + len(EXPECTED) == 1 + pane.audit_tab.table.model().rowCount()
    assert [(r[0], r[2], r[5]) for r in rows[1:]] == [
        (history, who, "cloudtrail") for who, _what in EXPECTED]
    assert Settings("sandbox", backing=qsettings).last_folder("audit") == str(target.parent)
    written = target.read_text(encoding="utf-8") + log_text(debug_log)
    for secret in (TEAM_VALUE, OWNER_VALUE, "HIDDEN_DUE_TO_SECURITY_REASONS"):
        assert secret not in written


@pytest.fixture
def group_export(qtbot, connection, qsettings):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    said: dict[str, list[str]] = {"told": [], "failed": []}
    group = GroupSummary(name=GROUP, arn=f"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/{GROUP}",
                         description="", created=aware(None), status="Completed", account_id="123456789012",
                         shared=False)
    workspace = Workspace(connection, sandbox_endpoint=connection.endpoint_url)
    export = GroupTimelineExport(window, workspace, Settings("sandbox", backing=qsettings), lambda: group,
                                 tell=said["told"].append, fail=said["failed"].append)
    yield export, group, said
    export.shutdown()


def test_a_groups_timeline_exports_every_version_even_deleted_ones_one_row_per_event(
    qtbot, connection, history, group_export, tmp_path
):
    export, _group, said = group_export
    client = session_for(connection).client("sagemaker")
    second, deleted = (client.create_model_package(
        ModelPackageGroupName=GROUP, InferenceSpecification=version_spec(image_of("audit")))["ModelPackageArn"]
        for _ in range(2))
    client.delete_model_package(ModelPackageName=deleted)
    target = tmp_path / "group.csv"
    outcome = answer_save_dialog(qtbot, target, [])
    export.export_interactively()
    outcome.check()
    qtbot.waitUntil(lambda: bool(said["told"] or said["failed"]), timeout=TIMEOUT)

    assert said == {"told": [f"Wrote 7 events to {target} (3 versions)"], "failed": []}
    rows = read_csv(target)
    assert rows[0] == list(CSV_COLUMNS)
    session = session_for(connection)
    expected = [(arn, e.actor, e.action) for arn in (history, second, deleted)
                for e in version_timeline(session, arn).events]
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == expected and len(expected) == 7
    assert rows[-1][3:5] == ["DeleteModelPackage", "deleted"]
    assert OWNER_VALUE not in target.read_text(encoding="utf-8")


def test_cancelling_a_group_export_writes_nothing_and_says_so(qtbot, connection, history, group_export, tmp_path):
    export, group, said = group_export
    target = tmp_path / "group.csv"
    with HeldCalls(session_for(connection).client("cloudtrail"), "LookupEvents") as lookups:
        export.start(group, str(target))
        qtbot.waitUntil(lambda: lookups.count() == 1, timeout=TIMEOUT)
        dialog = export.progress
        assert isinstance(dialog, QProgressDialog) and dialog.isVisible()
        qtbot.mouseClick(find_by_name(dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)
    assert tasks.wait_for_threads(10)  # the read held when Cancel was pressed has ended

    assert said["told"] == [f"Export of {GROUP}'s timeline cancelled: nothing was written."]
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert export.progress is None


def test_a_group_export_that_cannot_be_written_says_what_and_where(qtbot, history, group_export, tmp_path):
    export, group, said = group_export
    target = tmp_path / "no-such-folder" / "group.csv"
    export.start(group, str(target))
    qtbot.waitUntil(lambda: bool(said["failed"]), timeout=TIMEOUT)

    (message,) = said["failed"]
    assert message.startswith(f"The group's timeline could not be exported to {target}: ")
    assert "No such file or directory" in message
