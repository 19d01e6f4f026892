"""Model data as the API allows it: a model archive, an S3 prefix or object, or none; and the
image digest the ECR picker knows. Driven on the containers page against the seeded sandbox."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton, QTreeWidget

from app.registry.accounts.sessions import session_for
from app.registry.versions.describe import describe_version
from app.registry.versions.registration import ContainerSpec, RegistrationSpec
from app.registry.versions.spec import GZIP, NO_COMPRESSION, S3_OBJECT, S3_PREFIX, ModelDataSourceSpec
from app.sandbox.seed import MAIN_BUCKET
from app.ui.wizards.register import PageId
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_register_wizard import ECR, MODEL, go_next, next_enabled, open_wizard  # noqa: F401 (fixture)
from tests.ui.test_register_wizard_pickers import activate, containers_page, names

TIMEOUT = 10000
IMAGE = f"{ECR}/fraud-inference:xgboost-1.7-1"
LLM = f"s3://{MAIN_BUCKET}/llm/base/"
SHARDS = {"llm/base/config.json": 1200, "llm/base/tokenizer.json": 34000,
          "llm/base/weights/model-00001.safetensors": 3_000_000,
          "llm/base/weights/model-00002.safetensors": 2_500_000}


def upload(connection, sizes: dict[str, int]) -> None:
    s3 = session_for(connection).client("s3")
    for key, size in sizes.items():
        s3.put_object(Bucket=MAIN_BUCKET, Key=key, Body=b"\0" * size)


def kind(wizard) -> QComboBox:
    return find_by_name(wizard, QComboBox, "Model data kind")


def choose(wizard, text: str) -> None:
    combo = kind(wizard)
    combo.setCurrentIndex(combo.findText(text))


def status(wizard) -> QLabel:
    return wizard.containers_page.editor.model_data_status


def test_a_folder_picked_in_the_s3_browser_is_a_prefix_whose_objects_are_counted(qtbot, open_wizard,  # noqa: F811
                                                                                  connection):
    upload(connection, SHARDS)
    wizard = containers_page(qtbot, open_wizard)
    seen = {}

    def browse(dialog) -> None:
        bucket = find_by_name(dialog, QComboBox, "Bucket")
        assert spin_until(lambda: bucket.findText(MAIN_BUCKET) >= 0, TIMEOUT)
        bucket.setCurrentText(MAIN_BUCKET)
        entries = find_by_name(dialog, QTreeWidget, "Objects")
        use_folder = find_by_name(dialog, QPushButton, "Use this folder")
        seen["at the top"] = use_folder.isEnabled()
        activate(qtbot, entries, "llm/")
        assert spin_until(lambda: names(entries) == ["base/"], TIMEOUT)
        seen["inside llm/"] = use_folder.text() if entries.currentItem() is None else "(a selection)"
        entries.setCurrentItem(entries.topLevelItem(0))
        seen["use"] = find_by_name(dialog, QPushButton, "Use selection").isEnabled()
        seen["button"] = use_folder.text()
        use_folder.click()

    outcome = when_modal(qtbot, browse)
    qtbot.mouseClick(find_by_name(wizard, QPushButton, "Browse S3 for model data"), Qt.MouseButton.LeftButton)
    outcome.check()
    assert seen == {"at the top": False, "inside llm/": "Use folder llm/", "use": False,
                    "button": "Use folder base/"}
    assert kind(wizard).currentText() == "S3 prefix or object"
    assert find_by_name(wizard, QLineEdit, "Model data S3 URI").text() == LLM
    assert not find_by_name(wizard, QLineEdit, "Model data URL").isVisible()
    assert wizard.spec().containers[0].model_data_source == ModelDataSourceSpec(LLM, S3_PREFIX, NO_COMPRESSION)
    assert wizard.spec().containers[0].model_data_url == ""
    size = QLocale().formattedDataSize(sum(SHARDS.values()))
    qtbot.waitUntil(lambda: not status(wizard).text().startswith("Counting"), timeout=TIMEOUT)
    assert status(wizard).text() == f"4 objects, {size} under {LLM}"


def test_an_object_picked_for_a_data_source_is_one_object_gzip_when_it_is_an_archive(qtbot, open_wizard):  # noqa: F811
    wizard = containers_page(qtbot, open_wizard)
    choose(wizard, "S3 prefix or object")
    url = f"s3://{MAIN_BUCKET}/fraud-detection/v6/xgboost/model.tar.gz"
    wizard.containers_page.editor.data.use_pick(url, folder=False)
    assert wizard.spec().containers[0].model_data_source == ModelDataSourceSpec(url, S3_OBJECT, GZIP)
    qtbot.waitUntil(lambda: status(wizard).text().startswith("Found:"), timeout=TIMEOUT)
    choose(wizard, "Model archive")
    wizard.containers_page.editor.data.use_pick(url, folder=False)
    assert (wizard.spec().containers[0].model_data_url, wizard.spec().containers[0].model_data_source) == (url, None)


def test_an_empty_prefix_says_sagemaker_would_find_nothing_and_next_waits(qtbot, open_wizard):  # noqa: F811
    wizard = containers_page(qtbot, open_wizard)
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "Image URI"), IMAGE)
    choose(wizard, "S3 prefix or object")
    empty = f"s3://{MAIN_BUCKET}/llm/not-uploaded-yet/"
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "Model data S3 URI"), empty)
    qtbot.waitUntil(lambda: status(wizard).text().startswith("No objects under"), timeout=TIMEOUT)
    assert status(wizard).text() == (f"No objects under {empty}: SageMaker would find no model. "
                                     "Check the prefix, or upload the model first.")
    assert not next_enabled(wizard)
    assert find_by_name(wizard, QListWidget, "Containers").item(0).text().startswith("⚠")


def test_switching_kinds_keeps_what_was_typed_in_each(qtbot, open_wizard):  # noqa: F811
    wizard = containers_page(qtbot, open_wizard)
    editor = wizard.containers_page.editor
    qtbot.keyClicks(editor.image, IMAGE)
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "Model data URL"), MODEL)
    choose(wizard, "S3 prefix or object")
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "Model data S3 URI"), LLM)
    find_by_name(wizard, QComboBox, "Compression").setCurrentIndex(1)
    find_by_name(wizard, QComboBox, "S3 data type").setCurrentIndex(1)
    editor.data.accept_eula.setChecked(True)
    source = ModelDataSourceSpec(LLM, S3_OBJECT, GZIP, accept_eula=True)
    assert wizard.spec().containers[0].model_data_source == source
    assert wizard.spec().containers[0].model_data_url == ""

    choose(wizard, "None")
    assert (wizard.spec().containers[0].model_data_url, wizard.spec().containers[0].model_data_source) == ("", None)
    choose(wizard, "Model archive")
    assert find_by_name(wizard, QLineEdit, "Model data URL").text() == MODEL
    assert (wizard.spec().containers[0].model_data_url, wizard.spec().containers[0].model_data_source) == (MODEL, None)

    # to another container and back: the kinds not chosen are still remembered
    qtbot.mouseClick(find_by_name(wizard, QPushButton, "Add container"), Qt.MouseButton.LeftButton)
    assert wizard.containers_page.list.currentRow() == 1
    wizard.containers_page.select(0)
    choose(wizard, "S3 prefix or object")
    assert wizard.spec().containers[0].model_data_source == source
    choose(wizard, "None")
    wizard.containers_page.select(1)
    wizard.containers_page.select(0)
    assert kind(wizard).currentText() == "None", "the kind chosen stays chosen"
    assert (wizard.spec().containers[0].model_data_url, wizard.spec().containers[0].model_data_source) == ("", None)
    choose(wizard, "Model archive")
    assert wizard.spec().containers[0].model_data_url == MODEL


def test_no_model_data_is_a_warning_and_next_stays_enabled(qtbot, open_wizard):  # noqa: F811
    wizard = containers_page(qtbot, open_wizard)
    qtbot.keyClicks(find_by_name(wizard, QLineEdit, "Image URI"), IMAGE)
    choose(wizard, "None")
    warning = find_by_name(wizard, QLabel, "Model data warning")
    qtbot.waitUntil(lambda: warning.isVisible(), timeout=TIMEOUT)
    assert "no model data" in warning.text()
    assert not find_by_name(wizard, QLabel, "Model data problem").isVisible()
    assert next_enabled(wizard)
    assert wizard.containers_page.problem() is None
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.INFERENCE


def source_spec() -> RegistrationSpec:
    return RegistrationSpec(
        group="fraud-detection",
        containers=(
            ContainerSpec(f"{ECR}/fraud-inference:sklearn-preprocess-1.2-1",
                          model_data_url=f"s3://{MAIN_BUCKET}/fraud-detection/v6/preprocess/model.tar.gz"),
            ContainerSpec(IMAGE, model_data_source=ModelDataSourceSpec(LLM, S3_PREFIX, NO_COMPRESSION, True),
                          image_digest="sha256:" + "ab" * 32),
            ContainerSpec(f"{ECR}/fraud-inference:postprocess-1.0",
                          model_data_source=ModelDataSourceSpec(
                              f"s3://{MAIN_BUCKET}/llm/base/config.json", S3_OBJECT, NO_COMPRESSION, False)),
        ),
    )


def test_a_spec_with_data_sources_goes_through_the_editor_exactly(qtbot, open_wizard):  # noqa: F811
    spec = source_spec()
    wizard = open_wizard(source=spec)
    qtbot.waitUntil(lambda: wizard.target_page.group() == "fraud-detection", timeout=TIMEOUT)
    go_next(qtbot, wizard)
    page = wizard.containers_page
    page.select(1)
    assert kind(wizard).currentText() == "S3 prefix or object"
    assert find_by_name(wizard, QLineEdit, "Model data S3 URI").text() == LLM
    assert find_by_name(wizard, QComboBox, "S3 data type").currentData() == S3_PREFIX
    assert page.editor.data.accept_eula.isChecked()
    assert find_by_name(wizard, QLabel, "Image digest").text() == "Digest sha256:" + "ab" * 32
    for row in (2, 0, 1):  # each container edited, so it is read back from the editor
        page.select(row)
        qtbot.keyClicks(page.editor.hostname, f"step-{row}")
    assert wizard.spec().containers == tuple(replace(c, hostname=f"step-{i}") for i, c in enumerate(spec.containers))


def test_new_version_from_a_version_with_a_data_source_carries_it_exactly(qtbot, open_wizard, connection):  # noqa: F811
    upload(connection, SHARDS)
    spec = source_spec()
    sagemaker = session_for(connection).client("sagemaker")
    request = {"ModelPackageGroupName": "fraud-detection", "ModelApprovalStatus": "PendingManualApproval",
               "InferenceSpecification": {"SupportedContentTypes": ["text/csv"],
                                          "SupportedResponseMIMETypes": ["text/csv"], "Containers": [
                   {"Image": spec.containers[0].image, "ModelDataUrl": spec.containers[0].model_data_url},
                   {"Image": IMAGE, "ImageDigest": "sha256:" + "ab" * 32, "ModelDataSource": {"S3DataSource": {
                       "S3Uri": LLM, "S3DataType": "S3Prefix", "CompressionType": "None",
                       "ModelAccessConfig": {"AcceptEula": True}}}},
                   {"Image": spec.containers[2].image, "ModelDataSource": {"S3DataSource": {
                       "S3Uri": f"s3://{MAIN_BUCKET}/llm/base/config.json", "S3DataType": "S3Object",
                       "CompressionType": "None", "ModelAccessConfig": {"AcceptEula": False}}}}]}}
    arn = sagemaker.create_model_package(**request)["ModelPackageArn"]
    wizard = open_wizard(source=describe_version(session_for(connection), arn))
    qtbot.waitUntil(lambda: wizard.target_page.group() == "fraud-detection", timeout=TIMEOUT)
    go_next(qtbot, wizard)
    page = wizard.containers_page
    page.select(1)
    assert find_by_name(wizard, QLineEdit, "Model data S3 URI").text() == LLM
    assert find_by_name(wizard, QLabel, "Image digest").text() == "Digest sha256:" + "ab" * 32
    size = QLocale().formattedDataSize(sum(SHARDS.values()))
    qtbot.waitUntil(lambda: status(wizard).text() == f"4 objects, {size} under {LLM}", timeout=TIMEOUT)
    qtbot.keyClicks(page.editor.hostname, "llm")  # an edit: the container is read back from the editor
    assert wizard.spec().containers == (spec.containers[0], replace(spec.containers[1], hostname="llm"),
                                        spec.containers[2])


def test_the_digest_of_the_tag_picked_in_ecr_is_sent_until_the_image_is_typed_over(qtbot, open_wizard,  # noqa: F811
                                                                                   connection):
    wizard = containers_page(qtbot, open_wizard)
    described = session_for(connection).client("ecr").describe_images(
        repositoryName="fraud-inference", imageIds=[{"imageTag": "xgboost-1.7-1"}])
    digest = described["imageDetails"][0]["imageDigest"]

    def pick(dialog) -> None:
        repositories = find_by_name(dialog, QListWidget, "Repositories")
        assert spin_until(lambda: bool(repositories.findItems("fraud-inference", Qt.MatchFlag.MatchExactly)),
                          TIMEOUT)
        repositories.setCurrentItem(repositories.findItems("fraud-inference", Qt.MatchFlag.MatchExactly)[0])
        tags = find_by_name(dialog, QTreeWidget, "Image tags")
        assert spin_until(lambda: "xgboost-1.7-1" in names(tags), TIMEOUT)
        tags.setCurrentItem(tags.topLevelItem(names(tags).index("xgboost-1.7-1")))
        find_by_name(dialog, QPushButton, "Use selection").click()

    outcome = when_modal(qtbot, pick)
    qtbot.mouseClick(find_by_name(wizard, QPushButton, "Pick image from ECR"), Qt.MouseButton.LeftButton)
    outcome.check()
    shown = find_by_name(wizard, QLabel, "Image digest")
    assert (wizard.spec().containers[0].image, wizard.spec().containers[0].image_digest) == (IMAGE, digest)
    assert shown.isVisible() and shown.text() == f"Digest {digest} from ECR"
    image = find_by_name(wizard, QLineEdit, "Image URI")
    image.end(False)
    qtbot.keyClick(image, Qt.Key.Key_Backspace)  # xgboost-1.7- : another image now
    assert wizard.spec().containers[0].image_digest == ""
    assert not shown.isVisible()


def test_a_value_the_api_does_not_know_is_shown_and_given_back_with_its_problem(qtbot, open_wizard):  # noqa: F811
    odd = ModelDataSourceSpec(LLM, "S3Manifest", "Zstd", extra='{"ETag": "abc"}')
    spec = RegistrationSpec(group="fraud-detection", containers=(ContainerSpec(IMAGE, model_data_source=odd),))
    wizard = open_wizard(source=spec)
    qtbot.waitUntil(lambda: wizard.target_page.group() == "fraud-detection", timeout=TIMEOUT)
    go_next(qtbot, wizard)
    assert find_by_name(wizard, QComboBox, "S3 data type").currentText() == "S3Manifest"
    assert find_by_name(wizard, QComboBox, "Compression").currentText() == "Zstd"
    problem = find_by_name(wizard, QLabel, "Model data problem")
    assert problem.isVisible() and "S3Manifest" in problem.text()
    assert not next_enabled(wizard)
    qtbot.keyClicks(wizard.containers_page.editor.hostname, "llm")
    assert wizard.spec().containers[0].model_data_source == odd, "never silently replaced"
