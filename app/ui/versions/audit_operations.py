"""What the Audit tab and the timeline exports do off the UI thread.

Every function runs on a worker thread: a connection in, plain data out. The CSV is written
here too, never on the UI thread, through a temporary file beside the target, so a failure
leaves no half-written file under the name the user chose.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.governance.audit import Timeline, deleted_version_arns, timeline_csv, version_timeline
from app.registry.versions.describe import iter_version_pages


def read_timeline(connection: Connection, arn: str) -> Timeline:
    """Worker thread: one version's timeline, from CloudTrail or else from the version itself."""
    return version_timeline(session_for(connection), arn)


@dataclass(frozen=True)
class Written:
    path: str
    events: int
    versions: int


def write_timelines(path: str, timelines: Sequence[Timeline]) -> Written:
    """Worker thread: the timelines as CSV at `path` (a header, one row per event)."""
    text = timeline_csv(timelines)
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Written(str(target), sum(len(t.events) for t in timelines), len(timelines))


@dataclass(frozen=True)
class Progress:
    done: int  # versions whose timeline was read
    total: int  # versions in the group (0 while they are being listed)


def _number(arn: str) -> int:
    tail = arn.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def export_group_timelines(
    connection: Connection, group: str, group_arn: str, path: str
) -> Iterator[Progress | Written]:
    """Worker thread, a generator: lists the group's versions, and those CloudTrail saw deleted,
    reads each one's timeline (one after the other: LookupEvents answers two calls a second),
    then writes the CSV, versions in order. Yields a `Progress` after each step, so a Cancel
    stops it between versions and nothing is written; the last thing yielded is what was
    `Written`."""
    session = session_for(connection)
    yield Progress(0, 0)
    listed: list[str] = []
    for page in iter_version_pages(session, group, sort_order="Ascending"):
        listed.extend(v.arn for v in page)
        yield Progress(0, 0)
    gone = [arn for arn in deleted_version_arns(session, group_arn) if arn not in set(listed)]
    arns = sorted(listed + gone, key=_number)
    yield Progress(0, len(arns))
    timelines: list[Timeline] = []
    for arn in arns:
        timelines.append(version_timeline(session, arn))
        yield Progress(len(timelines), len(arns))
    yield write_timelines(path, timelines)
