"""Screenshot steps of the register wizard and its pickers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtCore import Qt  # noqa: E402

from scripts.shots.driver import Driver, dark_palette, named  # noqa: E402


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
    for page, name in (("inference", "register-inference.png"), ("details", "register-details.png")):
        drive.step(page, lambda: True, lambda: wizard().next())
        drive.step(f"screenshot {page}", lambda: True, shot(name))

    def to_review() -> None:
        """On through the Advanced page, which v6's metrics, card and stage bring into the path."""
        for _ in range(3):
            if wizard().currentId() == PageId.REVIEW:
                return
            wizard().next()

    drive.step("review", lambda: True, to_review)
    drive.step("screenshot review", lambda: wizard().currentId() == PageId.REVIEW, shot("register-review.png"))
    review_renderings_steps(drive, state)
    drive.step("submit", lambda: True, lambda: wizard().submit())
    drive.step("registered", lambda: wizard().currentId() == PageId.RESULT, shot("register-result.png"))
    drive.step("close pipeline wizard", lambda: True, lambda: wizard().close())
    drive.step("open single wizard", lambda: True, lambda: open_wizard("single"))
    drive.step("single target", lambda: wizard().target_page.group() == "churn-prediction", bad_input)
    drive.step("missing object", lambda: any(word in wizard().containers_page.editor.model_data_status.text()
                                             for word in ("no object", "aucun objet")),
               shot("register-problems.png"))
    drive.step("close single wizard", lambda: True, lambda: wizard().done(0))  # no "discard?" question
    picker_steps(drive, window, state)
    advanced_steps(drive, window, state)
    model_data_steps(drive, window, state)


def review_renderings_steps(drive: Driver, state: dict) -> None:
    """The review's SageMaker SDK and Pipelines step tabs of the pipeline, light and dark:
    register-review-sdk.png, register-review-step.png and their -dark twins."""
    from PySide6.QtWidgets import QApplication

    light = QApplication.palette()

    def tab(title: str) -> Callable[[], None]:
        def show() -> None:
            tabs = state["register"].review_page.tabs
            tabs.setCurrentIndex(next(i for i in range(tabs.count())
                                      if tabs.tabText(i).replace("&", "") in named(title)))
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


def advanced_spec(key_arn: str):
    """A churn version with every field of the Advanced page set (one lifecycle stage mistyped)."""
    from app.registry.versions.spec import (
        ContainerSpec,
        LifeCycleSpec,
        MetricSpec,
        RegistrationSpec,
        SourceMetadata,
    )

    bucket = "registry-desk-models-123456789012"
    base = f"s3://{bucket}/churn-prediction/v44"
    card = ('{"model_overview":{"model_description":"XGBoost churn model, weekly retrain",'
            '"model_owner":"growth-ml"},"intended_uses":{"risk_rating":"Low"}}')
    return RegistrationSpec(
        group="churn-prediction",
        containers=(ContainerSpec("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1",
                                  f"{base}/model.tar.gz"),),
        content_types=("text/csv",), response_types=("text/csv",),
        kms_key_id=key_arn,
        source_uri=f"{base}/source.tar.gz",
        source_metadata=SourceMetadata("9f1c2ab", "https://github.com/example/churn", "churn-training-pipeline"),
        metrics=(MetricSpec("ModelQuality.Statistics", f"{base}/evaluation/metrics.json"),
                 MetricSpec("ModelDataQuality.Constraints", f"{base}/evaluation/data-constraints.json"),
                 MetricSpec("Bias.PostTrainingReport", f"{base}/clarify/bias.json"),
                 MetricSpec("Explainability.Report", f"{base}/clarify/explainability.json")),
        drift_baselines=(MetricSpec("ModelQuality.Constraints", f"{base}/monitor/constraints.json"),),
        skip_model_validation="All",
        model_card_content=card, model_card_status="Draft",
        life_cycle=LifeCycleSpec("Staging", "In Progress", "shadow traffic from Monday"),
        tags=(("team", "growth-ml"), ("cost-center", "cc-4471")),
    )


def advanced_steps(drive: Driver, window, state: dict) -> None:
    """The Advanced page with its sections open, light and dark, at the wizard's size and at 1280x720."""
    from PySide6.QtGui import QGuiApplication

    from app.registry.accounts.sessions import session_for
    from app.ui.wizards.register import PageId, RegisterWizard
    from scripts.shots.driver import dark_palette

    def open_wizard(width: int, height: int) -> None:
        connection = window.workspace.connection
        kms = session_for(connection).client("kms")
        key = next(a["TargetKeyId"] for a in kms.list_aliases()["Aliases"]
                   if a["AliasName"] == "alias/registry-desk-models")
        arn = kms.describe_key(KeyId=key)["KeyMetadata"]["Arn"]
        wizard = RegisterWizard(connection, window.settings, source=advanced_spec(arn), parent=window)
        wizard.resize(width, height)
        wizard.show()
        state["advanced"] = wizard

    def to(page_id: int) -> None:
        wizard = state["advanced"]
        while wizard.currentId() != page_id:
            wizard.next()

    def set_dark(dark: bool) -> None:
        app = QGuiApplication.instance()
        if dark:
            state["light palette"] = app.palette()
            app.setPalette(dark_palette())
        elif "light palette" in state:
            app.setPalette(state.pop("light palette"))

    def scroll(fraction: float) -> None:
        bar = state["advanced"].advanced_page.scroll.verticalScrollBar()
        bar.setValue(int(bar.maximum() * fraction))

    def keys_listed() -> bool:
        page = state["advanced"].advanced_page
        box = next(b for b in page.boxes if b.title in named("Encryption"))
        return "alias/registry-desk-models" in box.header.text()

    for suffix, dark, size in (("", False, (1100, 740)), ("-dark", True, (1100, 740)),
                               ("-1280x720", False, (1280, 720))):
        drive.step(f"advanced theme{suffix}", lambda: True, lambda dark=dark: set_dark(dark))
        drive.step(f"open advanced{suffix}", lambda: True, lambda size=size: open_wizard(*size))
        drive.step(f"advanced target{suffix}", lambda: state["advanced"].target_page.group() == "churn-prediction",
                   lambda: to(PageId.DETAILS))
        drive.step(f"details with advanced{suffix}", lambda: True,
                   lambda suffix=suffix: drive.save(state["advanced"], f"register-details-advanced{suffix}.png"))
        drive.step(f"to advanced{suffix}", lambda: True, lambda: to(PageId.ADVANCED))
        drive.step(f"advanced keys{suffix}", keys_listed,
                   lambda suffix=suffix: drive.save(state["advanced"], f"register-advanced{suffix}.png"))
        drive.step(f"advanced lower{suffix}", lambda: True, lambda: scroll(0.55))
        drive.step(f"advanced lower shot{suffix}", lambda: True,
                   lambda suffix=suffix: drive.save(state["advanced"], f"register-advanced-card{suffix}.png"))
        drive.step(f"advanced bottom{suffix}", lambda: True, lambda: scroll(1.0))
        drive.step(f"advanced bottom shot{suffix}", lambda: True,
                   lambda suffix=suffix: drive.save(state["advanced"], f"register-advanced-lifecycle{suffix}.png"))
        drive.step(f"close advanced{suffix}", lambda: True, lambda: state["advanced"].done(0))
    drive.step("advanced light again", lambda: True, lambda: set_dark(False))


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
    drive.step("tags", lambda: state["picker"].tags.topLevelItemCount() == 4,
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
        status = state["register"].containers_page.editor.model_data_status.text()
        return any(word in status for word in ("objects,", "objets,"))

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
