"""What the trend plots show, as plain data: the readings gathered so far and one series per metric.

A version without a value for a metric (no report, an unreadable one, or a report without that
metric) is in the series with NaN and the reason: a gap, never a zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.registry.trends.history import MetricReading, VersionRef
from app.registry.versions.records import APPROVED
from app.ui.texts import render

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


@dataclass(frozen=True)
class Series:
    """One metric over the versions read, oldest version first."""

    metric: str
    versions: tuple[int, ...]
    created: tuple[float, ...]  # epoch seconds
    values: tuple[float, ...]  # NaN where the version has no value
    statuses: tuple[str, ...]
    arns: tuple[str, ...]
    problems: tuple[str, ...]  # "" where there is a value; otherwise why not

    def __len__(self) -> int:
        return len(self.arns)


class TrendData:
    """The readings of one group's versions as they arrive, by ARN."""

    def __init__(self) -> None:
        self.refs: dict[str, VersionRef] = {}
        self.readings: dict[str, MetricReading] = {}
        self._metrics: dict[str, None] = {}
        self._epoch: dict[str, float] = {}

    def expect(self, refs: Iterable[VersionRef]) -> None:
        """The versions to read; readings of versions no longer among them leave."""
        self.refs = {ref.arn: ref for ref in refs}
        self._epoch = {ref.arn: ref.created.timestamp() for ref in self.refs.values()}
        self.readings = {arn: r for arn, r in self.readings.items() if arn in self.refs}
        self._metrics = {name: None for r in self.readings.values() for name in r.values}

    def clear(self) -> None:
        self.expect(())

    def add(self, readings: Iterable[MetricReading]) -> bool:
        """Keep `readings`; True when a metric not seen before came with them."""
        known = len(self._metrics)
        for reading in readings:
            if reading.ref.arn not in self.refs:
                continue
            self.readings[reading.ref.arn] = reading
            for name in reading.values:
                self._metrics.setdefault(name, None)
        return len(self._metrics) != known

    @property
    def total(self) -> int:
        return len(self.refs)

    @property
    def read(self) -> int:
        return len(self.readings)

    @property
    def complete(self) -> bool:
        return self.read >= self.total

    def metrics(self) -> list[str]:
        """Every metric name found so far, sorted."""
        return sorted(self._metrics, key=str.casefold)

    def without_values(self) -> int:
        return sum(1 for r in self.readings.values() if not r.values)

    def series(self, metric: str, *, approved_only: bool = False,
               status_of: Callable[[str], str | None] = lambda _arn: None) -> Series:
        """`metric` over the versions read so far; `status_of(arn)` gives a status newer than the
        listing's (an approval since), None to keep the listing's."""
        return self.all_series([metric], approved_only=approved_only, status_of=status_of)[0]

    def all_series(self, metrics: list[str], *, approved_only: bool = False,
                   status_of: Callable[[str], str | None] = lambda _arn: None) -> list[Series]:
        """`series` of each of `metrics`, the versions sorted and their statuses looked up once
        (a redraw during the reading of 500 versions: ~1 ms instead of ~1 ms per metric)."""
        shared = []
        for reading in sorted(self.readings.values(), key=lambda r: r.ref.version):
            ref = reading.ref
            status = status_of(ref.arn) or ref.status
            if not approved_only or status == APPROVED:
                shared.append((reading, status))
        versions = tuple(reading.ref.version for reading, _status in shared)
        created = tuple(self._epoch[reading.ref.arn] for reading, _status in shared)
        statuses = tuple(status for _reading, status in shared)
        arns = tuple(reading.ref.arn for reading, _status in shared)
        found = []
        for metric in metrics:
            values, problems = [], []
            for reading, _status in shared:
                value = reading.values.get(metric)
                if value is not None and math.isfinite(value):
                    values.append(value)
                    problems.append("")
                else:
                    values.append(math.nan)
                    problems.append(render(reading.problem)
                                    or translate("trends", "Its report has no “%1”.").replace("%1", metric))
            found.append(Series(metric, versions, created, tuple(values), statuses, arns, tuple(problems)))
        return found

    def span(self, over_time: bool) -> tuple[float, float] | None:
        """The lowest and highest version number (or creation time) of the versions to read, read
        or not: where the x axis goes from the first points on; None when there are none."""
        if not self.refs:
            return None
        xs = self._epoch.values() if over_time else [ref.version for ref in self.refs.values()]
        return float(min(xs)), float(max(xs))


def short_names(metrics: list[str]) -> dict[str, str]:
    """Each metric's name without the parts every one of them starts with ("binary_classification_metrics
    / auc" and "... / recall" read "auc" and "recall"); a name stays whole when nothing is shared."""
    parts = [name.split(" / ") for name in metrics]
    shared = 0
    while parts and all(len(p) > shared + 1 for p in parts) and len({p[shared] for p in parts}) == 1:
        shared += 1
    return {name: " / ".join(p[shared:]) for name, p in zip(metrics, parts, strict=True)}


CSV_FIXED = ("version", "created", "status", "arn")


def csv_rows(series: list[Series]) -> list[list[str]]:
    """The plotted series as a table: one row per version, one column per metric (empty where the
    version has no value), and why values are missing."""
    header = [*CSV_FIXED, *(s.metric for s in series), "missing"]
    if not series:
        return [header]
    first = series[0]
    rows = [header]
    for position in range(len(first)):
        values = [s.values[position] for s in series]
        problems = dict.fromkeys(s.problems[position] for s in series if s.problems[position])
        created = _iso(first.created[position])
        rows.append([str(first.versions[position]), created, first.statuses[position], first.arns[position],
                     *("" if math.isnan(v) else repr(v) for v in values), " ".join(problems)])
    return rows


def _iso(epoch: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")
