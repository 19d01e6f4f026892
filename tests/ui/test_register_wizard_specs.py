"""A spec file goes through the wizard unchanged: load -> save gives the same file, load ->
register sends what the file says, in the file's order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from app.registry.accounts.sessions import session_for
from app.registry.versions import registration
from app.registry.versions.registration import ContainerSpec, MetricSpec, RegistrationSpec
from app.sandbox.seed import MAIN_BUCKET
from app.ui.wizards.register import PageId
from tests.ui.test_register_wizard import ECR, go_next, open_wizard, register  # noqa: F401 (a fixture)
from tests.ui.test_register_wizard_review import TRICKY

METRICS = f"s3://{MAIN_BUCKET}/churn-prediction/metrics"


def unusual_spec() -> RegistrationSpec:
    """Everything in an order the wizard's pickers would not choose themselves."""
    return RegistrationSpec(
        group="churn-prediction",
        containers=(
            ContainerSpec(f"{ECR}/churn-post:2", "", (("ZETA", "1"), ("ALPHA", TRICKY), ("MIDDLE", "")),
                          "post", "SKLEARN", "1.2-1"),
            ContainerSpec(f"{ECR}/churn-xgboost:1.7-1", "", (("B", "2"), ("A", "1")), "model"),
        ),
        # not the presets' order, and a typed type between two presets
        content_types=("application/json", "application/x-parquet", "text/csv"),
        response_types=("image/png", "text/csv"),
        realtime_instance_types=("ml.m5.xlarge", "ml.c5.large"),
        transform_instance_types=("ml.m5.large",),
        description=TRICKY,
        customer_metadata=(("zeta", "last first"), ("alpha", "1")),
        metrics=(MetricSpec("Bias.Report", f"{METRICS}/bias.json"),
                 MetricSpec("ModelQuality.Statistics", f"{METRICS}/statistics.csv", "text/csv")),
        sample_payload_url=f"s3://{MAIN_BUCKET}/churn-prediction/payload.tar.gz",
        domain="MACHINE_LEARNING",
        task="CLASSIFICATION",
    )


def loaded(qtbot, open_wizard, path: Path):  # noqa: F811
    wizard = open_wizard()
    with qtbot.waitSignal(wizard.specLoaded, timeout=5000):
        wizard.load_spec_from(str(path))
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=10000)
    return wizard


def test_load_then_save_gives_the_same_file(qtbot, open_wizard, tmp_path):  # noqa: F811
    spec = unusual_spec()
    assert registration.problems(spec) == []
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    registration.save_spec(first, spec)
    wizard = loaded(qtbot, open_wizard, first)
    assert wizard.spec() == spec
    with qtbot.waitSignal(wizard.specSaved, timeout=5000):
        wizard.save_spec_to(str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_load_then_register_sends_the_file_in_its_order(qtbot, open_wizard, connection, tmp_path):  # noqa: F811
    spec = unusual_spec()
    path = tmp_path / "spec.json"
    registration.save_spec(path, spec)
    wizard = loaded(qtbot, open_wizard, path)
    for _page in range(4):
        go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.ADVANCED  # the file has metrics
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW
    arn = register(qtbot, wizard)
    stored = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=arn)
    inference = stored["InferenceSpecification"]
    assert inference["SupportedContentTypes"] == ["application/json", "application/x-parquet", "text/csv"]
    assert inference["SupportedResponseMIMETypes"] == ["image/png", "text/csv"]
    assert list(inference["Containers"][0]["Environment"]) == ["ZETA", "ALPHA", "MIDDLE"]
    assert list(stored["CustomerMetadataProperties"]) == ["zeta", "alpha"]
    assert stored["ModelMetrics"]["ModelQuality"]["Statistics"]["ContentType"] == "text/csv"
    # ModelMetrics is a structure, not a list: AWS answers in its model's member order.
    again = registration.spec_from_describe(stored)
    assert set(again.metrics) == set(spec.metrics)
    assert replace(again, metrics=spec.metrics) == spec


def test_ticking_keeps_the_order_of_the_ticks(qtbot, open_wizard):  # noqa: F811
    wizard = open_wizard()
    editor = wizard.inference_page.content_types
    for value in ("image/png", "text/csv", "application/json"):
        editor.list.findItems(value, Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
    editor.list.findItems("text/csv", Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Unchecked)
    assert wizard.spec().content_types == ("image/png", "application/json")
