"""Screenshot steps of the register wizard and its pickers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtCore import Qt  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402


def register_steps(drive: Driver, window, state: dict) -> None:
    """Every page of the register wizard (a pipeline from fraud-detection), and one refusing input."""
    from app.registry.accounts.sessions import session_for
    from app.registry.versions.describe import describe_version
    from app.registry.versions.registration import spec_from_describe
    from app.ui.wizards.register import PageId, RegisterWizard

    def open_wizard(kind: str) -> None:
        connection = window.workspace.connection
        source = None
        if kind == "pipeline":
            source = spec_from_describe(describe_version(session_for(connection), state["pipeline"]).raw)
        wizard = RegisterWizard(connection, window.settings, source=source,
                                target_group=None if source else "churn-prediction", parent=window)
        wizard.resize(1100, 740)
        wizard.show()
        state["register"] = wizard

    def wizard() -> RegisterWizard:
        return state["register"]

    def shot(name: str) -> Callable[[], None]:
        return lambda: drive.save(wizard(), name)

    def bad_input() -> None:
        wizard().next()
        editor = wizard().containers_page.editor
        editor.image.setText("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1 ")
        editor.model_data.setText("s3://registry-desk-models-123456789012/churn-prediction/v99/model.tar.gz")
        editor.environment.add_row("MODEL-NAME", "churn")
        editor.environment.itemChanged.emit(None)

    drive.step("open pipeline wizard", lambda: True, lambda: open_wizard("pipeline"))
    drive.step("target ready", lambda: wizard().target_page.group() == "fraud-detection", shot("register-target.png"))
    drive.step("containers", lambda: True, lambda: wizard().next())
    drive.step("objects checked", lambda: wizard().containers_page.isComplete(), shot("register-containers.png"))
    for page, name in (("inference", "register-inference.png"), ("details", "register-details.png"),
                       ("review", "register-review.png")):
        drive.step(page, lambda: True, lambda: wizard().next())
        drive.step(f"screenshot {page}", lambda: True, shot(name))
    review_renderings_steps(drive, state)
    drive.step("submit", lambda: True, lambda: wizard().submit())
    drive.step("registered", lambda: wizard().currentId() == PageId.RESULT, shot("register-result.png"))
    drive.step("close pipeline wizard", lambda: True, lambda: wizard().close())
    drive.step("open single wizard", lambda: True, lambda: open_wizard("single"))
    drive.step("single target", lambda: wizard().target_page.group() == "churn-prediction", bad_input)
    drive.step("missing object", lambda: "no object" in wizard().containers_page.editor.model_data_status.text(),
               shot("register-problems.png"))
    drive.step("close single wizard", lambda: True, lambda: wizard().done(0))  # no "discard?" question
    picker_steps(drive, window, state)
    model_data_steps(drive, window, state)


def review_renderings_steps(drive: Driver, state: dict) -> None:
    """The review's SageMaker SDK and Pipelines step tabs of the pipeline, light and dark:
    register-review-sdk.png, register-review-step.png and their -dark twins."""
    from PySide6.QtWidgets import QApplication

    light = QApplication.palette()

    def tab(title: str) -> Callable[[], None]:
        def show() -> None:
            tabs = state["register"].review_page.tabs
            tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))
            if title == "Pipelines step":  # from register(): the step, its pipeline, what is left out
                text = tabs.currentWidget().text
                text.verticalScrollBar().setValue(text.document().find("register_args = ").blockNumber())
        return show

    for suffix, palette in (("", light), ("-dark", dark_palette())):
        drive.step(f"palette{suffix}", lambda: True, lambda p=palette: QApplication.setPalette(p))
        for title, name in (("SageMaker SDK", "register-review-sdk"), ("Pipelines step", "register-review-step")):
            drive.step(f"{name}{suffix}", lambda: True, tab(title))
            drive.step(f"screenshot {name}{suffix}", lambda: True,
                       lambda n=f"{name}{suffix}.png": drive.save(state["register"], n))
    drive.step("light again", lambda: True, lambda: (QApplication.setPalette(light), tab("Request (JSON)")()))


def picker_steps(drive: Driver, window, state: dict) -> None:
    """The ECR picker on fraud-inference and the S3 browser inside a pipeline's folder."""
    from app.ui.wizards.register.pickers import ImagePickerDialog, S3BrowserDialog

    def open_picker(kind: str) -> None:
        connection = window.workspace.connection
        url = "s3://registry-desk-models-123456789012/fraud-detection/v6/xgboost/model.tar.gz"
        dialog = ImagePickerDialog(connection, window) if kind == "ecr" else S3BrowserDialog(connection, url, window)
        dialog.show()
        state["picker"] = dialog

    def choose_repository() -> None:
        repositories = state["picker"].repositories
        repositories.setCurrentItem(repositories.findItems("fraud-inference", Qt.MatchFlag.MatchExactly)[0])

    drive.step("open ECR picker", lambda: True, lambda: open_picker("ecr"))
    drive.step("repositories", lambda: bool(state["picker"].repositories.findItems(
        "fraud-inference", Qt.MatchFlag.MatchExactly)), choose_repository)
    drive.step("tags", lambda: state["picker"].tags.topLevelItemCount() == 3,
               lambda: drive.save(state["picker"], "register-pick-image.png"))
    drive.step("close ECR picker", lambda: True, lambda: state["picker"].reject())
    drive.step("open S3 browser", lambda: True, lambda: open_picker("s3"))
    drive.step("objects", lambda: state["picker"].entries.topLevelItemCount() > 0,
               lambda: drive.save(state["picker"], "register-browse-s3.png"))
    drive.step("close S3 browser", lambda: True, lambda: state["picker"].reject())


