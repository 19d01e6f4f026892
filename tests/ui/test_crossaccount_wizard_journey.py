"""From nothing to a version registered across accounts, then rolled back, through the window.

The cross-account wizard opens from the Tools menu on the sandbox's two accounts, applies,
verifies and hands off to the register wizard as the training profile; the version lands in
the registry account's group; rolling back leaves every policy as it was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QWizard

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.sandbox.seed import TRAINING_ACCOUNT_ID, TRAINING_BUCKET
from app.ui.wizards.crossaccount.wizard import PageId as SetupPage
from app.ui.wizards.register import PageId as RegisterPage
from app.ui.workspace import ConnectionChoice

from .helpers import find_by_name, spin_until, when_modal
from .test_crossaccount_wizard import training  # noqa: F401 (fixture)
from .test_main_window import TIMEOUT, close, make_window, wait_groups
from .test_register_wizard import tick

GROUP = "churn-prediction"
GROUP_ARN = f"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/{GROUP}"
IMAGE = f"{TRAINING_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/churn-training:train-1.7-1"
AUDIT_POLICY = (
    '{"Version":"2012-10-17","Statement":[{"Sid":"AuditRead","Effect":"Allow",'
    '"Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetBucketAcl",'
    f'"Resource":"arn:aws:s3:::{TRAINING_BUCKET}"}}]}}'
)
MODEL = f"s3://{TRAINING_BUCKET}/training-output/churn-xgb-exp-001/output/model.tar.gz"


def policies(registry: Connection, trainer: Connection, key_id: str) -> dict[str, Any]:
    """Every document the setup touches, read straight from the two accounts."""
    t, r = session_for(trainer), session_for(registry)
    found: dict[str, Any] = {}
    for name, read in (
        ("ecr", lambda: t.client("ecr").get_repository_policy(repositoryName="churn-training")["policyText"]),
        ("s3", lambda: t.client("s3").get_bucket_policy(Bucket=TRAINING_BUCKET)["Policy"]),
        ("group", lambda: r.client("sagemaker").get_model_package_group_policy(
            ModelPackageGroupName=GROUP)["ResourcePolicy"]),
    ):
        try:
            found[name] = read()
        except Exception as exc:  # noqa: BLE001 (no policy: the error's code is the state)
            found[name] = getattr(exc, "response", {}).get("Error", {}).get("Code", repr(exc))
    found["kms"] = sorted(g["GrantId"] for g in t.client("kms").list_grants(KeyId=key_id)["Grants"])
    return found


def click(button: QPushButton) -> None:
    assert spin_until(button.isEnabled, TIMEOUT), f"{button.accessibleName()} stayed disabled"
    button.click()


def register_as_training(wizard: QWizard, seen: dict[str, Any]) -> None:
    """Inside the hand-off's register wizard: only the container and the content type to type."""
    seen["register_profile"] = wizard.connection.display_name
    page = wizard.target_page
    seen["target"] = (page.arn_choice.isChecked(), page.arn_edit.text())
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    click(next_button)
    editor = wizard.containers_page.editor
    editor.image.setText(IMAGE)
    editor.model_data.setText(MODEL)
    assert spin_until(lambda: editor.model_data_status.text().startswith("Found:"), TIMEOUT)
    click(next_button)
    tick(wizard, "text/csv", "text/csv")
    click(next_button)
    click(next_button)
    assert wizard.currentId() == RegisterPage.REVIEW
    click(wizard.button(QWizard.WizardButton.CustomButton1))
    assert spin_until(lambda: wizard.currentId() == RegisterPage.RESULT, TIMEOUT), \
        wizard.review_page.error.text()
    seen["arn"] = wizard.result_page.arn.text()
    click(wizard.button(QWizard.WizardButton.FinishButton))


def set_up_register_and_roll_back(qtbot, dialog: QWizard, seen: dict[str, Any]) -> None:
    choose = dialog.choose_page
    assert spin_until(lambda: choose.training_account.text() == TRAINING_ACCOUNT_ID
                      and choose.repositories.count() == 1, TIMEOUT)
    choose.group_picker.setCurrentText(GROUP)
    choose.prefix.setText("training-output/")
    next_button = dialog.button(QWizard.WizardButton.NextButton)
    click(next_button)
    assert spin_until(lambda: dialog.plan is not None, TIMEOUT)
    click(next_button)
    click(find_by_name(dialog, QPushButton, "Apply"))
    result = find_by_name(dialog, QLabel, "Apply result")
    assert spin_until(lambda: result.text().startswith("Every step is done"), TIMEOUT), result.text()
    seen["applied"] = policies(*seen["accounts"])
    click(next_button)
    assert spin_until(lambda: dialog.verify_page.results() is not None, TIMEOUT)
    seen["verify"] = find_by_name(dialog, QLabel, "Verify result").text()
    click(next_button)
    assert dialog.currentId() == SetupPage.HAND_OFF

    registering = when_modal(qtbot, lambda wizard: register_as_training(wizard, seen))
    find_by_name(dialog, QPushButton, "Register a version").click()  # returns once it closed
    registering.check()

    click(find_by_name(dialog, QPushButton, "Roll back the whole setup"))
    undo = find_by_name(dialog, QLabel, "Rollback result")
    assert spin_until(lambda: undo.text().startswith("Rolled back"), TIMEOUT), undo.text()
    seen["rolled_back"] = undo.text()
    click(dialog.button(QWizard.WizardButton.FinishButton))


def test_from_nothing_to_a_version_registered_across_accounts_and_back(
        qtbot, sandbox, connection, training, qsettings):  # noqa: F811 (fixture)
    _server, summary = sandbox
    key_id = summary.kms_key_ids[TRAINING_ACCOUNT_ID]
    # Someone else's statement on the bucket: it must come back byte for byte.
    session_for(training).client("s3").put_bucket_policy(Bucket=TRAINING_BUCKET, Policy=AUDIT_POLICY)
    before = policies(connection, training, key_id)
    window = make_window(qtbot, connection, qsettings, [ConnectionChoice("sandbox-training", training)])
    try:
        wait_groups(qtbot, window)
        tools = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Tools")
        action = next(a for a in tools.actions() if a.objectName() == "cross_account")
        seen: dict[str, Any] = {"accounts": (connection, training, key_id)}
        outcome = when_modal(qtbot, lambda dialog: set_up_register_and_roll_back(qtbot, dialog, seen))
        action.trigger()
        outcome.check()
    finally:
        close(window)

    changed = {name for name in before if seen["applied"][name] != before[name]}
    assert changed == {"ecr", "s3", "group", "kms"}
    assert seen["verify"].startswith("Everything is in place")
    assert seen["register_profile"] == "sandbox-training"
    assert seen["target"] == (True, GROUP_ARN)
    assert seen["arn"].startswith(f"arn:aws:sagemaker:us-east-1:123456789012:model-package/{GROUP}/")
    stored = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=seen["arn"])
    assert stored["ModelPackageGroupName"] == GROUP
    assert stored["InferenceSpecification"]["Containers"] == [{"Image": IMAGE, "ModelDataUrl": MODEL}]
    assert seen["rolled_back"].startswith("Rolled back: every document is as it was")
    assert policies(connection, training, key_id) == before
