"""Two versions compared field by field, grouped the way an approver reads them.

Plain data in (`VersionSnapshot`: the describe, the metric values read from S3, the model card),
plain data out (`Comparison`: every line of both sides, each marked whether it differs). Labels
are the API's own names and keys, which are not translated; the UI titles the groups.

What always differs between two versions (ARN, version number, creation and modification times,
who modified it last) is never a line: the caller titles the sides with it.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError
from app.registry.versions.compare_fields import (
    Values,
    align_containers,
    approval,
    card,
    container_fields,
    format_number,
    inference,
    metadata,
    source,
)
from app.registry.versions.describe import describe_version
from app.registry.versions.metrics import read_metrics
from app.registry.versions.records import VersionDetails

__all__ = ["Change", "Comparison", "Direction", "Line", "Section", "VersionSnapshot", "align_containers",
           "compare_versions", "format_number", "metric_direction", "read_snapshot", "snapshot_with_metrics"]


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


# The label of the single metrics line of a side whose report could not be read.
METRICS_PROBLEM_LABEL = ("metrics",)
# The report whose values are compared (the one the metric history reads too).
QUALITY_REPORT = ("ModelQuality", "Statistics")

# Metric names, compared without separators or case ("log_loss", "LogLoss" -> "logloss").
_UP = frozenset({
    "accuracy", "balancedaccuracy", "auc", "rocauc", "aucroc", "prauc", "aucpr", "f1", "f1score",
    "weightedf1", "macrof1", "microf1", "fbeta", "precision", "averageprecision", "recall",
    "sensitivity", "specificity", "truepositiverate", "truenegativerate", "r2", "rsquared", "mcc",
    "ndcg", "map", "mrr", "bleu", "rouge", "throughput",
})
_DOWN = frozenset({
    "rmse", "mae", "mse", "msle", "rmsle", "mape", "smape", "logloss", "crossentropy",
    "binarycrossentropy", "meanabsoluteerror", "meansquarederror", "rootmeansquarederror",
    "loss", "error", "errorrate", "falsepositiverate", "falsenegativerate", "falsediscoveryrate",
    "latency", "perplexity", "wer", "cer",
})
# A name holding one of these words leans the same way ("p50_latency", "latency_ms", "val_rmse").
_DOWN_WORDS = frozenset({"latency", "rmse", "mae", "mse", "logloss", "loss", "error"})
_UP_WORDS = frozenset({"accuracy", "auc", "f1", "precision", "recall"})
# Words that qualify a metric without changing which way is good.
_QUALIFIERS = frozenset({"ms", "s", "sec", "seconds", "us", "avg", "average", "mean", "median",
                         "max", "min", "value", "score", "validation", "val", "test", "train",
                         "weighted", "macro", "micro", "balanced", "overall", "model"})
_PERCENTILE = re.compile(r"^p\d{1,3}(\.\d+)?$")


def metric_direction(name: str) -> Direction:
    """Whether a higher value of the metric `name` is better (accuracy, AUC, F1, precision,
    recall), worse (RMSE, MAE, MSE, log loss, latency), or not known (neutral).

    Only the last part of a report's name counts ("binary_classification_metrics / auc"), in
    any case and with any separators ("log loss", "log_loss", "LogLoss")."""
    last = name.rsplit(" / ", 1)[-1].strip()
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", last).lower()  # "LogLoss" -> "log_loss"
    words = [w for w in re.split(r"[\s_\-./:()\[\]@,]+", spaced) if w]
    core = [w for w in words if w not in _QUALIFIERS and not _PERCENTILE.match(w)]
    for candidate in ("".join(words), "".join(core)):
        if candidate in _DOWN:
            return Direction.WORSE
        if candidate in _UP:
            return Direction.BETTER
    if any(w in _DOWN_WORDS for w in core):
        return Direction.WORSE
    if any(w in _UP_WORDS for w in core):
        return Direction.BETTER
    return Direction.NEUTRAL


def compare_versions(left: VersionSnapshot, right: VersionSnapshot) -> Comparison:
    """Every line of both versions, section by section in `Section`'s order."""
    a, b = left.details, right.details
    lines: list[Line] = []

    def add(section: Section, here: Values, there: Values) -> None:
        for label in _union(here, there):
            old, new = here.get(label), there.get(label)
            lines.append(Line(section, label, old, new, _change(old, new)))

    for here, there in container_fields(a, b):
        add(Section.CONTAINERS, here, there)
    add(Section.INFERENCE, inference(a), inference(b))
    add(Section.APPROVAL, approval(a), approval(b))
    add(Section.METADATA, metadata(a), metadata(b))
    add(Section.CARD, card(a), card(b))
    lines.extend(_metric_lines(left, right))
    add(Section.SOURCE, source(a), source(b))
    return Comparison(a.arn, b.arn, tuple(lines))


