"""The listing's answers, parsed by plans made from the model, are exactly what botocore's own
parser makes of the same bytes: the same keys in the same order, the same values of the same
types (timestamps the same UTC instants), on real answers of the sandbox's server (pages with a
NextToken, last pages, empty pages, images of known and unknown versions) and on answers with
nulls, unknown members and missing lists that AWS may send."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from typing import Any

import pytest
from botocore.parsers import JSONParser

from app.registry.answers import FAST_OUTPUTS, PlannedJSONParser
from app.registry.aws import utc_timestamp

MAIN = "123456789012"
SPEC = {"Containers": [{"Image": f"{MAIN}.dkr.ecr.us-east-1.amazonaws.com/churn:1",
                        "ModelDataUrl": "s3://models/churn/model.tar.gz",
                        "Environment": {"MODE": "batch", "THREADS": "4"}}],
        "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}


def identical(ours: Any, theirs: Any, where: str = "answer") -> None:
    """Equal, with dictionaries' keys in the same order and every value of the same type."""
    assert type(ours) is type(theirs), f"{where}: {type(ours).__name__} != {type(theirs).__name__}"
    if isinstance(theirs, dict):
        assert list(ours) == list(theirs), f"{where}: keys {list(ours)} != {list(theirs)}"
        for key in theirs:
            identical(ours[key], theirs[key], f"{where}.{key}")
    elif isinstance(theirs, list):
        assert len(ours) == len(theirs), where
        for n, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            identical(a, b, f"{where}[{n}]")
    elif isinstance(theirs, datetime):
        assert (ours, ours.tzinfo) == (theirs, theirs.tzinfo), where
    else:
        assert ours == theirs, where


