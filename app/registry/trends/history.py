"""The metric values of many versions of a group, read from S3 in parallel, cached in the index.

One version's metric values are the scalars of its model-quality statistics report
(`ModelMetrics.ModelQuality.Statistics`), flattened by `metrics.flatten_metrics` into names such as
"binary_classification_metrics / auc". A version whose report is missing, unreadable or malformed
gets a `problem` sentence instead of values: a gap on a plot, never a zero.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.registry.accounts.sessions import AccountSession

if TYPE_CHECKING:
    from app.registry.index.local import LocalIndex


@dataclass(frozen=True)
class VersionRef:
    """Which version to read: what a listing (or the index) already knows of it."""

    arn: str
    version: int
    created: datetime
    status: str  # approval status


@dataclass(frozen=True)
class MetricReading:
    ref: VersionRef
    values: Mapping[str, float]  # numeric metrics only; {} when `problem` says why
    problem: str = ""  # "" when read; otherwise why there are no values (no report, not JSON, denied...)
    source: str = ""  # the S3 URI read, when there was one


def version_metric_values(session: AccountSession, ref: VersionRef) -> MetricReading:
    """One version's reading: its describe (for the report's URI), then the report; never raises
    RegistryError (a failure becomes the reading's `problem`)."""
    raise NotImplementedError


def fetch_metric_history(
    session: AccountSession,
    versions: Sequence[VersionRef],
    *,
    index: LocalIndex | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    report: Callable[[list[MetricReading]], None],
    max_workers: int = 16,
) -> None:
    """Readings of `versions`, reported in batches as they arrive (cached ones first, at once).

    Runs on a worker thread; `report` is called from it. Bounded concurrency (`max_workers`), stops
    between requests when `should_stop()` says so. Each reading read from S3 is recorded in `index`.
    """
    raise NotImplementedError
