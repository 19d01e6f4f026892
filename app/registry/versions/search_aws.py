"""Search AWS: SageMaker's `Search` over the versions of one account and region.

The local index finds what the application has seen; this finds what it has not. Search allows
one `Contains` filter per request (any more: "'CONTAINS' operator usage limit of 1 exceeded"), so
each property is one search of its own: the group name, then the description contain the text;
"key=value" also asks for versions whose metadata key equals the value. Results come one page of
versions at a time (a generator), each version once, with what a describe would tell (Search
returns the whole model package), so the caller can write them to the index as they arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.aws import constraint
from app.registry.errors import aws_call
from app.registry.versions.describe import _details, _summary
from app.registry.versions.javaregex import compile_java
from app.registry.versions.records import VersionDetails, VersionSummary

ACTION = "sagemaker:Search"
PAGE_SIZE = 100  # Search returns at most 100 results per call


@dataclass(frozen=True)
class FoundVersion:
    summary: VersionSummary  # as a listing would show it
    details: VersionDetails  # as a describe would (never the model card: it is dropped)


def _metadata_pair(text: str) -> tuple[str, str] | None:
    """("key", "value") when the text reads "key=value" and both are valid metadata."""
    key, equals, value = (part.strip() for part in text.partition("="))
    if not equals or not key or not value:
        return None
    key_rule = constraint("CustomerMetadataKey")
    value_rule = constraint("CustomerMetadataValue")
    if len(key) > key_rule.get("max", 128) or len(value) > value_rule.get("max", 256):
        return None
    if not (compile_java(key_rule["pattern"]).fullmatch(key) and compile_java(value_rule["pattern"]).fullmatch(value)):
        return None
    return key, value


def check_search_text(text: str) -> str | None:
    """None when `text` can be searched for, else what to type instead."""
    words = text.strip()
    limit = constraint("Filter.Value").get("max", 1024)
    if not words:
        return "Type a part of a group name or description to search AWS for (or key=value for metadata)."
    if len(words) > limit:
        return f"Type at most {limit} characters to search AWS for; this has {len(words)}."
    return None


def search_expressions(text: str) -> list[dict[str, Any]]:
    """The SearchExpressions one search sends, one per property (one Contains each)."""
    words = text.strip()
    expressions: list[dict[str, Any]] = [
        {"Filters": [{"Name": "ModelPackageGroupName", "Operator": "Contains", "Value": words}]},
        {"Filters": [{"Name": "ModelPackageDescription", "Operator": "Contains", "Value": words}]},
    ]
    pair = _metadata_pair(words)
    if pair is not None:
        key, value = pair
        expressions.append(
            {"Filters": [{"Name": f"CustomerMetadataProperties.{key}", "Operator": "Equals", "Value": value}]})
    return expressions


def search_aws(session: AccountSession, text: str, *, page_size: int = PAGE_SIZE,
               should_stop: Callable[[], bool] | None = None) -> Iterator[list[FoundVersion]]:
    """Worker thread: yield pages of versions of this account and region that match `text`.

    Raises ValueError with `check_search_text`'s sentence when the text cannot be sent, and
    RegistryError (naming the profile and sagemaker:Search) when AWS refuses."""
    problem = check_search_text(text)
    if problem:
        raise ValueError(problem)
    client = session.client("sagemaker")
    model = client.meta.service_model
    seen: set[str] = set()
    for expression in search_expressions(text):
        token = ""
        while True:
            if should_stop is not None and should_stop():
                return
            request: dict[str, Any] = {"Resource": "ModelPackage", "SearchExpression": expression,
                                       "SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": page_size}
            if token:
                request["NextToken"] = token
            with aws_call(session, ACTION):
                response = client.search(**request)
            page = []
            for record in response.get("Results") or []:
                package = dict(record.get("ModelPackage") or {})
                package.pop("ModelCard", None)  # the index keeps no model card content
                arn = package.get("ModelPackageArn", "")
                if not arn or arn in seen or not package.get("ModelPackageGroupName"):
                    continue  # an unversioned package has no group: not a registry version
                seen.add(arn)
                page.append(FoundVersion(summary=_summary(package), details=_details(package, model)))
            if page:
                yield page
            token = response.get("NextToken") or ""
            if not token:
                break
