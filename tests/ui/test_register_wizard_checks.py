"""Each check of the wizard, as a person meets it: the message, Next disabled, nothing sent."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QRadioButton, QWizard

from app.registry.accounts.sessions import session_for
from app.sandbox.seed import MAIN_ACCOUNT_ID, MAIN_BUCKET
from app.ui.settings import Settings
from app.ui.wizards.register import PageId, RegisterWizard
from tests.registry.conftest import CallLog
from tests.ui.helpers import find_by_name
from tests.ui.test_register_wizard import close_quietly

ECR = f"{MAIN_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com"
MODEL = f"s3://{MAIN_BUCKET}/churn-prediction/v1/model.tar.gz"


@pytest.fixture
def wizard(qtbot, connection, qsettings):
    w = RegisterWizard(connection, Settings("sandbox", qsettings), target_group="churn-prediction")
    qtbot.addWidget(w, before_close_func=close_quietly)
    w.show()
    qtbot.waitUntil(lambda: w.target_page.group() == "churn-prediction", timeout=10000)
    return w


@pytest.fixture
def calls(connection) -> CallLog:
    return CallLog().watch(session_for(connection).client("sagemaker"))


def next_button(w: QWizard):
    return w.button(QWizard.WizardButton.NextButton)


def on_containers(qtbot, w: RegisterWizard, image: str = f"{ECR}/churn-xgboost:1.7-1", model: str = MODEL):
    w.next()
    editor = w.containers_page.editor
    editor.image.setText(image)
    editor.model_data.setText(model)
    return editor


def test_a_bad_new_group_name_says_what_to_type(qtbot, wizard, calls):
    find_by_name(wizard, QRadioButton, "New group").click()
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "New group name"), "my group")
    problem = find_by_name(wizard, QLabel, "New group name problem")
    assert problem.isVisible() and "which contains a space" in problem.text()
    assert not next_button(wizard).isEnabled()
    assert calls.count("CreateModelPackageGroup") == 0


def test_a_bad_environment_name_blocks_next_with_its_message(qtbot, wizard, calls):
    editor = on_containers(qtbot, wizard)
    qtbot.waitUntil(lambda: editor.model_data_status.text().startswith("Found:"), timeout=10000)
    assert next_button(wizard).isEnabled()
    editor.environment.add_row("1_BAD-NAME", "x")
    editor.environment.itemChanged.emit(None)
    assert editor.environment_problem.isVisible()
    assert "Variable 1: Start the variable name with a letter or underscore" in editor.environment_problem.text()
    assert not next_button(wizard).isEnabled()
    editor.environment.item(0, 0).setText("GOOD_NAME")
    assert not editor.environment_problem.isVisible()
    assert next_button(wizard).isEnabled()
    assert calls.count("CreateModelPackage") == 0


def test_seventeen_environment_variables_are_one_too_many(qtbot, wizard):
    editor = on_containers(qtbot, wizard)
    for n in range(17):
        editor.environment.add_row(f"VAR_{n}", "x")
    editor.environment.itemChanged.emit(None)
    assert "at most 16 environment variables; remove 1" in editor.environment_problem.text()
    assert not next_button(wizard).isEnabled()


def test_a_missing_model_object_blocks_next(qtbot, wizard):
    editor = on_containers(qtbot, wizard, model=f"s3://{MAIN_BUCKET}/nowhere/model.tar.gz")
    qtbot.waitUntil(lambda: "There is no object at" in editor.model_data_status.text(), timeout=10000)
    assert not next_button(wizard).isEnabled()
    editor.model_data.setText(MODEL)
    qtbot.waitUntil(lambda: next_button(wizard).isEnabled(), timeout=10000)
    assert editor.model_data_status.text().startswith("Found: 2")


def test_two_containers_may_not_share_a_hostname(qtbot, wizard):
    editor = on_containers(qtbot, wizard)
    editor.hostname.setText("model")
    wizard.containers_page.duplicate_button.click()
    assert wizard.containers_page.list.count() == 2
    assert wizard.containers_page.kind.text().startswith("<b>Inference pipeline</b> of 2")
    assert editor.hostname_problem.text() == (
        "Container 1 already uses the hostname 'model'; each container needs its own.")
    assert not next_button(wizard).isEnabled()
    editor.hostname.setText("postprocess")
    qtbot.waitUntil(lambda: next_button(wizard).isEnabled(), timeout=10000)


def test_a_typed_mime_type_that_is_wrong_stays_in_its_field(qtbot, wizard):
    editor = on_containers(qtbot, wizard)
    qtbot.waitUntil(lambda: next_button(wizard).isEnabled(), timeout=10000)
    wizard.next()
    assert wizard.currentId() == PageId.INFERENCE
    types = wizard.inference_page.content_types
    types.other.setText("csv")
    types.add_typed()
    assert types.other.text() == "csv"
    assert types.problem.text().startswith("Type a MIME type as type/subtype")
    types.other.setText("application/x-parquet")
    types.add_typed()
    assert types.values() == ("application/x-parquet",)
    assert editor is wizard.containers_page.editor


def test_metadata_limits_show_next_to_the_table(qtbot, wizard):
    on_containers(qtbot, wizard)
    qtbot.waitUntil(lambda: next_button(wizard).isEnabled(), timeout=10000)
    wizard.next()
    wizard.next()
    page = wizard.details_page
    page.metadata.add_row("k" * 129, "v")
    page.metadata.itemChanged.emit(None)
    assert "Property 1: Shorten the metadata key to at most 128 characters" in page.metadata_problem.text()
    assert not next_button(wizard).isEnabled()
