"""The SageMaker SDK and Pipelines renderings register the same version as the request.

Each snippet is compiled, then read back with ast (tests/registry/snippet_reader.py) into the
request the SDK would send for its arguments; with what its closing comment says to set with
boto3 afterwards (or only by creating with boto3), it must be the request, field by field.
"""

from __future__ import annotations

import ast
import copy
import json
import shlex
from typing import Any

import pytest
from botocore.validate import validate_parameters
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.registry.aws import service_model
from app.registry.versions import registration, renderings, sdkplan
from app.registry.versions.spec import ContainerSpec, MetricSpec, RegistrationSpec
from app.sandbox.server import SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY

from . import snippet_reader as reader
from .conftest import MAIN_ACCOUNT

ECR = f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com"
S3 = "s3://models/llm"
DIGEST = "sha256:" + "0123456789abcdef" * 4
SNIPPETS = pytest.mark.parametrize("render", [renderings.sdk_snippet, renderings.pipeline_step_snippet],
                                   ids=["sdk", "pipeline-step"])


def read_back(request: dict[str, Any], render) -> reader.Snippet:
    """Render `request`, read it back, and check that nothing was lost or changed on the way."""
    back = reader.read(render(request, region="eu-west-1", profile="training"))
    assert back.not_set == renderings.not_set_by_sdk(request)
    # What the SDK sends is the request without what the comment names (with the SDK's defaults)...
    expected = reader.with_sdk_defaults(reader.without(request, back.not_set))
    assert reader.card_as_json(back.request) == reader.card_as_json(expected)
    # ...and the comment gives each of those the request's own value.
    for key, value in {**back.later, **back.creation_only}.items():
        assert value == request[key], key
    assert {path.split(".")[0] for path in back.not_set} == set(back.later) | set(back.creation_only)
    return back


def one_container() -> dict[str, Any]:
    return registration.build_request(RegistrationSpec(
        group="churn-prediction",
        containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1", "s3://models/churn/model.tar.gz",
                                  (("LOG_LEVEL", "20"),)),),
        content_types=("text/csv",), response_types=("text/csv",),
        description="churn model, May data",
        metrics=(MetricSpec("ModelQuality.Statistics", "s3://models/churn/statistics.json"),),
    ))


def three_containers() -> dict[str, Any]:
    return registration.build_request(RegistrationSpec(
        group="fraud",
        containers=(
            ContainerSpec(f"{ECR}/pre:1", "s3://models/pre/model.tar.gz",
                          (("SAGEMAKER_PROGRAM", "preprocess.py"), ("LOG_LEVEL", "20")), "preprocess"),
            ContainerSpec(f"{ECR}/xgb:1", "s3://models/xgb/model.tar.gz", (("THRESHOLD", "0.7"),), "model",
                          "XGBOOST", "1.7-1"),
            ContainerSpec(f"{ECR}/post:1", "s3://models/post/model.tar.gz", (("FORMAT", "json"),), "postprocess"),
        ),
        content_types=("text/csv",), response_types=("application/json",),
        realtime_instance_types=("ml.m5.large",), transform_instance_types=("ml.m5.xlarge",),
    ))


def source(name: str) -> dict[str, str]:
    return {"ContentType": "application/json", "S3Uri": f"{S3}/quality/{name}.json", "ContentDigest": DIGEST}


