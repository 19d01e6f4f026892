"""A new user's governance round in the sandbox, through the window's own actions and dialogs:
a version moved to Production, its model card edited and approved, a metadata key removed, two
old versions deleted, a scratch group emptied and deleted; then the Audit tab and both CSV exports
tell all of it. Each step is read back with boto3; boto3 never does a step."""

from __future__ import annotations

import csv
import json

from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QMessageBox, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.governance.audit import CSV_COLUMNS
from app.registry.versions.records import PENDING
from app.sandbox.history import CHURN, CHURN_STAGING, ENGINEER, version_arn
from app.ui.versions.details import DetailsPane
from tests.ui.helpers import find_by_name, image_of, make_group, spin_until, when_modal
from tests.ui.test_approval_window import select
from tests.ui.test_groups_empty import own_group_names, wait_planned
from tests.ui.test_lifecycle_dialog import TARGET as PRODUCTION
from tests.ui.test_lifecycle_dialog import type_lifecycle, wait_rules
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group

STAGING = version_arn(CHURN, CHURN_STAGING, "us-east-1")
SCRATCH = "scratch-journey"
OWNER = "retention-ml@example.com"
REMOVED_KEY = "dataset_version"


def described(sagemaker, arn: str = STAGING) -> dict:
    return sagemaker.describe_model_package(ModelPackageName=arn)


def open_version(qtbot, window, arn: str = STAGING) -> None:
    open_group(qtbot, window, CHURN)
    select(qtbot, window.versions_view, [arn])
    pane = window.details_pane
    qtbot.waitUntil(lambda: pane.current_details() is not None and pane.current_details().arn == arn,
                    timeout=TIMEOUT)


def run_modal(qtbot, window, action: str, act) -> None:
    """Trigger the window's `action` and let `act(dialog)` drive the dialog it opens."""
    modal = when_modal(qtbot, act)
    window.actions_by_name[action].trigger()
    modal.check()


def move_to_production(qtbot, window) -> None:
    def act(dialog):
        wait_rules(dialog)
        type_lifecycle(dialog, PRODUCTION)
        find_by_name(dialog, QPushButton, "Apply").click()
        assert spin_until(lambda: not dialog.is_running() and len(dialog.results()) == 1, TIMEOUT)
        assert dialog.results()[0].ok
        dialog.accept()

    run_modal(qtbot, window, "set_lifecycle", act)
    row = window.versions_view.model.row_for(STAGING)
    assert (row.stage, row.stage_status) == ("Production", "Approved")  # the table shows it at once


def edit_card_and_approve(qtbot, window) -> str:
    """Edit the Draft card's owner, submit it for review, approve it (confirming): the JSON saved."""
    pane = window.details_pane
    pane.tabs.setCurrentIndex(DetailsPane.CARD)
    tab = pane.card_tab
    qtbot.waitUntil(lambda: tab.schema is not None and tab.badge.text() == "Draft", timeout=TIMEOUT)
    tab.edit_button.click()
    editor = tab.editor
    owner = find_by_name(editor.form, QLineEdit, "Owner")
    owner.setText(OWNER)
    owner.textEdited.emit(OWNER)  # as typing does
    find_by_name(editor.form, QComboBox, "Risk rating").setCurrentIndex(1)  # High
    saw = editor.json_text.toPlainText()
    editor.save_button.click()
    qtbot.waitUntil(lambda: tab.editor is None, timeout=TIMEOUT)
    tab.move_buttons["PendingReview"].click()  # a step forward short of Approved: no question
    approve = tab.move_buttons["Approved"]  # enabled again once the move's call has ended
    qtbot.waitUntil(lambda: tab.badge.text() == "Pending review" and approve.isEnabled(), timeout=TIMEOUT)
    asked: list[str] = []

    def ok(box):
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    outcome = when_modal(qtbot, ok)
    approve.click()
    outcome.check()
    qtbot.waitUntil(lambda: tab.badge.text() == "Approved", timeout=TIMEOUT)
    assert asked == [f"The card of version {CHURN_STAGING} will read Approved: reviewed and fit for use."]
    return saw


def remove_metadata_key(qtbot, window) -> None:
    seen: dict = {}

    def act(dialog):
        qtbot.waitUntil(lambda: dialog.hint.text() != "Reading the API's limits…", timeout=TIMEOUT)
        dialog.table.selectRow(dialog.row_of(REMOVED_KEY))
        find_by_name(dialog, QPushButton, "Remove key").click()
        seen["hint"] = dialog.hint.text()
        find_by_name(dialog, QPushButton, "Save").click()
        seen["closed"] = spin_until(lambda: not dialog.isVisible(), TIMEOUT)

    run_modal(qtbot, window, "edit_metadata", act)
    assert seen == {"hint": "To save: 0 keys set, 1 key removed.", "closed": True}


def delete_two_old_versions(qtbot, window) -> list[str]:
    """The two oldest Pending versions with no stage: no typed name needed. Their ARNs."""
    old = sorted((v for v in window.versions_view.model.rows() if v.status == PENDING and not v.stage),
                 key=lambda v: v.version)[:2]
    arns = [v.arn for v in old]
    select(qtbot, window.versions_view, arns)

    def act(dialog):
        apply = find_by_name(dialog, QPushButton, "Apply")
        assert apply.text() == "Delete 2 versions" and apply.isEnabled()
        apply.click()
        assert spin_until(lambda: not dialog.is_running() and len(dialog.results()) == 2, TIMEOUT)
        assert all(result.ok for result in dialog.results())
        dialog.accept()

    run_modal(qtbot, window, "delete_versions", act)
    assert not {v.arn for v in window.versions_view.model.rows()} & set(arns)  # they left the table
    return arns


