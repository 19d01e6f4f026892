"""Answers are parsed one at a time, so a burst of answers never keeps the window waiting.

The listing and the briefs keep two dozen calls in flight; when their answers land together,
every thread parsing at once would hold the window's thread away from the interpreter (the
window froze while 10,000 rows loaded). These tests check the rule, not the time.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from app.registry.accounts.sessions import session_for
from app.registry.aws import turns_free


class ParseWatch:
    """How many threads are between receiving an answer and having parsed it, at most."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.parsed = 0

    def watch(self, client: Any) -> ParseWatch:
        client.meta.events.register("before-parse", self._begin)  # after the client's own
        client.meta.events.register_first("response-received", self._end)
        return self

    def _begin(self, **_: Any) -> None:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(0.005)  # a slow parse: any other thread allowed to parse now would

    def _end(self, **_: Any) -> None:
        with self._lock:
            self.now -= 1
            self.parsed += 1


def test_answers_landing_together_are_parsed_one_at_a_time(sagemaker, make_connection):
    for n in range(4):
        sagemaker.create_model_package_group(ModelPackageGroupName=f"churn-{n}")
    other_region = session_for(make_connection(region="eu-west-1")).client("sagemaker")
    watch = ParseWatch().watch(sagemaker).watch(other_region)

    def listing(n: int) -> int:
        client = sagemaker if n % 2 else other_region  # two clients share the turns
        return len(client.list_model_package_groups()["ModelPackageGroupSummaryList"])

    with ThreadPoolExecutor(max_workers=12) as pool:
        found = list(pool.map(listing, range(48)))

    assert found == [4 if n % 2 else 0 for n in range(48)]  # every answer arrived, whole
    assert watch.parsed == 48
    assert watch.most == 1
    assert turns_free()


def test_a_call_that_fails_leaves_no_turn_held(sagemaker):
    with pytest.raises(ClientError):  # an error answer, parsed like any other
        sagemaker.describe_model_package(ModelPackageName="arn:aws:sagemaker:us-east-1:123456789012:"
                                         "model-package/missing/1")
    assert turns_free()
    with pytest.raises(ParamValidationError):  # refused before anything was sent
        sagemaker.describe_model_package(ModelPackageName=7)
    assert turns_free()

    def broken_parser(**_: Any) -> None:
        raise RuntimeError("a parser that fails")

    sagemaker.meta.events.register("before-parse", broken_parser)
    try:
        with pytest.raises(RuntimeError):
            sagemaker.list_model_package_groups()
    finally:
        sagemaker.meta.events.unregister("before-parse", broken_parser)
    assert turns_free()
    assert sagemaker.list_model_package_groups()["ModelPackageGroupSummaryList"] == []  # and calls go on
