"""Two versions compared field by field, grouped the way an approver reads them.

Plain data in (`VersionSnapshot`: the describe, the metric values read from S3, the model card),
plain data out (`Comparison`: every line of both sides, each marked whether it differs). Labels
are the API's own names and keys, which are not translated; the UI titles the groups.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.registry.versions.records import VersionDetails


class Section(enum.StrEnum):
    """The groups of a comparison, in the order they are shown."""

    CONTAINERS = "containers"  # image repository, tag and digest; model data; environment; hostname; framework
    INFERENCE = "inference"  # content types, response types, instance types
    APPROVAL = "approval"  # approval status and comment, lifecycle stage, status and description
    METADATA = "metadata"  # CustomerMetadataProperties
    CARD = "card"  # model card fields
    METRICS = "metrics"  # model metric values, with delta and direction
    SOURCE = "source"  # source URI, MetadataProperties, domain, task, sample payload, lineage


class Direction(enum.StrEnum):
    BETTER = "better"
    WORSE = "worse"
    NEUTRAL = "neutral"  # an unknown metric, or an unchanged value


class Change(enum.StrEnum):
    SAME = "same"
    ADDED = "added"  # only the right side has it
    REMOVED = "removed"  # only the left side has it
    CHANGED = "changed"


@dataclass(frozen=True)
class VersionSnapshot:
    """What is compared of one version."""

    details: VersionDetails
    metrics: Mapping[str, float | str] = field(default_factory=dict)  # metric name -> value
    metrics_problem: str = ""  # why `metrics` is empty when the version names metrics ("" if read)


@dataclass(frozen=True)
class Line:
    section: Section
    label: tuple[str, ...]  # e.g. ("scoring", "Environment", "MAX_BATCH"); a container by hostname or "#2"
    left: str | None  # None: the left version has no such field
    right: str | None
    change: Change
    delta: float | None = None  # right - left, for two numeric metric values
    direction: Direction | None = None  # for metrics only

    @property
    def differs(self) -> bool:
        return self.change is not Change.SAME


@dataclass(frozen=True)
class Comparison:
    left_arn: str
    right_arn: str
    lines: tuple[Line, ...]

    def differences(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.differs)


def metric_direction(name: str) -> Direction:
    """Whether a higher value of the metric `name` is better (accuracy, AUC, F1, precision,
    recall), worse (RMSE, MAE, MSE, log loss, latency), or not known (neutral)."""
    raise NotImplementedError


def align_containers(
    left: Sequence[Mapping[str, Any]], right: Sequence[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]]:
    """Pairs of containers of two pipelines: first those with the same hostname, then the rest
    by position; a container with no partner is paired with None."""
    raise NotImplementedError


def compare_versions(left: VersionSnapshot, right: VersionSnapshot) -> Comparison:
    raise NotImplementedError
