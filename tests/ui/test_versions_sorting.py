"""The versions table keeps its rows sorted as pages stream in, filters by status, and moves a
row whose value changed: what a user sees in the table, whatever order the pages arrived in."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.registry.versions.records import APPROVED, PENDING, REJECTED, BriefSpec, VersionSummary
from app.ui.versions.model import VersionsFilterProxy, VersionsModel

GROUP = "churn"
START = datetime(2026, 1, 1, tzinfo=UTC)


def version(number: int, status: str = PENDING, description: str = "") -> VersionSummary:
    return VersionSummary(
        arn=f"arn:aws:sagemaker:us-east-1:123456789012:model-package/{GROUP}/{number}", group=GROUP,
        version=number, status=status, created=START + timedelta(minutes=number),
        description=description, package_status="Completed")


@pytest.fixture
def table():
    model = VersionsModel()
    proxy = VersionsFilterProxy()
    proxy.setSourceModel(model)
    yield model, proxy
    proxy.setSourceModel(None)


def shown(proxy, column: int = VersionsModel.VERSION) -> list[str]:
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_pages_in_any_order_show_newest_first(qtmodeltester, table):
    model, proxy = table
    proxy.sort(VersionsModel.VERSION, Qt.SortOrder.DescendingOrder)
    numbers = list(range(1, 301))
    random.Random(7).shuffle(numbers)
    model.begin_load()
    for start in range(0, 300, 100):
        model.append_page([version(n) for n in numbers[start:start + 100]])
    model.append_page([version(5)])  # a page overlapping another adds nothing

    assert shown(proxy) == [str(n) for n in range(300, 0, -1)]
    qtmodeltester.check(proxy)


def test_clicking_a_column_sorts_on_it_and_later_pages_follow(table):
    model, proxy = table
    model.begin_load()
    model.append_page([version(1, description="b"), version(2, description="a")])
    proxy.sort(VersionsModel.DESCRIPTION, Qt.SortOrder.AscendingOrder)
    model.append_page([version(3, description="c"), version(4, description="")])

    assert shown(proxy, VersionsModel.DESCRIPTION) == ["", "a", "b", "c"]
    proxy.sort(VersionsModel.DESCRIPTION, Qt.SortOrder.DescendingOrder)
    assert shown(proxy, VersionsModel.DESCRIPTION) == ["c", "b", "a", ""]


def test_the_status_filter_shows_only_that_status_and_all_again(table):
    model, proxy = table
    proxy.sort(VersionsModel.VERSION, Qt.SortOrder.AscendingOrder)
    model.begin_load()
    model.append_page([version(1, APPROVED), version(2, REJECTED), version(3, PENDING),
                                   version(4, APPROVED)])

    proxy.set_status(APPROVED)
    assert shown(proxy) == ["1", "4"]
    model.append_page([version(5, APPROVED), version(6, PENDING)])
    assert shown(proxy) == ["1", "4", "5"]
    proxy.set_status(VersionsFilterProxy.ALL)
    assert shown(proxy) == ["1", "2", "3", "4", "5", "6"]


def test_an_approved_version_moves_under_a_status_sort_and_leaves_a_pending_filter(table):
    model, proxy = table
    proxy.sort(VersionsModel.STATUS, Qt.SortOrder.AscendingOrder)
    model.begin_load()
    model.append_page([version(1, PENDING), version(2, PENDING), version(3, REJECTED)])
    assert shown(proxy, VersionsModel.STATUS) == ["Pending", "Pending", "Rejected"]

    model.set_status(version(3).arn, APPROVED, "looks good")
    assert shown(proxy, VersionsModel.STATUS) == ["Approved", "Pending", "Pending"]
    assert shown(proxy)[0] == "3"
    assert model.position_of(version(3).arn) == 0  # the model finds the row where it now is

    proxy.set_status(PENDING)
    model.set_status(version(1).arn, REJECTED, None)
    assert shown(proxy) == ["2"]


def test_images_arriving_later_re_sort_a_table_sorted_on_images(table):
    model, proxy = table
    model.begin_load()
    model.append_page([version(1), version(2), version(3)])
    proxy.sort(VersionsModel.IMAGES, Qt.SortOrder.AscendingOrder)

    registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
    model.apply_brief({version(n).arn: BriefSpec(images=(f"{registry}/{name}:1",), model_data_urls=())
                       for n, name in ((1, "zebra"), (2, "ant"), (3, "moth"))}, {})

    assert shown(proxy) == ["2", "3", "1"]


def test_a_reload_keeps_the_sort_the_user_chose(table):
    model, proxy = table
    proxy.sort(VersionsModel.VERSION, Qt.SortOrder.AscendingOrder)
    model.begin_load()
    model.append_page([version(2), version(1)])
    model.begin_load()
    model.append_page([version(9), version(7), version(8)])

    assert shown(proxy) == ["7", "8", "9"]


def test_a_created_sort_both_ways_keeps_every_row_once(table):
    model, proxy = table
    numbers = list(range(1, 201))
    random.Random(3).shuffle(numbers)
    model.begin_load()
    proxy.sort(VersionsModel.CREATED, Qt.SortOrder.AscendingOrder)
    model.append_page([version(n) for n in numbers[:100]])
    proxy.sort(VersionsModel.CREATED, Qt.SortOrder.DescendingOrder)
    model.append_page([version(n) for n in numbers[100:]])

    assert shown(proxy) == [str(n) for n in range(200, 0, -1)]


def test_a_row_whose_sort_value_is_not_a_number_still_sorts_among_numbers():
    # Sort values are numbers on the fast path; one text value must not break the order.
    from app.ui.widgets.rows_model import Column, RowsModel

    model = RowsModel([Column("Value", lambda row: str(row[1]), lambda row: row[1])], key=lambda row: row[0])
    model.begin_load()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.append_page([("a", 3), ("b", 1)])
    model.append_page([("c", "x"), ("d", 2)])  # text sorts with numbers as text
    model.append_page([("e", 5)])

    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["x", "5", "3", "2", "1"]


def test_images_for_rows_far_apart_update_those_rows_only(table):
    model, proxy = table
    proxy.sort(VersionsModel.VERSION, Qt.SortOrder.DescendingOrder)
    model.begin_load()
    model.append_page([version(n) for n in range(1, 301)])
    changed: list[tuple[int, int]] = []
    proxy.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))

    spec = BriefSpec(images=("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",), model_data_urls=())
    model.apply_brief({version(n).arn: spec for n in (300, 299, 1)}, {version(2).arn: "AccessDenied"})

    images = shown(proxy, VersionsModel.IMAGES)
    assert images[0] == images[1] == images[299] == spec.images[0]
    assert images[298] == "(unavailable)" and images[2] == "…"
    # Rows in between (on screen or not) are not repainted for news they did not get.
    assert all(last - first <= 1 for first, last in changed) and {r for span in changed for r in span} == \
        {0, 1, 298, 299}
