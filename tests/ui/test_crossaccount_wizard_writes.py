"""The cross-account wizard's writes: never over someone's edit, always restorable, stoppable."""

from __future__ import annotations

import json
import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.sandbox.seed import SCRATCH_GROUP, TRAINING_BUCKET, training_credentials
from app.sandbox.session import sandbox_client
from app.ui.wizards.crossaccount.wizard import PageId

from . import test_crossaccount_wizard as base
from .helpers import find_by_name
from .test_crossaccount_wizard import _bucket_policy, _statuses, _to_review

wizard, training = base.wizard, base.training  # the same fixtures: two sandbox accounts

TIMEOUT = 15000
FOREIGN = {
    "Sid": "AddedAfterReview",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
    "Action": "s3:GetObject",
    "Resource": f"arn:aws:s3:::{TRAINING_BUCKET}/reports/*",
}


def _someone_else(sandbox, service: str) -> Any:
    """A client of the training account that is not the application's: another person's."""
    server, _summary = sandbox
    return sandbox_client(server.endpoint_url, service, credentials=training_credentials(server.endpoint_url))


def _add_foreign_statement(sandbox) -> None:
    s3 = _someone_else(sandbox, "s3")
    try:
        document = json.loads(s3.get_bucket_policy(Bucket=TRAINING_BUCKET)["Policy"])
    except s3.exceptions.ClientError:
        document = {"Version": "2012-10-17", "Statement": []}
    document["Statement"].append(FOREIGN)
    s3.put_bucket_policy(Bucket=TRAINING_BUCKET, Policy=json.dumps(document))


def _sids(text: str | None) -> list[str]:
    return [s.get("Sid", "") for s in json.loads(text)["Statement"]] if text else []


def _result(wizard) -> str:
    return find_by_name(wizard, QLabel, "Apply result").text()


def _wait_result(qtbot, wizard, *starts: str) -> None:
    qtbot.waitUntil(lambda: _result(wizard).startswith(starts), timeout=TIMEOUT)


def _box(wizard, title: str) -> QMessageBox | None:
    boxes = [b for b in wizard.findChildren(QMessageBox) if b.isVisible() and b.accessibleName() == title]
    return boxes[0] if boxes else None


def _answer(qtbot, wizard, title: str, choice: str) -> None:
    qtbot.waitUntil(lambda: _box(wizard, title) is not None, timeout=TIMEOUT)
    find_by_name(_box(wizard, title), QPushButton, choice).click()


def _ecr_policy(training: Connection) -> str | None:
    ecr = session_for(training).client("ecr")
    try:
        return ecr.get_repository_policy(repositoryName="churn-training")["policyText"]
    except ecr.exceptions.ClientError:
        return None


def test_a_statement_added_after_the_review_is_refused_shown_and_kept(qtbot, wizard, training, sandbox):
    _to_review(qtbot, wizard)
    wizard.next()
    _add_foreign_statement(sandbox)  # between Review and Apply, through another client
    find_by_name(wizard, QPushButton, "Apply").click()
    _wait_result(qtbot, wizard, "Stopped", "Every step")

    assert _statuses(wizard) == ["done", "changed since the review", "waiting", "waiting", "waiting"]
    assert "AddedAfterReview" in _sids(_bucket_policy(training)), "their statement was erased"
    page = wizard.apply_page
    assert page.changes.isVisible()
    assert ("AddedAfterReview", "added") in page.changes.statuses()
    assert "+ added: AddedAfterReview" in page.changes.headings()
    assert "changed since the review" in find_by_name(wizard, QLabel, "What changed").text()
    assert find_by_name(wizard, QPushButton, "Roll back").isEnabled(), "step 1 stays restorable"

    replan = find_by_name(wizard, QPushButton, "Plan again")
    assert replan.isVisible() and replan.isEnabled()
    replan.click()
    assert wizard.currentId() == PageId.REVIEW
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=TIMEOUT)
    review = wizard.review_page
    assert "written by this setup" in review.steps.item(0).text()
    review.steps.setCurrentRow(1)
    assert ("AddedAfterReview", "kept") in review.diff.statuses()

    wizard.next()
    assert _statuses(wizard) == ["no change needed", "waiting", "waiting", "waiting", "waiting"]
    find_by_name(wizard, QPushButton, "Apply").click()
    _wait_result(qtbot, wizard, "Every step is done", "Stopped")
    assert _result(wizard).startswith("Every step is done")
    assert "AddedAfterReview" in _sids(_bucket_policy(training))

    find_by_name(wizard, QPushButton, "Roll back").click()
    _wait_result(qtbot, wizard, "Rolled back", "Not rolled back", "Some steps")
    assert _result(wizard).startswith("Rolled back")
    assert _sids(_bucket_policy(training)) == ["AddedAfterReview"], "back to their document, as it was"
    assert _ecr_policy(training) is None, "the first attempt's write was restored too"


