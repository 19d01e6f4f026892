"""Sessions: one per connection, clients shared across threads, the sandbox kept isolated."""

from __future__ import annotations

import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC

import pytest

from app.registry.accounts.sessions import (
    available_profiles,
    default_region,
    forget_sessions,
    sagemaker_regions,
    session_for,
)
from app.registry.aws import Connection
from app.registry.errors import RegistryError
from app.registry.versions.groups import iter_group_pages


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_display_name():
    assert Connection(profile=None, region=None).display_name == "default"
    assert Connection(profile="training", region=None).display_name == "training"
    assert Connection(profile="x", region=None, label="sandbox").display_name == "sandbox"


def test_secrets_never_show_in_a_repr(make_connection):
    connection = make_connection(session_token="token-secret-value")
    session = session_for(connection)
    for text in (repr(connection), repr(session), str(connection)):
        assert "testing" not in text
        assert "token-secret-value" not in text
    assert "sandbox" in repr(session)


def test_one_session_per_connection(connection, make_connection):
    first = session_for(connection)
    assert session_for(make_connection()) is first
    assert session_for(make_connection(region="eu-west-1")) is not first
    forget_sessions()
    assert session_for(connection) is not first


def test_every_open_profile_reads_botocore_s_models_once(connection, make_connection, monkeypatch, tmp_path):
    from app.registry.versions import requests

    config = tmp_path / "config"
    config.write_text("[profile dev]\nregion = eu-west-1\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    other = make_connection(region="eu-west-1")
    from_files = Connection(profile="dev", region=None, label="dev")
    models = [session_for(c).client("sagemaker").meta.service_model for c in (connection, other, from_files)]
    models.append(requests.service_model())
    first = models[0]._service_description  # the parsed JSON: tens of MB for SageMaker
    assert all(m._service_description is first for m in models)


def test_clients_are_built_once_and_shared_across_threads(connection):
    barrier = threading.Barrier(8)

    def build():
        barrier.wait()  # all threads ask at the same moment
        session = session_for(connection)
        return session, session.client("sagemaker")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: build(), range(8)))

    assert len({id(session) for session, _ in results}) == 1
    assert len({id(client) for _, client in results}) == 1
    client = results[0][1]
    assert client is results[0][0].client("sagemaker")
    # Three tries in all within the call budget (aws.timeouts), not 30 s reads times 6.
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 3}
    assert client.meta.config.connect_timeout == 5 and client.meta.config.read_timeout == 9
    assert client.meta.config.max_pool_connections == 32


def test_the_shared_client_serves_many_threads(session, add_group):
    add_group("g", versions=3)

    def count(_):
        return sum(len(p) for p in iter_group_pages(session, include_shared=False))

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(count, range(16))) == [1] * 16


def test_account_id_is_asked_once(session):
    asked = []
    session.client("sts").meta.events.register(
        "before-call.sts.GetCallerIdentity", lambda **_: asked.append(1)
    )
    assert session.account_id() == "123456789012"
    assert session.account_id() == "123456789012"
    assert len(asked) == 1


BOGUS_DEFAULT = (
    "[default]\n"
    "region = ap-south-1\n"
    "credential_process = /bin/false\n"
    "endpoint_url = http://127.0.0.1:9\n"
)


@pytest.mark.parametrize(
    "config_text",
    [BOGUS_DEFAULT, BOGUS_DEFAULT + "[profile broken\n"],
    ids=["bogus-default-profile", "unparsable-config"],
)
def test_a_sandbox_connection_never_reads_the_users_aws_config(
    make_connection, tmp_path, monkeypatch, config_text
):
    # The moto server runs in this process and reads the environment when it first builds a
    # service's backend: build those before breaking the environment, then start afresh.
    warm = session_for(make_connection())
    warm.account_id()
    warm.client("sagemaker").list_model_package_groups()
    forget_sessions()

    config = tmp_path / "config"
    config.write_text(config_text)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(config))
    monkeypatch.setenv("AWS_PROFILE", "nonexistent")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-north-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUSERKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "user-secret")

    session = session_for(make_connection())

    assert session.region == "us-east-1"
    assert session.account_id() == "123456789012"
    session.client("sagemaker").create_model_package_group(ModelPackageGroupName="isolated")
    assert [g.name for p in iter_group_pages(session) for g in p] == ["isolated"]


def test_a_sandbox_connection_ignores_an_http_proxy(make_connection, monkeypatch):
    dead_proxy = f"http://127.0.0.1:{_closed_port()}"
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.setenv(name, dead_proxy)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)

    assert session_for(make_connection()).account_id() == "123456789012"


def test_profiles_and_default_regions_come_from_the_config_files(tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text(
        "[default]\nregion = eu-west-1\n[profile training]\nregion = eu-central-1\n"
        "[profile no-region]\noutput = json\n"
    )
    credentials = tmp_path / "credentials"
    credentials.write_text("[keys-only]\naws_access_key_id = A\naws_secret_access_key = B\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)

    assert available_profiles() == ["default", "keys-only", "no-region", "training"]
    assert default_region(None) == "eu-west-1"
    assert default_region("training") == "eu-central-1"
    assert default_region("no-region") is None
    assert default_region("missing") is None
    assert session_for(Connection(profile="training", region=None)).region == "eu-central-1"
    assert session_for(Connection(profile="training", region="us-west-2")).region == "us-west-2"


def test_an_unknown_profile_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    with pytest.raises(RegistryError) as caught:
        session_for(Connection(profile="nowhere", region="us-east-1"))
    assert caught.value.kind == "no_credentials"
    assert "'nowhere'" in str(caught.value)
    assert "aws configure --profile nowhere" in str(caught.value)


def test_a_profile_without_a_region_says_how_to_set_one(tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text("[profile bare]\noutput = json\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)
    with pytest.raises(RegistryError) as caught:
        session_for(Connection(profile="bare", region=None))
    assert caught.value.kind == "invalid"
    assert "No region is set for the profile 'bare'" in str(caught.value)


def test_sagemaker_regions(monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "nonexistent")  # must not matter
    regions = sagemaker_regions()
    assert {"us-east-1", "eu-west-1", "ap-southeast-2"} <= set(regions)
    assert regions == sorted(regions)


def test_a_config_file_that_does_not_parse_is_named(tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text("[profile broken\nregion = x\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))

    with pytest.raises(RegistryError) as caught:
        available_profiles()
    assert caught.value.kind == "invalid"
    assert str(config) in str(caught.value)
    assert "Fix the file" in str(caught.value)
    assert default_region("broken") is None
    with pytest.raises(RegistryError) as caught:
        session_for(Connection(profile="broken", region="us-east-1"))
    assert "cannot be read" in str(caught.value)


def test_timestamps_are_read_as_the_same_instant_in_utc(connection, endpoint):
    """The application's clients read timestamps without botocore's per-value tzlocal() (a fifth
    of a large listing's CPU): the same instants, in UTC."""
    import boto3

    ours = session_for(connection).client("sagemaker")
    ours.create_model_package_group(ModelPackageGroupName="timed")
    theirs = boto3.client("sagemaker", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")

    created = ours.describe_model_package_group(ModelPackageGroupName="timed")["CreationTime"]
    reference = theirs.describe_model_package_group(ModelPackageGroupName="timed")["CreationTime"]

    assert created.tzinfo is UTC
    assert created == reference
