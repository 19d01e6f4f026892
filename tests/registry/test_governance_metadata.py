"""Metadata edits: the API's limits before the call, keys removed, nothing overwritten unseen."""

from __future__ import annotations

import pytest

from app.registry.errors import RegistryError
from app.registry.governance.metadata import (
    MetadataEdit,
    edit_metadata,
    edit_problems,
    metadata_key_limit,
    metadata_request,
    set_source_uri,
)

from .governance_helpers import Sent

ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1"


def test_the_limits_are_the_apis():
    assert metadata_key_limit() == 50
    assert edit_problems({}, MetadataEdit({"k" * 128: "v" * 256})) == []
    (long_key,) = edit_problems({}, MetadataEdit({"k" * 129: "v"}))
    assert "metadata key" in long_key and "remove 1" in long_key
    (long_value,) = edit_problems({}, MetadataEdit({"team": "v" * 257}))
    assert "metadata value" in long_value and "remove 1" in long_value and "'team'" in long_value


def test_characters_aws_refuses_are_named():
    (problem,) = edit_problems({}, MetadataEdit({"owner": "ana#1"}))
    assert "'#'" in problem and "remove" in problem
    (problem,) = edit_problems({}, MetadataEdit({"a;b": "x"}))
    assert "metadata key" in problem and "';'" in problem
    (problem,) = edit_problems({}, MetadataEdit({"team": ""}))
    assert "may not be empty" in problem


def test_the_fiftieth_key_fits_and_the_fifty_first_does_not():
    current = {f"k{i}": "v" for i in range(49)}
    assert edit_problems(current, MetadataEdit({"k49": "v"})) == []
    (problem,) = edit_problems(current, MetadataEdit({"k49": "v", "k50": "v"}))
    assert "at most 50" in problem and "remove 1" in problem
    # removing one makes room for another
    assert edit_problems(current, MetadataEdit({"k49": "v", "k50": "v"}, remove=("k0",))) == []


def test_removing_a_key_that_is_not_there_or_is_also_set_is_refused():
    assert "nothing to remove" in edit_problems({"a": "1"}, MetadataEdit(remove=("b",)))[0]
    assert "both set and removed" in edit_problems({"a": "1"}, MetadataEdit({"a": "2"}, ("a",)))[0]


def test_the_request_sends_only_the_keys_edited():
    assert metadata_request(ARN, MetadataEdit({"team": "risk"}, ("old",))) == {
        "ModelPackageArn": ARN,
        "CustomerMetadataProperties": {"team": "risk"},
        "CustomerMetadataPropertiesToRemove": ["old"],
    }
    assert metadata_request(ARN, MetadataEdit(remove=("old",))) == {
        "ModelPackageArn": ARN, "CustomerMetadataPropertiesToRemove": ["old"],
    }


def test_an_edit_reads_back_key_by_key(session, sagemaker, add_group, add_version):
    add_group("churn")
    arn = add_version("churn", CustomerMetadataProperties={"team": "ml", "old": "x", "keep": "y"})
    seen = {"team": "ml", "old": "x", "keep": "y"}

    details = edit_metadata(session, arn, MetadataEdit({"team": "risk", "new": "1"}, ("old",)), seen)

    expected = {"team": "risk", "new": "1", "keep": "y"}
    assert details.customer_metadata == expected
    assert sagemaker.describe_model_package(ModelPackageName=arn)["CustomerMetadataProperties"] == expected


def test_a_key_someone_else_changed_since_it_was_read_is_not_overwritten(
    session, sagemaker, calls, add_group, add_version
):
    add_group("churn")
    arn = add_version("churn", CustomerMetadataProperties={"team": "ml", "other": "a"})
    seen = {"team": "ml", "other": "a"}
    # A colleague changes 'team' after the user read the version.
    sagemaker.update_model_package(ModelPackageArn=arn, CustomerMetadataProperties={"team": "colleague"})
    updates_before = calls.count("UpdateModelPackage")

    with pytest.raises(RegistryError) as raised:
        edit_metadata(session, arn, MetadataEdit({"team": "mine"}), seen)

    assert raised.value.kind == "conflict"
    assert "'team'" in str(raised.value) and "nothing was saved" in str(raised.value)
    assert "colleague" not in str(raised.value)  # values never go into messages
    assert calls.count("UpdateModelPackage") == updates_before
    stored = sagemaker.describe_model_package(ModelPackageName=arn)["CustomerMetadataProperties"]
    assert stored["team"] == "colleague"


def test_a_key_someone_else_added_is_a_conflict_and_an_untouched_change_is_not(
    session, sagemaker, add_group, add_version
):
    add_group("churn")
    arn = add_version("churn", CustomerMetadataProperties={"team": "ml"})
    sagemaker.update_model_package(ModelPackageArn=arn, CustomerMetadataProperties={"env": "theirs"})
    with pytest.raises(RegistryError, match="'env'"):
        edit_metadata(session, arn, MetadataEdit({"env": "mine"}), {"team": "ml"})
    # Editing another key than the one changed goes through, and keeps their change.
    details = edit_metadata(session, arn, MetadataEdit({"team": "risk"}), {"team": "ml"})
    assert details.customer_metadata == {"team": "risk", "env": "theirs"}


def test_an_invalid_edit_is_refused_before_the_update(session, calls, add_group, add_version):
    add_group("churn")
    arn = add_version("churn", CustomerMetadataProperties={"team": "ml"})
    with pytest.raises(RegistryError) as raised:
        edit_metadata(session, arn, MetadataEdit({"team": "a" * 300}), {"team": "ml"})
    assert raised.value.kind == "invalid" and "remove 44" in str(raised.value)
    assert calls.count("UpdateModelPackage") == 0


def test_the_source_uri_is_checked_then_sent_unless_it_changed_since_it_was_read(
    session, sagemaker, calls, add_group
):
    # moto 5.2.5 neither keeps nor returns SourceUri: the request AWS would receive is asserted.
    (arn,) = add_group("churn", versions=1)
    sent = Sent(sagemaker)
    with pytest.raises(RegistryError, match="may not contain '<'"):
        set_source_uri(session, arn, "s3://bucket/<model>", "")
    with pytest.raises(RegistryError) as raised:  # the user read a URI the version no longer has
        set_source_uri(session, arn, "s3://bucket/mine", "s3://bucket/what-i-read")
    assert raised.value.kind == "conflict" and "nothing was saved" in str(raised.value)
    assert calls.count("UpdateModelPackage") == 0

    set_source_uri(session, arn, "s3://bucket/model-v2", "")
    assert sent.requests == [{"ModelPackageArn": arn, "SourceUri": "s3://bucket/model-v2"}]
