"""Search over model package versions: what moto lacks, and what the sandbox answers instead."""

from __future__ import annotations

import json
import subprocess
import sys

# moto alone, in a fresh interpreter (this session has installed the sandbox's patches).
_MOTO_ALONE = """
import json
import boto3
from moto import mock_aws
with mock_aws():
    sm = boto3.client("sagemaker", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    sm.create_model_package_group(ModelPackageGroupName="g")
    for _ in range(3):
        sm.create_model_package(ModelPackageGroupName="g", CustomerMetadataProperties={"team": "t"},
                                InferenceSpecification={"Containers": [{"Image": "i"}],
                                "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]})
    paged = sm.search(Resource="ModelPackage", MaxResults=2)
    outcomes = {"paged": len(paged["Results"]), "token": bool(paged.get("NextToken"))}
    for name, value in (("ModelPackageDescription", "x"), ("CustomerMetadataProperties.team", "t")):
        try:
            sm.search(Resource="ModelPackage", SearchExpression={
                "Filters": [{"Name": name, "Operator": "Contains", "Value": value}]})
            outcomes[name] = "answered"
        except Exception as error:
            outcomes[name] = type(error).__name__
print(json.dumps(outcomes))
"""


def test_moto_alone_still_lacks_what_search_aws_sends() -> None:
    done = subprocess.run([sys.executable, "-c", _MOTO_ALONE], capture_output=True, text=True, check=True)
    outcomes = json.loads(done.stdout.strip().splitlines()[-1])
    # If this fails, moto now pages Search and knows metadata filters: drop app/sandbox/search.py.
    assert outcomes["paged"] == 3 and not outcomes["token"]
    assert outcomes["ModelPackageDescription"] != "answered"  # a version without a description breaks it
    assert outcomes["CustomerMetadataProperties.team"] != "answered"


def test_the_sandbox_pages_model_package_search_and_filters_metadata(sm) -> None:
    sm.create_model_package_group(ModelPackageGroupName="g")
    for team in ("a", "b", "b"):
        sm.create_model_package(ModelPackageGroupName="g", CustomerMetadataProperties={"team": team},
                                InferenceSpecification={"Containers": [{"Image": "i"}],
                                                        "SupportedContentTypes": ["text/csv"],
                                                        "SupportedResponseMIMETypes": ["text/csv"]})
    first = sm.search(Resource="ModelPackage", MaxResults=2)
    rest = sm.search(Resource="ModelPackage", MaxResults=2, NextToken=first["NextToken"])
    versions = [r["ModelPackage"]["ModelPackageVersion"] for r in first["Results"] + rest["Results"]]
    assert versions == [3, 2, 1] and "NextToken" not in rest
    team_b = sm.search(Resource="ModelPackage", SearchExpression={
        "Filters": [{"Name": "CustomerMetadataProperties.team", "Operator": "Equals", "Value": "b"}]})
    assert [r["ModelPackage"]["ModelPackageVersion"] for r in team_b["Results"]] == [3, 2]
    described = sm.search(Resource="ModelPackage", SearchExpression={
        "Filters": [{"Name": "ModelPackageDescription", "Operator": "Contains", "Value": "x"}]})
    assert described["Results"] == []  # no description anywhere: no match, no server error
