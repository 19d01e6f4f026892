"""The metric values of many versions of a group, read from S3 in parallel, cached in the index.

One version's metric values are the scalars of its model-quality statistics report
(`ModelMetrics.ModelQuality.Statistics`), flattened by `metrics.flatten_metrics` into names such as
"binary_classification_metrics / auc". A version whose report is missing, unreadable or malformed
gets a `problem` sentence instead of values: a gap on a plot, never a zero.

Speed: each version needs its report's URI and a GET. The URIs come from SageMaker's Search, up to
100 versions a page (a describe per version when there are few, or when Search does not show a
version or is denied), on their own bounded pool that hands each URI to the GET pool at once: the
GETs run back to back after the first round trip, and cost what reading the reports alone costs.
A version's ModelMetrics cannot change after registration, so its URI is kept in the index for
good (also from the describes the window makes anyway, see `LocalIndex.record_details`), and its
values for that URI until a refresh.
"""

from __future__ import annotations

import logging
import math
import queue
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.registry.accounts.sessions import AccountSession, known_account_id
from app.registry.errors import RegistryError, aws_call
from app.registry.index.readings import StoredReading, statistics_uri
from app.registry.index.recording import quietly
from app.registry.index.records import group_arn_of, place_of, to_micros
from app.registry.texts import QT_TRANSLATE_NOOP, Text
from app.registry.versions.metrics import read_metrics

if TYPE_CHECKING:
    from app.registry.index.local import LocalIndex

_log = logging.getLogger(__name__)
BATCH_SECONDS = 0.05  # readings arriving within this are reported together (the UI redraws once)
BATCH_MOST = 100
# Failures that may pass (the permission granted, the network back, the file uploaded): not cached.
_LASTING_KINDS = ("invalid",)
_NOTHING = object()  # the queue had nothing within the wait
SEARCH_FROM = 8  # versions of one group whose URIs are unknown: found through Search, not a describe each
SEARCH_PAGE = 100  # Search's most results per call
FIRST_DESCRIBES = 4  # of a group found through Search: described at once, for the first points


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
    cached: bool = False  # came from the local index, not from S3 this time


def no_report(ref: VersionRef) -> str:
    return Text(QT_TRANSLATE_NOOP("Trends", "Version {version} has no model-quality statistics report."),
                version=ref.version)


def report_uri(session: AccountSession, arn: str) -> str:
    """The version's model-quality statistics report URI ("" when it has none); raises RegistryError."""
    client = session.client("sagemaker")
    with aws_call(session, "sagemaker:DescribeModelPackage", arn):
        answer = client.describe_model_package(ModelPackageName=arn)
    return statistics_uri(answer)


def read_report(session: AccountSession, ref: VersionRef, uri: str) -> tuple[MetricReading, bool]:
    """The reading of the report at `uri` ("" = none), and whether it lasts (may be cached)."""
    if not uri:
        return MetricReading(ref, {}, no_report(ref)), True
    try:
        rows = read_metrics(session, uri)
    except RegistryError as error:
        return MetricReading(ref, {}, error.text, uri), error.kind in _LASTING_KINDS
    values = {row.name: row.value for row in rows if isinstance(row.value, float) and math.isfinite(row.value)}
    if not values:
        return MetricReading(ref, {}, Text(QT_TRANSLATE_NOOP("Trends", "The metrics file {uri} holds no numeric "
                                                             "metric."), uri=uri), uri), True
    return MetricReading(ref, values, "", uri), True


def version_metric_values(session: AccountSession, ref: VersionRef) -> MetricReading:
    """One version's reading: its describe (for the report's URI), then the report; never raises
    RegistryError (a failure becomes the reading's `problem`)."""
    try:
        uri = report_uri(session, ref.arn)
    except RegistryError as error:
        return MetricReading(ref, {}, error.text)
    return read_report(session, ref, uri)[0]


