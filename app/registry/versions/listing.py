"""A group's versions fetched as independent creation-time ranges, in parallel.

Paging one NextToken after another costs one round trip per 100 versions. ListModelPackages
also takes CreationTimeAfter/CreationTimeBefore, so disjoint time windows can be listed at the
same time. The first call is the ordinary newest page (so the first rows show as soon as they
would sequentially); the rest of the group is cut into windows, and a window whose page comes
back full is cut again below its oldest row, until every window has been read to the end.

Exactness: windows are whole milliseconds [first, last], both ends included (AWS reports
creation times to the millisecond). Each query widens its window by one millisecond on either
side, because the API's bounds are exclusive; a version returned by two neighbouring windows is
yielded once (by ARN). A window that cannot be cut (every row in one millisecond) is read to the
end with its NextToken. So every version is yielded exactly once, whatever the spacing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.registry.accounts.sessions import AccountSession
from app.registry.versions.describe import list_page
from app.registry.versions.records import VersionSummary

DEFAULT_WORKERS = 16  # the shared client's pool holds 32 connections; leave room for the rest
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
Page = tuple[list[VersionSummary], str | None]  # one page of versions and the next page's token


def millis(moment: datetime) -> int:
    """A creation time as whole milliseconds since the epoch (what AWS keeps)."""
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def moment(ms: int) -> datetime:
    """The exact instant `ms` milliseconds after the epoch (no float rounding)."""
    return _EPOCH + timedelta(milliseconds=ms)


@dataclass(frozen=True)
class Window:
    """Versions created in [first, last] milliseconds, both included; `token` resumes it."""

    first: int
    last: int
    token: str | None = None

    def halves(self) -> list[Window]:
        if self.first >= self.last:
            return [self]
        middle = (self.first + self.last) // 2
        return [Window(middle + 1, self.last), Window(self.first, middle)]  # newest first

    def split(self, parts: int) -> list[Window]:
        """`parts` windows of (nearly) equal length, newest first."""
        length = self.last - self.first + 1
        parts = max(1, min(parts, length))
        edges = [self.first + length * i // parts for i in range(parts + 1)]
        return [Window(edges[i], edges[i + 1] - 1) for i in reversed(range(parts))]


def iter_version_ranges(
    session: AccountSession,
    group: str,
    *,
    status: str | None = None,
    page_size: int = 100,
    max_workers: int = DEFAULT_WORKERS,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[list[VersionSummary]]:
    """Yield every version of `group` once, in batches as the parallel calls return.

    The first batch is the newest page; later ones (the pages that landed since the last
    batch) come in no particular order. Closing the
    generator (or `should_stop()` turning true) cancels the calls not yet sent and waits for
    the ones in flight, so no thread outlives it.
    """

    def fetch(window: Window | None, order: str = "Descending", size: int = page_size) -> Page:
        if window is None:
            return list_page(session, group, status=status, page_size=size, sort_order=order)
        return list_page(
            session, group, status=status, page_size=size, sort_order="Descending",
            created_after=moment(window.first - 1), created_before=moment(window.last + 1),
            token=window.token,
        )

    seen: set[str] = set()

    def fresh(page: list[VersionSummary]) -> list[VersionSummary]:
        new = [v for v in page if v.arn not in seen]
        seen.update(v.arn for v in new)
        return new

    pool = ThreadPoolExecutor(max_workers=max(1, max_workers), thread_name_prefix="registry-list")
    pending: dict[Future[Page], Window] = {}
    try:
        newest = pool.submit(fetch, None)
        oldest = pool.submit(fetch, None, "Ascending", 1)
        first_page, token = newest.result()
        yield fresh(first_page)
        if not token:
            return
        (oldest_row,), _ = oldest.result()
        rest = Window(millis(oldest_row.created), min(millis(v.created) for v in first_page))
        expected = _expected_rows(first_page, rest)
        parts = max(1, min(max_workers, math.ceil(expected / page_size)))
        share = expected / parts  # the rows each window was expected to hold
        for window in rest.split(parts):
            pending[pool.submit(fetch, window)] = window
        while pending:
            if should_stop is not None and should_stop():
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            arrived: list[VersionSummary] = []  # pages that landed together go out as one
            for future in done:
                window = pending.pop(future)
                page, token = future.result()
                for follow in _follow_ups(window, page, token, share):
                    pending[pool.submit(fetch, follow)] = follow
                arrived.extend(fresh(page))
            if arrived:
                yield arrived
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _expected_rows(first_page: list[VersionSummary], rest: Window) -> float:
    """The rows left in `rest`, guessed from the first page's density."""
    times = [millis(v.created) for v in first_page]
    span = max(1, max(times) - min(times))
    return len(first_page) * (rest.last - rest.first + 1) / span


CUT_ABOVE = 1.5  # a window cut when the rows it still holds look more than this x its share


def _follow_ups(window: Window, page: list[VersionSummary], token: str | None, share: float) -> list[Window]:
    """What is left of `window` after `page`: nothing, its next token, or its two halves below
    the page when what is left looks far denser than its `share` of the group (so a crowded
    window is read by several workers at once).

    Each cut ends in a page that is not full, one call more: cutting every full page's window
    listed an evenly spread group of 5,000 in 62 calls rather than 54. The choice depends on
    the page alone, never on which call came back first, so the same group is always asked
    the same calls."""
    if not token:
        return []
    lowest = min(millis(v.created) for v in page)
    left = len(page) * (lowest - window.first) / max(1, window.last - lowest + 1)
    if left <= CUT_ABOVE * share or lowest >= window.last or lowest <= window.first:
        return [Window(window.first, window.last, token)]  # read on in order
    return Window(window.first, lowest).halves()
