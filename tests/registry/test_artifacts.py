"""ECR and S3 listings for the artifact pickers, against the sandbox."""

from __future__ import annotations

import json

import pytest

from app.registry.errors import RegistryError
from app.registry.versions.artifacts import (
    PrefixSummary,
    head_object,
    iter_object_pages,
    list_buckets,
    list_image_tags,
    list_repositories,
    summarize_prefix,
)

from .conftest import MAIN_ACCOUNT


def _manifest(n: int) -> str:
    layer = {"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": n,
             "digest": "sha256:" + f"{n:064x}"}
    return json.dumps({"schemaVersion": 2,
                       "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                       "config": dict(layer, mediaType="application/vnd.docker.container.image.v1+json"),
                       "layers": [layer]})


def test_repositories_are_listed_by_name_with_their_uri(session):
    ecr = session.client("ecr")
    for name in ("zeta", "alpha"):
        ecr.create_repository(repositoryName=name)
    repositories = list_repositories(session)
    assert [r.name for r in repositories] == ["alpha", "zeta"]
    assert repositories[0].uri == f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/alpha"
    assert repositories[0].arn.endswith(":repository/alpha")


def test_image_tags_of_a_repository_with_digests(session):
    ecr = session.client("ecr")
    ecr.create_repository(repositoryName="churn")
    ecr.put_image(repositoryName="churn", imageManifest=_manifest(1), imageTag="1.0")
    ecr.put_image(repositoryName="churn", imageManifest=_manifest(2), imageTag="2.0")
    tags = list_image_tags(session, "churn")
    assert sorted(t.tag for t in tags) == ["1.0", "2.0"]
    assert all(t.digest.startswith("sha256:") for t in tags)
    repository = list_repositories(session)[0]
    assert tags[0].image_uri(repository) == f"{repository.uri}:{tags[0].tag}"


def test_image_tags_of_a_missing_repository_name_the_repository(session):
    with pytest.raises(RegistryError) as caught:
        list_image_tags(session, "no-such-repo")
    assert "no-such-repo does not exist" in str(caught.value)
    assert "(ecr:DescribeImages)" in str(caught.value)


def test_buckets_and_object_pages_walk_folders(session):
    s3 = session.client("s3")
    s3.create_bucket(Bucket="models")
    s3.create_bucket(Bucket="another")
    s3.put_object(Bucket="models", Key="churn/1/model.tar.gz", Body=b"x" * 10)
    s3.put_object(Bucket="models", Key="churn/2/model.tar.gz", Body=b"y" * 20)
    s3.put_object(Bucket="models", Key="README.txt", Body=b"hello")
    assert list_buckets(session) == ["another", "models"]

    top = list(iter_object_pages(session, "models"))
    assert [p.prefixes for p in top] == [("churn/",)]
    assert [o.key for o in top[0].objects] == ["README.txt"]
    inner = list(iter_object_pages(session, "models", "churn/2/"))
    assert [(o.key, o.size) for o in inner[0].objects] == [("churn/2/model.tar.gz", 20)]


def test_object_pages_come_one_call_at_a_time(session, calls):
    s3 = session.client("s3")
    s3.create_bucket(Bucket="many")
    for n in range(5):
        s3.put_object(Bucket="many", Key=f"k{n}", Body=b"")
    pages = iter_object_pages(session, "many")
    first = next(pages)
    assert first.objects
    assert calls.count("ListObjectsV2") == 1


def test_head_object_gives_size_and_a_missing_object_is_not_found(session):
    s3 = session.client("s3")
    s3.create_bucket(Bucket="models")
    s3.put_object(Bucket="models", Key="m/model.tar.gz", Body=b"z" * 123)
    info = head_object(session, "s3://models/m/model.tar.gz")
    assert info.size == 123
    assert info.last_modified is not None
    with pytest.raises(RegistryError) as caught:
        head_object(session, "s3://models/m/missing.tar.gz")
    assert caught.value.kind == "not_found"
    assert "s3://models/m/missing.tar.gz" in str(caught.value)


def test_head_object_refuses_what_is_not_an_s3_url_before_any_call(session, calls):
    with pytest.raises(RegistryError) as caught:
        head_object(session, "https://example.com/model.tar.gz")
    assert "s3://bucket/" in str(caught.value)
    assert calls.count("HeadObject") == 0


def test_a_prefix_is_summarized_at_every_depth_and_a_lookalike_folder_is_not_counted(session):
    s3 = session.client("s3")
    s3.create_bucket(Bucket="models")
    s3.put_object(Bucket="models", Key="llm/", Body=b"")  # a folder marker, as the console makes
    s3.put_object(Bucket="models", Key="llm/config.json", Body=b"c" * 100)
    s3.put_object(Bucket="models", Key="llm/weights/part-1.safetensors", Body=b"w" * 2000)
    s3.put_object(Bucket="models", Key="llm/weights/part-2.safetensors", Body=b"w" * 3000)
    s3.put_object(Bucket="models", Key="llm-old/config.json", Body=b"o" * 7)
    summary = summarize_prefix(session, "s3://models/llm/")
    assert summary == PrefixSummary(count=3, total_bytes=5100, truncated=False)
    assert summarize_prefix(session, "s3://models/nothing-here/") == PrefixSummary(0, 0, False)


def test_a_large_prefix_stops_at_its_limit_page_by_page(session, calls):
    s3 = session.client("s3")
    s3.create_bucket(Bucket="many")
    for n in range(12):
        s3.put_object(Bucket="many", Key=f"shards/{n:02d}.bin", Body=b"x" * 10)
    complete = summarize_prefix(session, "s3://many/shards/", page_size=5)
    assert complete == PrefixSummary(12, 120, False)
    assert calls.count("ListObjectsV2") == 3
    bounded = summarize_prefix(session, "s3://many/shards/", limit=6, page_size=5)
    assert bounded == PrefixSummary(10, 100, True), "two pages: the first past 6 objects ends the count"
    assert calls.count("ListObjectsV2") == 3 + 2


def test_a_prefix_summary_stops_when_asked_between_pages(session, calls):
    s3 = session.client("s3")
    s3.create_bucket(Bucket="many")
    for n in range(12):
        s3.put_object(Bucket="many", Key=f"shards/{n:02d}.bin", Body=b"x")
    summary = summarize_prefix(session, "s3://many/shards/", page_size=5, should_stop=lambda: True)
    assert summary.truncated
    assert calls.count("ListObjectsV2") == 1


def test_a_prefix_summary_refuses_what_is_not_an_s3_url_before_any_call(session, calls):
    with pytest.raises(RegistryError) as caught:
        summarize_prefix(session, "models/llm/")
    assert "s3://bucket/path/model/" in str(caught.value)
    assert calls.count("ListObjectsV2") == 0
