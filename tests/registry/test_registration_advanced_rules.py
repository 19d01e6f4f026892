"""Each rule of the advanced fields, one bad input at a time in a spec with every field set:
exactly one problem, by its field, with a message that says what to type instead."""

from __future__ import annotations

import json
import re
import string
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.registry.versions import registration
from app.registry.versions.registration import (
    ContainerSpec,
    InferenceSpec,
    LifeCycleSpec,
    ModelDataSourceSpec,
    RegistrationSpec,
    SourceMetadata,
)

from .registration_helpers import full_spec

FULL = full_spec()
DIGEST = re.compile(r"[Ss][Hh][Aa]256:[0-9a-fA-F]{64}")
ENTITY = re.compile(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
# Characters on both sides of each rule (letters, marks, spaces, line breaks, symbols...).
MIXED = ["a", "Z", "7", " ", "-", "_", ".", ":", "/", "=", "+", "@", "é", "日", "\n", "\t", "$", "~",
         "\u00a0", "\u2028", "\u0301", "!", "(", "#"]


def only(spec: RegistrationSpec) -> registration.Problem:
    found = registration.problems(spec)
    assert len(found) == 1, found
    return found[0]


def container(spec: RegistrationSpec, i: int, **fields) -> RegistrationSpec:
    containers = list(spec.containers)
    containers[i] = replace(containers[i], **fields)
    return replace(spec, containers=tuple(containers))


def first_extra(**fields) -> RegistrationSpec:
    extra = list(FULL.additional_specs)
    extra[0] = replace(extra[0], **fields)
    return replace(FULL, additional_specs=tuple(extra))


def test_the_full_spec_has_no_problem():
    assert registration.problems(FULL) == []


@given(st.text(alphabet="0123456789abcdefABCDEFgxSHAsha256:", min_size=0, max_size=80))
@example("sha256:" + "a" * 64)
@example("SHA256:" + "F" * 64)
@example("sha256:" + "a" * 63)
@settings(max_examples=60, deadline=None)
def test_digests_are_sha256_and_64_hex_digits(text):
    for spec, where in (
        (container(FULL, 0, image_digest=text), "containers.0.image_digest"),
        (replace(FULL, metrics=(replace(FULL.metrics[0], content_digest=text), *FULL.metrics[1:])), "metrics.0"),
        (replace(FULL, drift_baselines=(replace(FULL.drift_baselines[0], content_digest=text),
                                        *FULL.drift_baselines[1:])), "drift_baselines.0"),
    ):
        if not text or DIGEST.fullmatch(text):
            assert registration.problems(spec) == []
        else:
            problem = only(spec)
            assert problem.where == where
            assert "sha256: followed by 64 hexadecimal digits" in problem.message


@given(st.text(alphabet=string.ascii_letters + string.digits + ":/_- .\n@", min_size=0, max_size=30),
       st.integers(min_value=0, max_value=2100))
@settings(max_examples=60, deadline=None)
def test_kms_keys_are_ids_aliases_or_arns(text, padding):
    key = text + "k" * padding
    spec = replace(FULL, kms_key_id=key)
    if not key or (len(key) <= 2048 and re.fullmatch(r"[a-zA-Z0-9:/_-]*", key)):
        assert registration.problems(spec) == []
    else:
        assert only(spec).where == "kms_key_id"


@given(st.lists(st.sampled_from(MIXED), max_size=12).map("".join), st.integers(min_value=0, max_value=1030))
@settings(max_examples=60, deadline=None)
def test_source_uris_are_letters_numbers_punctuation_and_spaces(text, padding):
    uri = text + "a" * padding
    allowed = all(unicodedata.category(ch)[0] in "LMZNP" for ch in uri) and len(uri) <= 1024
    if allowed:
        assert registration.problems(replace(FULL, source_uri=uri)) == []
    else:
        assert only(replace(FULL, source_uri=uri)).where == "source_uri"


@pytest.mark.parametrize("field", ["commit_id", "repository", "generated_by", "project_id"])
@given(length=st.integers(min_value=1000, max_value=1050), line_break=st.booleans())
@settings(max_examples=15, deadline=None)
def test_source_metadata_is_one_line_of_at_most_1024_characters(field, length, line_break):
    text = "a" * length + ("\n" if line_break else "")
    spec = replace(FULL, source_metadata=replace(FULL.source_metadata, **{field: text}))
    if len(text) <= 1024 and not line_break:
        assert registration.problems(spec) == []
    else:
        assert only(spec).where == f"source_metadata.{field}"


@given(st.sampled_from(["s3://", "https://", "http://", "", "gs://"]),
       st.text(alphabet=string.ascii_lowercase + "/.", min_size=0, max_size=12),
       st.sampled_from(["S3Prefix", "S3Object", "s3prefix", ""]),
       st.sampled_from(["None", "Gzip", "gzip"]))
@settings(max_examples=80, deadline=None)
def test_a_model_data_source_is_an_s3_uri_a_data_type_and_a_compression(scheme, rest, data_type, compression):
    uri = scheme + rest
    spec = container(FULL, 1, model_data_source=ModelDataSourceSpec(uri, data_type, compression))
    ok = (re.fullmatch(r"(s3|https)://[^/]+.*", uri) and data_type in ("S3Prefix", "S3Object")
          and compression in ("None", "Gzip") and not (data_type == "S3Prefix" and compression == "Gzip"))
    if ok:
        assert registration.problems(spec) == []
    else:
        assert only(spec).where == "containers.1.model_data_source"


def test_model_data_is_a_url_or_a_source_not_both():
    spec = container(FULL, 2, model_data_source=ModelDataSourceSpec("s3://models/p/"))
    problem = only(spec)
    assert problem.where == "containers.2.model_data_source"
    assert "either a model data URL" in problem.message


def test_a_container_without_model_data_is_a_warning_not_a_problem():
    spec = container(FULL, 1, model_data_source=None)
    assert registration.problems(spec) == []
    assert [w.where for w in registration.warnings(spec)] == ["containers.1.model_data"]
    assert "AWS accepts that" in registration.warnings(spec)[0].message


@pytest.mark.parametrize("uri, data_type, compression", [
    ("s3://models/llm/v2", "S3Prefix", "None"),  # a prefix without its final /
    ("s3://models/llm/model.tar.gz", "S3Object", "None"),  # an archive left packed
])
def test_a_model_data_source_that_looks_wrong_is_a_warning(uri, data_type, compression):
    spec = container(FULL, 1, model_data_source=ModelDataSourceSpec(uri, data_type, compression))
    assert registration.problems(spec) == []
    assert [w.where for w in registration.warnings(spec)] == ["containers.1.model_data_source"]


@given(st.text(alphabet=string.ascii_lowercase + string.digits + "-_ ", min_size=0, max_size=70))
@settings(max_examples=60, deadline=None)
def test_additional_specifications_are_named_like_entities(name):
    spec = first_extra(name=name)
    if ENTITY.fullmatch(name) and name != FULL.additional_specs[1].name:
        assert registration.problems(spec) == []
    else:
        assert only(spec).where == "additional_specs.0.name"


def test_additional_specification_names_differ_and_descriptions_fit():
    twins = replace(FULL, additional_specs=(FULL.additional_specs[0], replace(FULL.additional_specs[1], name="cpu")))
    assert only(twins).where == "additional_specs.1.name"
    assert only(first_extra(description="x" * 1025)).where == "additional_specs.0.description"
    assert only(first_extra(description="bad\ttab")).where == "additional_specs.0.description"


@given(st.integers(min_value=0, max_value=20))
@settings(max_examples=21, deadline=None)
def test_at_most_fifteen_additional_specifications(count):
    extra = tuple(replace(FULL.additional_specs[1], name=f"spec-{n}") for n in range(count))
    spec = replace(FULL, additional_specs=extra)
    if count <= 15:
        assert registration.problems(spec) == []
    else:
        assert only(spec) == registration.Problem(
            "additional_specs", f"A version takes at most 15 additional inference specifications; remove {count - 15}.")


@given(st.integers(min_value=0, max_value=17))
@settings(max_examples=18, deadline=None)
def test_an_additional_specification_has_one_to_fifteen_containers_checked_like_the_main_ones(count):
    spec = first_extra(containers=tuple(ContainerSpec(f"img:{n}", f"s3://m/{n}.tar.gz") for n in range(count)))
    if 1 <= count <= 15:
        assert registration.problems(spec) == []
    else:
        assert only(spec).where == "additional_specs.0.containers"
    bad = first_extra(containers=(ContainerSpec("img:1", image_digest="sha256:1"),))
    assert only(bad).where == "additional_specs.0.containers.0.image_digest"
    assert only(first_extra(content_types=("text csv",))).where == "additional_specs.0.content_types.0"


MIXED_TEXT = st.lists(st.sampled_from(MIXED), max_size=10).map("".join)


@given(MIXED_TEXT, MIXED_TEXT)
@example("aws:owner", "x")
@example("", "")
@settings(max_examples=80, deadline=None)
def test_tags_follow_the_tag_patterns(key, value):
    def fits(text: str) -> bool:
        return all(unicodedata.category(ch)[0] in "LZN" or ch in "_.:/=+-@" for ch in text)

    found = {p.where for p in registration.problems(replace(FULL, tags=((key, value),)))}
    expected = set()
    if not key or not fits(key) or key.lower().startswith("aws:"):
        expected.add("tags.0.key")
    if not fits(value):
        expected.add("tags.0.value")
    assert found == expected


@given(st.integers(min_value=40, max_value=60))
@settings(max_examples=21, deadline=None)
def test_at_most_fifty_tags(count):
    spec = replace(FULL, tags=tuple((f"key-{n}", "v") for n in range(count)))
    if count <= 50:
        assert registration.problems(spec) == []
    else:
        assert only(spec) == registration.Problem("tags", f"A version takes at most 50 tags; remove {count - 50}.")


def test_a_repeated_tag_key_is_flagged_on_its_second_row():
    spec = replace(FULL, tags=(("owner", "a"), ("owner", "b")))
    assert only(spec).where == "tags.1.key"


@pytest.mark.parametrize("life, where", [
    (LifeCycleSpec("Production", ""), "life_cycle.stage_status"),
    (LifeCycleSpec("", "Approved"), "life_cycle.stage"),
    (LifeCycleSpec("", "", "a description alone"), None),
    (LifeCycleSpec("prod_eu", "Approved"), "life_cycle.stage"),
    (LifeCycleSpec("Production", "Approved", "two\nlines"), "life_cycle.stage_description"),
    (LifeCycleSpec("Production", "Approved", "x" * 1025), "life_cycle.stage_description"),
])
def test_a_lifecycle_needs_its_stage_and_status_together(life, where):
    found = [p.where for p in registration.problems(replace(FULL, life_cycle=life))]
    # A description alone needs both: two problems, one by each field.
    assert found == ([where] if where else ["life_cycle.stage", "life_cycle.stage_status"])


@given(st.text(max_size=20))
@example("Draft")
@example("PendingReview")
@settings(max_examples=40, deadline=None)
def test_enumerations_are_picked_from_the_model(text):
    allowed = {"model_card_status": ("Draft", "PendingReview", "Approved", "Archived"),
               "skip_model_validation": ("All", "None")}
    for field, values in allowed.items():
        spec = replace(FULL, **{field: text})
        if not text or text in values:
            assert registration.problems(spec) == []
        else:
            problem = only(spec)
            assert problem.where == field and ", ".join(values) in problem.message


@pytest.mark.parametrize("content, words", [
    ("{not json", "not JSON"),
    ("[]", "JSON object"),
    ('"a card"', "JSON object"),
    (json.dumps({"model_overview": {"model_description": 3}}), "model_overview.model_description must be text"),
    (json.dumps({"no_such_section": {}}), "not a section of the model card schema"),
    (json.dumps({"model_overview": {"model_description": "x" * 100000}}), "at most 100000 characters"),
])
def test_card_content_is_a_json_object_the_card_schema_accepts(content, words):
    problem = only(replace(FULL, model_card_content=content))
    assert problem.where == "model_card_content" and words in problem.message


@pytest.mark.parametrize("text, words", [
    ("{", "not JSON"),
    ("[1]", "JSON object"),
    ('{"NoSuchMember": 1}', "AWS knows no member 'NoSuchMember'"),
    ('{"Image": "other"}', "Image has its own field"),
    ('{"NearestModelName": 3}', "Invalid type for parameter NearestModelName"),
    ('{"ModelInput": {}}', 'Missing required parameter in ModelInput: "DataInputConfig"'),
])
def test_container_members_typed_as_json_are_ones_aws_knows(text, words):
    problem = only(container(FULL, 2, extra=text))
    assert problem.where == "containers.2.extra" and words in problem.message


@pytest.mark.parametrize("text, words", [
    ('{"ModelPackageName": "x"}', "named by its group and number"),
    ('{"ClientToken": "abc"}', "fresh one"),
    ('{"Tags": []}', "Tags has its own field"),
    ('{"CertifyForMarketplace": "yes"}', "Invalid type for parameter CertifyForMarketplace"),
])
def test_request_members_typed_as_json_are_ones_the_spec_does_not_edit(text, words):
    problem = only(replace(FULL, extra=text))
    assert problem.where == "extra" and words in problem.message


def test_a_model_data_source_member_typed_as_json_is_checked_with_the_edited_ones():
    spec = container(FULL, 1, model_data_source=ModelDataSourceSpec(
        "s3://models/t.tar.gz", "S3Object", "Gzip", extra='{"HubAccessConfig": {}}'))
    problem = only(spec)
    assert problem.where == "containers.1.model_data_source" and "HubContentArn" in problem.message


def test_a_group_arn_without_a_kms_key_is_a_warning():
    spec = replace(FULL, group="arn:aws:sagemaker:us-east-1:210987654321:model-package-group/llm", kms_key_id="")
    assert registration.problems(spec) == []
    assert [w.where for w in registration.warnings(spec)] == ["kms_key_id"]


def test_unused_names_are_still_importable_from_registration():
    assert registration.InferenceSpec is InferenceSpec and registration.SourceMetadata is SourceMetadata
    assert registration.drift_kinds()[0] == "Bias.ConfigFile"
