"""Registry tests: plain Python against one embedded moto server, reset between tests."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from app.registry.accounts.sessions import AccountSession, forget_sessions, session_for
from app.registry.aws import Connection
from app.sandbox.server import (
    SANDBOX_ACCESS_KEY_ID,
    SANDBOX_REGION,
    SANDBOX_SECRET_ACCESS_KEY,
    SandboxServer,
)

MAIN_ACCOUNT = "123456789012"  # moto's default account: the sandbox keys belong to it
OTHER_ACCOUNT = "210987654321"
OTHER_ROLE = f"arn:aws:iam::{OTHER_ACCOUNT}:role/X"


@pytest.fixture
def endpoint(sandbox_server: SandboxServer) -> Iterator[str]:
    """The endpoint of a freshly reset sandbox; no session survives from another test."""
    sandbox_server.reset()
    forget_sessions()
    yield sandbox_server.endpoint_url
    forget_sessions()


def sandbox_connection(endpoint: str, **overrides: Any) -> Connection:
    fields: dict[str, Any] = {
        "profile": None,
        "region": SANDBOX_REGION,
        "endpoint_url": endpoint,
        "access_key_id": SANDBOX_ACCESS_KEY_ID,
        "secret_access_key": SANDBOX_SECRET_ACCESS_KEY,
        "label": "sandbox",
    }
    fields.update(overrides)
    return Connection(**fields)


@pytest.fixture
def make_connection(endpoint: str):
    """make_connection(**fields) -> a sandbox Connection with some fields changed."""
    return lambda **overrides: sandbox_connection(endpoint, **overrides)


@pytest.fixture
def connection(endpoint: str) -> Connection:
    return sandbox_connection(endpoint)


@pytest.fixture
def session(connection: Connection) -> AccountSession:
    return session_for(connection)


@pytest.fixture
def sagemaker(session: AccountSession) -> Any:
    """The shared SageMaker client of the sandbox session, for arranging test data."""
    return session.client("sagemaker")


@pytest.fixture
def other_session(session: AccountSession, endpoint: str) -> AccountSession:
    """A session in a second account, reached the way a user would: sts.assume_role."""
    credentials = session.client("sts").assume_role(
        RoleArn=OTHER_ROLE, RoleSessionName="registry-tests"
    )["Credentials"]
    return session_for(
        sandbox_connection(
            endpoint,
            access_key_id=credentials["AccessKeyId"],
            secret_access_key=credentials["SecretAccessKey"],
            session_token=credentials["SessionToken"],
            label="training",
        )
    )


class CallLog:
    """Counts the API operations a client sends (botocore before-call events)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.names: list[str] = []

    def __call__(self, event_name: str, **_: Any) -> None:
        with self._lock:
            self.names.append(event_name.rsplit(".", 1)[-1])

    def count(self, operation: str) -> int:
        with self._lock:
            return Counter(self.names)[operation]

    def watch(self, client: Any) -> CallLog:
        service = client.meta.service_model.endpoint_prefix
        client.meta.events.register(f"before-call.{service}", self)
        return self


@pytest.fixture
def calls(session: AccountSession) -> CallLog:
    """Every SageMaker and S3 operation the sandbox session sends during the test."""
    log = CallLog()
    log.watch(session.client("sagemaker"))
    log.watch(session.client("s3"))
    return log


def container(n: int = 1) -> dict[str, Any]:
    return {
        "Image": f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:{n}",
        "ModelDataUrl": f"s3://models/churn/{n}/model.tar.gz",
    }


def version_request(group: str, n: int = 1, **extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "ModelPackageGroupName": group,
        "ModelPackageDescription": f"version {n}",
        "ModelApprovalStatus": "PendingManualApproval",
        "InferenceSpecification": {
            "Containers": [container(n)],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
    }
    request.update(extra)
    return request


@pytest.fixture
def add_version(sagemaker: Any):
    """add_version(group, n=1, **request fields) -> ARN of a new pending version."""

    def add(group: str, n: int = 1, **extra: Any) -> str:
        return str(
            sagemaker.create_model_package(**version_request(group, n, **extra))["ModelPackageArn"]
        )

    return add


@pytest.fixture
def add_group(sagemaker: Any, add_version):
    """add_group(name, versions=0) -> ARNs of its new pending versions, oldest first."""

    def add(name: str, versions: int = 0) -> list[str]:
        sagemaker.create_model_package_group(ModelPackageGroupName=name)
        return [add_version(name, n) for n in range(1, versions + 1)]

    return add


@pytest.fixture
def index(tmp_path) -> Iterator[Any]:
    """A fresh local index in the test's own folder, closed afterwards."""
    from app.registry.index.local import LocalIndex

    opened = LocalIndex.open(tmp_path / "cache" / "index.sqlite")
    yield opened
    opened.close()
