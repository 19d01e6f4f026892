"""Screenshot steps of the additional inference specifications editor, light and dark.

Run alone (no main window; the pickers then stay disabled):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/shots/additional_specs.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402

ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
MODELS = "s3://registry-desk-models-123456789012/churn-prediction"


def two_specs():
    """A GPU build of one container, and a batch pipeline of two whose second name has a typo."""
    from app.registry.versions.spec import ContainerSpec, InferenceSpec, ModelDataSourceSpec, RegistrationSpec

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
        holder.setWindowTitle("Additional inference specifications")
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


def _warnings(registration, spec) -> list:
    warnings = getattr(registration, "warnings", None)
    return warnings(spec) if warnings else []


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from app.cli import create_application

    app = create_application()
    drive = Driver(app, out)
    additional_specs_steps(drive, None, {})
    drive.start()
    sys.exit(app.exec())
