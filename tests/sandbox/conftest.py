"""One embedded sandbox server per test session, emptied before each test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.sandbox.server import SandboxServer
from app.sandbox.session import main_client, sandbox_client, training_credentials


def pytest_configure(config: pytest.Config) -> None:
    # SageMaker's service model lacks an AccessDeniedException shape; moto warns.
    config.addinivalue_line(
        "filterwarnings", r"ignore:Exception\(AccessDeniedException\):UserWarning"
    )


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


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