def fetch_metric_history(
    session: AccountSession,
    versions: Sequence[VersionRef],
    *,
    index: LocalIndex | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    report: Callable[[list[MetricReading]], None],
    max_workers: int = 16,
    refresh: bool = False,
    known: Mapping[str, str] | None = None,
) -> None:
    """Readings of `versions`, reported in batches as they arrive (cached ones first, at once).

    Runs on a worker thread; `report` is called from it. Bounded concurrency (`max_workers`), stops
    between requests when `should_stop()` says so. Each reading read from S3 is recorded in `index`.
    `refresh`: read every report again (the URIs the index knows are still used: they never change).
    `known`: report URIs the caller was told by describes it made itself (ARN -> URI, "" for none),
    for versions the index does not know: only their GET is left, so their points come after one
    round trip, and the few describes made for the first points are not needed.
    """
    known = known or {}
    refs = list(dict.fromkeys(versions))
    stored = _stored(index, refs)
    cached: list[MetricReading] = []
    by_uri: list[tuple[VersionRef, str]] = []  # the URI is known: only the GET is left
    unknown: list[VersionRef] = []
    for ref in refs:
        row = stored.get(ref.arn)
        if (row is None or row.created != to_micros(ref.created)) and ref.arn in known:
            if known[ref.arn]:
                by_uri.append((ref, known[ref.arn]))
            else:
                cached.append(MetricReading(ref, {}, no_report(ref)))
        elif row is None or row.created != to_micros(ref.created):
            unknown.append(ref)
        elif not row.source:  # told by a describe: no report, and ModelMetrics never changes
            cached.append(MetricReading(ref, {}, row.problem or no_report(ref), "", cached=True))
        elif row.complete and not refresh:
            cached.append(MetricReading(ref, dict(row.values or {}), row.problem, row.source, cached=True))
        else:
            by_uri.append((ref, row.source))
    if cached:
        report(cached)
    if (by_uri or unknown) and not should_stop():
        _Pipeline(session, index, should_stop, report, max_workers).run(by_uri, unknown, first_describes=not by_uri)


def _by_group(refs: Sequence[VersionRef]) -> dict[str, list[VersionRef]]:
    groups: dict[str, list[VersionRef]] = {}
    for ref in refs:
        groups.setdefault(group_arn_of(ref.arn), []).append(ref)
    return groups


def _stored(index: LocalIndex | None, refs: Sequence[VersionRef]) -> dict[str, StoredReading]:
    found: dict[str, StoredReading] = {}
    quietly(index, lambda i: found.update(i.metric_readings(ref.arn for ref in refs)))
    return found