def s3_source(path: str) -> dict[str, Any]:
    return {"S3Uri": f"{S3}/{path}", "S3DataType": "S3Prefix", "CompressionType": "None",
            "ModelAccessConfig": {"AcceptEula": True},
            "HubAccessConfig": {"HubContentArn": f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:hub-content/h/Model/m"},
            "ManifestS3Uri": f"{S3}/manifest.json", "ETag": "etag-1", "ManifestEtag": "etag-2"}


def every_container_field() -> dict[str, Any]:
    """A container with every member botocore knows (but ModelDataUrl, exclusive with ModelDataSource)."""
    return {
        "ContainerHostname": "llm", "Image": f"{ECR}/llm:2", "ImageDigest": DIGEST,
        "ModelDataSource": {"S3DataSource": s3_source("weights/")}, "ProductId": "prod-123",
        "Environment": {"HF_MODEL_ID": "/opt/ml/model", "MAX_TOKENS": "4096"},
        "ModelInput": {"DataInputConfig": '{"input_ids": [1, 512]}'},
        "Framework": "PYTORCH", "FrameworkVersion": "2.1", "NearestModelName": "bert-base-uncased",
        "AdditionalModelDataSources": [{"ChannelName": "draft", "S3DataSource": s3_source("draft/")}],
        "AdditionalS3DataSource": {"S3DataType": "S3Object", "S3Uri": f"{S3}/extra.tar.gz",
                                   "CompressionType": "Gzip", "ETag": "etag-3"},
        "ModelDataETag": "etag-4", "IsCheckpoint": False,
        "BaseModel": {"HubContentName": "llama", "HubContentVersion": "1.0.0", "RecipeName": "fine-tune"},
    }


def every_field(containers: list[dict[str, Any]]) -> dict[str, Any]:
    """A request with every field of CreateModelPackage botocore knows (but ModelPackageName,
    exclusive with the group), every metrics and baseline kind."""
    role = f"arn:aws:iam::{MAIN_ACCOUNT}:role/registry"
    inference = {"Containers": containers, "SupportedContentTypes": ["application/json"],
                 "SupportedResponseMIMETypes": ["application/json"],
                 "SupportedRealtimeInferenceInstanceTypes": ["ml.g5.2xlarge"],
                 "SupportedTransformInstanceTypes": ["ml.g5.2xlarge"]}
    return {
        "ModelPackageGroupName": "llm", "ModelPackageDescription": "the LLM, fine-tuned",
        "ModelPackageRegistrationType": "Registered", "InferenceSpecification": inference,
        "ValidationSpecification": {"ValidationRole": role, "ValidationProfiles": [{
            "ProfileName": "smoke", "TransformJobDefinition": {
                "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"{S3}/in/"}}},
                "TransformOutput": {"S3OutputPath": f"{S3}/out/"},
                "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 1}}}]},
        "SourceAlgorithmSpecification": {"SourceAlgorithms": [{"AlgorithmName": "xgboost"}]},
        "CertifyForMarketplace": False, "Tags": [{"Key": "team", "Value": "llm"}],
        "ModelApprovalStatus": "PendingManualApproval",
        "MetadataProperties": {"CommitId": "4b825dc", "Repository": "https://git.example.com/llm.git",
                               "GeneratedBy": "training-job/llm-7", "ProjectId": "p-1234"},
        "ModelMetrics": {"ModelQuality": {"Statistics": source("ms"), "Constraints": source("mc")},
                         "ModelDataQuality": {"Statistics": source("ds"), "Constraints": source("dc")},
                         "Bias": {"Report": source("b"), "PreTrainingReport": source("bpre"),
                                  "PostTrainingReport": source("bpost")},
                         "Explainability": {"Report": source("e")}},
        "ClientToken": "register-llm-7", "Domain": "NATURAL_LANGUAGE_PROCESSING", "Task": "TEXT_GENERATION",
        "SamplePayloadUrl": f"{S3}/payload.tar.gz", "CustomerMetadataProperties": {"team": "llm"},
        "DriftCheckBaselines": {
            "ModelQuality": {"Statistics": source("dms"), "Constraints": source("dmc")},
            "ModelDataQuality": {"Statistics": source("dds"), "Constraints": source("ddc")},
            "Bias": {"ConfigFile": {"S3Uri": f"{S3}/bias.json", "ContentType": "application/json",
                                    "ContentDigest": DIGEST},
                     "PreTrainingConstraints": source("dbpre"), "PostTrainingConstraints": source("dbpost")},
            "Explainability": {"Constraints": source("dec"), "ConfigFile": {"S3Uri": f"{S3}/shap.json"}}},
        "AdditionalInferenceSpecifications": [{
            "Name": "cpu", "Description": "smaller instances",
            "Containers": [{"Image": f"{ECR}/llm-cpu:2", "ModelDataUrl": f"{S3}/cpu.tar.gz"}],
            "SupportedContentTypes": ["application/json"], "SupportedResponseMIMETypes": ["application/json"],
            "SupportedRealtimeInferenceInstanceTypes": ["ml.c5.xlarge"],
            "SupportedTransformInstanceTypes": ["ml.c5.xlarge"]}],
        "SkipModelValidation": "None", "SourceUri": f"{S3}/source/",
        "SecurityConfig": {"KmsKeyId": f"arn:aws:kms:us-east-1:{MAIN_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-12345678"},
        "ModelCard": {"ModelCardContent": json.dumps({"model_overview": {"model_description": "an LLM"}}),
                      "ModelCardStatus": "Draft"},
        "ModelLifeCycle": {"Stage": "Development", "StageStatus": "InProgress", "StageDescription": "first try"},
        "ManagedStorageType": "Restricted",
    }


def post_container() -> dict[str, Any]:
    return {"ContainerHostname": "post", "Image": f"{ECR}/post:1", "ModelDataUrl": f"{S3}/post.tar.gz",
            "Environment": {"FORMAT": "json"}, "Framework": "SKLEARN", "FrameworkVersion": "1.2-1"}


# What register() has no argument for, in either form.
NEVER = {"SourceAlgorithmSpecification", "Tags", "ClientToken", "AdditionalInferenceSpecifications",
         "SecurityConfig", "ManagedStorageType"}
CONTAINER_NEVER = ("ContainerHostname", "ImageDigest", "ProductId", "AdditionalS3DataSource", "ModelDataETag",
                   "IsCheckpoint")


def test_the_every_field_requests_are_what_botocore_knows():
    model = service_model()
    shape = model.operation_model("CreateModelPackage").input_shape
    for request in (every_field([every_container_field()]), every_field([every_container_field(), post_container()])):
        validate_parameters(request, shape)  # raises on anything botocore would refuse
        assert set(request) | {"ModelPackageName"} == set(shape.members)
        members = set(model.shape_for("ModelPackageContainerDefinition").members)
        assert set(every_container_field()) | {"ModelDataUrl"} == members
        assert {f"{g}.{m}" for g, ms in request["ModelMetrics"].items() for m in ms} == set(sdkplan.METRICS_ARGS)
        assert ({f"{g}.{m}" for g, ms in request["DriftCheckBaselines"].items() for m in ms}
                == set(sdkplan.BASELINE_ARGS))


@SNIPPETS
def test_one_container_with_a_model_data_url(render):
    request = one_container()
    back = read_back(request, render)
    assert back.not_set == [] and back.comment == "" and "# Note" not in render(request, region=None)
    assert back.request == reader.with_sdk_defaults(request)


@SNIPPETS
def test_a_pipeline_of_three_containers_with_environments(render):
    request = three_containers()
    snippet = render(request, region="eu-west-1")
    assert "PipelineModel(" in snippet
    back = read_back(request, render)
    # Model() has no hostname; register() sets one framework on every container, and only the
    # second has one: the comment names them and sets them with update_model_package.
    assert back.not_set == [f"InferenceSpecification.Containers[{i}].{key}" for i, key in (
        (0, "ContainerHostname"), (1, "ContainerHostname"), (1, "Framework"), (1, "FrameworkVersion"),
        (2, "ContainerHostname"))]
    assert back.later == {"InferenceSpecification": request["InferenceSpecification"]}
    containers = back.request["InferenceSpecification"]["Containers"]
    assert [c["Environment"] for c in containers] == [{"SAGEMAKER_PROGRAM": "preprocess.py", "LOG_LEVEL": "20"},
                                                      {"THRESHOLD": "0.7"}, {"FORMAT": "json"}]


@SNIPPETS
def test_one_container_with_every_field(render):
    request = every_field([every_container_field()])
    back = read_back(request, render)
    assert set(back.not_set) == NEVER | {f"InferenceSpecification.Containers[0].{k}" for k in CONTAINER_NEVER}
    assert set(back.creation_only) == {"SourceAlgorithmSpecification", "ClientToken", "SecurityConfig",
                                       "ManagedStorageType"}
    assert set(back.later) == {"Tags", "AdditionalInferenceSpecifications", "InferenceSpecification"}


@SNIPPETS
def test_a_pipeline_with_every_field(render):
    request = every_field([every_container_field(), post_container()])
    back = read_back(request, render)
    first = {*CONTAINER_NEVER, "BaseModel", "Framework", "FrameworkVersion", "NearestModelName", "ModelInput"}
    assert set(back.not_set) == (NEVER | {"ValidationSpecification", "ModelLifeCycle"}
                                 | {f"InferenceSpecification.Containers[0].{k}" for k in first}
                                 | {f"InferenceSpecification.Containers[1].{k}"
                                    for k in ("ContainerHostname", "Framework", "FrameworkVersion")})
    assert back.later["ModelLifeCycle"] == request["ModelLifeCycle"]  # set afterwards by update_model_package
    assert back.creation_only["ValidationSpecification"] == request["ValidationSpecification"]


def test_a_pipeline_container_without_model_data_is_a_warning_in_words():
    request = three_containers()
    del request["InferenceSpecification"]["Containers"][2]["ModelDataUrl"]
    for render in (renderings.sdk_snippet, renderings.pipeline_step_snippet):
        snippet = render(request, region="eu-west-1")
        assert ("# Warning: PipelineModel.register() refuses a container without model data (container 3 has "
                "none): register this version with the boto3 snippet instead.") in snippet
        with pytest.raises(AssertionError, match="the SDK refuses it"):
            reader.read(snippet)


def test_the_pipeline_step_is_a_model_step_of_the_register_arguments():
    request = one_container()
    snippet = renderings.pipeline_step_snippet(request, region="eu-west-1", profile="training")
    calls = reader._calls(ast.parse(snippet))
    assert calls["session"].cls == "PipelineSession"
    assert calls["session"].kwargs["boto_session"].kwargs == {"profile_name": "training", "region_name": "eu-west-1"}
    assert calls["model"].kwargs["sagemaker_session"] == "session"
    assert calls["register_args"].cls == "model.register"
    assert calls["step"].cls == "ModelStep"
    assert calls["step"].kwargs == {"name": "Register-churn-prediction", "step_args": "register_args"}
    assert calls["pipeline"].kwargs["steps"] == ["step"]
    assert "RegisterModel" in snippet  # the older step, named for those who use it
    sdk = reader._calls(ast.parse(renderings.sdk_snippet(request, region="eu-west-1", profile="training")))
    assert sdk["session"].cls == "sagemaker.Session"
    assert sdk["model_package"].cls == "model.register"


def test_step_names_keep_to_letters_digits_hyphens_and_underscores():
    assert renderings.step_name(f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/fraud") == \
        "Register-fraud"
    assert renderings.step_name("") == "RegisterModelVersion"


TRICKY = st.text(st.sampled_from(list("aZ9 -_/.'\"\\\n\r\t{}#é日本\u00a0\u2028\u2029\u200b\u202e\U0001f600")),
                 max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TRICKY, key=TRICKY.filter(bool))
def test_quotes_backslashes_newlines_and_non_ascii_read_back_the_same(text, key):
    request = every_field([every_container_field(), post_container()])
    request["ModelPackageDescription"] = text
    request["InferenceSpecification"]["Containers"][0]["Environment"] = {key: text, "B": text + key}
    request["InferenceSpecification"]["Containers"][1]["ContainerHostname"] = text
    request["CustomerMetadataProperties"] = {key: text}
    request["ModelMetrics"]["Bias"]["Report"]["S3Uri"] = f"{S3}/{text}"
    request["MetadataProperties"]["CommitId"] = text
    request["ModelCard"]["ModelCardContent"] = json.dumps({"model_overview": {"model_description": text}},
                                                          ensure_ascii=False)
    request["ModelLifeCycle"]["StageDescription"] = text
    request["Tags"] = [{"Key": key, "Value": text}]
    request["SecurityConfig"]["KmsKeyId"] = text
    for render in (renderings.sdk_snippet, renderings.pipeline_step_snippet):
        snippet = render(request, region="eu-west-1", profile="training")
        # Nothing a text box or a reader could take for something else; non-ASCII as written.
        assert not set(snippet) & set("\u00a0\u2028\u2029\u200b\u202e\r")
        read_back(copy.deepcopy(request), render)
        single = copy.deepcopy(request)
        single["InferenceSpecification"]["Containers"] = single["InferenceSpecification"]["Containers"][:1]
        read_back(single, render)


# -- the boto3 snippet and the AWS CLI command ------------------------------------------------------


def executed(snippet: str, endpoint: str, monkeypatch) -> list[dict[str, Any]]:
    """Run the boto3 snippet against the sandbox; the parameters of each create_model_package it
    made, as botocore received them (every Session it opens reports them)."""
    import boto3

    sent: list[dict[str, Any]] = []
    real = boto3.Session

    class Reporting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.events.register("before-parameter-build.sagemaker.CreateModelPackage",
                                 lambda params, **_: sent.append(copy.deepcopy(params)))

    monkeypatch.setattr(boto3, "Session", Reporting)
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", SANDBOX_ACCESS_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SANDBOX_SECRET_ACCESS_KEY)
    exec(compile(snippet, "snippet.py", "exec"), {})
    return sent


@pytest.mark.parametrize("request_of", [one_container, three_containers,
                                        lambda: every_field([every_container_field()])],
                         ids=["one-container", "three-containers", "every-field"])
def test_the_boto3_snippet_run_against_the_sandbox_sends_exactly_the_request_shown(
        request_of, sagemaker, endpoint, monkeypatch, capsys):
    request = request_of()
    sagemaker.create_model_package_group(ModelPackageGroupName=request["ModelPackageGroupName"])
    snippet = registration.boto3_snippet(request, region="us-east-1")
    assert executed(snippet, endpoint, monkeypatch) == [request]
    arn = capsys.readouterr().out.strip()
    assert sagemaker.describe_model_package(ModelPackageName=arn)["ModelPackageGroupName"] == \
        request["ModelPackageGroupName"]


@pytest.mark.parametrize("request_of", [three_containers, lambda: every_field([every_container_field()])],
                         ids=["three-containers", "every-field"])
def test_the_cli_command_split_as_a_shell_would_gives_exactly_the_request(request_of):
    request = request_of()
    words = shlex.split(registration.cli_command(request, region="eu-west-1", profile="prod"))
    assert words[:4] == ["aws", "sagemaker", "create-model-package", "--cli-input-json"]
    assert json.loads(words[4]) == request
    assert words[5:] == ["--region", "eu-west-1", "--profile", "prod"]


def test_values_the_sdk_would_drop_or_change_are_named_not_sent():
    request = one_container()
    request["MetadataProperties"] = {"CommitId": "", "Repository": "https://git.example.com/churn.git"}
    request["ModelLifeCycle"] = {"Stage": "Development", "StageStatus": "InProgress", "StageDescription": ""}
    request["ModelCard"] = {"ModelCardStatus": "Draft"}  # ModelPackageModelCard would send "null" as content
    back = read_back(request, renderings.sdk_snippet)
    assert set(back.not_set) == {"MetadataProperties.CommitId", "ModelLifeCycle.StageDescription", "ModelCard"}
    assert back.creation_only == {"MetadataProperties": request["MetadataProperties"]}
    assert back.later == {"ModelLifeCycle": request["ModelLifeCycle"], "ModelCard": request["ModelCard"]}


def test_an_unversioned_package_sends_image_and_model_data_only():
    request = one_container()
    del request["ModelPackageGroupName"]
    request["ModelPackageName"] = "churn-unversioned"
    snippet = renderings.sdk_snippet(request, region="eu-west-1")
    assert "needs both the real-time and the transform instance types" in snippet
    request["InferenceSpecification"]["SupportedRealtimeInferenceInstanceTypes"] = ["ml.m5.large"]
    request["InferenceSpecification"]["SupportedTransformInstanceTypes"] = ["ml.m5.large"]
    back = read_back(request, renderings.sdk_snippet)
    assert back.not_set == ["InferenceSpecification.Containers[0].Environment"]
    assert "Warning" not in back.comment


def test_a_card_whose_json_the_sdk_respaces_says_so():
    request = one_container()
    request["ModelCard"] = {"ModelCardContent": '{"model_overview":{"model_description":"churn"}}',
                            "ModelCardStatus": "Draft"}
    snippet = renderings.sdk_snippet(request, region="eu-west-1")
    assert "# Note: ModelPackageModelCard sends the card content as json.dumps() of the dict" in snippet
    back = read_back(request, renderings.sdk_snippet)
    assert back.not_set == []
    request["ModelCard"]["ModelCardContent"] = json.dumps({"model_overview": {"model_description": "churn"}})
    assert "# Note" not in renderings.sdk_snippet(request, region="eu-west-1")
