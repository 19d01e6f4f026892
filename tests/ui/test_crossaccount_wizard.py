"""The cross-account wizard driven as a person would, on the two seeded sandbox accounts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.sandbox.seed import SCRATCH_GROUP, TRAINING_BUCKET, training_credentials
from app.ui.settings import Settings
from app.ui.wizards.crossaccount.wizard import CrossAccountWizard, PageId
from app.ui.workspace import ConnectionChoice

from .helpers import find_by_name, spin_until, when_modal


@pytest.fixture
def training(sandbox, connection) -> Connection:
    server, _summary = sandbox
    keys = training_credentials(server.endpoint_url)
    return Connection(
        profile=None, region=connection.region, endpoint_url=server.endpoint_url,
        access_key_id=keys["aws_access_key_id"], secret_access_key=keys["aws_secret_access_key"],
        session_token=keys["aws_session_token"], label="sandbox-training")


@pytest.fixture
def wizard(qtbot, connection, training, qsettings):
    handed: list[tuple[Connection, str]] = []
    choices = [ConnectionChoice("sandbox — registry", connection),
               ConnectionChoice("sandbox-training — training", training)]
    wizard = CrossAccountWizard(choices, registry=connection, hand_off=lambda c, arn: handed.append((c, arn)),
                                settings=Settings("sandbox", qsettings))
    wizard.choices = choices
    wizard.handed = handed
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.choose_page
    qtbot.waitUntil(lambda: page.training_account.text() == "210987654321" and page.repositories.count() == 1)
    qtbot.waitUntil(lambda: page.registry_account.text() == "123456789012")
    yield wizard
    wizard.runner.shutdown()


def _to_review(qtbot, wizard, group: str = "churn-prediction") -> None:
    wizard.choose_page.group_picker.setCurrentText(group)
    wizard.choose_page.prefix.setText("churn/")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=15000)


def _bucket_policy(training: Connection) -> str | None:
    s3 = session_for(training).client("s3")
    try:
        return s3.get_bucket_policy(Bucket=TRAINING_BUCKET)["Policy"]
    except s3.exceptions.ClientError:
        return None


def _wait_applied(qtbot, wizard) -> None:
    result = find_by_name(wizard, QLabel, "Apply result")
    qtbot.waitUntil(lambda: result.text().startswith(("Every step is done", "Stopped at a failure")),
                    timeout=15000)


def _back_enabled(wizard) -> bool:
    return wizard.button(wizard.WizardButton.BackButton).isEnabled()


def _statuses(wizard) -> list[str]:
    return [wizard.apply_page.status_of(row) for row in range(len(wizard.plan.steps))]


def test_from_nothing_to_registered_and_back(qtbot, wizard, training):
    _to_review(qtbot, wizard)
    summary = find_by_name(wizard, QLabel, "Plan summary").text()
    assert summary.startswith("5 of 5 resources will change")
    assert wizard.review_page.diff.proposed_text().count("RegistryDesk") >= 1
    wizard.next()
    assert wizard.currentId() == PageId.APPLY
    assert _statuses(wizard) == ["waiting"] * 5
    find_by_name(wizard, QPushButton, "Apply").click()
    qtbot.waitUntil(lambda: _statuses(wizard) == ["done"] * 5, timeout=15000)
    assert _bucket_policy(training) is not None
    wizard.next()
    qtbot.waitUntil(lambda: wizard.verify_page.results() is not None, timeout=15000)
    assert find_by_name(wizard, QLabel, "Verify result").text().startswith("Everything is in place")
    wizard.next()
    assert wizard.currentId() == PageId.HAND_OFF
    find_by_name(wizard, QPushButton, "Register a version").click()
    assert [(c.display_name, arn) for c, arn in wizard.handed] == [
        ("sandbox-training", "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn-prediction")]
    find_by_name(wizard, QPushButton, "Roll back the whole setup").click()
    qtbot.waitUntil(lambda: "Rolled back" in find_by_name(wizard, QLabel, "Rollback result").text(), timeout=15000)
    assert _bucket_policy(training) is None


def test_export_writes_the_plan_and_the_folder_is_offered_next_time(qtbot, wizard, connection, qsettings, tmp_path):
    _to_review(qtbot, wizard)
    wizard.next()
    find_by_name(wizard, QPushButton, "Apply").click()
    _wait_applied(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.verify_page.results() is not None, timeout=15000)
    wizard.next()
    folder = find_by_name(wizard, QLineEdit, "Export folder")
    assert folder.text() == ""
    qtbot.keyClicks(folder, str(tmp_path))
    find_by_name(wizard, QPushButton, "Export").click()
    result = find_by_name(wizard, QLabel, "Export result")
    qtbot.waitUntil(lambda: result.text().startswith("Wrote"), timeout=15000)
    assert any(path.suffix == ".py" for path in tmp_path.iterdir())

    again = CrossAccountWizard(wizard.choices, registry=connection, settings=Settings("sandbox", qsettings))
    qtbot.addWidget(again)
    assert find_by_name(again, QLineEdit, "Export folder").text() == str(tmp_path)
    again.runner.shutdown()


def test_a_wildcard_prefix_is_refused_and_what_was_typed_is_kept(qtbot, wizard):
    wizard.choose_page.prefix.setText("models/*")
    wizard.next()
    assert wizard.currentId() == PageId.CHOOSE
    assert "folder only" in wizard.choose_page.banner.text()
    assert find_by_name(wizard, QLineEdit, "Key prefix").text() == "models/*"


def test_a_failed_step_stops_the_apply_and_rollback_restores(qtbot, wizard, connection, training):
    before = _bucket_policy(training)
    _to_review(qtbot, wizard, SCRATCH_GROUP)
    wizard.next()
    # Someone deletes the (empty) group between review and apply.
    session_for(connection).client("sagemaker").delete_model_package_group(ModelPackageGroupName=SCRATCH_GROUP)
    find_by_name(wizard, QPushButton, "Apply").click()
    # The last step shows "failed" before the run has returned: wait for the run's own verdict.
    _wait_applied(qtbot, wizard)
    assert find_by_name(wizard, QLabel, "Apply result").text().startswith("Stopped at a failure")
    assert _statuses(wizard) == ["done", "done", "done", "failed", "waiting"]
    assert f"{SCRATCH_GROUP} does not exist" in wizard.apply_page.table.item(3, wizard.apply_page.DETAIL).text()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    rollback = find_by_name(wizard, QPushButton, "Roll back")
    assert rollback.isEnabled()
    assert not _back_enabled(wizard), "Back would plan again over the three changed documents"
    rollback.click()
    qtbot.waitUntil(lambda: _statuses(wizard) == ["rolled back"] * 3 + ["failed", "waiting"], timeout=15000)
    assert _bucket_policy(training) == before
    qtbot.waitUntil(lambda: _back_enabled(wizard))
    assert find_by_name(wizard, QLabel, "Apply result").text().startswith("Rolled back")


def test_back_never_plans_again_over_applied_changes(qtbot, wizard, training):
    _to_review(qtbot, wizard)
    wizard.next()
    assert _back_enabled(wizard)
    find_by_name(wizard, QPushButton, "Apply").click()
    _wait_applied(qtbot, wizard)
    assert wizard.currentId() == PageId.APPLY
    assert not _back_enabled(wizard)
    applied = _bucket_policy(training)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.verify_page.results() is not None, timeout=15000)
    assert _back_enabled(wizard)
    back = wizard.button(wizard.WizardButton.BackButton)
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.APPLY
    assert _statuses(wizard) == ["done"] * 5, "the apply page keeps its record"
    assert not _back_enabled(wizard)
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.APPLY
    assert find_by_name(wizard, QPushButton, "Roll back").isEnabled()
    assert _bucket_policy(training) == applied


def test_a_malformed_policy_blocks_the_apply(qtbot, wizard, training):
    session_for(training).client("s3").put_bucket_policy(Bucket=TRAINING_BUCKET, Policy="{not json")
    _to_review(qtbot, wizard)
    assert "Fix the problems" in find_by_name(wizard, QLabel, "Plan summary").text()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    wizard.review_page.steps.setCurrentRow(1)
    assert "not valid JSON" in find_by_name(wizard, QLabel, "Findings").text()
    assert _bucket_policy(training) == "{not json"


def test_the_tools_menu_opens_the_wizard_on_the_window_connection(qtbot, connection, training, qsettings):
    from .test_main_window import make_window, wait_groups

    window = make_window(qtbot, connection, qsettings, [ConnectionChoice("sandbox-training", training)])
    wait_groups(qtbot, window)
    tools = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Tools")
    action = next(a for a in tools.actions() if a.objectName() == "cross_account")
    seen = {}

    def look(dialog) -> None:
        page = dialog.choose_page
        assert spin_until(lambda: page.training_account.text() == "210987654321")
        seen["registry"] = page.registry_picker.currentData()
        seen["training"] = page.training_picker.currentData()
        dialog.reject()

    outcome = when_modal(qtbot, look)
    action.trigger()
    outcome.check()
    assert seen == {"registry": connection, "training": training}
    window.close()
