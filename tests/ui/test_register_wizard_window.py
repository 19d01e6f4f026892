"""Registering from the main window: the action, new-version-from, and "Open in versions view"."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWizard

from app.registry.accounts.sessions import session_for
from app.registry.versions import registration
from app.ui.wizards.register import PageId, RegisterWizard
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group


def _click(button) -> None:
    assert spin_until(button.isEnabled, TIMEOUT), f"{button.text()} stayed disabled"
    button.click()


def test_new_version_from_selected_registers_and_opens_it(qtbot, connection, qsettings, sandbox):
    _server, summary = sandbox
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, "fraud-detection")
        assert window.versions_view.select_arn(summary.pipeline_version_arn)
        action = window.actions_by_name["new_version_from"]
        qtbot.waitUntil(action.isEnabled, timeout=TIMEOUT)
        seen: dict[str, object] = {}

        def drive(wizard: RegisterWizard) -> None:
            assert spin_until(lambda: wizard.target_page.group() == "fraud-detection", TIMEOUT)
            assert wizard.containers_page.list.count() == 3
            seen["spec"] = wizard.spec()
            for _page in range(5):  # its metrics, card, stage and source: the Advanced page too
                _click(wizard.button(QWizard.WizardButton.NextButton))
            _click(wizard.button(QWizard.WizardButton.CustomButton1))
            assert spin_until(lambda: wizard.currentId() == PageId.RESULT, TIMEOUT)
            seen["arn"] = wizard.result_page.arn.text()
            find_by_name(wizard, QPushButton, "Open in versions view").click()

        outcome = when_modal(qtbot, drive)
        action.trigger()  # describes the version in the background, then opens the wizard
        qtbot.waitUntil(lambda: "arn" in seen or bool(outcome.failures), timeout=TIMEOUT * 2)
        outcome.check()
        arn = str(seen["arn"])
        assert arn.endswith("/fraud-detection/9")
        qtbot.waitUntil(lambda: [v.arn for v in window.versions_view.selected_versions()] == [arn],
                        timeout=TIMEOUT)
        stored = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=arn)
        assert registration.spec_from_describe(stored) == seen["spec"]
    finally:
        close(window)


def test_register_action_opens_the_wizard_on_the_selected_group(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, "churn-prediction")
        assert window.actions_by_name["register_version"].shortcut().toString() == "Ctrl+Shift+N"

        def look(wizard: RegisterWizard) -> None:
            assert spin_until(lambda: wizard.target_page.group() == "churn-prediction", TIMEOUT)
            assert wizard.windowTitle() == "Register Model Version"
            wizard.reject()

        outcome = when_modal(qtbot, look)
        window.actions_by_name["register_version"].trigger()
        outcome.check()
    finally:
        close(window)
