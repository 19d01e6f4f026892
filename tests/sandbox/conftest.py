"""One embedded sandbox server per test session, emptied before each test."""

from __future__ import annotations

from typing import Any

import pytest

from app.sandbox.server import SandboxServer
from app.sandbox.session import main_client, sandbox_client, training_credentials


@pytest.fixture
def endpoint(sandbox_server: SandboxServer) -> str:
    sandbox_server.reset()
    return sandbox_server.endpoint_url


@pytest.fixture
def sm(endpoint: str) -> Any:
    return main_client(endpoint, "sagemaker")


@pytest.fixture
def training_keys(endpoint: str) -> dict[str, str]:
    return training_credentials(endpoint)


@pytest.fixture
def training_sm(endpoint: str, training_keys: dict[str, str]) -> Any:
    return sandbox_client(endpoint, "sagemaker", credentials=training_keys)
