"""What the versions pane, the details pane and the approval dialog do off the UI thread.

Every function runs on a worker thread: a connection in, plain data out (or reported as it
arrives), applied by the views on the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.errors import RegistryError
from app.registry.governance.deletion import GroupDeletionResult, delete_versions
from app.registry.governance.lifecycle import LifeCycle, lifecycle_problems
from app.registry.governance.results import ChangeResult
from app.registry.index import recording
from app.registry.index.recording import IndexSource
from app.registry.versions import listing as registry_listing
from app.registry.versions import requests as registry_requests
from app.registry.versions.approval import bulk_set_approval
from app.registry.versions.deployments import DeploymentScan, scan_deployments
from app.registry.versions.describe import batch_describe, describe_many, describe_version
from app.registry.versions.metrics import MetricRow, read_metrics
from app.registry.versions.records import (
    ApprovalResult,
    BriefSpec,
    VersionDetails,
    VersionSummary,
)

_log = logging.getLogger(__name__)
BULK_WORKERS = 8  # calls in flight at once in a bulk change: bounded, as bulk approval


def list_version_pages(connection: Connection, group: str, *, should_stop=None, index: IndexSource = None,
                       group_arn: str = "") -> Iterator[list[VersionSummary]]:
    """Worker thread: the newest page first, after one round trip; then the rest of the group
    as parallel creation-time ranges, each batch as it arrives. With `index`, each batch is
    recorded, and a listing that completed makes the index forget the group's other versions."""
    pages = registry_listing.iter_version_ranges(session_for(connection), group, should_stop=should_stop)
    if index is None or not group_arn:
        yield from pages
        return
    yield from recording.recorded_version_pages(index, group_arn, pages, should_stop)


def describe_briefly(connection: Connection, arns: list[str], index: IndexSource = None,
                     ) -> tuple[dict[str, BriefSpec], dict[str, str]]:
    briefs, failures = batch_describe(session_for(connection), arns)
    recording.record_briefs(index, briefs)
    return briefs, failures


def describe_for_comments(connection: Connection, arns: list[str], *, should_stop, report,
                          index: IndexSource = None) -> None:
    """Approval comments are only in DescribeModelPackage: describe the rows on screen."""
    described: list[VersionDetails] = []

    def arrived(details: VersionDetails | None) -> None:
        if details is not None:
            described.append(details)
        report(details)

    try:
        describe_many(session_for(connection), arns, should_stop=should_stop, on_result=arrived)
    finally:
        recording.record_details(index, described)


def describe(connection: Connection, arn: str, index: IndexSource = None) -> VersionDetails:
    """Worker thread: one version, fully described (and recorded in `index`, when given)."""
    details = describe_version(session_for(connection), arn)
    recording.record_details(index, [details])
    return details


def read_metrics_report(connection: Connection, s3_uri: str) -> list[MetricRow]:
    """Worker thread: one metrics JSON file from S3, as table rows."""
    return read_metrics(session_for(connection), s3_uri)


class RunControl:
    """Shared by the dialog and its worker: the user's stop flag, and results as they end."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._results: list[ApprovalResult] = []

    def add(self, result: ApprovalResult) -> None:  # any thread
        with self._lock:
            self._results.append(result)

    def results(self) -> list[ApprovalResult]:
        with self._lock:
            return list(self._results)


def apply_approvals(
    connection: Connection,
    arns: list[str],
    status: str,
    comment: str | None,
    *,
    should_stop: Callable[[], bool],
    report: Callable[[ApprovalResult], None],
    control: RunControl | None = None,
) -> list[ApprovalResult]:
    """Worker thread: set the status of every ARN; each result is reported as it finishes."""

    def stop() -> bool:
        return should_stop() or (control is not None and control.stop.is_set())

    def on_result(result: ApprovalResult) -> None:
        if control is not None:
            control.add(result)
        report(result)

    return bulk_set_approval(
        session_for(connection),
        arns,
        status,
        comment or None,
        max_workers=8,
        should_stop=stop,
        on_result=on_result,
    )


def load_comment_limit() -> int:
    """Worker thread: botocore's model is a file; read it here once, later checks are cached."""
    registry_requests.check_approval_comment("")
    return registry_requests.approval_comment_limit()


def load_lifecycle_rules() -> None:
    """Worker thread: read the lifecycle limits from botocore's model once (a file), so the
    Set Lifecycle dialog checks as the user types without reading files on the UI thread."""
    lifecycle_problems(LifeCycle("a", "a"))



# -- bulk changes (lifecycle, deletion, emptying a group): the bulk change dialog's worker --------


@dataclass(frozen=True)
class BulkOutcome:
    """One version's result as the bulk change dialog gets it: the version read back after a
    change that landed (`details`, None when not asked for or the read failed)."""

    result: ChangeResult
    details: VersionDetails | None = None


def run_bulk(
    connection: Connection,
    change: Callable[..., Any],
    arns: list[str],
    options: dict[str, Any],
    *,
    should_stop: Callable[[], bool],
    report: Callable[[BulkOutcome], None],
    control: RunControl | None = None,
    read_back: bool = False,
    index: IndexSource = None,
) -> Any:
    """Worker thread: `change(session, arns, should_stop=..., on_result=..., **options)` (a
    governance bulk function such as bulk_set_lifecycle or delete_versions); each version's
    result is reported as it ends, with the version read back when `read_back`. Returns what
    `change` returns. With `index`, what landed is recorded there before it is reported."""
    session = session_for(connection)
    removes = change is delete_versions or getattr(change, "removes_versions", False)

    def stop() -> bool:
        return should_stop() or (control is not None and control.stop.is_set())

    def on_result(result: ChangeResult) -> None:
        details = None
        if read_back and result.ok:
            try:
                details = describe_version(session, result.arn)
            except RegistryError as error:  # the change landed; the table keeps its row as it was
                _log.info("reading back %s failed: %s", result.arn, error)
        _record(index, result, details, removes)
        if control is not None:
            control.add(result)
        report(BulkOutcome(result, details))

    outcome = change(session, arns, should_stop=stop, on_result=on_result, max_workers=BULK_WORKERS, **options)
    plan = options.get("plan")
    if isinstance(outcome, GroupDeletionResult) and outcome.group_deleted and plan is not None:
        recording.forget_group(index, plan.arn)
    return outcome



def scan_endpoints(connection: Connection) -> DeploymentScan:
    """Worker thread: which endpoints of the connection's account-region serve which versions."""
    return scan_deployments(session_for(connection))


def _record(index: IndexSource, result: Any, details: VersionDetails | None, removes: bool) -> None:
    """What one result of a bulk change tells the index: a version gone, a new status, a read-back."""
    if index is None:
        return
    if not result.ok:
        if result.error_kind == "not_found":
            recording.forget_versions(index, [result.arn])
    elif removes:
        recording.forget_versions(index, [result.arn])
    elif isinstance(result, ApprovalResult) and result.new_status:
        recording.record_approval(index, result.arn, result.new_status, result.comment)
    if details is not None and result.ok and not removes:
        recording.record_details(index, [details])
