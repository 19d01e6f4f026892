"""Search AWS: SageMaker's Search over one account and region, against the sandbox server."""

from __future__ import annotations

import dataclasses

import pytest

from app.registry.accounts.sessions import session_for
from app.registry.errors import RegistryError
from app.registry.versions.search_aws import check_search_text, search_aws, search_expressions

SPEC = {"Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1"}],
        "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}


def _register(sagemaker, group: str, count: int, **fields) -> list[str]:
    sagemaker.create_model_package_group(ModelPackageGroupName=group)
    return [sagemaker.create_model_package(ModelPackageGroupName=group, InferenceSpecification=SPEC,
                                           **fields)["ModelPackageArn"] for _ in range(count)]


def _all(session, text: str, **options) -> list:
    return [found for page in search_aws(session, text, **options) for found in page]


def test_finds_versions_by_group_name_and_by_description_each_once(session, sagemaker):
    churn = _register(sagemaker, "churn-scorer", 2, ModelPackageDescription="weekly churn retrain")
    _register(sagemaker, "fraud-scorer", 1)  # no description: the search must not trip on it
    other = _register(sagemaker, "pricing", 1, ModelPackageDescription="uses churn features")

    found = _all(session, "churn")

    assert sorted(f.summary.arn for f in found) == sorted(churn + other)
    first = next(f for f in found if f.summary.arn == churn[0])
    assert first.summary.group == "churn-scorer" and first.summary.version == 1
    assert first.details.containers[0].image.endswith("scorer:1")
    assert first.details.description == "weekly churn retrain"


def test_a_metadata_pair_finds_the_version_with_that_value(session, sagemaker):
    _register(sagemaker, "ranker", 1, CustomerMetadataProperties={"team": "search-quality"})
    wanted = _register(sagemaker, "ranker-two", 1, CustomerMetadataProperties={"team": "ads-ranking"})

    found = _all(session, "team=ads-ranking")

    assert [f.summary.arn for f in found] == wanted
    assert found[0].details.customer_metadata == {"team": "ads-ranking"}
    assert search_expressions("team = x")[-1]["Filters"][0]["Name"] == "CustomerMetadataProperties.team"
    assert len(search_expressions("no pair here")) == 2  # one Contains per request, as AWS allows


def test_results_come_a_page_at_a_time_and_stop_when_asked(session, sagemaker):
    arns = _register(sagemaker, "paged-group", 5)

    pages = list(search_aws(session, "paged", page_size=2))

    assert [len(p) for p in pages] == [2, 2, 1]
    assert sorted(f.summary.arn for p in pages for f in p) == sorted(arns)
    assert list(search_aws(session, "paged", page_size=2, should_stop=lambda: True)) == []


def test_the_text_is_checked_before_any_call(session):
    assert check_search_text("   ") is not None
    too_long = "x" * 1025
    assert "1024" in (check_search_text(too_long) or "")
    with pytest.raises(ValueError, match="Type"):
        list(search_aws(session, " "))


def test_a_failure_names_the_profile_and_the_action(connection):
    broken = dataclasses.replace(connection, endpoint_url="http://127.0.0.1:9", label="nowhere")

    with pytest.raises(RegistryError) as raised:
        list(search_aws(session_for(broken), "churn"))

    assert "'nowhere'" in str(raised.value)
    assert "sagemaker:Search" in str(raised.value)
