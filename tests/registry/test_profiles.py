"""Profiles: shared-config kinds read through botocore, application profiles and their checks."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from hashlib import sha1

import pytest

from app.registry.accounts.profiles import (
    ACCESS_KEYS,
    ASSUME_ROLE,
    CREDENTIAL_PROCESS,
    SSO,
    AppProfile,
    ProfileStore,
    app_config_dir,
    shared_profiles,
    sso_status,
    validate,
)
from app.registry.accounts.secrets import AccessKeys
from app.registry.accounts.sessions import sagemaker_regions

CONFIG = """\
# the team's shared config
[default]
region = eu-west-1

[profile training]
role_arn = arn:aws:iam::210987654321:role/Registry
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = us-west-2

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile tool]
credential_process = /usr/local/bin/get-creds --json
"""
CREDENTIALS = """\
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[ci]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
"""
KEYS = AccessKeys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


@pytest.fixture
def aws_files(tmp_path, monkeypatch):
    config, credentials = tmp_path / "config", tmp_path / "credentials"
    config.write_text(CONFIG)
    credentials.write_text(CREDENTIALS)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    return config, credentials


def test_every_kind_of_shared_profile_is_recognised_with_its_fields(aws_files):
    by_name = {p.name: p for p in shared_profiles()}
    assert sorted(by_name) == ["ci", "default", "sso-dev", "tool", "training"]
    assert by_name["default"].kind == ACCESS_KEYS and by_name["default"].region == "eu-west-1"
    assert by_name["ci"].kind == ACCESS_KEYS and by_name["ci"].region is None  # credentials file only
    training = by_name["training"]
    assert training.kind == ASSUME_ROLE and training.source_profile == "default"
    assert training.role_arn == "arn:aws:iam::210987654321:role/Registry"
    assert training.mfa_serial.endswith(":mfa/alice") and training.region == "us-west-2"
    sso = by_name["sso-dev"]
    assert sso.kind == SSO and sso.sso_session == "corp"
    assert sso.sso_start_url == "https://corp.awsapps.com/start"
    assert by_name["tool"].kind == CREDENTIAL_PROCESS
    assert by_name["tool"].credential_process == "/usr/local/bin/get-creds --json"
    assert not any(p.managed for p in by_name.values())


def test_sso_status_follows_botocores_token_cache(aws_files, tmp_path):
    sso = next(p for p in shared_profiles() if p.name == "sso-dev")
    cache = tmp_path / "sso-cache"
    assert not sso_status(sso, cache).valid  # never signed in
    cache.mkdir()
    token_file = cache / (sha1(b"corp").hexdigest() + ".json")
    later = datetime.now(UTC) + timedelta(hours=1)
    token_file.write_text(json.dumps({"accessToken": "t", "expiresAt": later.strftime("%Y-%m-%dT%H:%M:%SZ")}))
    status = sso_status(sso, cache)
    assert status.valid and status.expires_at is not None
    assert not sso_status(sso, cache, now=later + timedelta(minutes=1)).valid
    assert status.login_command == "aws sso login --profile sso-dev"


def test_application_profiles_live_in_the_platform_config_dir_without_keys(tmp_path):
    store = ProfileStore()
    assert store.path.parent == app_config_dir()
    assert str(app_config_dir()).startswith(str(tmp_path.parent))  # the test's XDG_CONFIG_HOME
    store.put(AppProfile("registry", region="us-east-1"))
    store.put(AppProfile("training", role_arn="arn:aws:iam::210987654321:role/X", source_profile="registry",
                         has_keys=False))
    store.put(AppProfile("reg", region="eu-west-1"), replacing="registry")
    assert [p.name for p in ProfileStore().load()] == ["reg", "training"]
    assert ProfileStore().get("reg").region == "eu-west-1"
    assert oct(store.path.stat().st_mode & 0o777) == "0o600"
    store.remove("reg")
    assert [p.name for p in store.load()] == ["training"]


GOOD = AppProfile("training-admin", region="eu-west-1")


def _problems(profile=GOOD, keys=KEYS, taken=frozenset({"default"})):
    return validate(profile, keys, taken_names=set(taken), regions=sagemaker_regions())


def test_a_good_profile_passes():
    assert _problems() == {}
    role = AppProfile("t", role_arn="arn:aws:iam::210987654321:role/Registry", source_profile="default",
                      external_id="abc-123", role_session_name="desk", duration_seconds=900,
                      mfa_serial="arn:aws:iam::123456789012:mfa/alice", has_keys=False)
    assert _problems(role, None) == {}


@pytest.mark.parametrize(("change", "keys", "field", "words"), [
    ({"name": "my profile"}, KEYS, "name", "letters, digits"),
    ({"name": "default"}, KEYS, "name", "exists already"),
    ({"region": "mars-north-1"}, KEYS, "region", "pick one from the list"),
    ({}, AccessKeys("AKIA123", KEYS.secret_access_key), "access_key_id", "'AKIA' then 16"),
    ({}, AccessKeys(KEYS.access_key_id, "short"), "secret_access_key", "40 characters"),
    ({"has_keys": False}, None, "access_key_id", "Type an access key ID"),
    ({"role_arn": "arn:aws:iam::2109876543:role/X"}, KEYS, "role_arn", "12-digit account"),
    ({"role_arn": "arn:aws:iam::210987654321:role/X", "duration_seconds": 60}, KEYS, "duration_seconds", "900"),
    ({"role_arn": "arn:aws:iam::210987654321:role/X", "duration_seconds": 50000}, KEYS, "duration_seconds", "43200"),
    ({"role_arn": "arn:aws:iam::210987654321:role/X", "source_profile": "nowhere"}, KEYS, "source_profile",
     "no profile 'nowhere'"),
    ({"role_arn": "arn:aws:iam::210987654321:role/X", "external_id": "a b"}, KEYS, "external_id", "external ID"),
    ({"role_arn": "arn:aws:iam::210987654321:role/X", "role_session_name": "x"}, KEYS, "role_session_name",
     "2–64"),
    ({"role_arn": "arn:aws:iam::210987654321:role/X", "mfa_serial": "mfa"}, KEYS, "mfa_serial", "MFA device"),
])
def test_each_bad_input_names_its_field_and_what_to_type(change, keys, field, words):
    fields = {**GOOD.__dict__, **change}
    problems = _problems(AppProfile(**fields), keys)
    assert field in problems and words in problems[field]
