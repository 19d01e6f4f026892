"""Describing many versions at once: what fills the approval-comment column on screen."""

from __future__ import annotations

from app.registry.versions.approval import set_approval
from app.registry.versions.describe import describe_many
from app.registry.versions.records import APPROVED


def test_describe_many_keeps_order_and_marks_failures(session, add_group):
    arns = add_group("churn", versions=4)
    set_approval(session, arns[2], APPROVED, "Shadow test passed")
    gone = arns[0].rsplit("/", 1)[0] + "/99"
    wanted = [arns[2], gone, arns[0]]
    arrived = []

    results = describe_many(session, wanted, on_result=arrived.append)

    assert results[0] is not None and results[0].approval_comment == "Shadow test passed"
    assert results[1] is None  # a version that does not exist is skipped, not raised
    assert results[2] is not None and results[2].arn == arns[0]
    assert len(arrived) == 3


def test_describe_many_stops_before_unstarted_items(session, add_group):
    arns = add_group("churn", versions=5)
    results = describe_many(session, arns, max_workers=1, should_stop=lambda: True)
    assert results == [None] * 5
