"""Fault cases: the real window, on a connection whose endpoint is a fault-injecting proxy in front
of the session's moto server. Calls give up quickly here, so a case takes seconds, not minutes."""

from __future__ import annotations

import dataclasses

import pytest

from app.registry import aws
from tests.ui.faults.proxy import HANG, FaultProxy

PROFILE = "fault-lab"  # how the connection is named, so every message can be checked for it


@pytest.fixture
def quick_calls(request, monkeypatch):
    """The application's client settings with a single retry, so a fault that happens once is
    still retried and a persistent one is reported at once; against a hanging server, a one-second
    read timeout, so the call gives up within seconds (elsewhere a busy machine may be slow)."""
    from botocore.config import Config

    callspec = getattr(request.node, "callspec", None)
    hanging = callspec is not None and callspec.params.get("fault") == HANG
    quick = Config(retries={"mode": "standard", "max_attempts": 2}, connect_timeout=2,
                   read_timeout=1 if hanging else 15, max_pool_connections=32)
    monkeypatch.setattr(aws, "client_config", lambda: quick)
    yield quick


@pytest.fixture
def fault_proxy(sandbox):
    server, _summary = sandbox
    proxy = FaultProxy(server.endpoint_url).start()
    yield proxy
    proxy.close()


@pytest.fixture
def lab(connection, fault_proxy, quick_calls):
    """The sandbox's connection, through the proxy."""
    return dataclasses.replace(connection, endpoint_url=fault_proxy.url, label=PROFILE)
