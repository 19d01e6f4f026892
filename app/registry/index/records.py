"""What the index gives back: plain, frozen data (no SQLite row escapes the package)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app.registry.versions.records import VersionSummary

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MATCH_START, MATCH_END = "\x02", "\x03"  # around the matched words of a search hit's snippet


def to_micros(moment: datetime) -> int:
    """Exact microseconds since the epoch (naive datetimes are UTC, as AWS sends them)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return (aware - _EPOCH) // timedelta(microseconds=1)


def from_micros(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def place_of(arn: str) -> tuple[str, str]:
    """(account, region) of an ARN; ("", "") when it has none."""
    parts = arn.split(":", 5)
    return (parts[4], parts[3]) if len(parts) > 4 else ("", "")


@dataclass(frozen=True, slots=True)
class IndexedVersion:
    """A version as the index knows it, with where it lives."""

    summary: VersionSummary
    account: str
    region: str
    group_arn: str
    images: tuple[str, ...] | None = None  # None: no describe has told them yet
    model_data: tuple[str, ...] | None = None
    comment: str | None = None
    metadata: dict[str, str] | None = None
    seen_at: float = 0.0  # epoch seconds of the first listing that showed it, or the last that changed it


@dataclass(frozen=True, slots=True)
class SearchHit:
    version: IndexedVersion
    snippet: str  # the best matching text, matched words between MATCH_START and MATCH_END
    column: str  # where the match is: "group_name", "description", "images", "metadata", ...


@dataclass(frozen=True)
class GroupCounts:
    """One group of the estate tree, with its versions counted by approval status and stage."""

    arn: str
    name: str
    account: str
    region: str
    total: int
    by_status: dict[str, int] = field(default_factory=dict)
    by_stage: dict[str, int] = field(default_factory=dict)  # "" counts versions with no stage
    versions_listed_at: float | None = None


@dataclass(frozen=True)
class ConnectionSeen:
    """What one connection ("profile@region") last listed."""

    key: str
    account: str
    region: str
    groups_listed_at: float | None


def _lines(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(text.split("\n")) if text else ()


def indexed_version(row: Sequence[Any]) -> IndexedVersion:
    """A row of `_VERSION_COLUMNS` as plain data."""
    (arn, group_arn, group_name, account, region, version, status, package_status, stage, stage_status, created,
     description, images, model_data, comment, metadata, seen_at) = row
    summary = VersionSummary(arn=arn, group=group_name, version=version, status=status,
                             created=from_micros(created), description=description,
                             package_status=package_status, stage=stage, stage_status=stage_status)
    return IndexedVersion(summary=summary, account=account, region=region, group_arn=group_arn,
                          images=_lines(images), model_data=_lines(model_data), comment=comment,
                          metadata=None if metadata is None else json.loads(metadata), seen_at=seen_at)


def group_arn_of(version_arn: str) -> str:
    """The group's ARN of a version's ARN (…:model-package/churn/3 -> …:model-package-group/churn)."""
    return version_arn.replace(":model-package/", ":model-package-group/", 1).rsplit("/", 1)[0]