def read_snapshot(session: AccountSession, arn: str) -> VersionSnapshot:
    """The describe of a version and the values of its model-quality statistics report.

    A version without such a report has no metrics and no problem; a report that cannot be read
    leaves the metrics empty and says why. Raises RegistryError when the describe fails."""
    details = describe_version(session, arn)
    return snapshot_with_metrics(session, details)


def snapshot_with_metrics(session: AccountSession, details: VersionDetails) -> VersionSnapshot:
    """`read_snapshot` for details already read (the version store holds them)."""
    report = (details.raw.get("ModelMetrics") or {}).get(QUALITY_REPORT[0]) or {}
    uri = str((report.get(QUALITY_REPORT[1]) or {}).get("S3Uri") or "")
    if not uri:
        return VersionSnapshot(details)
    try:
        rows = read_metrics(session, uri)
    except RegistryError as error:
        return VersionSnapshot(details, {}, error.text)
    return VersionSnapshot(details, {row.name: row.value for row in rows})


def _change(left: str | None, right: str | None) -> Change:
    if left == right:
        return Change.SAME
    if left is None:
        return Change.ADDED
    if right is None:
        return Change.REMOVED
    return Change.CHANGED


def _union(a: Mapping[Any, Any], b: Mapping[Any, Any]) -> list[Any]:
    """The keys of both, each side's order kept: a key only `b` has comes where `b` has it."""
    keys, place = list(a), {key: i for i, key in enumerate(a)}
    out: list[Any] = []
    done: set[Any] = set()
    next_a = 0
    for key in b:
        if key in place:
            while next_a <= place[key]:
                if keys[next_a] not in done:
                    out.append(keys[next_a])
                    done.add(keys[next_a])
                next_a += 1
        if key not in done:
            out.append(key)
            done.add(key)
    out.extend(key for key in keys[next_a:] if key not in done)
    return out


def _metric_lines(left: VersionSnapshot, right: VersionSnapshot) -> list[Line]:
    lines: list[Line] = []
    if left.metrics_problem or right.metrics_problem:
        a, b = left.metrics_problem or None, right.metrics_problem or None
        lines.append(Line(Section.METRICS, METRICS_PROBLEM_LABEL, a, b, _change(a, b),
                          direction=Direction.NEUTRAL))
    for name in _union(left.metrics, right.metrics):
        lv, rv = left.metrics.get(name), right.metrics.get(name)
        a, b = _metric_text(lv), _metric_text(rv)
        delta: float | None = None
        direction = Direction.NEUTRAL
        if _numeric(lv) and _numeric(rv):
            delta = float(rv) - float(lv)  # type: ignore[arg-type]
            if a != b and delta and math.isfinite(delta):
                verdict = metric_direction(name)
                if verdict is not Direction.NEUTRAL and delta < 0:
                    verdict = Direction.WORSE if verdict is Direction.BETTER else Direction.BETTER
                direction = verdict
        lines.append(Line(Section.METRICS, (name,), a, b, _change(a, b), delta, direction))
    return lines


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _metric_text(value: float | str | None) -> str | None:
    if value is None:
        return None
    return format_number(float(value)) if _numeric(value) else str(value)
