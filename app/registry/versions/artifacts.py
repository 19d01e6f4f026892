"""Where model artifacts live: ECR repositories and image tags, S3 buckets and objects, KMS keys.

Listings are plain data for pickers. Every call goes through `aws_call`, so a failure reaches
the caller as a RegistryError naming the profile, the action and the resource.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.texts import QT_TRANSLATE_NOOP, Text
from app.registry.versions.groups import aware

__all__ = [
    "ImageTag",
    "KeyChoice",
    "ObjectInfo",
    "ObjectPage",
    "PrefixSummary",
    "Repository",
    "S3Object",
    "head_object",
    "iter_object_pages",
    "list_buckets",
    "list_image_tags",
    "list_keys",
    "list_repositories",
    "split_s3_url",
    "summarize_prefix",
]

PREFIX_LIMIT = 10_000  # objects counted under a prefix before the count stops


@dataclass(frozen=True)
class Repository:
    name: str
    uri: str  # 123456789012.dkr.ecr.us-east-1.amazonaws.com/name
    arn: str


@dataclass(frozen=True)
class ImageTag:
    tag: str
    digest: str
    pushed_at: datetime | None

    def image_uri(self, repository: Repository) -> str:
        return f"{repository.uri}:{self.tag}"


@dataclass(frozen=True)
class S3Object:
    key: str
    size: int
    last_modified: datetime | None


@dataclass(frozen=True)
class ObjectPage:
    """One ListObjectsV2 page: the "folders" (common prefixes) and objects under a prefix."""

    bucket: str
    prefix: str
    prefixes: tuple[str, ...] = ()
    objects: tuple[S3Object, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ObjectInfo:
    size: int
    last_modified: datetime | None


@dataclass(frozen=True)
class KeyChoice:
    key_id: str
    arn: str
    aliases: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"{', '.join(self.aliases)} ({self.key_id})" if self.aliases else self.key_id


@dataclass(frozen=True)
class PrefixSummary:
    """What lies under an S3 prefix: the objects SageMaker would copy as the model."""

    count: int
    total_bytes: int
    truncated: bool = False  # the count stopped at its limit: there are more


def list_repositories(session: AccountSession) -> list[Repository]:
    """Every ECR repository of the account, sorted by name."""
    ecr = session.client("ecr")
    found: list[Repository] = []
    with aws_call(session, "ecr:DescribeRepositories"):
        for page in ecr.get_paginator("describe_repositories").paginate():
            for item in page.get("repositories", []):
                found.append(
                    Repository(
                        name=item.get("repositoryName", ""),
                        uri=item.get("repositoryUri", ""),
                        arn=item.get("repositoryArn", ""),
                    )
                )
    return sorted(found, key=lambda r: r.name)


def list_image_tags(session: AccountSession, repository_name: str) -> list[ImageTag]:
    """Tagged images of one repository, newest push first (untagged images are left out)."""
    ecr = session.client("ecr")
    found: list[ImageTag] = []
    with aws_call(session, "ecr:DescribeImages", repository_name):
        paginator = ecr.get_paginator("describe_images")
        for page in paginator.paginate(repositoryName=repository_name, filter={"tagStatus": "TAGGED"}):
            for item in page.get("imageDetails", []):
                pushed = item.get("imagePushedAt")
                for tag in item.get("imageTags") or []:
                    found.append(
                        ImageTag(
                            tag=tag,
                            digest=item.get("imageDigest", ""),
                            pushed_at=aware(pushed) if pushed else None,
                        )
                    )
    oldest = aware(None)
    return sorted(found, key=lambda t: (t.pushed_at or oldest, t.tag), reverse=True)


def list_buckets(session: AccountSession) -> list[str]:
    """Names of the account's S3 buckets, sorted."""
    s3 = session.client("s3")
    with aws_call(session, "s3:ListAllMyBuckets"):
        response = s3.list_buckets()
    return sorted(b["Name"] for b in response.get("Buckets", []))


