"""The group details, used as a person would: select a group, read it, copy its ARN, change its
tags, read whom its policy lets in; everything checked against the sandbox with boto3."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QMessageBox

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.sandbox.seed import TRAINING_ACCOUNT_ID, training_credentials, training_role_arn
from app.ui.groups.details_view import GroupDetailsView
from app.ui.workspace import ConnectionChoice
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group

CHURN = "churn-prediction"


def _training_choice(connection: Connection) -> ConnectionChoice:
    keys = training_credentials(connection.endpoint_url)
    training = Connection(profile=None, region=connection.region, endpoint_url=connection.endpoint_url,
                          access_key_id=keys["aws_access_key_id"], secret_access_key=keys["aws_secret_access_key"],
                          session_token=keys["aws_session_token"], label="sandbox-training")
    return ConnectionChoice("sandbox-training", training, role_arn=training_role_arn(), source="sandbox")


def _shown(qtbot, window, name: str) -> GroupDetailsView:
    open_group(qtbot, window, name)
    view = window.details_area.group_details
    qtbot.waitUntil(lambda: window.details_area.currentWidget() is view and view.details() is not None
                    and view.details().info.name == name, timeout=TIMEOUT)
    return view


def _tags(connection: Connection, arn: str) -> dict[str, str]:
    sagemaker = session_for(connection).client("sagemaker")
    return {t["Key"]: t["Value"] for t in sagemaker.list_tags(ResourceArn=arn)["Tags"]}


def _tag_writes(connection: Connection) -> list[str]:
    sent: list[str] = []
    client = session_for(connection).client("sagemaker")
    for name in ("AddTags", "DeleteTags"):
        client.meta.events.register(f"before-call.sagemaker.{name}", lambda model, **_: sent.append(model.name))
    return sent


def test_a_selected_group_shows_its_details_and_its_arn_copies(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    view = _shown(qtbot, window, CHURN)
    arn = view.details().info.arn
    assert view.title.text() == CHURN
    assert view.arn_field.text() == arn
    assert view.owner.text() == "123456789012 (this account, profile sandbox)"
    assert view.created_by.text() == "The root user of account 123456789012"
    assert view.status.text() == "Completed"
    assert view.description.text().startswith("Customer churn classifier")
    assert ("team", "growth-ml") in view.tags_table_rows()
    assert view.policy_tab.state.text().startswith("No resource policy")
    QApplication.clipboard().clear()
    view.arn_field.button.click()
    assert QApplication.clipboard().text() == arn
    QApplication.clipboard().clear()
    window.actions_by_name["copy_arn"].trigger()  # no version selected: the group's ARN
    assert QApplication.clipboard().text() == arn
    close(window)


def test_group_details_action_brings_the_group_back_from_a_version(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    view = _shown(qtbot, window, CHURN)
    table = window.versions_view.table
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(table.model().index(0, 0), flags)
    qtbot.waitUntil(lambda: window.details_area.currentWidget() is window.details_pane, timeout=TIMEOUT)
    window.actions_by_name["group_details"].trigger()
    assert window.details_area.currentWidget() is view
    assert window.versions_view.selected_versions() == []
    close(window)


def test_tags_added_and_removed_in_the_tab_read_back(qtbot, connection, qsettings, sandbox, monkeypatch):
    window = make_window(qtbot, connection, qsettings)
    view = _shown(qtbot, window, CHURN)
    arn = view.details().info.arn
    tab = view.tags_tab
    qtbot.keyClicks(tab.key, "owner")
    qtbot.keyClicks(tab.value, "dana@example.com")
    assert tab.add_button.isEnabled() and tab.add_button.text() == "Add Tag"
    tab.add_button.click()
    qtbot.waitUntil(lambda: tab.problem.text().startswith("Saved the tag 'owner'"), timeout=TIMEOUT)
    assert _tags(connection, arn)["owner"] == "dana@example.com"
    assert ("owner", "dana@example.com") in view.tags_table_rows()
    assert tab.key.text() == ""

    rows = tab.table.rows()
    position = rows.index(("domain", "retention"))
    tab.table.selectionModel().select(
        tab.table.proxy.mapFromSource(tab.table.rows_model.index(position, 0)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    asked: list[str] = []

    def confirm(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    tab.remove_button.click()
    qtbot.waitUntil(lambda: tab.problem.text().startswith("Removed 1 tag"), timeout=TIMEOUT)
    assert "domain = retention" in asked[0]
    assert "domain" not in _tags(connection, arn)
    assert ("domain", "retention") not in view.tags_table_rows()
    close(window)


def test_an_invalid_tag_is_refused_as_typed(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    view = _shown(qtbot, window, CHURN)
    sent = _tag_writes(connection)
    tab = view.tags_tab
    qtbot.keyClicks(tab.key, "cost#center")
    assert tab.problem.text() == ("The tag key may use letters, digits, spaces and _ . : / = + - @ only; "
                                  "remove '#'.")
    assert not tab.add_button.isEnabled()
    qtbot.keyClick(tab.value, "\r")  # Enter does not get round the check
    tab.key.setText("aws:owner")
    assert "reserved for AWS" in tab.problem.text() and not tab.add_button.isEnabled()
    tab.key.setText("cost-center")
    assert tab.problem.text() == "" and tab.add_button.isEnabled()
    assert tab.add_button.text() == "Change Tag"  # the group has this key: its value changes
    assert sent == []
    close(window)


def test_a_tag_changed_behind_the_apps_back_is_shown_not_overwritten(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    view = _shown(qtbot, window, CHURN)
    arn = view.details().info.arn
    session_for(connection).client("sagemaker").add_tags(ResourceArn=arn, Tags=[{"Key": "team", "Value": "payments"}])
    tab = view.tags_tab
    tab.key.setText("team")
    tab.value.setText("retention")
    tab.add_button.click()
    qtbot.waitUntil(lambda: "nothing was saved" in tab.problem.text(), timeout=TIMEOUT)
    assert "'team' (you read 'growth-ml'; it is now 'payments')" in tab.problem.text()
    assert ("team", "payments") in view.tags_table_rows()  # the tags as they are now
    assert (tab.key.text(), tab.value.text()) == ("team", "retention")  # nothing typed is lost
    assert _tags(connection, arn)["team"] == "payments"
    assert "nothing was saved" in window.banner.text()
    tab.add_button.click()  # seen now: the second Change goes through
    qtbot.waitUntil(lambda: tab.problem.text().startswith("Saved the tag 'team'"), timeout=TIMEOUT)
    assert _tags(connection, arn)["team"] == "retention"
    close(window)


def test_the_policy_names_the_accounts_it_grants(qtbot, connection, qsettings, sandbox):
    group_arn = f"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/{CHURN}"
    document = {"Version": "2012-10-17", "Statement": [
        {"Sid": "TrainingRegisters", "Effect": "Allow",
         "Principal": {"AWS": f"arn:aws:iam::{TRAINING_ACCOUNT_ID}:root"},
         "Action": ["sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackageGroup"], "Resource": group_arn},
        {"Sid": "AuditReads", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
         "Action": "sagemaker:DescribeModelPackageGroup", "Resource": group_arn},
    ]}
    session_for(connection).client("sagemaker").put_model_package_group_policy(
        ModelPackageGroupName=CHURN, ResourcePolicy=json.dumps(document))
    window = make_window(qtbot, connection, qsettings, extra_choices=[_training_choice(connection)])
    view = _shown(qtbot, window, CHURN)
    policy = view.policy_tab
    lines = policy.grants.text().splitlines()
    assert lines == [
        f"• {TRAINING_ACCOUNT_ID} (profile sandbox-training): allowed "
        "sagemaker:CreateModelPackage, sagemaker:DescribeModelPackageGroup",
        "• 444455556666 (no profile known for it): allowed sagemaker:DescribeModelPackageGroup",
    ]
    assert json.loads(policy.text.toPlainText()) == document
    assert '\n  "Statement": [' in policy.text.toPlainText()  # pretty-printed
    close(window)


def test_a_shared_group_shows_what_it_can_and_refuses_edits_with_a_reason(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings, extra_choices=[_training_choice(connection)])
    view = _shown(qtbot, window, "training-experiments")
    assert view.shared_note.isVisible()
    assert f"Shared with this account by account {TRAINING_ACCOUNT_ID}" in view.shared_note.text()
    assert view.owner.text() == f"{TRAINING_ACCOUNT_ID} (profile sandbox-training)"
    tab = view.tags_tab
    assert not tab.add_button.isEnabled() and not tab.key.isEnabled()
    assert "changed from its own account" in tab.reason.text()
    # the owner's policy does not let this account list the tags: said in words
    assert "sandbox" in tab.note.text() and "sagemaker:ListTags" in tab.note.text()
    assert policy_state(view).startswith(f"Only account {TRAINING_ACCOUNT_ID} (profile sandbox-training)")
    close(window)


def policy_state(view: GroupDetailsView) -> str:
    return view.policy_tab.state.text()


def test_group_details_reads_again_what_changed_since_it_was_shown(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    view = _shown(qtbot, window, CHURN)
    assert view.policy_tab.state.text().startswith("No resource policy")
    document = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sagemaker:DescribeModelPackageGroup",
         "Resource": view.details().info.arn}]}
    session_for(connection).client("sagemaker").put_model_package_group_policy(
        ModelPackageGroupName=CHURN, ResourcePolicy=json.dumps(document))
    window.actions_by_name["group_details"].trigger()
    qtbot.waitUntil(lambda: "444455556666" in view.policy_tab.grants.text(), timeout=TIMEOUT)
    close(window)


def test_a_save_in_flight_does_not_lock_or_follow_into_another_group(qtbot, connection, qsettings, sandbox):
    from tests.ui.helpers import HeldCalls

    window = make_window(qtbot, connection, qsettings)
    view = _shown(qtbot, window, CHURN)
    tab = view.tags_tab
    with HeldCalls(session_for(connection).client("sagemaker"), "AddTags") as held:
        tab.key.setText("owner")
        tab.value.setText("dana")
        tab.add_button.click()
        qtbot.waitUntil(lambda: held.count() == 1, timeout=TIMEOUT)
        assert not tab.add_button.isEnabled()  # one save at a time
        view = _shown(qtbot, window, "fraud-detection")
        assert tab.key.text() == ""  # what was typed for churn-prediction is not offered for fraud-detection
        tab.key.setText("owner")
        assert tab.add_button.isEnabled()  # this group's tags are free to edit
        held.release()
    close(window)
