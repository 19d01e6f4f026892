"""The index's metric readings: what a version's model-quality report held when it was last read.

A version's ModelMetrics cannot be changed after it is registered (UpdateModelPackage has no such
field), so the URI of its report is known for good once a describe told it; the values are kept
for that (version, URI) until the user asks for a refresh. A row with no values and no problem
only remembers the URI (a describe told it; the report was not read, or not for good).
Called by `LocalIndex` inside its guarded calls; plain data in, plain data out.
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.registry.index.records import to_micros
from app.registry.versions.records import VersionDetails

STATISTICS = ("ModelMetrics", "ModelQuality", "Statistics", "S3Uri")  # where a describe names the report


@dataclass(frozen=True)
class StoredReading:
    """One version's cached reading. `values` None: only `source` is known (nothing read for good)."""

    arn: str
    group_arn: str
    created: int  # the version's creation, microseconds: a version made anew under the same ARN is read anew
    source: str  # the report's S3 URI; "" when the version has none
    values: Mapping[str, float] | None = None
    problem: str = ""
    read_at: float = field(default=0.0, compare=False)

    @property
    def complete(self) -> bool:
        return self.values is not None or bool(self.problem)


def statistics_uri(raw: Mapping[str, object]) -> str:
    """The model-quality statistics report's URI in a describe's answer, "" when it names none."""
    node: object = raw
    for key in STATISTICS:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, str) else ""


def record(db: sqlite3.Connection, readings: Sequence[StoredReading]) -> None:
    """Keep these readings; a row that only knows the source never replaces a complete one of the same
    version and source (a describe telling again what was read)."""
    now = time.time()
    db.executemany(
        "INSERT INTO metric_readings(arn, group_arn, created, source, metric_values, problem, read_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(arn) DO UPDATE SET group_arn=excluded.group_arn, "
        "created=excluded.created, source=excluded.source, metric_values=excluded.metric_values, "
        "problem=excluded.problem, read_at=excluded.read_at "
        "WHERE excluded.metric_values IS NOT NULL OR excluded.problem != '' OR created IS NOT excluded.created "
        "OR source IS NOT excluded.source",
        [(r.arn, r.group_arn, r.created, r.source, None if r.values is None else json.dumps(dict(r.values)),
          r.problem, now) for r in readings])


def sources_of(details: Sequence[VersionDetails], group_arn_of: Callable[[str], str]) -> list[StoredReading]:
    """Source-only rows for what these describes told (the URI of each version's report, "" for none)."""
    return [StoredReading(d.arn, group_arn_of(d.arn), to_micros(d.created), statistics_uri(d.raw)) for d in details]


def read(db: sqlite3.Connection, arns: Iterable[str]) -> dict[str, StoredReading]:
    """The stored rows of these versions, by ARN (500 at a time: SQLite limits parameters)."""
    wanted, found = list(dict.fromkeys(arns)), {}
    for chunk in (wanted[at:at + 500] for at in range(0, len(wanted), 500)):
        for arn, group_arn, created, source, values, problem, read_at in db.execute(
                "SELECT arn, group_arn, created, source, metric_values, problem, read_at FROM metric_readings "
                f"WHERE arn IN ({','.join('?' * len(chunk))})", chunk):  # noqa: S608 - placeholders only
            found[arn] = StoredReading(arn, group_arn, created, source, _values(values), problem, read_at)
    return found


def _values(text: str | None) -> dict[str, float] | None:
    if text is None:
        return None
    loaded = json.loads(text)
    return {str(k): float(v) for k, v in loaded.items()
            if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)}
