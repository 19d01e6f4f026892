"""Registration specs: the request they make, what the sandbox stores, files and renderings."""

from __future__ import annotations

import json
import shlex
from dataclasses import replace

import pytest

from app.registry.errors import RegistryError
from app.registry.versions import registration
from app.registry.versions.registration import ContainerSpec, MetricSpec, RegistrationSpec
from app.sandbox.server import SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY

from .conftest import MAIN_ACCOUNT

IMAGE = f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1"


def pipeline_spec(group: str = "fraud") -> RegistrationSpec:
    return RegistrationSpec(
        group=group,
        containers=(
            ContainerSpec(IMAGE.replace("churn-xgboost:1.7-1", "pre:1"), "s3://models/pre/model.tar.gz",
                          (("SAGEMAKER_PROGRAM", "preprocess.py"), ("LOG_LEVEL", "20")), "preprocess",
                          "SKLEARN", "1.2-1"),
            ContainerSpec(IMAGE, "s3://models/xgb/model.tar.gz", (("THRESHOLD", "0.7"),), "model",
                          "XGBOOST", "1.7-1"),
            ContainerSpec(IMAGE.replace("churn-xgboost:1.7-1", "post:1"), "", (), "postprocess"),
        ),
        content_types=("text/csv", "application/json"),
        response_types=("application/json",),
        realtime_instance_types=("ml.m5.large", "ml.c5.xlarge"),
        transform_instance_types=("ml.m5.large",),
        description="fraud pipeline, retrained on May data",
        customer_metadata=(("team", "risk"), ("ticket", "ML-1234")),
        metrics=(MetricSpec("ModelQuality.Statistics", "s3://models/metrics/statistics.json"),
                 MetricSpec("Bias.Report", "s3://models/metrics/bias.json")),
        sample_payload_url="s3://models/payload.tar.gz",
        domain="MACHINE_LEARNING",
        task="CLASSIFICATION",
    )


def test_a_pipeline_is_stored_exactly_as_specified(session, sagemaker):
    sagemaker.create_model_package_group(ModelPackageGroupName="fraud")
    spec = pipeline_spec()
    arn = registration.register(session, spec)
    stored = sagemaker.describe_model_package(ModelPackageName=arn)
    containers = stored["InferenceSpecification"]["Containers"]
    assert [c["ContainerHostname"] for c in containers] == ["preprocess", "model", "postprocess"]
    assert containers[0]["Environment"] == {"SAGEMAKER_PROGRAM": "preprocess.py", "LOG_LEVEL": "20"}
    assert containers[1]["Framework"] == "XGBOOST" and containers[1]["FrameworkVersion"] == "1.7-1"
    assert "ModelDataUrl" not in containers[2]
    assert stored["ModelApprovalStatus"] == "PendingManualApproval"
    assert stored["CustomerMetadataProperties"] == {"team": "risk", "ticket": "ML-1234"}
    assert stored["ModelMetrics"]["Bias"]["Report"]["S3Uri"] == "s3://models/metrics/bias.json"
    # and reading it back gives the same spec: "new version from" repeats it exactly
    assert registration.spec_from_describe(stored) == spec


def test_new_version_from_an_existing_one_makes_the_same_request(session, sagemaker):
    sagemaker.create_model_package_group(ModelPackageGroupName="fraud")
    arn = registration.register(session, pipeline_spec())
    sagemaker.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    source = sagemaker.describe_model_package(ModelPackageName=arn)
    request = registration.build_request(registration.spec_from_describe(source))
    for key in ("ModelPackageGroupName", "ModelPackageDescription", "InferenceSpecification",
                "CustomerMetadataProperties", "ModelMetrics", "SamplePayloadUrl", "Domain", "Task"):
        assert request[key] == source[key], key
    assert request["ModelApprovalStatus"] == "PendingManualApproval"  # a new version starts pending


def test_nothing_is_sent_while_the_spec_has_a_problem(session, sagemaker, calls):
    sagemaker.create_model_package_group(ModelPackageGroupName="fraud")
    bad = RegistrationSpec(group="fraud", containers=(ContainerSpec("", "s3://models/m.tar.gz"),))
    with pytest.raises(RegistryError) as caught:
        registration.register(session, bad)
    assert "Type the image URI" in str(caught.value)
    assert calls.count("CreateModelPackage") == 0


