"""The register wizard's Advanced page: visited only when asked for (or when a loaded spec needs
it), each section's fields carried through the wizard, checked by the field, and registered."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QTreeWidget,
    QWizard,
)

from app.registry.accounts.sessions import session_for
from app.registry.versions import registration
from app.registry.versions.spec import (
    ContainerSpec,
    InferenceSpec,
    LifeCycleSpec,
    MetricSpec,
    RegistrationSpec,
    SourceMetadata,
)
from app.sandbox.seed import MAIN_ACCOUNT_ID, MAIN_BUCKET
from app.ui.wizards.register import PageId, RegisterWizard
from tests.registry.conftest import CallLog
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_register_wizard import go_next, open_wizard, register  # noqa: F401 (a fixture)
from tests.ui.test_register_wizard_pickers import activate, names

ECR = f"{MAIN_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com"
BASE = f"s3://{MAIN_BUCKET}/churn-prediction/v1"
MODEL = f"{BASE}/model.tar.gz"
TIMEOUT = 10000
KEY_ARN = f"arn:aws:kms:us-east-1:{MAIN_ACCOUNT_ID}:key/0b7f5a0e-5d1c-4c3e-9d57-2f8e3a9c1d44"
CARD = '{"model_overview":{"model_description":"weekly retrain","model_owner":"growth-ml"}}'


def common_spec(**advanced) -> RegistrationSpec:
    return RegistrationSpec(group="churn-prediction", containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1", MODEL),),
                            content_types=("text/csv",), response_types=("text/csv",), **advanced)


def every_advanced_field() -> dict:
    return dict(
        kms_key_id=KEY_ARN,
        source_uri=f"{BASE}/source.tar.gz",
        source_metadata=SourceMetadata("9f1c2ab", "https://github.com/example/churn", "churn-pipeline", "p-1a2b3c"),
        metrics=(MetricSpec("ModelQuality.Statistics", f"{BASE}/evaluation/metrics.json"),
                 MetricSpec("Bias.Report", f"{BASE}/clarify/bias.json", "application/json", "sha256:" + "ab" * 32)),
        drift_baselines=(MetricSpec("ModelQuality.Constraints", f"{BASE}/monitor/constraints.json"),
                         MetricSpec("Bias.ConfigFile", f"{BASE}/monitor/bias-config.json", "")),
        skip_model_validation="All",
        model_card_content=CARD,
        model_card_status="Draft",
        life_cycle=LifeCycleSpec("Staging", "InProgress", "shadow traffic"),
        tags=(("team", "growth-ml"), ("cost-center", "cc-4471")),
        additional_specs=(InferenceSpec(
            name="gpu", containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1",
                                                  f"{BASE}/model.tar.gz"),),
            realtime_instance_types=("ml.g5.xlarge",)),),
    )


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def visited(wizard: RegisterWizard) -> list[int]:
    seen: list[int] = [wizard.currentId()]
    wizard.currentIdChanged.connect(seen.append)
    return seen


def at_details(qtbot, open_wizard, spec: RegistrationSpec | None = None) -> RegisterWizard:  # noqa: F811
    wizard = open_wizard(source=spec or common_spec())
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=TIMEOUT)
    for _page in range(3):
        go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.DETAILS
    return wizard


def at_advanced(qtbot, open_wizard, spec: RegistrationSpec | None = None) -> RegisterWizard:  # noqa: F811
    wizard = at_details(qtbot, open_wizard, spec)
    if not wizard.details_page.advanced.isChecked():
        find_by_name(wizard, QCheckBox, "Set advanced fields").click()
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.ADVANCED
    return wizard


def test_the_common_path_never_visits_advanced(qtbot, open_wizard, connection):  # noqa: F811
    kms = CallLog().watch(session_for(connection).client("kms"))
    wizard = open_wizard(source=common_spec())
    seen = visited(wizard)
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=TIMEOUT)
    for _page in range(4):
        go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW
    assert seen == [PageId.TARGET, PageId.CONTAINERS, PageId.INFERENCE, PageId.DETAILS, PageId.REVIEW]
    assert not wizard.details_page.advanced.isChecked()
    assert not find_by_name(wizard, QLabel, "Advanced fields set").isVisible()
    assert kms.count("ListKeys") == 0  # the keys are listed only when the Encryption section is seen


def test_asking_for_advanced_visits_it_between_details_and_review(qtbot, open_wizard):  # noqa: F811
    wizard = at_details(qtbot, open_wizard)
    seen = visited(wizard)
    find_by_name(wizard, QCheckBox, "Set advanced fields").click()
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.ADVANCED
    page = wizard.advanced_page
    assert [box.header_text() for box in page.boxes] == [
        "Encryption: not set", "Source: not set", "Model metrics: not set", "Drift check baselines: not set",
        "Model validation: not set", "Model card: not set", "Lifecycle: not set",
        "Additional inference specifications: not set", "Tags: not set"]
    assert not any(box.is_open() for box in page.boxes)  # nothing set: every section closed
    go_next(qtbot, wizard)
    assert seen == [PageId.DETAILS, PageId.ADVANCED, PageId.REVIEW]
    wizard.back()
    assert wizard.currentId() == PageId.ADVANCED


@pytest.mark.parametrize(("field", "title", "header"), [
    ("kms_key_id", "Encryption", f"Encryption: key {KEY_ARN}"),
    ("source_uri", "Source", f"Source: {BASE}/source.tar.gz"),
    ("metrics", "Model metrics", "Model metrics: 2 files: ModelQuality / Statistics, Bias / Report"),
    ("drift_baselines", "Drift check baselines",
     "Drift check baselines: 2 files: ModelQuality / Constraints, Bias / ConfigFile"),
    ("skip_model_validation", "Model validation", "Model validation: skip all"),
    ("model_card_content", "Model card", "Model card: Draft, “weekly retrain”"),
    ("life_cycle", "Lifecycle", "Lifecycle: Staging / InProgress"),
    ("tags", "Tags", "Tags: team=growth-ml, cost-center=cc-4471"),
])
def test_a_loaded_spec_with_an_advanced_field_opens_the_page(qtbot, open_wizard, field, title, header):  # noqa: F811
    fields = {field: every_advanced_field()[field]}
    if field == "model_card_content":
        fields["model_card_status"] = "Draft"
    wizard = at_details(qtbot, open_wizard, common_spec(**fields))
    assert wizard.details_page.advanced.isChecked()
    note = find_by_name(wizard, QLabel, "Advanced fields set")
    assert note.isVisible() and note.text().startswith(f"Set: {title}.")
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.ADVANCED
    box = wizard.advanced_page.box(title)
    assert box.is_open() and box.header_text() == header
    assert [b.title for b in wizard.advanced_page.boxes if b.is_open()] == [title]


def test_every_advanced_field_goes_through_the_wizard_unchanged(qtbot, open_wizard):  # noqa: F811
    spec = common_spec(**every_advanced_field())
    wizard = open_wizard()
    wizard.set_spec(spec)
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=TIMEOUT)
    assert wizard.spec() == spec
    assert all(box.is_open() for box in wizard.advanced_page.boxes)
    wizard.set_spec(common_spec())  # and away again: nothing left behind
    assert wizard.spec() == common_spec()
    assert not wizard.advanced_page.holds_anything()


def test_edits_on_the_advanced_page_reach_the_spec(qtbot, open_wizard):  # noqa: F811
    wizard = at_advanced(qtbot, open_wizard)
    page = wizard.advanced_page
    page.box("Source").set_open(True)
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "Commit ID"), "9f1c2ab")
    assert page.box("Source").header_text() == "Source: commit 9f1c2ab"
    page.box("Tags").set_open(True)
    tags = page.box("Tags").section.table
    tags.add_row("team", "growth-ml")
    tags.itemChanged.emit(tags.item(0, 1))
    page.box("Lifecycle").set_open(True)
    qtbot.keyClicks(find_by_name(wizard, QComboBox, "Lifecycle stage").lineEdit(), "Staging")
    qtbot.keyClicks(find_by_name(wizard, QComboBox, "Lifecycle stage status").lineEdit(), "InProgress")
    spec = wizard.spec()
    assert spec.source_metadata == SourceMetadata(commit_id="9f1c2ab")
    assert spec.tags == (("team", "growth-ml"),)
    assert spec.life_cycle == LifeCycleSpec("Staging", "InProgress")
    assert find_by_name(wizard, QLabel, "Advanced fields set").text().startswith("Set: Source, Lifecycle, Tags.")


def test_a_card_typed_in_the_form_is_sent_as_json(qtbot, open_wizard):  # noqa: F811
    wizard = at_advanced(qtbot, open_wizard)
    box = wizard.advanced_page.box("Model card")
    box.set_open(True)
    section = box.section
    section.status.setCurrentIndex(section.status.findData("Draft"))
    description = section.form.fields[("model_overview", "model_description")]
    qtbot.keyClicks(description, "weekly retrain")
    spec = wizard.spec()
    assert (spec.model_card_status, spec.model_card_content) == (
        "Draft", '{"model_overview":{"model_description":"weekly retrain"}}')
    assert '"model_description": "weekly retrain"' in section.json_text.toPlainText()
    assert box.header_text() == "Model card: Draft, “weekly retrain”"


def test_the_key_picker_lists_the_accounts_keys_and_picking_one_sets_the_key(qtbot, open_wizard, connection):  # noqa: F811
    kms = session_for(connection).client("kms")
    made = kms.create_key(Description="registry artifacts")["KeyMetadata"]
    kms.create_alias(AliasName="alias/registry-artifacts", TargetKeyId=made["KeyId"])
    wizard = at_advanced(qtbot, open_wizard)
    box = wizard.advanced_page.box("Encryption")
    box.set_open(True)  # the keys are listed when the section is first seen
    keys = find_by_name(wizard, QComboBox, "KMS keys of the account")
    qtbot.waitUntil(lambda: keys.findData(made["Arn"]) >= 0, timeout=TIMEOUT)
    listed = [keys.itemText(i) for i in range(1, keys.count())]
    assert f"alias/registry-artifacts ({made['KeyId']})" in listed
    assert any(text.startswith("alias/registry-desk-models (") for text in listed)  # the sandbox's own
    assert find_by_name(wizard, QLabel, "KMS keys status").text() == f"{len(listed)} keys in this account."
    keys.setCurrentIndex(keys.findData(made["Arn"]))
    keys.activated.emit(keys.currentIndex())
    assert wizard.spec().kms_key_id == made["Arn"]
    assert find_by_name(wizard, QLineEdit, "KMS key").text() == made["Arn"]
    assert box.header_text() == "Encryption: key alias/registry-artifacts"


def test_a_bad_metrics_uri_shows_by_its_row_and_blocks_next(qtbot, open_wizard, connection):  # noqa: F811
    calls = CallLog().watch(session_for(connection).client("sagemaker"))
    wizard = at_advanced(qtbot, open_wizard)
    box = wizard.advanced_page.box("Model metrics")
    box.set_open(True)
    table = box.section.table
    find_by_name(wizard, QPushButton, "Add metrics file").click()
    table.item(0, 1).setText("metrics.json")
    problem = find_by_name(wizard, QLabel, "Model metrics problem")
    assert problem.isVisible() and problem.text().startswith("Row 1: ")
    assert box.header_text().endswith("(to fix)")
    assert not next_enabled(wizard)
    table.item(0, 1).setText(f"{BASE}/evaluation/metrics.json")
    assert not problem.isVisible()
    assert next_enabled(wizard)
    assert calls.count("CreateModelPackage") == 0


def test_a_problem_in_a_closed_section_opens_it(qtbot, open_wizard):  # noqa: F811
    good = common_spec(metrics=(MetricSpec("ModelQuality.Statistics", f"{BASE}/evaluation/metrics.json"),))
    wizard = at_details(qtbot, open_wizard, good)
    go_next(qtbot, wizard)
    box = wizard.advanced_page.box("Model metrics")
    box.set_open(False)
    box.section.table.item(0, 1).setText("metrics.json")  # as a spec file or a paste might do
    assert box.is_open()
    assert find_by_name(wizard, QLabel, "Model metrics problem").isVisible()
    assert not next_enabled(wizard)


def test_register_with_the_advanced_fields_and_read_them_back(qtbot, open_wizard, connection):  # noqa: F811
    session = session_for(connection)
    key_arn = session.client("kms").create_key(Description="registry artifacts")["KeyMetadata"]["Arn"]
    metrics = tuple(MetricSpec(kind, f"{BASE}/evaluation/{kind.lower()}.json") for kind in (
        "ModelQuality.Statistics", "ModelDataQuality.Constraints", "Bias.Report", "Explainability.Report"))
    spec = common_spec(kms_key_id=key_arn, source_uri=f"{BASE}/source.tar.gz",
                       source_metadata=SourceMetadata("9f1c2ab", "https://github.com/example/churn", "churn-pipeline"),
                       metrics=metrics,
                       drift_baselines=(MetricSpec("ModelQuality.Constraints", f"{BASE}/monitor/constraints.json"),))
    wizard = at_details(qtbot, open_wizard, spec)
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.ADVANCED
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW
    assert wizard.spec() == spec
    arn = register(qtbot, wizard)
    assert wizard.currentId() == PageId.RESULT
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: finish.isVisible() and finish.isEnabled(), timeout=TIMEOUT)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()  # the last page is the last: nothing comes after the result
    stored = session.client("sagemaker").describe_model_package(ModelPackageName=arn)
    assert stored["SourceUri"] == f"{BASE}/source.tar.gz"
    assert stored["MetadataProperties"] == {"CommitId": "9f1c2ab", "Repository": "https://github.com/example/churn",
                                            "GeneratedBy": "churn-pipeline"}
    assert stored["ModelMetrics"] == {
        "ModelQuality": {"Statistics": {"ContentType": "application/json",
                                        "S3Uri": f"{BASE}/evaluation/modelquality.statistics.json"}},
        "ModelDataQuality": {"Constraints": {"ContentType": "application/json",
                                             "S3Uri": f"{BASE}/evaluation/modeldataquality.constraints.json"}},
        "Bias": {"Report": {"ContentType": "application/json", "S3Uri": f"{BASE}/evaluation/bias.report.json"}},
        "Explainability": {"Report": {"ContentType": "application/json",
                                      "S3Uri": f"{BASE}/evaluation/explainability.report.json"}},
    }
    assert stored["DriftCheckBaselines"] == {"ModelQuality": {"Constraints": {
        "ContentType": "application/json", "S3Uri": f"{BASE}/monitor/constraints.json"}}}
    assert stored["SecurityConfig"] == {"KmsKeyId": key_arn}
    # ModelMetrics is a structure: AWS answers in its model's member order, not the order typed.
    again = registration.spec_from_describe(stored)
    assert set(again.metrics) == set(spec.metrics)
    assert replace(again, metrics=spec.metrics) == spec


def _type(wizard, cls, name: str, text: str) -> None:
    widget = find_by_name(wizard, cls, name)
    (widget.lineEdit() if isinstance(widget, QComboBox) else widget).setText(text)


def _metrics_row(field_title: str, uri: str, digest: str = ""):
    def act(wizard) -> None:
        table = wizard.advanced_page.box(field_title).section.table
        table.add_row()
        table.item(0, 4).setText(digest)
        table.item(0, 1).setText(uri)
    return act


def _card_json(wizard) -> None:
    box = wizard.advanced_page.box("Model card")
    box.section.tabs.setCurrentWidget(box.section.json_text)
    find_by_name(wizard, QPlainTextEdit, "Model card JSON").setPlainText('{"model_overview": {')


def _tag(wizard) -> None:
    table = wizard.advanced_page.box("Tags").section.table
    table.add_row("aws:team", "growth-ml")
    table.itemChanged.emit(table.item(0, 0))


def _lifecycle(wizard) -> None:
    _type(wizard, QComboBox, "Lifecycle stage", "Staging")
    _type(wizard, QComboBox, "Lifecycle stage status", "In Progress")


@pytest.mark.parametrize(("title", "act", "label", "message"), [
    ("Encryption", lambda w: _type(w, QLineEdit, "KMS key", "my key!"), "KMS key problem",
     "The KMS key may not contain a space, '!'; remove them."),
    ("Source", lambda w: _type(w, QLineEdit, "Source URI", "s" * 1025), "Source URI problem",
     "Shorten the source URI to at most 1024 characters (it has 1025; remove 1)."),
    ("Source", lambda w: _type(w, QLineEdit, "Commit ID", "c" * 1025), "Commit ID problem",
     "Shorten the commit ID to at most 1024 characters (it has 1025; remove 1)."),
    ("Model metrics", _metrics_row("Model metrics", "metrics.json"), "Model metrics problem",
     "Row 1: Type the metrics URI as s3://bucket/path or https://host/path (got 'metrics.json')."),
    ("Drift check baselines", _metrics_row("Drift check baselines", f"{BASE}/monitor/c.json", "md5:x"),
     "Drift check baselines problem", "Row 1: Type the content digest as sha256: followed by 64"),
    ("Model card", _card_json, "Model card problem", "The card content is not JSON"),
    ("Lifecycle", _lifecycle, "Lifecycle stage status problem",
     "Use 1–63 letters, digits and hyphens for the stage status"),
    ("Tags", _tag, "Tags problem", "Tag 1: Tag keys starting with aws: are reserved for AWS; choose another key."),
])
def test_one_bad_input_per_section_shows_by_its_field_and_blocks_next(
        qtbot, open_wizard, connection, title, act, label, message):  # noqa: F811
    calls = CallLog().watch(session_for(connection).client("sagemaker"))
    wizard = at_advanced(qtbot, open_wizard)
    assert next_enabled(wizard)
    box = wizard.advanced_page.box(title)
    box.set_open(True)
    act(wizard)
    shown = find_by_name(wizard, QLabel, label)
    assert shown.isVisible() and shown.text().startswith(message)
    assert box.header_text().endswith("(to fix)")
    others = [b.title for b in wizard.advanced_page.boxes if b.header_text().endswith("(to fix)")]
    assert others == [title]
    assert not next_enabled(wizard)
    assert calls.count("CreateModelPackage") == 0


def test_a_validation_setting_aws_does_not_know_is_kept_and_flagged(qtbot, open_wizard):  # noqa: F811
    wizard = at_details(qtbot, open_wizard, common_spec(skip_model_validation="Some"))
    assert wizard.details_page.nextId() == PageId.ADVANCED
    go_next(qtbot, wizard)
    assert find_by_name(wizard, QLabel, "Model validation problem").text() == (
        "Pick the model validation setting from All, None (got 'Some').")
    assert not next_enabled(wizard)
    assert wizard.spec().skip_model_validation == "Some"
    find_by_name(wizard, QRadioButton, "Skip all model validation").click()
    assert wizard.spec().skip_model_validation == "All"
    assert next_enabled(wizard)


def test_a_group_of_another_account_without_a_key_is_warned_on_the_details_page(qtbot, open_wizard):  # noqa: F811
    group_arn = "arn:aws:sagemaker:us-east-1:210987654321:model-package-group/shared-churn"
    wizard = open_wizard(source=replace(common_spec(), group=group_arn))
    qtbot.waitUntil(lambda: wizard.target_page.group() == group_arn, timeout=TIMEOUT)
    for _page in range(3):
        go_next(qtbot, wizard)
    warning = find_by_name(wizard, QLabel, "Advanced fields warning")
    assert warning.isVisible() and "without a KMS key" in warning.text()
    assert next_enabled(wizard)  # a warning, not a refusal
    find_by_name(wizard, QCheckBox, "Set advanced fields").click()
    go_next(qtbot, wizard)
    box = wizard.advanced_page.box("Encryption")
    box.set_open(True)
    assert "without a KMS key" in find_by_name(wizard, QLabel, "KMS key problem").text()
    assert next_enabled(wizard)


def test_a_metrics_file_is_picked_in_the_s3_browser(qtbot, open_wizard):  # noqa: F811
    wizard = at_advanced(qtbot, open_wizard)
    box = wizard.advanced_page.box("Model metrics")
    box.set_open(True)
    find_by_name(wizard, QPushButton, "Add metrics file").click()

    def browse(dialog) -> None:
        bucket = find_by_name(dialog, QComboBox, "Bucket")
        assert spin_until(lambda: bucket.findText(MAIN_BUCKET) >= 0, TIMEOUT)
        bucket.setCurrentText(MAIN_BUCKET)
        entries = find_by_name(dialog, QTreeWidget, "Objects")
        for folder in ("churn-prediction/", "v3/", "evaluation/"):
            activate(qtbot, entries, folder)
        assert spin_until(lambda: names(entries) == ["metrics.json"], TIMEOUT)
        entries.setCurrentItem(entries.topLevelItem(0))
        find_by_name(dialog, QPushButton, "Use selection").click()

    outcome = when_modal(qtbot, browse)
    qtbot.mouseClick(find_by_name(wizard, QToolButton, "Browse S3, row 1"), Qt.MouseButton.LeftButton)
    outcome.check()
    url = f"s3://{MAIN_BUCKET}/churn-prediction/v3/evaluation/metrics.json"
    assert wizard.spec().metrics == (MetricSpec("ModelQuality.Statistics", url),)
    assert box.header_text() == "Model metrics: 1 file: ModelQuality / Statistics"
    assert next_enabled(wizard)