def iter_object_pages(
    session: AccountSession, bucket: str, prefix: str = "", delimiter: str = "/", page_size: int | None = None
) -> Iterator[ObjectPage]:
    """One ObjectPage per ListObjectsV2 call; the next call is made only when asked for."""
    s3 = session.client("s3")
    request: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix}
    if delimiter:
        request["Delimiter"] = delimiter
    if page_size:
        request["MaxKeys"] = page_size
    token: str | None = None
    while True:
        kwargs = dict(request, ContinuationToken=token) if token else request
        with aws_call(session, "s3:ListBucket", f"s3://{bucket}/{prefix}"):
            response = s3.list_objects_v2(**kwargs)
        yield ObjectPage(
            bucket=bucket,
            prefix=prefix,
            prefixes=tuple(p["Prefix"] for p in response.get("CommonPrefixes", []) or []),
            objects=tuple(
                S3Object(
                    key=o["Key"],
                    size=int(o.get("Size", 0)),
                    last_modified=aware(o["LastModified"]) if o.get("LastModified") else None,
                )
                for o in response.get("Contents", []) or []
                if o["Key"] != prefix  # the "folder" marker object itself
            ),
        )
        token = response.get("NextContinuationToken")
        if not response.get("IsTruncated") or not token:
            return


def split_s3_url(s3_url: str) -> tuple[str, str]:
    """("bucket", "key/of/object") from "s3://bucket/key/of/object"; ValueError otherwise."""
    if not s3_url.startswith("s3://"):
        raise ValueError(f"not an s3:// URL: {s3_url!r}")
    bucket, _, key = s3_url[len("s3://"):].partition("/")
    if not bucket:
        raise ValueError(f"no bucket in {s3_url!r}")
    return bucket, key


def _split_or_refuse(session: AccountSession, s3_url: str, action: str, example: str) -> tuple[str, str]:
    """(bucket, key) of `s3_url`, or the invalid-input error `action` would have met."""
    try:
        return split_s3_url(s3_url)
    except ValueError as exc:
        typed = (Text(QT_TRANSLATE_NOOP("Errors", "Type an S3 prefix such as {example} (got '{url}')."),
                      example=example, url=s3_url) if example.endswith("/")
                 else Text(QT_TRANSLATE_NOOP("Errors", "Type an S3 URL such as {example} (got '{url}')."),
                           example=example, url=s3_url))
        raise RegistryError(
            "invalid",
            typed,
            action=action,
            resource=s3_url,
            profile=session.connection.display_name,
        ) from exc


def head_object(session: AccountSession, s3_url: str) -> ObjectInfo:
    """Size and modification time of the object at `s3_url` (not_found when it is missing)."""
    bucket, key = _split_or_refuse(session, s3_url, "s3:GetObject", "s3://bucket/path/model.tar.gz")
    s3 = session.client("s3")
    with aws_call(session, "s3:GetObject", s3_url):
        response = s3.head_object(Bucket=bucket, Key=key)
    modified = response.get("LastModified")
    return ObjectInfo(size=int(response.get("ContentLength", 0)), last_modified=aware(modified) if modified else None)


def list_keys(session: AccountSession) -> list[KeyChoice]:
    """Customer-managed KMS keys the profile can see, with their aliases."""
    kms = session.client("kms")
    aliases: dict[str, list[str]] = {}
    with aws_call(session, "kms:ListAliases"):
        for page in kms.get_paginator("list_aliases").paginate():
            for alias in page.get("Aliases", []):
                if alias.get("TargetKeyId") and not alias["AliasName"].startswith("alias/aws/"):
                    aliases.setdefault(alias["TargetKeyId"], []).append(alias["AliasName"])
    keys = []
    with aws_call(session, "kms:ListKeys"):
        for page in kms.get_paginator("list_keys").paginate():
            for key in page.get("Keys", []):
                keys.append(KeyChoice(key["KeyId"], key["KeyArn"], tuple(sorted(aliases.get(key["KeyId"], [])))))
    return sorted(keys, key=lambda k: (not k.aliases, k.title))


def summarize_prefix(
    session: AccountSession,
    s3_url: str,
    limit: int = PREFIX_LIMIT,
    *,
    should_stop: Callable[[], bool] | None = None,
    page_size: int | None = None,
) -> PrefixSummary:
    """How many objects lie under the prefix `s3_url`, at any depth, and their total size.

    The prefix is taken as typed, the way SageMaker matches it. Folder markers (keys ending in
    "/") are not counted. Listing stops after the page that reaches `limit` objects, or when
    `should_stop()` says so between pages; `truncated` then says the count is a lower bound.
    """
    bucket, prefix = _split_or_refuse(session, s3_url, "s3:ListBucket", "s3://bucket/path/model/")
    count = total = 0
    for page in iter_object_pages(session, bucket, prefix, delimiter="", page_size=page_size):
        for obj in page.objects:
            if not obj.key.endswith("/"):
                count += 1
                total += obj.size
        if count >= limit or (should_stop is not None and should_stop()):
            return PrefixSummary(count, total, truncated=True)  # the next call is never made
    return PrefixSummary(count, total)
