"""Deployed where? endpoint -> config -> model -> container ModelPackageName, against moto."""

from __future__ import annotations

from typing import Any

import pytest

from app.registry.errors import RegistryError
from app.registry.versions.deployments import endpoints_serving, package_arn, scan_deployments
from tests.registry.conftest import MAIN_ACCOUNT

ROLE = f"arn:aws:iam::{MAIN_ACCOUNT}:role/SageMakerExecution"


def answer_error(client: Any, operation: str, code: str, message: str) -> None:
    """The service answers `operation` with this error, as AWS would send it."""
    from botocore.awsrequest import AWSResponse

    def respond(**_: Any):
        return AWSResponse("https://aws.example", 400, {}, None), {
            "Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": 400}}

    client.meta.events.register(f"before-call.sagemaker.{operation}", respond)


def deploy(sagemaker: Any, endpoint: str, models: dict[str, str]) -> None:
    """An endpoint whose config has one variant per model (variant name -> model name)."""
    sagemaker.create_endpoint_config(EndpointConfigName=f"{endpoint}-config", ProductionVariants=[
        {"VariantName": variant, "ModelName": model, "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}
        for variant, model in models.items()])
    sagemaker.create_endpoint(EndpointName=endpoint, EndpointConfigName=f"{endpoint}-config")


@pytest.fixture
def estate(sagemaker, add_group):
    """A pipeline model of three containers (ARN, name, and an image-only one), a single model
    named by "group/version", both behind endpoints; and one version nobody deploys."""
    fraud = add_group("fraud", versions=3)
    churn = add_group("churn", versions=2)
    sagemaker.create_model(ModelName="fraud-pipeline", ExecutionRoleArn=ROLE, Containers=[
        {"ModelPackageName": fraud[0]},
        {"ModelPackageName": "fraud/2"},
        {"Image": f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/postprocess:1"},
    ])
    sagemaker.create_model(ModelName="churn-model", ExecutionRoleArn=ROLE,
                           PrimaryContainer={"ModelPackageName": "churn/2"})
    deploy(sagemaker, "fraud-prod", {"AllTraffic": "fraud-pipeline"})
    deploy(sagemaker, "churn-prod", {"Blue": "churn-model", "Green": "fraud-pipeline"})
    return {"fraud": fraud, "churn": churn}


def test_a_pipeline_model_deploys_each_container_version_by_arn_or_by_name(session, estate):
    scan = scan_deployments(session)

    assert scan.complete and scan.endpoint_count == 2
    first = scan.serving(estate["fraud"][0])
    assert sorted((d.endpoint_name, d.variant, d.model) for d in first) == [
        ("churn-prod", "Green", "fraud-pipeline"), ("fraud-prod", "AllTraffic", "fraud-pipeline")]
    # "fraud/2" is a name: it resolves in the model's own account and region
    assert sorted(d.endpoint_name for d in scan.serving(estate["fraud"][1])) == ["churn-prod", "fraud-prod"]
    assert [(d.endpoint_name, d.variant, d.status) for d in scan.serving(estate["churn"][1])] == [
        ("churn-prod", "Blue", "InService")]
    assert scan.serving(estate["fraud"][2]) == [] and scan.serving(estate["churn"][0]) == []
    # the image-only container names no version: nothing else is in the map
    assert len(scan.versions) == 3


def test_each_config_and_model_is_described_once(session, estate, calls):
    scan_deployments(session)
    assert calls.count("DescribeEndpoint") == 2
    assert calls.count("DescribeEndpointConfig") == 2
    assert calls.count("DescribeModel") == 2  # fraud-pipeline serves two endpoints, read once


def test_endpoints_serving_one_version_ignores_the_case_of_the_arn(session, estate):
    found = endpoints_serving(session, estate["churn"][1].upper().replace("ARN:AWS:SAGEMAKER", "arn:aws:sagemaker"))
    assert [d.endpoint_name for d in found] == ["churn-prod"]


def test_no_endpoint_means_an_empty_complete_answer(session, add_group):
    version = add_group("lonely", versions=1)[0]
    scan = scan_deployments(session)
    assert scan.complete and scan.endpoint_count == 0 and endpoints_serving(session, version) == []


def test_a_name_becomes_an_arn_in_the_models_account_and_region():
    model = "arn:aws-cn:sagemaker:cn-north-1:111122223333:model/m"
    assert package_arn("churn/3", model) == "arn:aws-cn:sagemaker:cn-north-1:111122223333:model-package/churn/3"
    arn = "arn:aws:sagemaker:us-east-1:444455556666:model-package/shared/1"
    assert package_arn(arn, model) == arn


def test_a_refused_listing_names_the_profile_and_the_action(session, estate):
    answer_error(session.client("sagemaker"), "ListEndpoints", "AccessDeniedException", "not authorized")
    with pytest.raises(RegistryError) as caught:
        scan_deployments(session)
    text = str(caught.value)
    assert "'sandbox'" in text and "sagemaker:ListEndpoints" in text


def test_a_refused_model_describe_makes_the_answer_partial_not_empty(session, estate):
    answer_error(session.client("sagemaker"), "DescribeModel", "AccessDeniedException", "not authorized")
    scan = scan_deployments(session)
    assert not scan.complete
    assert "sagemaker:DescribeModel" in str(scan.problems[0])
    with pytest.raises(RegistryError):
        endpoints_serving(session, estate["churn"][1])  # "not deployed" would be a guess


def test_a_shadow_variant_is_a_deployment_marked_shadow(session, sagemaker, add_group):
    churn = add_group("churn", versions=2)
    for n in (1, 2):
        sagemaker.create_model(ModelName=f"churn-{n}", ExecutionRoleArn=ROLE,
                               PrimaryContainer={"ModelPackageName": churn[n - 1]})
    variant = {"InstanceType": "ml.m5.large", "InitialInstanceCount": 1}
    sagemaker.create_endpoint_config(
        EndpointConfigName="prod-config",
        ProductionVariants=[{"VariantName": "Live", "ModelName": "churn-1", **variant}],
        ShadowProductionVariants=[{"VariantName": "Shadow", "ModelName": "churn-2", **variant}])
    sagemaker.create_endpoint(EndpointName="prod", EndpointConfigName="prod-config")

    scan = scan_deployments(session)
    assert [(d.variant, d.shadow) for d in scan.serving(churn[0])] == [("Live", False)]
    assert [(d.variant, d.shadow) for d in scan.serving(churn[1])] == [("Shadow", True)]


def test_an_update_in_progress_counts_the_config_it_moves_to_as_pending(session, sagemaker, add_group):
    churn = add_group("churn", versions=2)
    for n in (1, 2):
        sagemaker.create_model(ModelName=f"churn-{n}", ExecutionRoleArn=ROLE,
                               PrimaryContainer={"ModelPackageName": churn[n - 1]})
    deploy(sagemaker, "prod", {"Live": "churn-1"})
    deploy(sagemaker, "next", {"Live": "churn-2"})
    sagemaker.delete_endpoint(EndpointName="next")  # only its config stays: what prod updates to

    def updating(parsed, **_kwargs):  # as AWS answers while UpdateEndpoint runs (moto cannot)
        if parsed.get("EndpointName") == "prod":
            parsed["EndpointStatus"] = "Updating"
            parsed["PendingDeploymentSummary"] = {"EndpointConfigName": "next-config"}

    session.client("sagemaker").meta.events.register("after-call.sagemaker.DescribeEndpoint", updating)
    scan = scan_deployments(session)
    assert [(d.endpoint_name, d.status, d.pending) for d in scan.serving(churn[0])] == [("prod", "Updating", False)]
    assert [(d.endpoint_name, d.config, d.pending) for d in scan.serving(churn[1])] == [("prod", "next-config", True)]


def test_the_scan_says_which_account_and_region_it_looked_in(session, add_group):
    add_group("lonely", versions=1)
    scan = scan_deployments(session)  # no endpoint to read the account from: STS says it
    assert (scan.account, scan.region) == (MAIN_ACCOUNT, "us-east-1")
