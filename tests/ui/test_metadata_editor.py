"""Editing a version's metadata and source URI: checked as typed, read back, shown at once, no
value overwritten unseen, no value in the log; and the overview's lifecycle and who-did-it rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from app import logs
from app.registry.accounts.sessions import session_for
from app.registry.governance.audit import user_of
from app.sandbox.history import CHURN, CHURN_PRODUCTION, CHURN_STAGING, version_arn
from app.ui import palette
from app.ui.versions.metadata_editor import CHECK, KEY, VALUE
from app.ui.versions.model import VersionsModel
from tests.ui.helpers import HeldCalls, find_by_name, spin_until, when_modal
from tests.ui.test_approval_window import cell, select
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group

STAGING = version_arn(CHURN, CHURN_STAGING, "us-east-1")
PRODUCTION = version_arn(CHURN, CHURN_PRODUCTION, "us-east-1")
SECRET_VALUE = "confidential-run-5521"
THEIR_VALUE = "their-confidential-7790"


@pytest.fixture
def debug_log(tmp_path):
    """The log as the application sets it up with --log-level DEBUG."""
    setup = logs.setup("DEBUG", directory=tmp_path / "log")
    yield setup
    setup.close()


def log_text(setup: logs.LogSetup) -> str:
    for handler in setup.handlers:
        handler.flush()
    return setup.path.read_text(encoding="utf-8")


def described(connection, arn: str) -> dict:
    return session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=arn)


def type_into(qtbot, dialog, row: int, column: int, text: str, *, enter: bool = True) -> None:
    """Type into a cell the way a person does: open its editor, replace the text, press Enter
    (unless `enter` is False: the editor stays open, as while the user is still typing)."""
    table = dialog.table
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editors = [w for w in table.findChildren(QLineEdit) if w.accessibleName() == "Metadata cell" and w.isVisible()]
    assert editors, "no cell editor opened"
    editor = editors[-1]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    if enter:
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def open_version(qtbot, window, arn: str) -> None:
    open_group(qtbot, window, CHURN)
    select(qtbot, window.versions_view, [arn])
    pane = window.details_pane
    qtbot.waitUntil(lambda: pane.current_details() is not None and pane.stack.currentWidget() is pane.tabs,
                    timeout=TIMEOUT)


def test_the_overview_shows_the_lifecycle_and_who_created_and_changed_the_version(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_version(qtbot, window, PRODUCTION)
        raw = described(connection, PRODUCTION)
        overview = window.details_pane.overview_tab
        assert find_by_name(overview, QLabel, "Stage").text() == "Production"
        assert find_by_name(overview, QLabel, "Stage status").text() == "Approved"
        assert find_by_name(overview, QLabel, "Stage description").text() == raw["ModelLifeCycle"]["StageDescription"]
        assert find_by_name(overview, QLabel, "Package status").text() == "Completed"
        assert find_by_name(overview, QLabel, "Created by").text() == user_of(raw["CreatedBy"]) == "root"
        assert find_by_name(overview, QLabel, "Last modified by").text() == "marco.ruiz"
        assert overview.source_uri.line.text() == raw["SourceUri"]
    finally:
        close(window)


def test_a_metadata_edit_reads_back_field_by_field_and_shows_in_the_details_at_once(
        qtbot, connection, qsettings, sandbox, debug_log):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_version(qtbot, window, STAGING)
        described_before = described(connection, STAGING)
        before = described_before["CustomerMetadataProperties"]
        assert {"git_commit", "training_job", "dataset_version"} <= set(before)
        uri = "s3://registry-desk-models-123456789012/churn-prediction/v44/source.tar.gz"
        seen: dict = {}

        def act(dialog):
            qtbot.waitUntil(lambda: dialog.hint.text() != "Reading the API's limits…", timeout=TIMEOUT)
            assert not dialog.save_button.isEnabled()  # nothing changed yet
            type_into(qtbot, dialog, dialog.row_of("training_job"), VALUE, SECRET_VALUE)  # change one
            dialog.table.selectRow(dialog.row_of("dataset_version"))
            find_by_name(dialog, QPushButton, "Remove key").click()  # remove one
            find_by_name(dialog, QPushButton, "Add key").click()  # add one
            row = dialog.table.rowCount() - 1
            type_into(qtbot, dialog, row, KEY, "reviewer")
            type_into(qtbot, dialog, row, VALUE, "priya.shah")
            qtbot.keyClicks(find_by_name(dialog, QLineEdit, "Source URI"), uri)
            assert dialog.hint.text() == "To save: 2 keys set, 1 key removed."
            find_by_name(dialog, QPushButton, "Save").click()
            seen["closed"] = spin_until(lambda: not dialog.isVisible(), TIMEOUT)

        modal = when_modal(qtbot, act)
        window.actions_by_name["edit_metadata"].trigger()  # Version > Edit Metadata…
        modal.check()
        assert seen["closed"]

        # Shown at once: the details pane follows the store, no read needed.
        pane = window.details_pane
        expected = {k: v for k, v in before.items() if k != "dataset_version"}
        expected.update(training_job=SECRET_VALUE, reviewer="priya.shah")
        assert dict(pane.metadata_tab.customer_metadata.rows()) == expected
        assert pane.overview_tab.source_uri.line.text() == uri

        after = described(connection, STAGING)  # read back with boto3, field by field
        assert after["CustomerMetadataProperties"] == expected
        for key, value in expected.items():
            assert after["CustomerMetadataProperties"][key] == value
        assert "dataset_version" not in after["CustomerMetadataProperties"]
        assert after["SourceUri"] == uri
        assert after["ModelLifeCycle"] == described_before["ModelLifeCycle"]  # nothing else touched
        assert after["ModelApprovalStatus"] == described_before["ModelApprovalStatus"]

        # Who changed it last shows at once in the table, and in the group's cached rows when revisited
        # (its fresh listing and every describe held back, so what shows is what the store kept).
        view = window.versions_view
        editor_name = user_of(after["LastModifiedBy"])
        assert editor_name and editor_name != user_of(described_before["LastModifiedBy"])
        assert cell(view, STAGING, VersionsModel.MODIFIED_BY) == editor_name
        group_arn = view.group().arn
        open_group(qtbot, window, "fraud-detection")
        client = session_for(connection).client("sagemaker")
        with HeldCalls(client, "ListModelPackages") as listing, HeldCalls(client, "DescribeModelPackage"):
            assert window.groups_view.select_arn(group_arn)
            qtbot.waitUntil(lambda: view.group().arn == group_arn and view.model.row_for(STAGING) is not None,
                            timeout=TIMEOUT)
            assert view.model.loading  # the cached view, not the fresh listing
            assert cell(view, STAGING, VersionsModel.MODIFIED_BY) == editor_name
            select(qtbot, view, [STAGING])
            qtbot.waitUntil(lambda: pane.current_details() is not None and pane.stack.currentWidget() is pane.tabs,
                            timeout=TIMEOUT)
            assert dict(pane.metadata_tab.customer_metadata.rows()) == expected
            with qtbot.waitSignal(view.loadFinished, timeout=TIMEOUT):
                listing.release()
    finally:
        close(window)
    text = log_text(debug_log)
    assert "UpdateModelPackage" in text  # the DEBUG log did record the write
    assert SECRET_VALUE not in text


def test_an_invalid_key_is_refused_with_a_message_before_any_call(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    client = session_for(connection).client("sagemaker")
    try:
        open_version(qtbot, window, STAGING)
        seen: dict = {}
        with HeldCalls(client, "UpdateModelPackage") as updates:

            def act(dialog):
                qtbot.waitUntil(lambda: dialog.hint.text() != "Reading the API's limits…", timeout=TIMEOUT)
                find_by_name(dialog, QPushButton, "Add key").click()
                row = dialog.table.rowCount() - 1
                type_into(qtbot, dialog, row, KEY, "team#", enter=False)
                seen["while typing"] = dialog.row_problem(row)  # checked before the cell is left
                type_into(qtbot, dialog, row, KEY, "team#1")
                type_into(qtbot, dialog, row, VALUE, "x" * 257)
                seen["key problem"] = dialog.row_problem(row)
                seen["colour"] = dialog.table.item(row, CHECK).foreground().color().name()
                seen["save enabled"] = dialog.save_button.isEnabled()
                find_by_name(dialog, QPushButton, "Save").click()  # disabled: nothing happens
                type_into(qtbot, dialog, row, KEY, "team-1")
                seen["value problem"] = dialog.row_problem(row)
                type_into(qtbot, dialog, row, VALUE, "growth")
                seen["fixed"] = (dialog.row_problem(row), dialog.save_button.isEnabled())
                find_by_name(dialog, QPushButton, "Cancel").click()  # typed rows are not thrown away unasked
                seen["asked"] = dialog.question is not None and dialog.question.isVisible()
                find_by_name(dialog.question, QPushButton, "Keep editing").click()
                seen["kept"] = dialog.isVisible() and dialog.rows()[-1] == ("team-1", "growth")
                find_by_name(dialog, QPushButton, "Cancel").click()
                find_by_name(dialog.question, QPushButton, "Discard").click()
                seen["closed"] = spin_until(lambda: not dialog.isVisible(), TIMEOUT)

            modal = when_modal(qtbot, act)
            window.details_pane.tabs.setCurrentWidget(window.details_pane.metadata_tab)
            find_by_name(window.details_pane.metadata_tab, QPushButton, "Edit metadata").click()
            modal.check()
            assert updates.count() == 0
        assert "remove '#'" in seen["while typing"]
        assert seen["save enabled"] is False
        assert seen["colour"] == palette.colour(palette.ERROR_TEXT).name()  # marked in red, as the hint says
        assert "metadata key" in seen["key problem"] and "remove '#'" in seen["key problem"]
        assert "Shorten the metadata value to at most 256 characters" in seen["value problem"]
        assert seen["fixed"] == ("", True)
        assert seen["asked"] and seen["kept"] and seen["closed"]
        assert "team-1" not in described(connection, STAGING)["CustomerMetadataProperties"]
    finally:
        close(window)


def test_a_key_someone_else_changed_meanwhile_is_shown_before_anything_is_overwritten(
        qtbot, connection, qsettings, sandbox, debug_log):
    window = make_window(qtbot, connection, qsettings)
    client = session_for(connection).client("sagemaker")
    try:
        open_version(qtbot, window, STAGING)
        before = described(connection, STAGING)["CustomerMetadataProperties"]
        seen: dict = {}

        def act(dialog):
            qtbot.waitUntil(lambda: dialog.hint.text() != "Reading the API's limits…", timeout=TIMEOUT)
            # Someone else changes training_job and dataset_version while the dialog is open.
            client.update_model_package(ModelPackageArn=STAGING, CustomerMetadataProperties={
                "training_job": THEIR_VALUE, "dataset_version": "2025-01-01"})
            type_into(qtbot, dialog, dialog.row_of("training_job"), VALUE, SECRET_VALUE)
            find_by_name(dialog, QPushButton, "Save").click()
            spin_until(lambda: not dialog.is_saving(), TIMEOUT)
            seen["open"] = dialog.isVisible()
            seen["banner"] = find_by_name(dialog, QLabel, "Metadata error").text()
            seen["mine kept"] = dialog.table.item(dialog.row_of("training_job"), VALUE).text()
            seen["theirs named"] = dialog.row_problem(dialog.row_of("training_job"))
            seen["untouched takes theirs"] = dialog.table.item(dialog.row_of("dataset_version"), VALUE).text()
            seen["on AWS meanwhile"] = described(connection, STAGING)["CustomerMetadataProperties"]
            find_by_name(dialog, QPushButton, "Save").click()  # now seen: mine goes in
            seen["closed"] = spin_until(lambda: not dialog.isVisible(), TIMEOUT)

        modal = when_modal(qtbot, act)
        window.actions_by_name["edit_metadata"].trigger()
        modal.check()
        assert seen["open"]
        assert "'training_job'" in seen["banner"] and "nothing was saved" in seen["banner"]
        assert seen["mine kept"] == SECRET_VALUE
        assert THEIR_VALUE in seen["theirs named"]
        assert seen["untouched takes theirs"] == "2025-01-01"
        assert seen["on AWS meanwhile"]["training_job"] == THEIR_VALUE  # nothing overwritten unseen
        assert seen["on AWS meanwhile"]["git_commit"] == before["git_commit"]
        assert seen["closed"]
        after = described(connection, STAGING)["CustomerMetadataProperties"]
        assert after == {**before, "training_job": SECRET_VALUE, "dataset_version": "2025-01-01"}
        assert dict(window.details_pane.metadata_tab.customer_metadata.rows()) == after
    finally:
        close(window)
    text = log_text(debug_log)
    for value in (SECRET_VALUE, THEIR_VALUE):
        assert value not in text


def test_the_edit_action_needs_exactly_one_version(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        action = window.actions_by_name["edit_metadata"]
        assert not action.isEnabled()
        select(qtbot, window.versions_view, [STAGING, PRODUCTION])
        assert not action.isEnabled()
        select(qtbot, window.versions_view, [STAGING])
        assert action.isEnabled()
        assert QApplication.activeModalWidget() is None
    finally:
        close(window)


def test_a_source_uri_someone_else_changed_meanwhile_is_named_before_it_is_replaced(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    client = session_for(connection).client("sagemaker")
    theirs, mine = "s3://bucket-of-theirs/source.tar.gz", "s3://bucket-of-mine/source.tar.gz"
    try:
        open_version(qtbot, window, PRODUCTION)
        seen: dict = {}

        def act(dialog):
            qtbot.waitUntil(lambda: dialog.hint.text() != "Reading the API's limits…", timeout=TIMEOUT)
            client.update_model_package(ModelPackageArn=PRODUCTION, SourceUri=theirs)
            field = find_by_name(dialog, QLineEdit, "Source URI")
            field.selectAll()
            qtbot.keyClicks(field, mine)
            find_by_name(dialog, QPushButton, "Save").click()
            spin_until(lambda: not dialog.is_saving(), TIMEOUT)
            seen["open"] = dialog.isVisible()
            seen["field"] = field.text()
            seen["note"] = find_by_name(dialog, QLabel, "Source URI check").text()
            seen["on AWS meanwhile"] = described(connection, PRODUCTION)["SourceUri"]
            find_by_name(dialog, QPushButton, "Save").click()
            seen["closed"] = spin_until(lambda: not dialog.isVisible(), TIMEOUT)

        modal = when_modal(qtbot, act)
        window.actions_by_name["edit_metadata"].trigger()
        modal.check()
        assert seen["open"] and seen["field"] == mine
        assert theirs in seen["note"]
        assert seen["on AWS meanwhile"] == theirs
        assert seen["closed"]
        assert described(connection, PRODUCTION)["SourceUri"] == mine
        assert window.details_pane.overview_tab.source_uri.line.text() == mine
    finally:
        close(window)
