"""What the Compare window does off the UI thread: read one version as it is compared.

A connection in, plain data out; each side is read by its own task, so a failure names the
version it is about and Retry reads again only what failed.
"""

from __future__ import annotations

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.index import recording
from app.registry.index.recording import IndexSource
from app.registry.versions.compare import VersionSnapshot, read_snapshot


def read_side(connection: Connection, arn: str, index: IndexSource = None) -> VersionSnapshot:
    """Worker thread: the version's describe and the metric values of its reports in S3 (a
    report that cannot be read is told in `metrics_problem`, not raised); the describe is
    recorded in `index`, when given, as every describe is."""
    snapshot = read_snapshot(session_for(connection), arn)
    recording.record_details(index, [snapshot.details])
    return snapshot
