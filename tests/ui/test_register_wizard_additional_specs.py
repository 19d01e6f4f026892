"""The additional inference specifications editor: up to 15 named alternatives to the main
specification, each with its containers and its MIME and instance types."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton, QTreeWidget

from app.registry.accounts.sessions import session_for
from app.registry.versions import registration
from app.registry.versions.describe import describe_version
from app.registry.versions.spec import ContainerSpec, InferenceSpec, ModelDataSourceSpec, RegistrationSpec
from app.ui.settings import Settings
from app.ui.wizards.register import PageId, RegisterWizard
from app.ui.wizards.register.additional_specs import AdditionalSpecsEditor
from app.ui.wizards.register.common import problems_by_field
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_register_wizard import ECR, MODEL, close_quietly, go_next, next_enabled, register

GPU = InferenceSpec(
    name="gpu",
    description="The same model on GPUs",
    containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1-gpu", MODEL, image_digest="sha256:" + "a" * 64),),
    content_types=("text/csv",),
    response_types=("text/csv",),
    realtime_instance_types=("ml.g5.xlarge", "ml.g4dn.xlarge"),
)
BATCH = InferenceSpec(
    name="batch",
    description="",
    containers=(
        ContainerSpec(f"{ECR}/churn-pre:3", "", (("ZETA", "1"), ("ALPHA", "two words")), "pre", "SKLEARN", "1.2-1"),
        ContainerSpec(f"{ECR}/churn-xgboost:1.7-1", "", (("B", "2"), ("A", "1")), "model",
                      model_data_source=ModelDataSourceSpec("s3://models/churn/v3/")),
    ),
    content_types=("application/json", "application/x-parquet"),
    response_types=("application/json",),
    transform_instance_types=("ml.m5.large", "ml.m5.xlarge"),
)


@pytest.fixture
def editor(qtbot):
    widget = AdditionalSpecsEditor()
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    return widget


def with_specs(*specs: InferenceSpec) -> RegistrationSpec:
    return RegistrationSpec(group="churn-prediction", additional_specs=specs)


def test_a_loaded_pair_comes_back_exactly(editor):
    spec = with_specs(GPU, BATCH)
    editor.load(spec)
    assert editor.apply_to(RegistrationSpec(group="churn-prediction")) == spec
    editor.select(1)  # looking at the pipeline does not change it
    editor.containers.select(1)
    assert editor.apply_to(spec) == spec
    assert [editor.list.item(i).text() for i in range(2)] == ["gpu", "batch · 2 containers"]
    assert editor.summary() == "2 specifications: gpu, batch"


def test_the_chosen_specification_shows_in_the_fields_and_edits_only_itself(qtbot, editor):
    editor.load(with_specs(GPU, BATCH))
    editor.select(1)
    assert editor.name.text() == "batch"
    assert editor.containers.list.count() == 2
    assert editor.inference.content_types.values() == ("application/json", "application/x-parquet")
    assert editor.inference.transform.text() == "ml.m5.large ml.m5.xlarge"
    with qtbot.waitSignal(editor.changed):
        editor.containers.select(1)
        qtbot.keyClicks(editor.containers.editor.hostname, "-2")
    edited = editor.apply_to(RegistrationSpec()).additional_specs
    assert edited[0] == GPU
    # the edit keeps what the container editor does not show (its model data source)
    assert edited[1].containers[1] == replace(BATCH.containers[1], hostname="model-2")
    editor.name.end(False)
    qtbot.keyClicks(editor.name, "-nightly")
    assert editor.list.item(1).text() == "batch-nightly · 2 containers"
    assert editor.summary() == "2 specifications: gpu, batch-nightly"


def test_add_gives_a_fresh_name_and_remove_takes_the_chosen_one(qtbot, editor):
    assert editor.summary() == "", "the section's header then reads \"not set\""
    assert not editor.remove_button.isEnabled() and not editor.detail.isEnabled()
    qtbot.mouseClick(find_by_name(editor, QPushButton, "Add specification"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find_by_name(editor, QPushButton, "Add specification"), Qt.MouseButton.LeftButton)
    specs = editor.apply_to(RegistrationSpec()).additional_specs
    assert [s.name for s in specs] == ["spec-1", "spec-2"]
    assert specs[1] == InferenceSpec(name="spec-2")  # one empty container to fill
    assert editor.name.text() == "spec-2" and editor.detail.isEnabled()
    editor.select(0)
    qtbot.mouseClick(find_by_name(editor, QPushButton, "Remove specification"), Qt.MouseButton.LeftButton)
    assert [s.name for s in editor.specs()] == ["spec-2"]
    qtbot.mouseClick(find_by_name(editor, QPushButton, "Add specification"), Qt.MouseButton.LeftButton)
    assert [s.name for s in editor.specs()] == ["spec-2", "spec-3"], "no two get the same name"


def test_at_most_fifteen(qtbot, editor):
    editor.load(with_specs(*(InferenceSpec(name=f"s{i}") for i in range(14))))
    add = find_by_name(editor, QPushButton, "Add specification")
    assert add.isEnabled()
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert len(editor.specs()) == 15
    assert not add.isEnabled()
    editor.add_spec()  # even when asked directly
    assert len(editor.specs()) == 15
    qtbot.mouseClick(find_by_name(editor, QPushButton, "Remove specification"), Qt.MouseButton.LeftButton)
    assert add.isEnabled()


def test_a_message_shows_by_its_field_and_the_list_marks_its_specification(editor):
    editor.load(with_specs(GPU, BATCH))
    editor.select(1)
    problems = {
        "additional_specs.1.name": "Use letters, digits and hyphens.",
        "additional_specs.1.containers.1.image": "Type the image URI.",
        "additional_specs.1.content_types.1": "Type a MIME type like text/csv.",
        "additional_specs.1.containers.1.model_data_source": "Type the S3 URI of the model data.",
        "additional_specs.1.containers.1.extra": "Type the other members as a JSON object.",
        "containers.0.image": "not ours",
    }
    editor.show_problems(problems, {"additional_specs.1.containers.0.model_data": "No model data."})
    assert editor.list.item(0).text() == "gpu"
    assert editor.list.item(1).text().startswith("⚠ batch")
    assert find_by_name(editor, QLabel, "Specification name problem").text() == "Use letters, digits and hyphens."
    assert find_by_name(editor, QLabel, "Content types problem").text() == "Type a MIME type like text/csv."
    assert editor.tabs.tabText(0) == "⚠ Containers" and editor.tabs.tabText(1) == "⚠ Inference"
    assert editor.containers.list.item(1).text().startswith("⚠ ")
    assert not editor.containers.list.item(0).text().startswith("⚠ ")
    # the first container's warning shows by its model data, as on the containers page
    assert find_by_name(editor, QLabel, "Model data warning").text() == "No model data."
    assert find_by_name(editor, QLabel, "Specification warnings").isHidden()
    editor.containers.select(1)
    assert editor.containers.editor.image_problem.text() == "Type the image URI."
    assert find_by_name(editor, QLabel, "Model data problem").text() == "Type the S3 URI of the model data."
    # a member the container editor does not edit: the message says which container
    assert find_by_name(editor, QLabel, "Specification problems").text() == \
        "Container 2: Type the other members as a JSON object."
    editor.select(0)  # the other specification has nothing to fix
    assert find_by_name(editor, QLabel, "Specification name problem").isHidden()
    assert editor.tabs.tabText(0) == "Containers"


def test_the_names_are_apart_from_the_main_containers(editor):
    """The pages of the wizard all exist at once: its own list and buttons have names of their own."""
    assert find_by_name(editor, QListWidget, "Specification containers") is editor.containers.list
    assert find_by_name(editor, QPushButton, "Add container to specification") is editor.containers.add_button
    assert not [w for w in editor.findChildren(QListWidget) if w.accessibleName() == "Containers"]
    assert find_by_name(editor, QLineEdit, "Specification name") is editor.name


def test_a_container_edit_keeps_the_digest_until_the_image_changes(qtbot, editor):
    editor.load(with_specs(GPU))
    container = editor.containers.editor
    qtbot.keyClicks(container.hostname, "gpu")
    assert editor.specs()[0].containers[0] == replace(GPU.containers[0], hostname="gpu")
    container.image.setText(f"{ECR}/churn-xgboost:1.8-gpu")  # the digest was the old image's
    assert editor.specs()[0].containers[0].image_digest == ""


# -- in the wizard ----------------------------------------------------------------------------


@pytest.fixture
def open_plugged(qtbot, connection, qsettings):
    def make(**kwargs) -> RegisterWizard:
        wizard = RegisterWizard(connection, Settings("sandbox", qsettings), **kwargs)
        qtbot.addWidget(wizard, before_close_func=close_quietly)
        wizard.resize(1100, 900)
        wizard.show()
        return wizard

    return make


def test_the_image_picker_fills_the_chosen_specifications_container(qtbot, open_plugged):
    wizard = open_plugged()
    wizard.additional_specs.load(with_specs(GPU, BATCH))
    wizard.additional_specs.select(1)
    wizard.additional_specs.containers.select(1)

    def pick(dialog) -> None:
        repositories = find_by_name(dialog, QListWidget, "Repositories")
        assert spin_until(lambda: bool(repositories.findItems("fraud-inference", Qt.MatchFlag.MatchExactly)),
                          10000)
        repositories.setCurrentItem(repositories.findItems("fraud-inference", Qt.MatchFlag.MatchExactly)[0])
        tags = find_by_name(dialog, QTreeWidget, "Image tags")
        assert spin_until(lambda: tags.topLevelItemCount() == 4, 10000)
        tags.setCurrentItem(tags.findItems("xgboost-1.7-1", Qt.MatchFlag.MatchExactly)[0])
        find_by_name(dialog, QPushButton, "Use selection").click()

    outcome = when_modal(qtbot, pick)
    qtbot.mouseClick(wizard.additional_specs.containers.pick_button, Qt.MouseButton.LeftButton)
    outcome.check()
    specs = wizard.spec().additional_specs
    assert specs[1].containers[1].image == f"{ECR}/fraud-inference:xgboost-1.7-1"
    assert specs[1].containers[0] == BATCH.containers[0] and specs[0] == GPU
    assert wizard.containers_page.containers() == (ContainerSpec(),), "the main containers are not touched"


def valid_spec() -> RegistrationSpec:
    return RegistrationSpec(group="churn-prediction", containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1", MODEL),),
                            content_types=("text/csv",), response_types=("text/csv",),
                            additional_specs=(GPU, BATCH))


def test_a_bad_or_repeated_name_shows_its_check_by_the_field_and_keeps_next_disabled(qtbot, open_plugged):
    wizard = open_plugged()
    wizard.set_spec(valid_spec())
    for _page in range(4):
        go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.ADVANCED and next_enabled(wizard)
    wizard.additional_specs.select(1)
    name = find_by_name(wizard, QLineEdit, "Specification name")
    problem = find_by_name(wizard, QLabel, "Specification name problem")
    name.selectAll()
    qtbot.keyClicks(name, "batch_nightly")
    expected = problems_by_field(registration.problems(wizard.spec()))["additional_specs.1.name"]
    assert "letters, digits and hyphens" in expected
    assert problem.text() == expected and problem.isVisible()
    assert wizard.additional_specs.list.item(1).text().startswith("⚠ batch_nightly")
    assert not wizard.additional_specs.list.item(0).text().startswith("⚠")
    assert not next_enabled(wizard)
    wizard.submit()  # even asked directly, nothing is sent
    assert not wizard.submitting and not wizard.registered_arn

    name.selectAll()
    qtbot.keyClicks(name, "gpu")
    repeated = problems_by_field(registration.problems(wizard.spec()))["additional_specs.1.name"]
    assert problem.text() == repeated and problem.isVisible()
    assert not next_enabled(wizard)

    name.selectAll()
    qtbot.keyClicks(name, "batch-nightly")
    assert problem.isHidden()
    assert not any(wizard.additional_specs.list.item(k).text().startswith("⚠") for k in range(2))
    assert next_enabled(wizard)


def test_a_registered_version_carries_them_as_entered(qtbot, open_plugged, connection):
    spec = valid_spec()
    assert registration.problems(spec) == []
    request = registration.build_request(spec)["AdditionalInferenceSpecifications"]
    assert [s["Name"] for s in request] == ["gpu", "batch"]
    assert request[1]["Containers"][0]["Environment"] == {"ZETA": "1", "ALPHA": "two words"}
    assert request[1]["Containers"][1]["ModelDataSource"]["S3DataSource"]["S3Uri"] == "s3://models/churn/v3/"
    assert request[1]["SupportedTransformInstanceTypes"] == ["ml.m5.large", "ml.m5.xlarge"]

    wizard = open_plugged()
    wizard.set_spec(spec)
    for _page in range(4):
        go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.ADVANCED, "a spec with additional specifications goes by them"
    assert "2 specifications: gpu, batch" in wizard.advanced_page.box(
        "Additional inference specifications").header.text()
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW
    assert wizard.spec() == spec
    assert '"AdditionalInferenceSpecifications"' in wizard.review_page.json_tab.text.toPlainText()
    arn = register(qtbot, wizard)
    stored = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=arn)
    assert stored["AdditionalInferenceSpecifications"] == request
    assert registration.spec_from_describe(stored).additional_specs == (GPU, BATCH)
    clone = open_plugged(source=describe_version(session_for(connection), arn))  # "New version from"
    assert clone.spec().additional_specs == (GPU, BATCH)
    assert clone.additional_specs.list.count() == 2


def test_a_specifications_container_edits_its_model_data_source_like_the_main_ones(qtbot, editor):
    editor.load(with_specs(GPU, BATCH))
    editor.select(1)
    editor.containers.select(1)
    source_uri = find_by_name(editor, QLineEdit, "Model data S3 URI")
    assert source_uri.text() == "s3://models/churn/v3/" and not source_uri.isHidden()
    source_uri.selectAll()
    qtbot.keyClicks(source_uri, "s3://models/churn/v4/")
    edited = editor.specs()[1].containers[1]
    assert edited == replace(BATCH.containers[1],
                             model_data_source=ModelDataSourceSpec("s3://models/churn/v4/"))
    assert editor.specs()[0] == GPU and editor.specs()[1].containers[0] == BATCH.containers[0]