def empty_and_delete_scratch(qtbot, window) -> None:
    open_group(qtbot, window, SCRATCH)

    def act(dialog):
        wait_planned(dialog)
        find_by_name(dialog, QLineEdit, "Group name to confirm").setText(SCRATCH)
        find_by_name(dialog, QPushButton, "Apply").click()
        assert spin_until(lambda: not dialog.is_running() and dialog.deletion is not None, TIMEOUT)
        assert dialog.deletion.group_deleted
        dialog.accept()

    run_modal(qtbot, window, "empty_delete_group", act)
    qtbot.waitUntil(lambda: all(g.name != SCRATCH for g in window.groups_view.model.rows()), timeout=TIMEOUT)


def save_as(qtbot, path):
    def answer(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()

    return when_modal(qtbot, answer)


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(CSV_COLUMNS)
    return rows[1:]


def audit_and_export(qtbot, window, tmp_path) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """The Audit tab's rows (who, what), the version's CSV and the group's CSV."""
    open_version(qtbot, window)
    audit = window.details_pane.audit_tab
    window.details_pane.tabs.setCurrentWidget(audit)
    qtbot.waitUntil(lambda: audit.timeline() is not None, timeout=TIMEOUT)
    shown = [row[1:] for row in audit.table.displayed_rows()]
    mine, group = tmp_path / "v44.csv", tmp_path / "churn.csv"
    outcome = save_as(qtbot, mine)
    with qtbot.waitSignal(audit.statusMessage, timeout=TIMEOUT):
        find_by_name(audit, QPushButton, "Export Timeline").click()
    outcome.check()
    outcome = save_as(qtbot, group)
    window.actions_by_name["export_group_timeline"].trigger()
    outcome.check()
    qtbot.waitUntil(lambda: f"events to {group} (" in window.statusBar().currentMessage(), timeout=60000)
    return shown, read_csv(mine), read_csv(group)


def test_a_new_user_governs_a_version_and_the_audit_trail_tells_it_all(
        qtbot, connection, qsettings, sandbox, tmp_path):
    sagemaker = session_for(connection).client("sagemaker")
    make_group(connection, SCRATCH, 2, image_of("churn-xgboost"))  # setup only
    before = described(sagemaker)
    window = make_window(qtbot, connection, qsettings)
    try:
        open_version(qtbot, window)
        move_to_production(qtbot, window)
        saw = edit_card_and_approve(qtbot, window)
        remove_metadata_key(qtbot, window)
        deleted = delete_two_old_versions(qtbot, window)
        empty_and_delete_scratch(qtbot, window)
        shown, version_rows, group_rows = audit_and_export(qtbot, window, tmp_path)
    finally:
        close(window)

    after = described(sagemaker)  # read back, field by field
    assert after["ModelLifeCycle"] == {"Stage": "Production", "StageStatus": "Approved",
                                       "StageDescription": PRODUCTION.description}
    assert after["ModelCard"]["ModelCardStatus"] == "Approved"
    assert json.loads(after["ModelCard"]["ModelCardContent"]) == json.loads(saw)
    card = json.loads(after["ModelCard"]["ModelCardContent"])
    assert card["model_overview"]["model_owner"] == OWNER and card["intended_uses"]["risk_rating"] == "High"
    metadata = {k: v for k, v in before["CustomerMetadataProperties"].items() if k != REMOVED_KEY}
    assert after["CustomerMetadataProperties"] == metadata
    assert after["ModelApprovalStatus"] == before["ModelApprovalStatus"]  # nothing else touched
    listed = {s["ModelPackageArn"] for s in sagemaker.list_model_packages(
        ModelPackageGroupName=CHURN, MaxResults=100)["ModelPackageSummaryList"]}
    assert STAGING in listed and not set(deleted) & listed
    assert SCRATCH not in own_group_names(connection)

    # The Audit tab: the seeded past, then each change made here, in order, by who made it.
    assert shown[:2] == [["root", "Created"], [ENGINEER, "Lifecycle: Staging (InProgress); Model card: Draft; "
                                                          "Model card content changed"]]
    assert shown[2:] == [
        ["root", "Lifecycle: Staging (InProgress) → Production (Approved)"],
        ["root", "Model card still Draft; Model card content changed"],  # the save keeps the status
        ["root", "Model card: Draft → PendingReview"],
        ["root", "Model card: PendingReview → Approved"],
        ["root", f"Metadata keys removed: {REMOVED_KEY}"],
    ]
    secret = before["CustomerMetadataProperties"][REMOVED_KEY]
    # The CSVs: one row per event, the version's as shown; the group's with the two deletions too.
    assert len(version_rows) == len(shown) and {r[0] for r in version_rows} == {STAGING}
    assert [r[2:5] for r in version_rows[2:]] == [
        ["root", "UpdateModelPackage", "stage: Production / Approved"],
        ["root", "UpdateModelPackage", "model card: Draft; model card content changed"],
        ["root", "UpdateModelPackage", "model card: PendingReview"],
        ["root", "UpdateModelPackage", "model card: Approved"],
        ["root", "UpdateModelPackage", f"metadata removed: {REMOVED_KEY}"],
    ]
    assert [r for r in group_rows if r[0] == STAGING] == version_rows
    for arn in deleted:
        assert [r[3:5] for r in group_rows if r[0] == arn][-1] == ["DeleteModelPackage", "deleted"]
    said = [what for _who, what in shown] + [r[4] for r in version_rows + group_rows]
    assert not [text for text in said if secret in text]  # keys only, never values
