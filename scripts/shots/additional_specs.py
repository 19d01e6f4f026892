"""Screenshot steps of the additional inference specifications editor, light and dark.

Run alone (the sandbox window is made as scripts/screenshots.py makes it):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/shots/additional_specs.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.registry.versions.spec import (  # noqa: E402
    ContainerSpec,
    InferenceSpec,
    ModelDataSourceSpec,
    RegistrationSpec,
)
from scripts.shots.driver import Driver, dark_palette, named  # noqa: E402

ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
MODELS = "s3://registry-desk-models-123456789012/churn-prediction"


def two_specs():
    """A GPU build of one container, and a batch pipeline of two whose second name has a typo."""
    gpu = InferenceSpec(
        name="gpu", description="The same model on GPUs",
        containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1-gpu", f"{MODELS}/v1/model.tar.gz"),),
        content_types=("text/csv",), response_types=("text/csv",),
        realtime_instance_types=("ml.g5.xlarge", "ml.g4dn.xlarge"))
    batch = InferenceSpec(
        name="batch_nightly", description="Nightly scoring: features, then the model",
        containers=(
            ContainerSpec(f"{ECR}/churn-features:3", "", (("FEATURE_SET", "v3"), ("LOG_LEVEL", "info")),
                          "features", "SKLEARN", "1.2-1"),
            ContainerSpec(f"{ECR}/churn-xgboost:1.7-1", "", (("SAGEMAKER_PROGRAM", "serve.py"),), "model",
                          model_data_source=ModelDataSourceSpec(f"{MODELS}/v3/")),
        ),
        content_types=("application/json", "application/x-parquet"), response_types=("application/json",),
        transform_instance_types=("ml.m5.large", "ml.m5.xlarge"))
    return RegistrationSpec(group="churn-prediction", additional_specs=(gpu, batch))


def additional_specs_steps(drive: Driver, window, state: dict) -> None:
    """register-additional-specs.png (the pipeline chosen, its checks shown), its Inference tab
    (register-additional-specs-inference.png), and register-additional-specs-dark.png."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from app.registry.versions import registration
    from app.ui.wizards.register.additional_specs import AdditionalSpecsEditor
    from app.ui.wizards.register.common import problems_by_field

    light = QApplication.palette()

    def open_editor(palette) -> None:
        QApplication.setPalette(palette)  # before the widgets are made: their notes' colours come from it
        holder = QWidget(window, Qt.WindowType.Window)
        holder.setWindowTitle(
            QCoreApplication.translate("AdditionalSpecsEditor", "Additional inference specifications"))
        editor = AdditionalSpecsEditor(window.workspace.connection if window is not None else None)
        QVBoxLayout(holder).addWidget(editor)
        spec = two_specs()
        editor.load(spec)
        editor.select(1)
        editor.containers.select(1)
        editor.show_problems(problems_by_field(registration.problems(spec)),
                             problems_by_field(_warnings(registration, spec)))
        holder.resize(1100, 700)
        holder.show()
        state["additional"] = holder

    def shot(name: str):
        return lambda: drive.save(state["additional"], name)

    def close() -> None:
        state.pop("additional").close()
        QApplication.setPalette(light)

    drive.step("open additional specs", lambda: True, lambda: open_editor(light))
    drive.step("screenshot additional specs", lambda: True, shot("register-additional-specs.png"))
    drive.step("inference tab", lambda: True, lambda: state["additional"].findChild(
        AdditionalSpecsEditor).tabs.setCurrentIndex(1))
    drive.step("screenshot inference tab", lambda: True, shot("register-additional-specs-inference.png"))
    drive.step("additional specs dark", lambda: True, lambda: (close(), open_editor(dark_palette())))
    drive.step("screenshot additional specs dark", lambda: True, shot("register-additional-specs-dark.png"))
    drive.step("close additional specs", lambda: True, close)
    if window is not None:
        wizard_steps(drive, window, state)


def wizard_steps(drive: Driver, window, state: dict) -> None:
    """register-advanced-additional-specs.png: the section on the wizard's Advanced page."""
    from app.ui.wizards.register import PageId, RegisterWizard
    from app.ui.wizards.register.additional_specs import AdditionalSpecsEditor

    def open_wizard() -> None:
        wizard = RegisterWizard(window.workspace.connection, window.settings, parent=window)
        page = wizard.advanced_page
        if not any(isinstance(box.section, AdditionalSpecsEditor) for box in page.boxes):
            page.add_section(QCoreApplication.translate("RegisterWizard", "Additional inference specifications"),
                             AdditionalSpecsEditor(wizard.connection))
        spec = two_specs()
        wizard.set_spec(replace(spec, containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1",
                                                                f"{MODELS}/v1/model.tar.gz"),)))
        wizard.resize(1100, 900)
        wizard.show()
        state["additional_wizard"] = wizard

    def wizard():
        return state["additional_wizard"]

    def to_section() -> None:
        page = wizard().advanced_page
        box = next(b for b in page.boxes if b.title in named("Additional inference specifications"))
        box.section.select(1)
        page.scroll.ensureWidgetVisible(box.header, 0, 0)

    drive.step("open wizard with additional specs", lambda: True, open_wizard)
    for page in range(4):
        drive.step(f"next {page}", lambda: wizard().button(wizard().WizardButton.NextButton).isEnabled(),
                   lambda: wizard().next())
    drive.step("on advanced", lambda: wizard().currentId() == PageId.ADVANCED, to_section)
    drive.step("screenshot advanced", lambda: True,
               lambda: drive.save(wizard(), "register-advanced-additional-specs.png"))
    drive.step("close wizard", lambda: True, lambda: wizard().done(0))


def _warnings(registration, spec) -> list:
    warnings = getattr(registration, "warnings", None)
    return warnings(spec) if warnings else []


def main() -> int:
    """The editor alone, then on the Advanced page of the wizard, over the sandbox window."""
    from scripts.screenshots import run_alone

    return run_alone(additional_specs_steps)


if __name__ == "__main__":
    sys.exit(main())
