"""New Group is a write: the dialog waits for AWS, keeps what was typed when refused, asks
before it stops waiting, and opens without reading botocore's model on the UI thread."""

from __future__ import annotations

import sys
import threading
from typing import Any

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton

from app.registry import aws
from app.registry.accounts.sessions import session_for
from app.registry.versions import groups as registry_groups
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_main_window import TIMEOUT, close, make_window, wait_groups

CREATE = "before-call.sagemaker.CreateModelPackageGroup"


class HeldCreate:
    """Holds every CreateModelPackageGroup call until released, then lets it through (or answers
    with `answer`), as a slow or refusing SageMaker would. Counts the calls that reached AWS."""

    def __init__(self, answer=None):
        self.release = threading.Event()
        self.answer = answer
        self.calls = 0

    def __call__(self, **kwargs: Any):
        self.calls += 1
        self.release.wait(30)
        return None if self.answer is None else self.answer(**kwargs)


def already_exists(**_kwargs: Any):
    from botocore.awsrequest import AWSResponse

    message = ("Model Package Group already exists: "
               "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn-prediction")
    return AWSResponse("https://api.sagemaker.us-east-1.amazonaws.com", 400, {}, None), {
        "Error": {"Code": "ValidationException", "Message": message}, "ResponseMetadata": {"HTTPStatusCode": 400}}


def type_group(dialog, name: str, description: str = "") -> None:
    find_by_name(dialog, QLineEdit, "Group name").setText(name)
    find_by_name(dialog, QPlainTextEdit, "Group description").setPlainText(description)
    assert spin_until(lambda: dialog.create_button.isEnabled()), dialog.create_button.toolTip()


def own_names(connection) -> set[str]:
    return {g.name for page in registry_groups.iter_group_pages(session_for(connection), include_shared=False)
            for g in page}


def test_the_dialog_opens_without_reading_the_model_on_the_ui_thread(qtbot, connection, qsettings, sandbox):
    # As in a fresh process: no rules read yet.
    aws.service_model.cache_clear()
    aws._constraint.cache_clear()
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    read_here: list[str] = []

    def watch(frame, event, _arg) -> None:
        if event == "call" and frame.f_code.co_name in ("get_service_model", "load_service_model") \
                and "botocore" in frame.f_code.co_filename:
            read_here.append(frame.f_code.co_name)

    seen = {}

    def act(dialog) -> None:
        find_by_name(dialog, QLineEdit, "Group name").setText("churn_model v2")
        problem = find_by_name(dialog, QLabel, "Group name problem")
        seen["checked"] = spin_until(lambda: problem.isVisible())  # once the rules are there
        seen["problem"] = problem.text()
        sys.setprofile(None)
        dialog.reject()

    outcome = when_modal(qtbot, act)
    sys.setprofile(watch)
    try:
        window.actions_by_name["new_group"].trigger()
    finally:
        sys.setprofile(None)
    outcome.check()
    assert seen["checked"] and "letters a–z" in seen["problem"]
    assert read_here == []
    close(window)


def test_create_waits_for_aws_and_cannot_be_sent_twice(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    held = HeldCreate()
    session_for(connection).client("sagemaker").meta.events.register(CREATE, held)
    seen = {}

    def act(dialog) -> None:
        type_group(dialog, "credit-risk", "Credit risk scorer")
        dialog.create_button.click()
        assert spin_until(lambda: held.calls == 1)
        seen["open while waiting"] = dialog.isVisible()
        seen["button"] = (dialog.create_button.text(), dialog.create_button.isEnabled())
        dialog.create_button.click()
        dialog.accept()  # Enter in the name field
        held.release.set()
        assert spin_until(lambda: not dialog.isVisible(), TIMEOUT)

    outcome = when_modal(qtbot, act)
    window.actions_by_name["new_group"].trigger()
    outcome.check()
    assert seen["open while waiting"] and seen["button"] == ("Creating…", False)
    assert held.calls == 1
    qtbot.waitUntil(lambda: window.groups_view.current_group() is not None
                    and window.groups_view.current_group().name == "credit-risk", timeout=TIMEOUT)
    assert "credit-risk" in own_names(connection)
    close(window)


def test_a_refused_create_keeps_the_input_and_shows_the_server_message(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    held = HeldCreate(answer=already_exists)
    held.release.set()
    session_for(connection).client("sagemaker").meta.events.register(CREATE, held)
    seen = {}

    def act(dialog) -> None:
        type_group(dialog, "churn-prediction", "Second try")
        dialog.create_button.click()
        assert spin_until(lambda: bool(dialog.banner.text()), TIMEOUT)
        seen["message"] = dialog.banner.text()
        seen["typed"] = (find_by_name(dialog, QLineEdit, "Group name").text(),
                         find_by_name(dialog, QPlainTextEdit, "Group description").toPlainText())
        seen["open"] = dialog.isVisible()
        seen["can retry"] = dialog.create_button.isEnabled() and dialog.create_button.text() == "Create"
        dialog.reject()

    outcome = when_modal(qtbot, act)
    window.actions_by_name["new_group"].trigger()
    outcome.check()
    assert "Model Package Group already exists" in seen["message"]
    assert "sagemaker:CreateModelPackageGroup" in seen["message"]
    assert seen["typed"] == ("churn-prediction", "Second try")
    assert seen["open"] and seen["can retry"]
    assert not window.banner.isVisible()  # said where it was typed, not behind the dialog
    close(window)


def test_cancel_while_creating_asks_and_the_result_is_still_reported(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    held = HeldCreate()
    session_for(connection).client("sagemaker").meta.events.register(CREATE, held)
    seen: dict[str, Any] = {}

    def answer(button: str):
        def act(box) -> None:
            seen.setdefault("questions", []).append(box.text())
            find_by_name(box, QPushButton, button).click()
        return act

    def act(dialog) -> None:
        type_group(dialog, "credit-risk")
        dialog.create_button.click()
        assert spin_until(lambda: held.calls == 1)
        keep = when_modal(qtbot, answer("Keep waiting"))
        dialog.reject()  # Esc
        keep.check()
        seen["open after keep waiting"] = dialog.isVisible()
        leave = when_modal(qtbot, answer("Close anyway"))
        find_by_name(dialog, QPushButton, "Cancel").click()
        leave.check()

    outcome = when_modal(qtbot, act)
    window.actions_by_name["new_group"].trigger()
    outcome.check()
    assert QApplication.activeModalWidget() is None
    assert seen["open after keep waiting"]
    assert len(seen["questions"]) == 2 and "may still be created" in seen["questions"][0]
    held.release.set()
    qtbot.waitUntil(lambda: "Created the group 'credit-risk'" in window.statusBar().currentMessage(),
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: any(g.name == "credit-risk" for g in window.groups_view.model.rows()),
                    timeout=TIMEOUT)
    close(window)
