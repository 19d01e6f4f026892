"""After a refresh the local index holds exactly what the listing showed: no ghost rows, no
duplicates, also after versions and groups were deleted and added behind the application's back."""

from __future__ import annotations

from typing import Any

import pytest

from app.registry.index.local import LocalIndex
from app.registry.index.recording import recorded_group_pages, recorded_version_pages
from app.registry.versions.groups import iter_group_pages
from app.registry.versions.listing import iter_version_ranges

KEY = "sandbox@us-east-1"



def refresh(index: LocalIndex, session: Any) -> None:
    """What the window does on F5: list the groups, then every group's versions, recording both."""
    groups = [g for page in recorded_group_pages(index, KEY, session.region, iter_group_pages(session),
                                                 session.account_id) for g in page]
    for group in groups:
        list(recorded_version_pages(index, group.arn, iter_version_ranges(session, group.name, page_size=3)))


def boto3_groups(sagemaker: Any) -> list[str]:
    pages = sagemaker.get_paginator("list_model_package_groups").paginate()
    return [g["ModelPackageGroupArn"] for page in pages for g in page["ModelPackageGroupSummaryList"]]


def boto3_versions(sagemaker: Any, group: str) -> dict[str, str]:
    pages = sagemaker.get_paginator("list_model_packages").paginate(ModelPackageGroupName=group)
    return {v["ModelPackageArn"]: v["ModelApprovalStatus"]
            for page in pages for v in page["ModelPackageSummaryList"]}


def assert_index_equals_listing(index: LocalIndex, sagemaker: Any) -> None:
    listed_groups = boto3_groups(sagemaker)
    indexed_groups, listed_at = index.groups_seen_by(KEY)
    assert listed_at is not None
    assert sorted(g.arn for g in indexed_groups) == sorted(listed_groups)
    assert len({g.arn for g in indexed_groups}) == len(indexed_groups)  # no duplicates
    total = 0
    for group in indexed_groups:
        truth = boto3_versions(sagemaker, group.name)
        rows = index.versions_of(group.arn)
        assert len(rows) == len({r.summary.arn for r in rows})  # no duplicates
        assert {r.summary.arn: r.summary.status for r in rows} == truth
        assert [r.summary.version for r in rows] == sorted((r.summary.version for r in rows), reverse=True)
        total += len(truth)
    assert index.version_count() == total  # no ghost of a group that went away
    assert sorted(c.arn for c in index.estate_counts()) == sorted(listed_groups)


def test_a_refresh_makes_the_index_equal_to_the_listing(index, session, sagemaker, add_group):
    add_group("churn", versions=7)
    add_group("fraud", versions=4)
    add_group("empty")

    refresh(index, session)

    assert_index_equals_listing(index, sagemaker)
    assert index.version_count() == 11


def test_versions_and_groups_changed_behind_the_applications_back_leave_and_join_at_the_next_refresh(
    index, session, sagemaker, add_group, add_version
):
    churn = add_group("churn", versions=7)
    fraud = add_group("fraud", versions=4)
    refresh(index, session)
    assert index.version_count() == 11

    for arn in (churn[0], churn[3], churn[6]):  # the oldest, one in the middle, the newest
        sagemaker.delete_model_package(ModelPackageName=arn)
    added = [add_version("churn", n) for n in (8, 9)]
    for arn in fraud:
        sagemaker.delete_model_package(ModelPackageName=arn)
    sagemaker.delete_model_package_group(ModelPackageGroupName="fraud")
    add_group("risk", versions=2)
    sagemaker.update_model_package(ModelPackageArn=churn[1], ModelApprovalStatus="Approved")

    refresh(index, session)

    assert_index_equals_listing(index, sagemaker)
    assert index.version(churn[0]) is None and index.version(churn[6]) is None
    assert all(index.version(arn) is not None for arn in added)
    assert index.version(churn[1]).summary.status == "Approved"
    assert not [c for c in index.estate_counts() if c.name == "fraud"]
    assert index.version_count() == 4 + 2 + 2

    refresh(index, session)  # the same listing again changes nothing

    assert_index_equals_listing(index, sagemaker)
    assert index.version_count() == 8


def test_a_listing_stopped_part_way_forgets_nothing(index, session, sagemaker, add_group):
    arns = add_group("churn", versions=7)
    refresh(index, session)
    group_arn = index.version(arns[0]).group_arn

    pages = recorded_version_pages(index, group_arn, iter_version_ranges(session, "churn", page_size=3),
                                   should_stop=lambda: True)
    first = next(pages)
    pages.close()  # the user switched group after the first page

    assert len(first) == 3
    assert sorted(r.summary.arn for r in index.versions_of(group_arn)) == sorted(arns)


def test_a_group_listing_that_failed_part_way_is_not_taken_as_complete(index, session, sagemaker, add_group):
    add_group("churn", versions=1)
    add_group("fraud", versions=1)
    refresh(index, session)

    def failing() -> Any:
        yield next(iter_group_pages(session, page_size=1))
        raise RuntimeError("the network went away")

    with pytest.raises(RuntimeError):
        list(recorded_group_pages(index, KEY, session.region, failing(), session.account_id))

    groups, _ = index.groups_seen_by(KEY)
    assert sorted(g.name for g in groups) == ["churn", "fraud"]
    assert index.version_count() == 2
