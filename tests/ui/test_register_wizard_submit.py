"""Submitting and leaving: a hung register can be stopped without losing its answer, typed input
is never dropped without asking, and a failed submit names what failed and can be retried."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QRadioButton, QWizard

from app.registry.accounts.sessions import session_for
from app.ui.wizards.register import PageId, RegisterWizard
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_register_wizard import ECR, go_next, open_wizard, register  # noqa: F401 (a fixture)
from tests.ui.test_register_wizard_review import tricky_spec

CREATE = "before-call.sagemaker.CreateModelPackage"
REGISTER = QWizard.WizardButton.CustomButton1
CANCEL = QWizard.WizardButton.CancelButton


class Hold:
    """CreateModelPackage hangs (as on a dead network) until the test lets it through."""

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()

    def __call__(self, **_kwargs: Any) -> None:
        self.entered.set()
        self.release.wait(30)  # then the real call goes ahead


def versions_of(connection, group: str) -> list[str]:
    client = session_for(connection).client("sagemaker")
    return [v["ModelPackageArn"] for v in
            client.list_model_packages(ModelPackageGroupName=group)["ModelPackageSummaryList"]]


def at_review(qtbot, open_wizard, **kwargs) -> RegisterWizard:  # noqa: F811
    wizard = open_wizard(source=tricky_spec(), **kwargs)
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=10000)
    for _page in range(4):
        go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW
    return wizard


def answer(qtbot, press: str, seen: list[str]):
    """Press `press` in the next question, noting its text."""
    def act(dialog) -> None:
        seen.append(dialog.text())
        find_by_name(dialog, QPushButton, press).click()
    return when_modal(qtbot, act, timeout_ms=5000)


def late_outcome() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible() and w.accessibleName() == "Registration outcome"]
    return boxes[0] if boxes else None


# -- a hung submit -------------------------------------------------------------------------


def test_cancel_during_a_hung_register_asks_then_reports_the_late_answer(qtbot, open_wizard, connection):  # noqa: F811
    wizard = at_review(qtbot, open_wizard)
    before = versions_of(connection, "churn-prediction")
    hold = Hold()
    session_for(connection).client("sagemaker").meta.events.register(CREATE, hold)
    try:
        qtbot.mouseClick(wizard.button(REGISTER), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(hold.entered.is_set, timeout=10000)
        assert "waiting for AWS" in wizard.review_page.status.text()
        # what is being sent cannot change under it
        assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
        assert not wizard.button(QWizard.WizardButton.CustomButton3).isEnabled()  # Load spec

        # Cancel asks; keeping on waiting keeps the wizard as it was.
        seen: list[str] = []
        outcome = answer(qtbot, "Keep waiting", seen)
        qtbot.mouseClick(wizard.button(CANCEL), Qt.MouseButton.LeftButton)
        outcome.check()
        assert wizard.isVisible() and wizard.currentId() == PageId.REVIEW
        question = seen[0]
        assert "AWS may still create the version" in question
        assert "sagemaker:CreateModelPackage" in question and "churn-prediction" in question
        assert "sandbox" in question

        # Esc asks the same; stopping closes the wizard while the call still hangs.
        outcome = answer(qtbot, "Stop waiting", seen)
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        outcome.check()
        assert not wizard.isVisible() and wizard.result() == QWizard.DialogCode.Rejected
        assert versions_of(connection, "churn-prediction") == before
    finally:
        hold.release.set()

    # AWS answers after all: the version exists, and the user is told so, with its ARN.
    with qtbot.waitSignal(wizard.registered, timeout=15000) as registered:
        pass
    arn = registered.args[0]
    assert versions_of(connection, "churn-prediction") == before + [arn]
    qtbot.waitUntil(lambda: late_outcome() is not None, timeout=5000)
    box = late_outcome()
    assert "registered after all" in box.text() and arn in box.text()
    box.close()


def test_keep_waiting_lets_the_register_finish_in_the_wizard(qtbot, open_wizard, connection):  # noqa: F811
    wizard = at_review(qtbot, open_wizard)
    hold = Hold()
    session_for(connection).client("sagemaker").meta.events.register(CREATE, hold)
    qtbot.mouseClick(wizard.button(REGISTER), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.entered.is_set, timeout=10000)
    outcome = answer(qtbot, "Keep waiting", [])
    qtbot.mouseClick(wizard.button(CANCEL), Qt.MouseButton.LeftButton)
    outcome.check()
    with qtbot.waitSignal(wizard.registered, timeout=15000):
        hold.release.set()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.RESULT, timeout=5000)
    assert late_outcome() is None


class HoldThenThrottle(Hold):
    def __call__(self, **kwargs: Any):
        super().__call__(**kwargs)
        return FAILURES["throttling"][0](**kwargs)


def test_a_failure_arriving_while_asking_keeps_the_wizard_and_what_was_typed(qtbot, open_wizard, connection):  # noqa: F811
    wizard = at_review(qtbot, open_wizard)
    before = wizard.spec()
    hold = HoldThenThrottle()
    session_for(connection).client("sagemaker").meta.events.register(CREATE, hold)
    qtbot.mouseClick(wizard.button(REGISTER), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.entered.is_set, timeout=10000)

    def stop_once_failed(dialog) -> None:
        hold.release.set()
        assert spin_until(lambda: not wizard.submitting, 10000)
        find_by_name(dialog, QPushButton, "Stop waiting").click()

    outcome = when_modal(qtbot, stop_once_failed, timeout_ms=5000)
    qtbot.mouseClick(wizard.button(CANCEL), Qt.MouseButton.LeftButton)
    outcome.check()
    assert wizard.isVisible() and wizard.currentId() == PageId.REVIEW
    assert wizard.review_page.error.isVisible() and "throttling" in wizard.review_page.error.text()
    assert wizard.spec() == before
    assert late_outcome() is None


# -- typed input ---------------------------------------------------------------------------


def test_leaving_with_typed_input_asks_first(qtbot, open_wizard):  # noqa: F811
    wizard = open_wizard()
    qtbot.waitUntil(lambda: wizard.target_page.group_picker.count() > 0, timeout=10000)
    find_by_name(wizard, QRadioButton, "New group").click()
    name = find_by_name(wizard, QLineEdit, "New group name")
    qtbot.keyClicks(name, "fraud-pipeline")

    seen: list[str] = []
    outcome = answer(qtbot, "Keep editing", seen)
    qtbot.mouseClick(wizard.button(CANCEL), Qt.MouseButton.LeftButton)
    outcome.check()
    assert wizard.isVisible() and name.text() == "fraud-pipeline"
    assert "What you typed in this wizard will be lost" in seen[0]

    outcome = answer(qtbot, "Keep editing", seen)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    outcome.check()
    assert wizard.isVisible()

    outcome = answer(qtbot, "Discard", seen)
    wizard.close()  # the window's close button
    outcome.check()
    assert not wizard.isVisible()


@pytest.mark.parametrize("how", ["cancel", "escape"])
def test_leaving_with_nothing_typed_closes_at_once(qtbot, open_wizard, connection, how):  # noqa: F811
    wizard = open_wizard(source=tricky_spec(), target_group="churn-prediction")  # new version from
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=10000)
    go_next(qtbot, wizard)  # looking around is not typing
    if how == "cancel":
        qtbot.mouseClick(wizard.button(CANCEL), Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert QApplication.activeModalWidget() is None


# -- failures ------------------------------------------------------------------------------


def error_answer(status: int, code: str, message: str):
    def answer_(**_kwargs: Any):
        from botocore.awsrequest import AWSResponse

        return AWSResponse("https://api.sagemaker.us-east-1.amazonaws.com", status, {}, None), {
            "Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}
    return answer_


def connection_reset(**_kwargs: Any):
    from botocore.exceptions import ConnectionClosedError

    raise ConnectionClosedError(endpoint_url="https://api.sagemaker.us-east-1.amazonaws.com/")


FAILURES = {
    "throttling": (error_answer(400, "ThrottlingException", "Rate exceeded"), "throttling"),
    "5xx": (error_answer(500, "InternalFailure", "We encountered an internal error."), "internal error"),
    "access denied": (error_answer(400, "AccessDeniedException",
                                   "User: arn:aws:sts::123456789012:assumed-role/Reader/s is not authorized "
                                   "to perform: sagemaker:CreateModelPackage"), "Access denied"),
    "expired token": (error_answer(400, "ExpiredTokenException",
                                   "The security token included in the request is expired"), "expired"),
    "connection reset": (connection_reset, "connection was closed"),
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failed_register_names_what_failed_keeps_everything_and_retries(qtbot, open_wizard, connection,  # noqa: F811
                                                                          failure):
    fail, words = FAILURES[failure]
    wizard = at_review(qtbot, open_wizard)
    before = wizard.spec()
    client = session_for(connection).client("sagemaker")
    client.meta.events.register(CREATE, fail)

    qtbot.mouseClick(wizard.button(REGISTER), Qt.MouseButton.LeftButton)
    error = wizard.review_page.error
    qtbot.waitUntil(error.isVisible, timeout=10000)
    text = error.text()
    assert words in text
    assert "'sandbox'" in text and "sagemaker:CreateModelPackage" in text and "churn-prediction" in text
    assert wizard.isVisible() and wizard.currentId() == PageId.REVIEW
    assert wizard.spec() == before
    assert wizard.button(REGISTER).isEnabled()
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()

    client.meta.events.unregister(CREATE, fail)
    arn = register(qtbot, wizard)
    assert not error.isVisible() and wizard.currentId() == PageId.RESULT
    assert arn in versions_of(connection, "churn-prediction")


def test_a_retry_after_the_new_group_was_made_registers_into_it(qtbot, open_wizard, connection):  # noqa: F811
    wizard = open_wizard(source=tricky_spec())
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=10000)
    find_by_name(wizard, QRadioButton, "New group").click()
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "New group name"), "fraud-pipeline")
    for _page in range(4):
        go_next(qtbot, wizard)
    client = session_for(connection).client("sagemaker")
    fail = FAILURES["throttling"][0]
    client.meta.events.register(CREATE, fail)
    qtbot.mouseClick(wizard.button(REGISTER), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.review_page.error.isVisible, timeout=10000)
    assert "fraud-pipeline" in wizard.review_page.error.text()

    client.meta.events.unregister(CREATE, fail)
    # AWS refuses to create a group twice ("already exists"); moto does not, so count the asks.
    asked: list[str] = []
    client.meta.events.register("before-call.sagemaker.CreateModelPackageGroup",
                                lambda **_kwargs: asked.append("CreateModelPackageGroup"))
    arn = register(qtbot, wizard)
    assert asked == []
    assert versions_of(connection, "fraud-pipeline") == [arn]
