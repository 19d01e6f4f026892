"""Listings and describes that also write what they saw into the local index.

Each wraps a listing generator (or a result) and records it, page by page, on the worker thread
that runs the listing. The index is optional (None: nothing is recorded), and it never makes a
listing fail: an index that cannot be written is logged and reported through
`LocalIndex.failure`, while the listing goes on.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from app.registry.index.local import IndexUnusable, LocalIndex
from app.registry.versions.groups import GroupSummary
from app.registry.versions.records import BriefSpec, VersionDetails, VersionSummary

_log = logging.getLogger(__name__)
# The index, or a function a worker calls to get it (it may still be opening), or None.
IndexSource = LocalIndex | Callable[[], LocalIndex | None] | None


def resolve(source: IndexSource) -> LocalIndex | None:
    """Worker thread: the index itself (waiting briefly for one that is being opened)."""
    if source is None or isinstance(source, LocalIndex):
        return source
    return source()


def quietly(source: IndexSource, write: Callable[[LocalIndex], object]) -> None:
    """Run one write; a failing index is logged, never raised (the listing is what the user asked for)."""
    index = resolve(source)
    if index is None:
        return
    try:
        write(index)
    except IndexUnusable as error:
        _log.warning("the local index was not written: %s", error)


def recorded_group_pages(index: IndexSource, connection_key: str, region: str,
                         pages: Iterable[list[GroupSummary]],
                         account: Callable[[], str]) -> Iterator[list[GroupSummary]]:
    """Yield the pages of a group listing, recording each; once the listing has ended without
    error, it is recorded as complete (groups it no longer shows leave the index). `account`
    names this connection's account when no group of its own told it (called only then)."""
    seen: list[GroupSummary] = []
    own = ""
    with _closing(pages):
        for page in pages:
            seen.extend(page)
            own = own or next((g.account_id for g in page if not g.shared), "")
            if page and own:
                quietly(index, functools.partial(_record_page, connection_key, own, region, page))
            yield page
    if resolve(index) is None:
        return
    try:
        own = own or account()
    except Exception as error:  # noqa: BLE001 - without an account the listing is not recorded as complete
        _log.info("the account of %s is unknown (%s): the listing is not recorded as complete", connection_key, error)
        return
    quietly(index, lambda i: i.record_groups(connection_key, own, region, seen, complete=True))


@contextmanager
def _closing(pages: Iterable[Any]) -> Iterator[None]:
    """Closing the wrapper (the user moved on) closes the listing too, so its threads end now."""
    try:
        yield
    finally:
        close = getattr(pages, "close", None)
        if close is not None:
            close()


def _record_page(connection_key: str, account: str, region: str, page: list[GroupSummary],
                 index: LocalIndex) -> None:
    index.record_groups(connection_key, account, region, page, complete=False)


def recorded_version_pages(index: IndexSource, group_arn: str, pages: Iterable[list[VersionSummary]],
                           should_stop: Callable[[], bool] | None = None) -> Iterator[list[VersionSummary]]:
    """Yield the batches of a version listing, recording each; a listing that ended without
    error or stop is complete: the versions it did not show leave the index."""
    seen: set[str] = set()
    with _closing(pages):
        for page in pages:
            seen.update(v.arn for v in page)
            quietly(index, functools.partial(LocalIndex.record_versions, summaries=page))
            yield page
    if should_stop is not None and should_stop():
        return
    quietly(index, lambda i: i.finish_version_listing(group_arn, seen))


def record_briefs(index: IndexSource, briefs: dict[str, BriefSpec]) -> None:
    quietly(index, lambda i: i.record_briefs(briefs))


def record_details(index: IndexSource, details: Sequence[VersionDetails]) -> None:
    quietly(index, lambda i: i.record_details(details))


def record_approval(index: IndexSource, arn: str, status: str, comment: str | None) -> None:
    quietly(index, lambda i: i.record_approval(arn, status, comment))


def forget_versions(index: IndexSource, arns: Sequence[str]) -> None:
    if arns:
        quietly(index, lambda i: i.forget_versions(arns))


def forget_group(index: IndexSource, group_arn: str) -> None:
    quietly(index, lambda i: i.forget_group(group_arn))