class _Pipeline:
    """Describes and Search pages on one bounded pool feed GETs on another; the calling thread gathers the readings,
    reports them in batches and records them in the index (one write per batch)."""

    def __init__(self, session: AccountSession, index: LocalIndex | None, should_stop: Callable[[], bool],
                 report: Callable[[list[MetricReading]], None], max_workers: int) -> None:
        self.session, self.index, self.should_stop, self.report = session, index, should_stop, report
        self.workers = max(1, max_workers)
        self.arrived: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.gets: ThreadPoolExecutor  # run()'s pools
        self.describes: ThreadPoolExecutor

    def run(self, by_uri: list[tuple[VersionRef, str]], unknown: list[VersionRef],
            first_describes: bool = True) -> None:
        expected = len(by_uri) + len(unknown)
        with ThreadPoolExecutor(min(self.workers, expected), thread_name_prefix="metrics-get") as gets, \
                ThreadPoolExecutor(max(1, min(self.workers, len(unknown))), thread_name_prefix="metrics-describe") \
                as describes:
            self.gets, self.describes = gets, describes
            try:
                for group_arn, refs in _by_group(unknown).items():
                    # A page of Search tells up to 100 URIs in one round trip, but a describe answers
                    # sooner: the first few are described, so the first points come a Search page earlier.
                    searched = len(refs) >= SEARCH_FROM and self._own(group_arn)
                    first = (refs[:FIRST_DESCRIBES] if first_describes else []) if searched else refs
                    for ref in first:
                        self._submit(describes, self._describe, ref)
                    if len(refs) > len(first):
                        self._submit(describes, self._search, group_arn, refs[len(first):])
                for ref, uri in by_uri:
                    self._submit(gets, self._get, ref, uri)
                self._gather(expected)
            finally:
                for pool in (describes, gets):
                    pool.shutdown(wait=False, cancel_futures=True)

    def _own(self, group_arn: str) -> bool:
        """Search sees this account's versions only: another account's group is described (when the
        account is not known yet, Search is tried, and what it does not show is described)."""
        account = known_account_id(self.session.connection)
        return account is None or account == place_of(group_arn)[0]

    def _submit(self, pool: ThreadPoolExecutor, work: Callable[..., None], *args: object) -> None:
        try:
            pool.submit(self._guard, work, *args)
        except RuntimeError:  # stopped meanwhile: the pool takes no more work
            self.arrived.put(None)

    def _guard(self, work: Callable[..., None], *args: object) -> None:
        try:
            if self.should_stop():
                self.arrived.put(None)
            else:
                work(*args)
        except BaseException as error:  # a bug: raised again on the calling thread
            self.arrived.put(error)

    def _describe(self, ref: VersionRef) -> None:
        try:
            uri = report_uri(self.session, ref.arn)
        except RegistryError as error:
            self.arrived.put((MetricReading(ref, {}, error.text), None))
            return
        self._submit(self.gets, self._get, ref, uri)

    def _search(self, group_arn: str, refs: list[VersionRef]) -> None:
        """The group's versions through Search, newest first, each page's URIs handed to the GETs
        at once; what Search does not show within a few pages more than needed (not yet indexed
        by it, older than those pages, Search denied) is described one by one."""
        wanted = {ref.arn: ref for ref in refs}
        client = self.session.client("sagemaker")
        request: dict[str, Any] = {
            "Resource": "ModelPackage", "SortBy": "CreationTime", "SortOrder": "Descending",
            "SearchExpression": {"Filters": [{"Name": "ModelPackageGroupName", "Operator": "Equals",
                                              "Value": group_arn.rsplit("/", 1)[-1]}]},
            "MaxResults": min(self.workers, SEARCH_PAGE)}  # a small first page: the GETs start sooner
        pages = -(-len(refs) // SEARCH_PAGE) + 2  # the group holds others too: not every page is read
        try:
            while wanted and pages and not self.should_stop():
                pages -= 1
                with aws_call(self.session, "sagemaker:Search", group_arn):
                    answer = client.search(**request)
                for record in answer.get("Results") or []:
                    package = record.get("ModelPackage") or {}
                    ref = wanted.pop(str(package.get("ModelPackageArn") or ""), None)
                    if ref is not None:
                        self._submit(self.gets, self._get, ref, statistics_uri(package))
                request.update(NextToken=answer.get("NextToken") or "", MaxResults=SEARCH_PAGE)
                if not request["NextToken"]:
                    break
        except RegistryError as error:
            _log.info("Search for the versions of %s failed, each is described instead: %s", group_arn, error)
        for ref in wanted.values():
            self._submit(self.describes, self._describe, ref)

    def _get(self, ref: VersionRef, uri: str) -> None:
        reading, lasting = read_report(self.session, ref, uri)
        kept = StoredReading(ref.arn, group_arn_of(ref.arn), to_micros(ref.created), uri,
                             dict(reading.values) if lasting and not reading.problem else None,
                             reading.problem if lasting else "")
        self.arrived.put((reading, kept))

    def _gather(self, expected: int) -> None:
        batch: list[MetricReading] = []
        kept: list[StoredReading] = []
        due = 0.0  # the first reading goes out at once; later ones wait up to BATCH_SECONDS for company
        try:
            while expected and not self.should_stop():
                try:
                    item = self.arrived.get(timeout=max(0.0, due - time.monotonic()) if batch else BATCH_SECONDS)
                except queue.Empty:
                    item = _NOTHING
                if isinstance(item, BaseException):
                    raise item
                if item is not _NOTHING:
                    expected -= 1
                    if isinstance(item, tuple):  # None: skipped after a stop
                        batch.append(item[0])
                        kept += [item[1]] if item[1] is not None else []
                if batch and (time.monotonic() >= due or len(batch) >= BATCH_MOST or not expected):
                    self.report(batch)
                    self._keep(kept)
                    batch, kept, due = [], [], time.monotonic() + BATCH_SECONDS
        finally:
            self._keep(kept)  # what was read is kept, even when the rest is no longer wanted

    def _keep(self, kept: list[StoredReading]) -> None:
        if kept:
            quietly(self.index, lambda i: i.record_metric_readings(kept))
