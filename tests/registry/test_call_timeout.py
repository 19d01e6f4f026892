"""A server that accepts and never answers: the call gives up within its budget and says so."""

from __future__ import annotations

import re

import pytest

from app.registry import aws
from app.registry.accounts.sessions import forget_sessions, session_for
from app.registry.aws import Connection
from app.registry.errors import RegistryError, calls_in_flight
from app.registry.versions.describe import iter_version_pages
from tests.hanging import HangingServer


def test_the_default_budget_bounds_one_call_to_thirty_seconds():
    connect, read, attempts = aws.timeouts(aws.DEFAULT_CALL_TIMEOUT_S)
    backoff = 1 + 2  # the standard mode waits at most 1 s, then 2 s, between attempts
    assert attempts * read + backoff <= 30
    config = aws.client_config()
    assert config.read_timeout == read and config.retries["total_max_attempts"] == attempts


def test_a_hung_call_times_out_naming_profile_action_resource_and_seconds(monkeypatch):
    monkeypatch.setenv(aws.CALL_TIMEOUT_ENV, "1")
    forget_sessions()
    with HangingServer() as server:
        connection = Connection(profile=None, region="us-east-1", endpoint_url=server.url,
                                access_key_id="AKIDEXAMPLE", secret_access_key="secret", label="hung")
        with pytest.raises(RegistryError) as raised:
            next(iter_version_pages(session_for(connection), "churn-prediction"))
    forget_sessions()
    error = raised.value
    assert error.kind == "unreachable"
    text = str(error)
    assert "timed out" in text and re.search(r"gave no answer in \d+ s", text)
    assert "'hung'" in text and "sagemaker:ListModelPackages" in text and "churn-prediction" in text
    assert calls_in_flight() == []  # the call is no longer listed as awaited
