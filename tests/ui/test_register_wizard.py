"""The register wizard, driven like a person would, against the seeded sandbox."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QListWidget, QPushButton, QRadioButton, QWizard

from app.registry.accounts.sessions import session_for
from app.registry.versions import registration
from app.registry.versions.describe import describe_version
from app.sandbox.seed import MAIN_ACCOUNT_ID, MAIN_BUCKET
from app.ui.settings import Settings
from app.ui.wizards.register import PageId, RegisterWizard
from tests.ui.helpers import find_by_name, when_modal

ECR = f"{MAIN_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com"
MODEL = f"s3://{MAIN_BUCKET}/churn-prediction/v1/model.tar.gz"


@pytest.fixture
def open_wizard(qtbot, connection, qsettings):
    def make(**kwargs) -> RegisterWizard:
        wizard = RegisterWizard(connection, Settings("sandbox", qsettings), **kwargs)
        qtbot.addWidget(wizard, before_close_func=close_quietly)  # runs before any finalizer
        wizard.show()
        return wizard

    return make


def close_quietly(wizard: RegisterWizard) -> None:
    """The test is over: close without the questions a person would get, and stop every task."""
    wizard.done(QWizard.DialogCode.Rejected)  # done(), unlike reject(), never asks
    wizard.runner.shutdown()
    wizard.submit_runner.shutdown()


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def go_next(qtbot, wizard: QWizard) -> None:
    qtbot.waitUntil(lambda: next_enabled(wizard), timeout=10000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def pick_group(qtbot, wizard: RegisterWizard, name: str) -> None:
    picker = wizard.target_page.group_picker
    qtbot.waitUntil(lambda: picker.findData(name) >= 0, timeout=10000)
    picker.setCurrentIndex(picker.findData(name))


def fill_container(qtbot, wizard: RegisterWizard, image: str, model: str, env=(), hostname="") -> None:
    editor = wizard.containers_page.editor
    qtbot.keyClicks(editor.image, image)
    editor.model_data.setText(model)
    for key, value in env:
        editor.environment.add_row(key, value)
    editor.environment.itemChanged.emit(None)  # as after typing in a cell
    if hostname:
        qtbot.keyClicks(editor.hostname, hostname)


def tick(wizard: RegisterWizard, content: str, response: str) -> None:
    for editor, value in ((wizard.inference_page.content_types, content),
                          (wizard.inference_page.response_types, response)):
        editor.list.findItems(value, Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)


def register(qtbot, wizard: RegisterWizard) -> str:
    with qtbot.waitSignal(wizard.registered, timeout=15000) as signal:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)
    return signal.args[0]


def test_register_one_container_version(qtbot, open_wizard, connection):
    wizard = open_wizard()
    pick_group(qtbot, wizard, "churn-prediction")
    go_next(qtbot, wizard)
    fill_container(qtbot, wizard, f"{ECR}/churn-xgboost:1.7-1", MODEL)
    status = wizard.containers_page.editor.model_data_status
    qtbot.waitUntil(lambda: status.text().startswith("Found:"), timeout=10000)
    go_next(qtbot, wizard)
    tick(wizard, "text/csv", "text/csv")
    go_next(qtbot, wizard)
    qtbot.keyClicks(wizard.details_page.description, "retrained on May data")
    wizard.details_page.metadata.add_row("team", "churn")
    wizard.details_page.metadata.itemChanged.emit(None)
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW
    assert '"Image": "' + f"{ECR}/churn-xgboost:1.7-1" in wizard.review_page.json_tab.text.toPlainText()

    arn = register(qtbot, wizard)
    assert wizard.currentId() == PageId.RESULT
    assert wizard.result_page.arn.text() == arn
    stored = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=arn)
    assert stored["ModelPackageGroupName"] == "churn-prediction"
    assert stored["ModelPackageDescription"] == "retrained on May data"
    assert stored["ModelApprovalStatus"] == "PendingManualApproval"
    assert stored["InferenceSpecification"]["Containers"] == [
        {"Image": f"{ECR}/churn-xgboost:1.7-1", "ModelDataUrl": MODEL}]
    assert stored["InferenceSpecification"]["SupportedContentTypes"] == ["text/csv"]
    assert stored["InferenceSpecification"]["SupportedResponseMIMETypes"] == ["text/csv"]
    assert stored["CustomerMetadataProperties"] == {"team": "churn"}


def test_register_a_three_container_pipeline_in_a_new_group(qtbot, open_wizard, connection):
    wizard = open_wizard()
    qtbot.waitUntil(lambda: wizard.target_page.group_picker.count() > 0, timeout=10000)
    find_by_name(wizard, QRadioButton, "New group").click()
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "New group name"), "fraud-pipeline")
    go_next(qtbot, wizard)
    page = wizard.containers_page
    plan = [
        ("fraud-inference:sklearn-preprocess-1.2-1", "preprocess", (("SAGEMAKER_PROGRAM", "preprocess.py"),)),
        ("fraud-inference:xgboost-1.7-1", "xgboost", (("THRESHOLD", "0.7"), ("LOG_LEVEL", "20"))),
        ("fraud-inference:postprocess-1.0", "postprocess", (("OUTPUT_FORMAT", "json"),)),
    ]
    for position, (image, hostname, env) in enumerate(plan):
        if position:
            qtbot.mouseClick(find_by_name(wizard, QPushButton, "Add container"), Qt.MouseButton.LeftButton)
        model = f"s3://{MAIN_BUCKET}/fraud-detection/v6/{hostname}/model.tar.gz"
        fill_container(qtbot, wizard, f"{ECR}/{image}", model, env, hostname)
    assert page.kind.text().startswith("<b>Inference pipeline</b> of 3 containers")
    assert find_by_name(wizard, QListWidget, "Containers").count() == 3
    go_next(qtbot, wizard)
    tick(wizard, "application/json", "application/json")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    assert "new group" in wizard.review_page.summary.text()

    arn = register(qtbot, wizard)
    stored = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=arn)
    containers = stored["InferenceSpecification"]["Containers"]
    assert [c["Image"] for c in containers] == [f"{ECR}/{image}" for image, _h, _e in plan]
    assert [c["ContainerHostname"] for c in containers] == [h for _i, h, _e in plan]
    assert [c["Environment"] for c in containers] == [dict(env) for _i, _h, env in plan]
    assert [c["ModelDataUrl"] for c in containers] == [
        f"s3://{MAIN_BUCKET}/fraud-detection/v6/{h}/model.tar.gz" for _i, h, _e in plan]
    assert stored["ModelPackageGroupName"] == "fraud-pipeline"


def test_a_failed_submit_keeps_every_field_and_a_resubmit_succeeds(qtbot, open_wizard, connection, pipeline_arn):
    sagemaker = session_for(connection).client("sagemaker")
    source = describe_version(session_for(connection), pipeline_arn)
    wizard = open_wizard(source=source, target_group="sandbox-scratch")
    qtbot.waitUntil(lambda: wizard.target_page.group() == "sandbox-scratch", timeout=10000)
    for _page in range(5):  # the pipeline's metrics, card, stage and source: the Advanced page too
        go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW
    before = wizard.spec()
    sagemaker.delete_model_package_group(ModelPackageGroupName="sandbox-scratch")  # gone meanwhile

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)
    error = wizard.review_page.error
    qtbot.waitUntil(error.isVisible, timeout=10000)
    assert "Not found: sandbox-scratch does not exist" in error.text()
    assert "Every field keeps what you typed" in error.text()
    assert wizard.currentId() == PageId.REVIEW
    assert wizard.spec() == before
    assert wizard.button(QWizard.WizardButton.CustomButton1).isEnabled()

    sagemaker.create_model_package_group(ModelPackageGroupName="sandbox-scratch")
    arn = register(qtbot, wizard)
    assert not error.isVisible()
    stored = sagemaker.describe_model_package(ModelPackageName=arn)
    assert registration.spec_from_describe(stored) == before


def test_new_version_from_an_existing_one_repeats_its_spec(qtbot, open_wizard, connection, pipeline_arn):
    session = session_for(connection)
    source = describe_version(session, pipeline_arn)
    wizard = open_wizard(source=source)
    qtbot.waitUntil(lambda: wizard.target_page.group() == "fraud-detection", timeout=10000)
    assert wizard.containers_page.list.count() == 3
    expected = registration.spec_from_describe(source.raw)
    assert registration.build_request(wizard.spec()) == registration.build_request(expected)
    for key in ("InferenceSpecification", "CustomerMetadataProperties", "ModelPackageDescription"):
        if key in source.raw:
            assert registration.build_request(wizard.spec())[key] == source.raw[key]


def test_save_then_load_gives_the_same_request(qtbot, open_wizard, connection, pipeline_arn, tmp_path):
    source = describe_version(session_for(connection), pipeline_arn)
    first = open_wizard(source=source)
    qtbot.waitUntil(lambda: first.target_page.group() == "fraud-detection", timeout=10000)
    path = str(tmp_path / "spec.json")
    with qtbot.waitSignal(first.specSaved, timeout=5000):
        first.save_spec_to(path)
    second = open_wizard()
    with qtbot.waitSignal(second.specLoaded, timeout=5000):
        second.load_spec_from(path)
    qtbot.waitUntil(lambda: second.target_page.group() == "fraud-detection", timeout=10000)
    assert registration.build_request(second.spec()) == registration.build_request(first.spec())


@pytest.fixture
def pipeline_arn(sandbox) -> str:
    _server, summary = sandbox
    return summary.pipeline_version_arn


def test_spec_dialogs_start_in_the_folder_last_used(qtbot, open_wizard, qsettings, tmp_path):
    earlier, chosen = tmp_path / "earlier", tmp_path / "chosen"
    earlier.mkdir()
    chosen.mkdir()
    Settings("sandbox", qsettings).set_last_folder("spec", str(earlier))  # a previous session's
    wizard = open_wizard()
    opened: list[str] = []

    def save_as(dialog: QFileDialog) -> None:
        opened.append(dialog.directory().absolutePath())
        dialog.selectFile(str(chosen / "spec.json"))
        dialog.accept()

    outcome = when_modal(qtbot, save_as)
    with qtbot.waitSignal(wizard.specSaved, timeout=5000):
        qtbot.mouseClick(find_by_name(wizard, QPushButton, "Save spec"), Qt.MouseButton.LeftButton)
    outcome.check()
    assert opened == [str(earlier)]
    assert (chosen / "spec.json").exists()
    qsettings.sync()
    next_session = Settings("sandbox", QSettings(qsettings.fileName(), QSettings.Format.IniFormat))
    assert next_session.last_folder("spec") == str(chosen)