def test_rollback_asks_before_overwriting_an_edit_made_after_the_apply(qtbot, wizard, training, sandbox):
    from app.ui.wizards.crossaccount.overwrite_dialog import OverwriteDialog

    _to_review(qtbot, wizard)
    wizard.next()
    find_by_name(wizard, QPushButton, "Apply").click()
    _wait_result(qtbot, wizard, "Every step is done", "Stopped")
    _add_foreign_statement(sandbox)

    find_by_name(wizard, QPushButton, "Roll back").click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in wizard.findChildren(OverwriteDialog)), timeout=TIMEOUT)
    dialog = next(d for d in wizard.findChildren(OverwriteDialog) if d.isVisible())
    assert ("AddedAfterReview", "added") in dialog.diff.statuses()
    assert f"S3 bucket policy of {TRAINING_BUCKET}" in [dialog.resources.item(0).text()]
    find_by_name(dialog, QPushButton, "Keep their change").click()
    assert _result(wizard).startswith("Not rolled back")
    assert _statuses(wizard) == ["rolled back", "changed since the apply", "rolled back", "rolled back",
                                 "rolled back"]
    assert "AddedAfterReview" in _sids(_bucket_policy(training))
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled(), "verify after a rollback"

    roll_back = find_by_name(wizard, QPushButton, "Roll back")
    assert roll_back.isEnabled(), "what was not restored stays restorable"
    roll_back.click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in wizard.findChildren(OverwriteDialog)), timeout=TIMEOUT)
    dialog = next(d for d in wizard.findChildren(OverwriteDialog) if d.isVisible())
    find_by_name(dialog, QPushButton, "Restore the original anyway").click()
    _wait_result(qtbot, wizard, "Rolled back")
    assert _bucket_policy(training) is None


def _expire_ecr(training: Connection):
    """The training session's ECR calls answer as AWS does once the token has expired."""
    from botocore.awsrequest import AWSResponse

    client = session_for(training).client("ecr")

    def answer(**_kwargs: Any):
        return AWSResponse("https://ecr.amazonaws.com", 400, {}, None), {
            "Error": {"Code": "ExpiredTokenException", "Message": "The security token included in the "
                      "request is expired"}, "ResponseMetadata": {"HTTPStatusCode": 400}}

    events = ["before-call.ecr.GetRepositoryPolicy", "before-call.ecr.SetRepositoryPolicy"]
    for event in events:
        client.meta.events.register(event, answer)
    return lambda: [client.meta.events.unregister(event, answer) for event in events]


def test_a_retry_that_fails_earlier_still_offers_to_restore_the_first_attempt(qtbot, wizard, connection, training):
    _to_review(qtbot, wizard, SCRATCH_GROUP)
    wizard.next()
    sagemaker = session_for(connection).client("sagemaker")
    sagemaker.delete_model_package_group(ModelPackageGroupName=SCRATCH_GROUP)
    find_by_name(wizard, QPushButton, "Apply").click()
    _wait_result(qtbot, wizard, "Stopped", "Every step")
    assert _statuses(wizard) == ["done", "done", "done", "failed", "waiting"]

    sagemaker.create_model_package_group(ModelPackageGroupName=SCRATCH_GROUP)  # the user fixes it
    signed_in_again = _expire_ecr(training)
    try:
        find_by_name(wizard, QPushButton, "Apply").click()
        qtbot.waitUntil(lambda: _statuses(wizard)[0] == "failed", timeout=TIMEOUT)
        _wait_result(qtbot, wizard, "Stopped")
        assert _statuses(wizard) == ["failed", "waiting", "waiting", "waiting", "waiting"], "stale statuses were kept"
        assert "earlier attempt" in wizard.apply_page.detail_of(1)
        assert "0 " not in _result(wizard) and "3 resources written" in _result(wizard)
        roll_back = find_by_name(wizard, QPushButton, "Roll back")
        assert roll_back.isEnabled()
    finally:
        signed_in_again()
    roll_back.click()
    _wait_result(qtbot, wizard, "Rolled back", "Some steps", "Not rolled back")
    assert _result(wizard).startswith("Rolled back")
    assert _bucket_policy(training) is None and _ecr_policy(training) is None
    key_id = wizard.plan.choice.kms_key_id
    assert session_for(training).client("kms").list_grants(KeyId=key_id)["Grants"] == []


def _hold(training: Connection, operation: str):
    """The training session's `operation` waits until released; returns (entered, release, remove)."""
    client = session_for(training).client("s3")
    entered, release = threading.Event(), threading.Event()

    def wait(**_kwargs: Any) -> None:
        entered.set()
        release.wait(30)

    event = f"before-call.s3.{operation}"
    client.meta.events.register(event, wait)
    return entered, release, lambda: client.meta.events.unregister(event, wait)


def test_esc_during_an_apply_asks_then_stops_after_the_current_step(qtbot, wizard, training):
    _to_review(qtbot, wizard)
    wizard.next()
    entered, release, remove = _hold(training, "PutBucketPolicy")
    try:
        find_by_name(wizard, QPushButton, "Apply").click()
        qtbot.waitUntil(entered.is_set, timeout=TIMEOUT)
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        _answer(qtbot, wizard, "Stop after the current step?", "Stop after this step")
        assert wizard.isVisible()
        assert _result(wizard).startswith("Stopping after the current step")
    finally:
        release.set()
        remove()
    _wait_result(qtbot, wizard, "Stopped at your request")
    assert _statuses(wizard) == ["done", "done", "waiting", "waiting", "waiting"]
    assert _bucket_policy(training) is not None, "the call in flight was answered"

    wizard.button(wizard.WizardButton.CancelButton).click()
    _answer(qtbot, wizard, "Roll back before closing?", "Stay")
    assert wizard.isVisible()
    wizard.close()  # the window's close button asks the same
    _answer(qtbot, wizard, "Roll back before closing?", "Roll back and close")
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=TIMEOUT)
    assert _bucket_policy(training) is None and _ecr_policy(training) is None


def test_keeping_the_changes_closes_and_leaves_them(qtbot, wizard, training):
    _to_review(qtbot, wizard)
    wizard.next()
    find_by_name(wizard, QPushButton, "Apply").click()
    _wait_result(qtbot, wizard, "Every step is done")
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    _answer(qtbot, wizard, "Roll back before closing?", "Keep the changes and close")
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=TIMEOUT)
    assert _bucket_policy(training) is not None
