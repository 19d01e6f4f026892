"""Registering a version meets each fault: the wizard stays on its review, says for whom which
call failed on which group, keeps every field as typed, and Register works once the fault is
gone; the new version then shows in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.registry.accounts.sessions import session_for
from app.sandbox.seed import MAIN_ACCOUNT_ID, MAIN_BUCKET
from app.ui.wizards.register import PageId
from tests.ui.faults.expectations import TIMEOUT, assert_alive, assert_names, wait_idle
from tests.ui.faults.proxy import FAULTS, ONE_5XX
from tests.ui.helpers import when_modal
from tests.ui.test_main_window import make_window, open_group
from tests.ui.test_register_wizard import fill_container, go_next, tick

ACTION = "CreateModelPackage"
GROUP = "churn-prediction"
IMAGE = f"{MAIN_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1"
MODEL = f"s3://{MAIN_BUCKET}/churn-prediction/v1/model.tar.gz"
DESCRIPTION = "retrained on May data, fault drill"


def fill_in(qtbot, wizard) -> None:
    go_next(qtbot, wizard)
    fill_container(qtbot, wizard, IMAGE, MODEL, env=(("THRESHOLD", "0.7"),))
    status = wizard.containers_page.editor.model_data_status
    qtbot.waitUntil(lambda: status.text().startswith("Found:"), timeout=TIMEOUT)
    go_next(qtbot, wizard)
    tick(wizard, "text/csv", "text/csv")
    go_next(qtbot, wizard)
    qtbot.keyClicks(wizard.details_page.description, DESCRIPTION)
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW


def register_button(wizard):
    return wizard.button(QWizard.WizardButton.CustomButton1)


@pytest.mark.parametrize("fault", FAULTS)
def test_register_a_version(qtbot, lab, connection, fault_proxy, qsettings, fault):
    window = make_window(qtbot, lab, qsettings)
    open_group(qtbot, window, GROUP)
    view = window.versions_view
    before = {v.arn for v in view.model.rows()}
    registered: list[str] = []

    def act(wizard) -> None:
        fill_in(qtbot, wizard)
        typed = wizard.spec()
        request_shown = wizard.review_page.json_tab.text.toPlainText()
        wizard.registered.connect(registered.append)
        fault_proxy.fail(ACTION, fault)
        qtbot.mouseClick(register_button(wizard), Qt.MouseButton.LeftButton)
        if fault != ONE_5XX:  # else the client's retry answers it
            error = wizard.review_page.error
            qtbot.waitUntil(lambda: error.isVisible() and register_button(wizard).isEnabled(), timeout=TIMEOUT)
            assert_names(error.text(), f"sagemaker:{ACTION}", GROUP)
            assert wizard.currentId() == PageId.REVIEW
            assert wizard.spec() == typed
            assert wizard.review_page.json_tab.text.toPlainText() == request_shown
            assert not registered
            fault_proxy.heal()
            qtbot.mouseClick(register_button(wizard), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.RESULT, timeout=TIMEOUT)
        if fault == ONE_5XX:
            assert fault_proxy.calls_of(ACTION) == 2  # the 503, then the call that registered
        assert len(registered) == 1
        wait_idle(qtbot, wizard)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    modal = when_modal(qtbot, act, timeout_ms=TIMEOUT)
    window.actions_by_name["register_version"].trigger()
    fault_proxy.heal()  # whatever happened in the wizard, the test leaves no fault behind
    modal.check()

    assert_alive(qtbot, window)
    qtbot.waitUntil(lambda: registered[0] in {v.arn for v in view.model.rows()}, timeout=TIMEOUT)
    assert before < {v.arn for v in view.model.rows()}
    stored = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=registered[0])
    assert stored["ModelPackageDescription"] == DESCRIPTION
    assert stored["InferenceSpecification"]["Containers"][0]["Environment"] == {"THRESHOLD": "0.7"}
    # One version registered, however many times Register was pressed or the call retried.
    assert len({v.arn for v in view.model.rows()} - before) == 1
    wait_idle(qtbot, window)
    window.close()
