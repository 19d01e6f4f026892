"""Bulk approval reads the current statuses in batches, not with one describe per version."""

from __future__ import annotations

from app.registry.versions.approval import bulk_set_approval, set_approval
from app.registry.versions.describe import describe_version
from app.registry.versions.records import APPROVED, PENDING, REJECTED


def test_bulk_reads_old_statuses_in_one_batch_call(session, add_group, calls):
    arns = add_group("churn", versions=6)
    set_approval(session, arns[0], APPROVED)
    before = calls.count("DescribeModelPackage")

    results = bulk_set_approval(session, arns, REJECTED)

    assert [(r.version, r.old_status, r.new_status) for r in results] == [
        (1, APPROVED, REJECTED), *((n, PENDING, REJECTED) for n in range(2, 7))]
    assert calls.count("BatchDescribeModelPackage") == 1
    assert calls.count("DescribeModelPackage") == before  # none per version
    assert calls.count("UpdateModelPackage") == 6 + 1
    assert {describe_version(session, a).status for a in arns} == {REJECTED}
