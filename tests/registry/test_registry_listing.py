"""Parallel creation-time ranges list exactly what paging one token at a time lists."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from moto.sagemaker.models import sagemaker_backends

from app.registry.versions.approval import set_approval
from app.registry.versions.describe import iter_version_pages
from app.registry.versions.listing import Window, iter_version_ranges, millis, moment
from app.registry.versions.records import APPROVED

from .conftest import MAIN_ACCOUNT

BASE = datetime(2025, 3, 1, 12, 0, 0)  # naive UTC, as moto keeps creation times


def set_creation_times(arns: list[str], offsets_us: list[int]) -> None:
    """Give each version a creation time BASE + offset microseconds, in moto's own backend."""
    packages = sagemaker_backends[MAIN_ACCOUNT]["us-east-1"].model_packages
    for arn, offset in zip(arns, offsets_us, strict=True):
        packages[arn].creation_time = BASE + timedelta(microseconds=offset)


def ranged(session, group, **kwargs) -> list:
    return [v for page in iter_version_ranges(session, group, **kwargs) for v in page]


def sequential(session, group, **kwargs) -> list:
    return [v for page in iter_version_pages(session, group, **kwargs) for v in page]


def listing_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("registry-list") and t.is_alive()]


SPACINGS = {
    # one version a second: windows cut cleanly
    "spread": lambda n: [i * 1_000_000 for i in range(n)],
    # every version in the same millisecond: nothing to cut, read on with NextToken
    "one millisecond": lambda n: [i for i in range(n)],
    # clumps of equal times, some a microsecond either side of a millisecond edge
    "clumps on edges": lambda n: [(i // 7) * 1_000_000 + (999 if i % 3 == 0 else 0) + (i % 2) * 1000
                                  for i in range(n)],
    # random microseconds in a short span: many ties at millisecond precision
    "random": lambda n: [random.Random(n).randrange(0, 40_000) for _ in range(n)],
}


@pytest.mark.parametrize("spacing", SPACINGS)
def test_ranges_list_every_version_exactly_once(session, add_group, spacing):
    arns = add_group("churn", versions=45)
    set_creation_times(arns, SPACINGS[spacing](len(arns)))

    got = ranged(session, "churn", page_size=4, max_workers=4)
    want = sequential(session, "churn", page_size=4)

    assert len(want) == 45
    assert len({v.arn for v in got}) == len(got), "a version came twice"
    assert sorted(got, key=lambda v: v.arn) == sorted(want, key=lambda v: v.arn)


def test_the_first_page_is_the_newest_page(session, add_group):
    arns = add_group("churn", versions=12)
    set_creation_times(arns, [i * 5_000 for i in range(12)])

    first = next(iter_version_ranges(session, "churn", page_size=5))

    assert [v.version for v in first] == [12, 11, 10, 9, 8]


def test_ranges_keep_the_status_filter(session, add_group):
    arns = add_group("churn", versions=20)
    set_creation_times(arns, [i * 2_000 for i in range(20)])
    for arn in arns[::3]:
        set_approval(session, arn, APPROVED)

    got = ranged(session, "churn", status=APPROVED, page_size=2, max_workers=3)

    assert sorted(v.version for v in got) == [1, 4, 7, 10, 13, 16, 19]


def test_a_group_of_one_page_is_one_call(session, add_group, calls):
    add_group("churn", versions=3)

    assert [v.version for v in ranged(session, "churn")] == [3, 2, 1]
    assert calls.count("ListModelPackages") <= 2  # the page, and at most the oldest probe


def test_closing_half_way_leaves_no_thread_running(session, add_group):
    arns = add_group("churn", versions=30)
    set_creation_times(arns, [i * 1_000_000 for i in range(30)])
    pages = iter_version_ranges(session, "churn", page_size=3, max_workers=4)
    next(pages)
    next(pages)

    pages.close()

    assert listing_threads() == []


def test_windows_cover_their_range_without_gap_or_overlap():
    window = Window(1000, 1999)
    parts = window.split(7)
    covered = sorted(ms for part in parts for ms in range(part.first, part.last + 1))
    assert covered == list(range(1000, 2000))
    halves = window.halves()
    assert sorted(ms for part in halves for ms in range(part.first, part.last + 1)) == covered


def test_milliseconds_round_trip_exactly():
    now = datetime(2025, 5, 6, 7, 8, 9, 123999, tzinfo=UTC)
    assert millis(now) == millis(moment(millis(now)))
    assert moment(millis(now)) == datetime(2025, 5, 6, 7, 8, 9, 123000, tzinfo=UTC)


def test_an_evenly_spread_group_costs_about_one_call_per_page(session, add_group, calls):
    """Windows are cut only for a worker that would otherwise wait: each cut ends in a page that
    is not full, one call more on the user's CPU and the service's quota."""
    arns = add_group("churn", versions=90)
    set_creation_times(arns, [i * 1_000_000 for i in range(90)])

    assert len(ranged(session, "churn", page_size=5, max_workers=3)) == 90
    # 18 full pages, the oldest probe, and at most one page not full per window being read
    assert calls.count("ListModelPackages") <= 18 + 1 + 3


def test_the_same_group_is_always_asked_the_same_calls_whichever_answer_comes_first(session, add_group):
    """Which windows are cut depends on the pages, never on which call came back first: a
    listing asked again asks the same calls (a service or proxy that keeps answers sees the
    same requests)."""
    arns = add_group("churn", versions=90)
    # evenly spread, then a crowd: 40 versions within the newest seconds
    set_creation_times(arns, [i * 1_000_000 for i in range(50)] + [50_000_000 + i * 10_000 for i in range(40)])
    asked: list[list[bytes]] = []
    shuffle = random.Random(7)

    def keep(params: dict, **_: object) -> None:
        time.sleep(shuffle.random() * 0.02)  # answers come back in another order each time
        asked[-1].append(params["body"])

    session.client("sagemaker").meta.events.register("before-call.sagemaker.ListModelPackages", keep)
    for _ in range(3):
        asked.append([])
        assert len(ranged(session, "churn", page_size=5, max_workers=4)) == 90

    assert sorted(asked[0]) == sorted(asked[1]) == sorted(asked[2])