def test_a_new_group_is_created_with_the_version_and_not_for_a_refused_spec(session, sagemaker, calls):
    with pytest.raises(RegistryError):
        registration.register(session, RegistrationSpec(group="brand-new", containers=()), new_group="")
    assert calls.count("CreateModelPackageGroup") == 0
    arn = registration.register(session, pipeline_spec("brand-new"), new_group="made by the wizard")
    group = sagemaker.describe_model_package_group(ModelPackageGroupName="brand-new")
    assert group["ModelPackageGroupDescription"] == "made by the wizard"
    assert arn.endswith(":model-package/brand-new/1")


def test_a_server_refusal_names_the_action_and_the_group(session):
    with pytest.raises(RegistryError) as caught:
        registration.register(session, pipeline_spec("no-such-group"))
    assert caught.value.kind == "not_found"
    assert str(caught.value).startswith("Not found: no-such-group does not exist")


def test_save_and_load_give_the_same_request(tmp_path):
    spec = pipeline_spec()
    path = tmp_path / "spec.json"
    registration.save_spec(path, spec)
    loaded = registration.load_spec(path)
    assert loaded == spec
    assert registration.build_request(loaded) == registration.build_request(spec)


@pytest.mark.parametrize("text, words", [
    ("{not json", "not JSON"),
    ('{"format": "something-else"}', "not a Registry Desk registration spec"),
    ('{"format": "registry-desk/registration-spec", "version": 9, "spec": {}}', "version 9"),
])
def test_a_file_that_is_not_a_spec_is_refused_in_words(tmp_path, text, words):
    path = tmp_path / "spec.json"
    path.write_text(text)
    with pytest.raises(ValueError) as caught:
        registration.load_spec(path)
    assert words in str(caught.value)


def test_the_cli_command_carries_the_exact_request():
    request = registration.build_request(pipeline_spec())
    command = registration.cli_command(request, region="eu-west-1", profile="prod")
    words = shlex.split(command)
    assert words[:3] == ["aws", "sagemaker", "create-model-package"]
    assert json.loads(words[words.index("--cli-input-json") + 1]) == request
    assert words[-4:] == ["--region", "eu-west-1", "--profile", "prod"]


def test_the_boto3_snippet_runs_and_registers_the_version(sagemaker, endpoint, monkeypatch, capsys):
    sagemaker.create_model_package_group(ModelPackageGroupName="fraud")
    request = registration.build_request(pipeline_spec())
    snippet = registration.boto3_snippet(request, region="us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", SANDBOX_ACCESS_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SANDBOX_SECRET_ACCESS_KEY)
    exec(compile(snippet, "snippet.py", "exec"), {})
    arn = capsys.readouterr().out.strip()
    stored = sagemaker.describe_model_package(ModelPackageName=arn)
    assert stored["InferenceSpecification"] == request["InferenceSpecification"]


def test_renderings_show_invisible_characters_as_escapes_of_the_same_value():
    text = "équipe\u00a0risque\u2028ligne\u2029fin\u200b\u202e日本"
    request = registration.build_request(replace(pipeline_spec(), description=text))
    renderings = (registration.request_json(request),
                  registration.boto3_snippet(request, region="us-east-1", profile="training"),
                  registration.cli_command(request, region="us-east-1", profile="training"))
    for rendering in renderings:
        # Nothing a text box or a reader could take for something else; non-ASCII as written.
        assert not set(rendering) & set("\u00a0\u2028\u2029\u200b\u202e")
        assert "équipe" in rendering and "日本" in rendering
    assert json.loads(renderings[0]) == request
    words = shlex.split(renderings[2])
    assert json.loads(words[words.index("--cli-input-json") + 1]) == request
    namespace: dict = {}
    body = renderings[1].split("request = ", 1)[1].split("\nresponse = ", 1)[0]
    exec(compile("request = " + body, "snippet", "exec"), namespace)  # the literal, not the call
    assert namespace["request"] == request
