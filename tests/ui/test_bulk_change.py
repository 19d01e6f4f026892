"""The bulk change dialog against the sandbox: preview, bounded calls, per-version results, Cancel.

Driven with the real governance function it is built for (bulk_set_lifecycle), read back with
boto3 field by field.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMessageBox, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.governance.lifecycle import LifeCycle, bulk_set_lifecycle, lifecycle_of
from app.registry.versions.describe import iter_version_pages
from app.registry.versions.records import VersionSummary
from app.ui.versions.bulk_change import BulkChangeDialog, PlannedChange, Skipped
from tests.ui.helpers import HeldCalls, find_by_name

TIMEOUT = 15000
PRODUCTION = LifeCycle("Production", "Approved", "Shadow test passed")


def churn(connection) -> list[VersionSummary]:
    return sorted((v for page in iter_version_pages(session_for(connection), "churn-prediction") for v in page),
                  key=lambda v: v.version)


def lifecycle_in_aws(connection, arn: str) -> dict:
    return session_for(connection).client("sagemaker").describe_model_package(
        ModelPackageName=arn).get("ModelLifeCycle", {})


def texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


@pytest.fixture
def open_dialog(qtbot):
    opened: list[BulkChangeDialog] = []

    def make(connection, versions: list[VersionSummary], lifecycle: LifeCycle = PRODUCTION) -> BulkChangeDialog:
        dialog = BulkChangeDialog(connection, title="Set the lifecycle of versions", apply_text="Set %1",
                                  done_text="%1 changed", change=bulk_set_lifecycle,
                                  options={"lifecycle": lifecycle}, read_back=True)
        changes = [PlannedChange(v.arn, v.version, f"{v.stage} / {v.stage_status}" if v.stage else "",
                                 str(lifecycle)) for v in versions if v.stage != lifecycle.stage]
        skipped = [Skipped(v.arn, v.version, f"already {lifecycle}") for v in versions if v.stage == lifecycle.stage]
        dialog.set_plan(changes, skipped)
        qtbot.addWidget(dialog)
        dialog.show()
        opened.append(dialog)
        return dialog

    yield make
    for dialog in opened:
        dialog.done(0)  # closed by its owner: its work must stop too


def wait_done(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_running()
                    and find_by_name(dialog, QPushButton, "Close").isEnabled(), timeout=TIMEOUT)


def question_of(dialog) -> QMessageBox:
    shown = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    assert shown, "no question was asked"
    return shown[0]


def test_the_preview_lists_each_change_and_the_skipped_ones(qtbot, connection, open_dialog):
    versions = churn(connection)
    staged = {v.version: v for v in versions if v.stage}
    chosen = [staged[44], staged[43], staged[40]]  # Staging, Development, Production (seeded)
    dialog = open_dialog(connection, chosen)
    listed = texts(find_by_name(dialog, QListWidget, "Changes"))
    assert listed[0] == f"Version 44  {staged[44].stage} / {staged[44].stage_status} → Production / Approved"
    assert listed[1].startswith("Version 43  Development / ")
    assert listed[2] == "Version 40  already Production / Approved — skipped"
    assert find_by_name(dialog, QPushButton, "Apply").text() == "Set 2"


def test_one_version_deleted_behind_the_apps_back_fails_alone_and_the_others_read_back(
        qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection) if not v.stage][:4]
    gone = chosen[1]
    session_for(connection).client("sagemaker").delete_model_package(ModelPackageName=gone.arn)
    dialog = open_dialog(connection, chosen)
    written, missing = [], []
    dialog.versionWritten.connect(written.append)
    dialog.versionMissing.connect(missing.append)
    qtbot.mouseClick(find_by_name(dialog, QPushButton, "Apply"), Qt.MouseButton.LeftButton)
    wait_done(qtbot, dialog)

    assert find_by_name(dialog, QLabel, "Summary").text() == "3 changed, 1 failed"
    results = texts(find_by_name(dialog, QListWidget, "Results"))
    assert results[1].startswith(f"✗ Version {gone.version}: ")  # in the preview's order, named
    assert missing == [gone.arn]  # it leaves the table (store.remove)
    for v in chosen:
        if v is gone:
            continue
        found = lifecycle_in_aws(connection, v.arn)
        assert (found["Stage"], found["StageStatus"], found["StageDescription"]) == (
            "Production", "Approved", "Shadow test passed")
    # Each success read back, as the store takes it: the new stage shows at once.
    assert sorted(d.arn for d in written) == sorted(v.arn for v in chosen if v is not gone)
    assert all(lifecycle_of(d.raw) == PRODUCTION for d in written)
    assert not find_by_name(dialog, QPushButton, "Retry the failed ones").isVisible()  # gone: nothing to retry


def test_cancel_mid_run_asks_then_stops_the_versions_not_sent(qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection) if not v.stage]
    assert len(chosen) > 8  # more than the calls in flight at once
    with HeldCalls(session_for(connection).client("sagemaker"), "UpdateModelPackage") as held:
        dialog = open_dialog(connection, chosen)
        qtbot.mouseClick(find_by_name(dialog, QPushButton, "Apply"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: held.count() >= 1, timeout=TIMEOUT)

        qtbot.mouseClick(find_by_name(dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)
        question = question_of(dialog)
        assert question.text() == "Stop after the calls already sent?"
        assert dialog.is_running()  # asked first: nothing stopped yet
        qtbot.mouseClick(find_by_name(question, QPushButton, "Keep going"), Qt.MouseButton.LeftButton)
        assert dialog.is_running() and dialog.isVisible()

        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc asks too
        qtbot.mouseClick(find_by_name(question_of(dialog), QPushButton, "Stop"), Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.is_running()  # waiting for the calls already sent
        held.release()
        wait_done(qtbot, dialog)
        sent = {params["ModelPackageArn"] for params in held.entered}

    results = dialog.results()
    assert len(results) == len(chosen)
    changed = {r.arn for r in results if r.ok}
    assert changed == sent and 0 < len(sent) < len(chosen)  # nothing went out after Stop
    summary = find_by_name(dialog, QLabel, "Summary").text()
    assert summary == f"{len(sent)} changed, {len(chosen) - len(sent)} cancelled"
    for v in chosen:
        assert lifecycle_in_aws(connection, v.arn).get("Stage") == ("Production" if v.arn in sent else None)


def test_what_lands_shows_in_the_table_at_once_and_a_gone_version_leaves_it(qtbot, connection, qsettings, sandbox):
    from tests.ui.test_main_window import close, make_window, open_group

    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "churn-prediction")
    rows = {v.arn: v for v in window.versions_view.model.rows()}
    chosen = [v for v in churn(connection) if not v.stage][:3]
    gone = chosen[0]
    session_for(connection).client("sagemaker").delete_model_package(ModelPackageName=gone.arn)
    assert gone.arn in rows and all(rows[v.arn].stage == "" for v in chosen)

    dialog = BulkChangeDialog(connection, window, title="Set lifecycle", apply_text="Set %1", done_text="%1 changed",
                              change=bulk_set_lifecycle, options={"lifecycle": PRODUCTION}, read_back=True)
    dialog.set_plan([PlannedChange(v.arn, v.version, "", str(PRODUCTION)) for v in chosen])
    window.flows.follow_bulk(dialog)
    dialog.show()
    dialog.apply()
    wait_done(qtbot, dialog)
    # Before the dialog closes: the table, the store and a details read all follow.
    shown = {v.arn: v for v in window.versions_view.model.rows()}
    assert gone.arn not in shown and gone.arn not in window.store
    for v in chosen[1:]:
        assert (shown[v.arn].stage, shown[v.arn].stage_status) == ("Production", "Approved")
        assert lifecycle_of(window.store.details(v.arn).raw) == PRODUCTION
    dialog.accept()
    close(window)