LLM_SHARDS = {"config.json": 1_200, "tokenizer.json": 2_100_000, "model-00001-of-00002.safetensors": 9_800_000,
              "model-00002-of-00002.safetensors": 7_400_000}


def model_data_steps(drive: Driver, window, state: dict) -> None:
    """The container editor with an S3 prefix as its model data (ModelDataSource) and the count of
    what lies under it: register-model-data.png and register-model-data-dark.png; the same container
    without model data (the warning), register-model-data-none.png; the S3 browser offering a folder,
    register-browse-s3-folder.png."""
    from PySide6.QtWidgets import QApplication

    from app.registry.accounts.sessions import session_for
    from app.registry.versions.spec import (
        NO_COMPRESSION,
        S3_PREFIX,
        ContainerSpec,
        ModelDataSourceSpec,
        RegistrationSpec,
    )
    from app.sandbox.seed import MAIN_ACCOUNT_ID, MAIN_BUCKET
    from app.ui.wizards.register import RegisterWizard
    from app.ui.wizards.register.model_data_editor import NONE
    from app.ui.wizards.register.pickers import S3BrowserDialog
    from scripts.shots.driver import dark_palette

    prefix = "churn-prediction/llm-base/"

    def open_wizard(palette=None) -> None:
        connection = window.workspace.connection
        s3 = session_for(connection).client("s3")
        for name, size in LLM_SHARDS.items():
            s3.put_object(Bucket=MAIN_BUCKET, Key=prefix + name, Body=b"\0" * size)
        if palette is not None:
            state["light"] = QApplication.palette()
            QApplication.setPalette(palette)
        image = f"{MAIN_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1"
        spec = RegistrationSpec(group="churn-prediction", containers=(ContainerSpec(
            image, environment=(("HF_MODEL_ID", "/opt/ml/model"), ("SM_NUM_GPUS", "1")),
            model_data_source=ModelDataSourceSpec(f"s3://{MAIN_BUCKET}/{prefix}", S3_PREFIX, NO_COMPRESSION, True),
            image_digest="sha256:" + "5f0c2a9e" * 8),))
        wizard = RegisterWizard(connection, window.settings, source=spec, parent=window)
        wizard.resize(1100, 740)
        wizard.show()
        state["register"] = wizard

    def counted() -> bool:
        return "objects," in state["register"].containers_page.editor.model_data_status.text()

    def close() -> None:
        state["register"].done(0)
        if "light" in state:
            QApplication.setPalette(state.pop("light"))

    def no_model_data() -> None:
        state["register"].containers_page.editor.data.set_kind(NONE)

    def warned() -> bool:
        return state["register"].containers_page.editor.data.warning.isVisible()

    def open_browser() -> None:
        dialog = S3BrowserDialog(window.workspace.connection, f"s3://{MAIN_BUCKET}/churn-prediction/",
                                 window, folders=True)
        dialog.show()
        state["picker"] = dialog

    def select_folder() -> bool:
        entries = state["picker"].entries
        found = [entries.topLevelItem(i) for i in range(entries.topLevelItemCount())
                 if entries.topLevelItem(i).text(0) == "llm-base/"]
        if found:
            entries.setCurrentItem(found[0])
        return bool(found)

    for suffix, palette in (("", None), ("-dark", dark_palette())):
        drive.step(f"open model data wizard{suffix}", lambda: True, lambda palette=palette: open_wizard(palette))
        drive.step(f"model data target{suffix}", lambda: state["register"].target_page.group() == "churn-prediction",
                   lambda: state["register"].next())
        drive.step(f"prefix counted{suffix}", counted,
                   lambda suffix=suffix: drive.save(state["register"], f"register-model-data{suffix}.png"))
        if not suffix:
            drive.step("no model data", lambda: True, no_model_data)
            drive.step("warned", warned, lambda: drive.save(state["register"], "register-model-data-none.png"))
        drive.step(f"close model data wizard{suffix}", lambda: True, close)
    drive.step("open S3 browser for folders", lambda: True, open_browser)
    drive.step("folder listed", lambda: state["picker"].entries.topLevelItemCount() > 0 and select_folder(),
               lambda: drive.save(state["picker"], "register-browse-s3-folder.png"))
    drive.step("close S3 browser for folders", lambda: True, lambda: state["picker"].reject())
