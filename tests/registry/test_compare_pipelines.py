"""Pipelines of different lengths: containers paired by hostname first, then by position."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.registry.versions.compare import Change, Section, align_containers, compare_versions

from .compare_helpers import image_container, response, snapshot


def _hosts(pairs):
    return [tuple(c.get("ContainerHostname") or c["Image"].rsplit("/", 1)[-1] if c else None for c in pair)
            for pair in pairs]


def test_a_container_inserted_in_the_middle_is_the_only_one_added():
    left = [image_container("pre", hostname="preprocess"), image_container("churn", hostname="scoring")]
    right = [image_container("pre", hostname="preprocess"), image_container("feat", hostname="features"),
             image_container("churn", hostname="scoring")]

    assert _hosts(align_containers(left, right)) == [
        ("preprocess", "preprocess"), (None, "features"), ("scoring", "scoring")]

    differences = compare_versions(snapshot(response(1, left)), snapshot(response(2, right))).differences()
    assert {line.label[0] for line in differences} == {"features"}
    assert {line.change for line in differences} == {Change.ADDED}
    assert {line.label[1:] for line in differences} == {
        ("Image", "Repository"), ("Image", "Tag"), ("ModelData", "S3Uri"), ("ContainerHostname",)}


def test_a_container_removed_from_the_middle_keeps_its_place():
    left = [image_container("pre", hostname="preprocess"), image_container("feat", hostname="features"),
            image_container("churn", hostname="scoring")]
    right = [left[0], left[2]]

    assert _hosts(align_containers(left, right)) == [
        ("preprocess", "preprocess"), ("features", None), ("scoring", "scoring")]
    differences = compare_versions(snapshot(response(1, left)), snapshot(response(2, right))).differences()
    assert {(line.label[0], line.change) for line in differences} == {("features", Change.REMOVED)}


def test_the_same_hostnames_reordered_are_the_same_containers():
    a = image_container("pre", hostname="preprocess")
    b = image_container("churn", "2", hostname="scoring", Environment={"K": "1"})
    b_changed = image_container("churn", "3", hostname="scoring", Environment={"K": "1"})

    pairs = align_containers([a, b], [b_changed, a])

    assert _hosts(pairs) == [("scoring", "scoring"), ("preprocess", "preprocess")]
    differences = compare_versions(snapshot(response(1, [a, b])), snapshot(response(2, [b_changed, a]))).differences()
    assert [(line.label, line.left, line.right) for line in differences] == [(("scoring", "Image", "Tag"), "2", "3")]


def test_without_hostnames_containers_pair_by_position():
    left = [image_container("pre"), image_container("churn")]
    right = [image_container("pre"), image_container("churn", "2"), image_container("post")]

    pairs = align_containers(left, right)

    assert [(a is not None, b is not None) for a, b in pairs] == [(True, True), (True, True), (False, True)]
    lines = compare_versions(snapshot(response(1, left)), snapshot(response(2, right))).differences()
    assert {(line.label[0], line.label[1:], line.change) for line in lines} == {
        ("#2", ("Image", "Tag"), Change.CHANGED),
        ("#3", ("Image", "Repository"), Change.ADDED),
        ("#3", ("Image", "Tag"), Change.ADDED),
        ("#3", ("ModelData", "S3Uri"), Change.ADDED),
    }


def test_a_renamed_container_pairs_with_the_one_left_at_its_place():
    left = [image_container("pre", hostname="preprocess"), image_container("churn", hostname="score")]
    right = [image_container("pre", hostname="preprocess"), image_container("churn", hostname="scoring")]

    lines = compare_versions(snapshot(response(1, left)), snapshot(response(2, right))).differences()

    assert [(line.section, line.label, line.left, line.right) for line in lines] == [
        (Section.CONTAINERS, ("#2", "ContainerHostname"), "score", "scoring")]


def test_a_longer_pipeline_against_a_single_model():
    single = [image_container("churn", hostname="scoring")]
    pipeline = [image_container("pre", hostname="preprocess"), image_container("churn", hostname="scoring"),
                image_container("post", hostname="postprocess")]

    assert _hosts(align_containers(single, pipeline)) == [
        (None, "preprocess"), ("scoring", "scoring"), (None, "postprocess")]
    assert _hosts(align_containers(pipeline, single)) == [
        ("preprocess", None), ("scoring", "scoring"), ("postprocess", None)]
    assert align_containers([], []) == []


HOSTS = st.lists(st.sampled_from(["pre", "feat", "scoring", "post", "explain", "audit"]), max_size=6, unique=True)


@settings(max_examples=100, deadline=None)
@given(HOSTS, HOSTS, st.booleans())
def test_every_container_is_paired_once_and_the_same_hostnames_together(left_hosts, right_hosts, named):
    left = [image_container(h, hostname=h if named else "") for h in left_hosts]
    right = [image_container(h, "2", hostname=h if named else "") for h in right_hosts]

    pairs = align_containers(left, right)

    assert sorted(id(a) for a, _ in pairs if a is not None) == sorted(id(c) for c in left)
    assert [id(b) for _, b in pairs if b is not None] == [id(c) for c in right]  # the right side's order
    if not named:  # by position only
        assert [id(a) for a, _ in pairs if a is not None] == [id(c) for c in left]
        assert len(pairs) == max(len(left), len(right))
        assert all(a is left[i] if i < len(left) else a is None for i, (a, _) in enumerate(pairs))
        return
    shared = set(left_hosts) & set(right_hosts)
    for a, b in pairs:
        if a is not None and b is not None and (a["ContainerHostname"] in shared or b["ContainerHostname"] in shared):
            assert a["ContainerHostname"] == b["ContainerHostname"]
    # Versions differ by the containers they do not share, and by the tag of those they do.
    lines = compare_versions(snapshot(response(1, left)), snapshot(response(2, right))).differences()
    assert {line.label for line in lines if line.label[0] in shared} == {(h, "Image", "Tag") for h in shared}
