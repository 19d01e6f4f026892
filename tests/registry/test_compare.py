"""The comparison of two versions: nothing reported for a version against itself, exactly one line
for one changed field, in the section an approver looks for it."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.registry.versions.compare import Change, Section, compare_versions
from app.registry.versions.compare_fields import split_image

from .compare_helpers import METRICS, image_container, response, responses, snapshot

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Mutation = Callable[[dict[str, Any], dict[str, Any], st.DataObject], tuple[Section, tuple[str, ...]]]


def _pick(data: st.DataObject, r: dict[str, Any]) -> tuple[dict[str, Any], str]:
    found = r["InferenceSpecification"]["Containers"]
    index = data.draw(st.integers(0, len(found) - 1))
    c = found[index]
    return c, c.get("ContainerHostname") or f"#{index + 1}"


def _image(c: dict[str, Any], *, repository: str | None = None, tag: str | None = None) -> None:
    old_repository, old_tag, digest = split_image(c["Image"])
    repository, tag = repository or old_repository, tag or old_tag
    c["Image"] = repository + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")


def image_tag(r, m, data):
    c, name = _pick(data, r)
    _image(c, tag=split_image(c["Image"])[1] + "-new")
    return Section.CONTAINERS, (name, "Image", "Tag")


def image_repository(r, m, data):
    c, name = _pick(data, r)
    _image(c, repository=split_image(c["Image"])[0] + "-other")
    return Section.CONTAINERS, (name, "Image", "Repository")


def image_digest(r, m, data):
    c, name = _pick(data, r)
    c["ImageDigest"] = "sha256:" + "f" * 64
    return Section.CONTAINERS, (name, "Image", "Digest")


def model_data(r, m, data):
    c, name = _pick(data, r)
    if "ModelDataUrl" in c:
        c["ModelDataUrl"] += ".v2"
    else:
        c["ModelDataSource"]["S3DataSource"]["S3Uri"] += "v2/"
    return Section.CONTAINERS, (name, "ModelData", "S3Uri")


def environment(r, m, data):
    c, name = _pick(data, r)
    env = c.setdefault("Environment", {})
    how = data.draw(st.sampled_from(["add", "remove", "change"])) if env else "add"
    key = data.draw(st.sampled_from(sorted(env))) if how != "add" else "ADDED_9"
    if how == "remove":
        del env[key]
    else:
        env[key] = env.get(key, "") + "+"
    return Section.CONTAINERS, (name, "Environment", key)


def hostname(r, m, data):
    found = r["InferenceSpecification"]["Containers"]
    index = data.draw(st.integers(0, len(found) - 1))
    found[index]["ContainerHostname"] = "renamed-host"  # a rename, or a first hostname
    return Section.CONTAINERS, (f"#{index + 1}", "ContainerHostname")


def framework(r, m, data):
    c, name = _pick(data, r)
    key = data.draw(st.sampled_from(["Framework", "FrameworkVersion"]))
    c[key] = "TENSORFLOW-9"
    return Section.CONTAINERS, (name, key)


def inference(r, m, data):
    key = data.draw(st.sampled_from(["SupportedContentTypes", "SupportedResponseMIMETypes",
                                     "SupportedRealtimeInferenceInstanceTypes", "SupportedTransformInstanceTypes"]))
    r["InferenceSpecification"].setdefault(key, []).insert(0, "ml.p4d.24xlarge" if "Instance" in key else "image/png")
    return Section.INFERENCE, (key,)


def approval(r, m, data):
    what = data.draw(st.sampled_from(["status", "comment", "Stage", "StageStatus", "StageDescription"]))
    if what == "status":
        r["ModelApprovalStatus"] = "Rejected" if r["ModelApprovalStatus"] != "Rejected" else "Approved"
        return Section.APPROVAL, ("ModelApprovalStatus",)
    if what == "comment":
        r["ApprovalDescription"] = r.get("ApprovalDescription", "") + "!"
        return Section.APPROVAL, ("ApprovalDescription",)
    life = r.setdefault("ModelLifeCycle", {})
    life[what] = life.get(what, "") + "x"
    return Section.APPROVAL, ("ModelLifeCycle", what)


def metadata(r, m, data):
    properties = r["CustomerMetadataProperties"]
    how = data.draw(st.sampled_from(["add", "remove", "change"])) if properties else "add"
    key = data.draw(st.sampled_from(sorted(properties))) if how != "add" else "added-9"
    if how == "remove":
        del properties[key]
    else:
        properties[key] = properties.get(key, "") + "+"
    return Section.METADATA, (key,)


def card(r, m, data):
    found = r.setdefault("ModelCard", {})
    if data.draw(st.booleans()):
        found["ModelCardStatus"] = "Archived"
        return Section.CARD, ("ModelCardStatus",)
    content = json.loads(found.get("ModelCardContent") or "{}")
    content["new-section"] = {"note": "added"}
    found["ModelCardContent"] = json.dumps(content)
    return Section.CARD, ("new-section", "note")


def metric(r, m, data):
    numbers = sorted(name for name, value in m.items() if isinstance(value, float))
    if numbers and data.draw(st.booleans()):
        name = data.draw(st.sampled_from(numbers))
        m[name] = m[name] + 1.0 if abs(m[name]) < 1e15 else 0.0
    else:
        name = "binary_classification_metrics / accuracy"
        m[name] = 0.5
    return Section.METRICS, (name,)


def source(r, m, data):
    key = data.draw(st.sampled_from(["SourceUri", "Domain", "Task", "SamplePayloadUrl", "ModelPackageDescription"]))
    r[key] = r.get(key, "") + "-2"
    return Section.SOURCE, (key,)


def lineage(r, m, data):
    what = data.draw(st.sampled_from(["CommitId", "skip", "metrics", "drift"]))
    if what == "CommitId":
        props = r.setdefault("MetadataProperties", {})
        props["CommitId"] = props.get("CommitId", "") + "0"
        return Section.SOURCE, ("MetadataProperties", "CommitId")
    if what == "skip":
        r["SkipModelValidation"] = "All" if r.get("SkipModelValidation") != "All" else "None"
        return Section.SOURCE, ("SkipModelValidation",)
    if what == "metrics":
        r["ModelMetrics"] = {"ModelQuality": {"Statistics": {"ContentType": "application/json",
                                                             "S3Uri": "s3://metrics/elsewhere.json"}}}
        return Section.SOURCE, ("ModelMetrics", "Model quality / Statistics")
    r["DriftCheckBaselines"] = {"ModelQuality": {"Constraints": {"ContentType": "application/json",
                                                                 "S3Uri": "s3://drift/elsewhere.json"}}}
    return Section.SOURCE, ("DriftCheckBaselines", "Model quality / Constraints")


MUTATIONS: list[Mutation] = [image_tag, image_repository, image_digest, model_data, environment, hostname,
                             framework, inference, approval, metadata, card, metric, source, lineage]


@FAST
@given(responses(), METRICS)
def test_a_version_compared_with_itself_shows_no_difference(described, metrics):
    comparison = compare_versions(snapshot(described, metrics), snapshot(described, metrics))

    assert comparison.differences() == ()
    assert all(line.change is Change.SAME for line in comparison.lines)
    order = list(Section)
    assert [order.index(line.section) for line in comparison.lines] == sorted(
        order.index(line.section) for line in comparison.lines)
    # Every field of the version is shown, not only the differences.
    assert any(line.section is Section.CONTAINERS for line in comparison.lines)
    assert len([line for line in comparison.lines if line.section is Section.METRICS]) == len(metrics)


@FAST
@given(responses(), METRICS, st.sampled_from(MUTATIONS), st.data())
def test_one_changed_field_shows_exactly_one_difference_in_its_section(described, metrics, mutation, data):
    changed, changed_metrics = copy.deepcopy(described), dict(metrics)
    section, label = mutation(changed, changed_metrics, data)

    comparison = compare_versions(snapshot(described, metrics), snapshot(changed, changed_metrics))

    assert [(line.section, line.label) for line in comparison.differences()] == [(section, label)]
    # Both ways round: what one side added, the other removed.
    backwards = compare_versions(snapshot(changed, changed_metrics), snapshot(described, metrics)).differences()
    assert [(line.section, line.label) for line in backwards] == [(section, label)]
    reverse = {Change.ADDED: Change.REMOVED, Change.REMOVED: Change.ADDED, Change.CHANGED: Change.CHANGED}
    assert backwards[0].change is reverse[comparison.differences()[0].change]


@FAST
@given(responses(), st.data())
def test_what_always_differs_between_versions_is_not_a_difference(described, data):
    other = copy.deepcopy(described)
    other["ModelPackageVersion"] += 7
    other["ModelPackageArn"] = other["ModelPackageArn"].rsplit("/", 1)[0] + f"/{other['ModelPackageVersion']}"
    other["CreationTime"] += timedelta(days=3)
    other["LastModifiedTime"] += timedelta(days=4)
    other["ResponseMetadata"] = {"RequestId": "another"}
    other["LastModifiedBy"] = {"UserProfileName": "someone-else"}
    # Lists the API treats as sets: their order is no difference.
    spec = other["InferenceSpecification"]
    spec["SupportedContentTypes"] = data.draw(st.permutations(spec["SupportedContentTypes"]))

    comparison = compare_versions(snapshot(described), snapshot(other))

    assert comparison.differences() == ()
    assert (comparison.left_arn, comparison.right_arn) == (described["ModelPackageArn"], other["ModelPackageArn"])


def test_each_kind_of_change_is_named_as_the_user_reads_it():
    left = response(3, [image_container("churn", "1.4", "scoring", Environment={"MAX_BATCH": "8", "OLD": "1"})],
                    CustomerMetadataProperties={"team": "growth"},
                    ModelCard={"ModelCardStatus": "Draft", "ModelCardContent": json.dumps(
                        {"model_overview": {"model_description": "Churn v3", "authors": ["ana"]}})})
    right = response(4, [image_container("churn", "1.5", "scoring", Environment={"MAX_BATCH": "16", "NEW": ""},
                                         ImageDigest="sha256:abc")],
                     CustomerMetadataProperties={"team": "growth", "ticket": "ML-12"},
                     ModelCard={"ModelCardStatus": "Draft", "ModelCardContent": json.dumps(
                         {"model_overview": {"model_description": "Churn v4", "authors": ["ana", "li"]}})})

    found = {(line.label, line.left, line.right, line.change)
             for line in compare_versions(snapshot(left), snapshot(right)).differences()}

    assert found == {
        (("scoring", "Image", "Tag"), "1.4", "1.5", Change.CHANGED),
        (("scoring", "Image", "Digest"), None, "sha256:abc", Change.ADDED),
        (("scoring", "Environment", "MAX_BATCH"), "8", "16", Change.CHANGED),
        (("scoring", "Environment", "OLD"), "1", None, Change.REMOVED),
        (("scoring", "Environment", "NEW"), None, "", Change.ADDED),  # set, and empty
        (("ticket",), None, "ML-12", Change.ADDED),
        (("model_overview", "model_description"), "Churn v3", "Churn v4", Change.CHANGED),
        (("model_overview", "authors"), '["ana"]', '["ana", "li"]', Change.CHANGED),
    }


def test_lines_of_one_container_stay_together():
    """A variable only the right version sets is listed with its container, not after the others."""
    left = response(1, [image_container("pre", hostname="pre"),
                        image_container("churn", hostname="scoring", Environment={"A": "1"})])
    right = response(2, [image_container("pre", hostname="pre", Environment={"B": "2"}),
                         image_container("churn", hostname="scoring", Environment={"A": "1"})])

    labels = [line.label for line in compare_versions(snapshot(left), snapshot(right)).lines
              if line.section is Section.CONTAINERS]

    hosts = [label[0] for label in labels]
    assert hosts == sorted(hosts, key=["pre", "scoring"].index)
    assert [label[1:] for label in labels if label[0] == "pre"] == [
        ("Image", "Repository"), ("Image", "Tag"), ("ModelData", "S3Uri"), ("Environment", "B"), ("ContainerHostname",)]


def test_a_card_that_is_not_json_is_compared_as_its_text():
    left = response(1, ModelCard={"ModelCardStatus": "Draft", "ModelCardContent": "{not json"})
    right = response(2, ModelCard={"ModelCardStatus": "Draft", "ModelCardContent": "{not json either"})

    [line] = compare_versions(snapshot(left), snapshot(right)).differences()

    assert (line.section, line.label, line.left, line.right) == (
        Section.CARD, ("ModelCardContent",), "{not json", "{not json either")


def test_details_without_a_describe_still_compare_their_containers():
    """Details built from the fields alone (no `raw`) compare the containers they hold."""
    left = snapshot(response(1, [image_container("churn", "1", "scoring")]))
    right = snapshot(response(2, [image_container("churn", "2", "scoring")]))
    bare = [dataclasses.replace(s, details=dataclasses.replace(s.details, raw={})) for s in (left, right)]

    labels = [(line.label, line.left, line.right) for line in compare_versions(*bare).differences()]

    assert (("scoring", "Image", "Tag"), "1", "2") in labels