class Answers:
    """The raw answers a client received, by operation, and both parsers to read them."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.raw: dict[str, list[dict[str, Any]]] = {}
        client.meta.events.register("before-parse.sagemaker.*", self._keep)
        self.ours = client._endpoint._response_parser_factory.create_parser("json")
        self.botocores = JSONParser(timestamp_parser=utc_timestamp)  # what the clients used before

    def _keep(self, operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
        self.raw.setdefault(operation_model.name, []).append(copy.deepcopy(response_dict))

    def compare(self, operation: str, body: bytes | None = None, answer: dict[str, Any] | None = None) -> dict:
        """Both parsers on the last answer of `operation` (its body replaced by `body`): the same."""
        response = dict(self.raw[operation][-1])
        if body is not None:
            response["body"] = body
        shape = self.client.meta.service_model.operation_model(operation).output_shape
        ours = self.ours.parse(response, shape)
        identical(ours, self.botocores.parse(response, shape))
        if answer is not None and body is None:  # what the call returned was parsed by ours
            returned = {**answer, "ResponseMetadata": dict(answer["ResponseMetadata"])}
            returned["ResponseMetadata"].pop("RetryAttempts")  # added by the retry handler, after parsing
            identical(returned, ours)
        return ours


@pytest.fixture
def answers(sagemaker) -> Answers:
    return Answers(sagemaker)


@pytest.fixture
def versions(sagemaker) -> list[str]:
    sagemaker.create_model_package_group(ModelPackageGroupName="churn", ModelPackageGroupDescription="Churn")
    sagemaker.create_model_package_group(ModelPackageGroupName="empty")
    arns = [sagemaker.create_model_package(
        ModelPackageGroupName="churn", ModelPackageDescription=f"v{n}", InferenceSpecification=SPEC,
        ModelApprovalStatus="PendingManualApproval")["ModelPackageArn"] for n in range(1, 6)]
    sagemaker.update_model_package(ModelPackageArn=arns[1], ModelLifeCycle={
        "Stage": "Production", "StageStatus": "Approved", "StageDescription": "Serving"})
    return arns


def test_the_sessions_clients_parse_the_listings_answers_by_plan(sagemaker, versions):
    parser = sagemaker._endpoint._response_parser_factory.create_parser("json")
    model = sagemaker.meta.service_model
    assert isinstance(parser, PlannedJSONParser)
    for operation in ("ListModelPackages", "ListModelPackageGroups", "BatchDescribeModelPackage"):
        shape = model.operation_model(operation).output_shape
        assert shape.name in FAST_OUTPUTS
        assert parser._plans.plan_for(shape, parser) is not None, operation


def test_version_pages_read_as_botocore_reads_them(sagemaker, versions, answers):
    first = sagemaker.list_model_packages(ModelPackageGroupName="churn", MaxResults=2, SortBy="CreationTime",
                                          SortOrder="Descending")
    page = answers.compare("ListModelPackages", answer=first)
    assert page["NextToken"] and len(page["ModelPackageSummaryList"]) == 2
    assert isinstance(page["ModelPackageSummaryList"][0]["CreationTime"], datetime)

    rest = sagemaker.list_model_packages(ModelPackageGroupName="churn", MaxResults=2, SortBy="CreationTime",
                                         SortOrder="Descending", NextToken=first["NextToken"])
    rest = sagemaker.list_model_packages(ModelPackageGroupName="churn", MaxResults=2, SortBy="CreationTime",
                                         SortOrder="Descending", NextToken=rest["NextToken"])
    last = answers.compare("ListModelPackages", answer=rest)
    assert "NextToken" not in last and len(last["ModelPackageSummaryList"]) == 1
    assert "ModelLifeCycle" in answers.compare("ListModelPackages", answers.raw["ListModelPackages"][-2]["body"]
                                               )["ModelPackageSummaryList"][1]  # v2, on the middle page

    none = sagemaker.list_model_packages(ModelPackageGroupName="empty")
    assert answers.compare("ListModelPackages", answer=none)["ModelPackageSummaryList"] == []


def test_group_pages_read_as_botocore_reads_them(sagemaker, versions, answers):
    first = sagemaker.list_model_package_groups(MaxResults=1)
    assert answers.compare("ListModelPackageGroups", answer=first)["NextToken"]
    rest = sagemaker.list_model_package_groups(NextToken=first["NextToken"])
    assert "NextToken" not in answers.compare("ListModelPackageGroups", answer=rest)


def test_images_of_known_and_unknown_versions_read_as_botocore_reads_them(sagemaker, versions, answers):
    unknown = f"arn:aws:sagemaker:us-east-1:{MAIN}:model-package/churn/99"
    answer = sagemaker.batch_describe_model_package(ModelPackageArnList=[*versions[:3], unknown])
    parsed = answers.compare("BatchDescribeModelPackage", answer=answer)
    assert set(parsed["ModelPackageSummaries"]) == set(versions[:3])
    assert parsed["ModelPackageSummaries"][versions[0]]["InferenceSpecification"]["Containers"][0]["Environment"]


def _edited(raw: bytes, edit) -> bytes:
    body = json.loads(raw)
    edit(body)
    return json.dumps(body).encode()


def test_answers_with_nulls_unknown_members_and_missing_lists_read_as_botocore_reads_them(
        sagemaker, versions, answers):
    sagemaker.list_model_packages(ModelPackageGroupName="churn")
    raw = answers.raw["ListModelPackages"][-1]["body"]

    def nulls(body: dict) -> None:
        summaries = body["ModelPackageSummaryList"]
        summaries[0]["ModelPackageDescription"] = None  # a null member is left out
        summaries[1]["ModelLifeCycle"] = None
        summaries[2]["Unheard"] = {"of": 1}  # a member newer than the model is not kept
        summaries[3]["ModelLifeCycle"] = {"Stage": "Staging", "StageStatus": None}
        summaries[4]["CreationTime"] = "2026-01-02T03:04:05.678Z"  # an ISO timestamp
        summaries.append(None)  # a null item of a list stays None
        body["NextToken"] = None

    answers.compare("ListModelPackages", body=_edited(raw, nulls))
    answers.compare("ListModelPackages", body=_edited(raw, lambda body: body.pop("ModelPackageSummaryList")))
    answers.compare("ListModelPackages", body=b"")  # no body at all
    answers.compare("ListModelPackages", body=b"{}")

    sagemaker.batch_describe_model_package(ModelPackageArnList=versions[:2])
    raw = answers.raw["BatchDescribeModelPackage"][-1]["body"]

    def map_nulls(body: dict) -> None:
        first, second = body["ModelPackageSummaries"].values()
        first["InferenceSpecification"]["Containers"][0]["Environment"]["EMPTY"] = None
        first["InferenceSpecification"]["Containers"].insert(0, None)
        second["InferenceSpecification"] = None
        body["BatchDescribeModelPackageErrorMap"] = {"arn:x": {"ErrorCode": "NotFound", "ErrorResponse": None}}

    answers.compare("BatchDescribeModelPackage", body=_edited(raw, map_nulls))


def test_other_answers_are_left_to_botocore(sagemaker, versions, answers):
    shape = sagemaker.meta.service_model.operation_model("DescribeModelPackage").output_shape
    assert shape.name not in FAST_OUTPUTS
    described = sagemaker.describe_model_package(ModelPackageName=versions[1])
    answers.compare("DescribeModelPackage", answer=described)
    assert id(shape) not in answers.ours._plans._plans  # no plan was made for it
