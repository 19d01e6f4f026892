"""The seeded endpoints: which versions they serve, read the way the application reads them."""

from __future__ import annotations

from app.registry.accounts.sessions import forget_sessions, session_for
from app.registry.aws import Connection
from app.registry.versions.deployments import scan_deployments
from app.sandbox.seed import main_client, seed
from app.sandbox.server import SANDBOX_ACCESS_KEY_ID, SANDBOX_REGION, SANDBOX_SECRET_ACCESS_KEY


def test_moto_keeps_each_containers_model_package_name(endpoint: str) -> None:
    """The sandbox relies on it: a pipeline model's containers keep their references as sent."""
    sm = main_client(endpoint, "sagemaker")
    sm.create_model(ModelName="p", ExecutionRoleArn="arn:aws:iam::123456789012:role/x", Containers=[
        {"ModelPackageName": "fraud/6"},
        {"ModelPackageName": "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud/7"}])
    containers = sm.describe_model(ModelName="p")["Containers"]
    assert [c["ModelPackageName"] for c in containers] == [
        "fraud/6", "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud/7"]


def test_seeded_endpoints_serve_production_staging_and_the_pipeline(endpoint: str) -> None:
    summary = seed(endpoint)
    forget_sessions()
    session = session_for(Connection(None, SANDBOX_REGION, endpoint, SANDBOX_ACCESS_KEY_ID,
                                     SANDBOX_SECRET_ACCESS_KEY, label="sandbox"))
    scan = scan_deployments(session)
    forget_sessions()

    assert scan.complete and sorted(summary.endpoint_names) == [
        "churn-scoring-prod", "churn-scoring-staging", "fraud-scoring-prod", "fraud-scoring-staging"]
    assert [d.endpoint_name for d in scan.serving(summary.production_version_arn)] == ["churn-scoring-prod"]
    staging = summary.production_version_arn.rsplit("/", 1)[0] + "/44"  # referenced by name
    assert sorted((d.endpoint_name, d.variant, d.shadow) for d in scan.serving(staging)) == [
        ("churn-scoring-prod", "Shadow", True), ("churn-scoring-staging", "AllTraffic", False)]
    pipeline = sorted((d.endpoint_name, d.variant) for d in scan.serving(summary.pipeline_version_arn))
    assert pipeline == [("fraud-scoring-prod", "Candidate"), ("fraud-scoring-staging", "AllTraffic")]


def test_an_endpoint_config_keeps_its_shadow_variants(endpoint: str) -> None:
    """Added by the sandbox: moto drops ShadowProductionVariants."""
    sm = main_client(endpoint, "sagemaker")
    for name in ("live", "candidate"):
        sm.create_model(ModelName=name, ExecutionRoleArn="arn:aws:iam::123456789012:role/x",
                        PrimaryContainer={"ModelPackageName": f"churn/{len(name)}"})
    variant = {"InstanceType": "ml.m5.large", "InitialInstanceCount": 1}
    sm.create_endpoint_config(EndpointConfigName="c",
                              ProductionVariants=[{"VariantName": "Live", "ModelName": "live", **variant}],
                              ShadowProductionVariants=[{"VariantName": "Shadow", "ModelName": "candidate", **variant}])
    described = sm.describe_endpoint_config(EndpointConfigName="c")
    assert [v["ModelName"] for v in described["ShadowProductionVariants"]] == ["candidate"]
    assert [v["ModelName"] for v in described["ProductionVariants"]] == ["live"]
