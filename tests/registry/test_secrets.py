"""Keys in the keyring only: application profiles, roles with MFA, credential_process."""

from __future__ import annotations

import subprocess
import threading

import boto3
import botocore.session
import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from botocore.credentials import ProcessProvider

from app.cli import main as cli_main
from app.registry.accounts import secrets
from app.registry.accounts.awsconfig import write_credential_process
from app.registry.accounts.credentials import mfa_codes
from app.registry.accounts.identity import caller_identity
from app.registry.accounts.profiles import AppProfile, ProfileStore
from app.registry.accounts.secrets import AccessKeys, SecretStoreError
from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.errors import RegistryError
from app.registry.versions.groups import iter_group_pages
from app.sandbox.seed import TRAINING_ACCOUNT_ID, seed, training_role_arn
from tests.registry.conftest import MAIN_ACCOUNT

KEYS = AccessKeys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
MFA = "arn:aws:iam::123456789012:mfa/alice"


def managed(endpoint: str, name: str, **fields) -> Connection:
    return Connection(profile=name, region="us-east-1", endpoint_url=endpoint, label=name, managed=True, **fields)


@pytest.fixture
def profiles(endpoint):
    """An application profile with keys, and one assuming the training role from it."""
    store = ProfileStore()
    store.put(AppProfile("registry", region="us-east-1"))
    store.put(AppProfile("training", region="us-east-1", has_keys=False, source_profile="registry",
                         role_arn=training_role_arn()))
    secrets.save_keys("registry", KEYS)
    return store


def test_keys_round_trip_through_the_keyring_only(in_memory_keyring):
    secrets.save_keys("p", KEYS)
    assert secrets.load_keys("p") == KEYS
    assert list(in_memory_keyring.items) == [(secrets.SERVICE, "p")]
    assert KEYS.secret_access_key not in repr(KEYS)
    secrets.delete_keys("p")
    secrets.delete_keys("p")  # deleting twice is fine
    assert secrets.load_keys("p") is None


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()])
def test_a_keyring_that_cannot_keep_secrets_is_refused_with_a_remedy(backend):
    keyring.set_keyring(backend)
    status = secrets.keyring_status()
    assert not status.usable and "not usable" in status.problem and "gnome-keyring" in status.remedy
    with pytest.raises(SecretStoreError, match="not usable"):
        secrets.save_keys("p", KEYS)


def test_a_keyring_that_hangs_gives_up_with_a_message(in_memory_keyring):
    release = threading.Event()

    def hang(service, username):
        release.wait()

    in_memory_keyring.get_password = hang
    try:
        with pytest.raises(SecretStoreError, match="did not answer.*unlock"):
            secrets.load_keys("p", timeout_s=0.2)
    finally:
        release.set()


def test_an_application_profile_uses_its_keyring_keys(profiles, endpoint):
    identity = caller_identity(session_for(managed(endpoint, "registry")))
    assert identity.account_id == MAIN_ACCOUNT and identity.method == "registry-desk-keyring"


def test_a_profile_without_keys_in_the_keyring_says_how_to_fix_it(endpoint):
    ProfileStore().put(AppProfile("lost", region="us-east-1"))
    with pytest.raises(RegistryError, match="holds no keys for the profile 'lost'"):
        session_for(managed(endpoint, "lost"))
        caller_identity(session_for(managed(endpoint, "lost")))


def test_a_role_into_the_training_account_sees_that_accounts_groups_only(profiles, endpoint):
    summary = seed(endpoint)
    session = session_for(managed(endpoint, "training"))
    identity = caller_identity(session)
    assert identity.account_id == TRAINING_ACCOUNT_ID and identity.is_assumed_role
    assert identity.expires_at is not None and identity.method == "registry-desk-assume-role"
    groups = [g for page in iter_group_pages(session) for g in page]
    own = [g for g in groups if not g.shared]
    assert own and all(f":{TRAINING_ACCOUNT_ID}:" in g.arn for g in own)
    assert not {g.name for g in own} & set(summary.groups)


def test_two_threads_needing_one_mfa_device_get_one_question(profiles, endpoint):
    store = profiles
    for name in ("role-a", "role-b"):
        store.put(AppProfile(name, has_keys=False, source_profile="registry", role_arn=training_role_arn(),
                             mfa_serial=MFA))
    asked, answer = [], threading.Event()

    def ask(device, profile):
        asked.append((device, profile))
        answer.wait()
        return "123456"

    mfa_codes.set_asker(ask)
    results: dict[str, str] = {}

    def check(name):
        results[name] = caller_identity(session_for(managed(endpoint, name))).account_id

    workers = [threading.Thread(target=check, args=(n,)) for n in ("role-a", "role-b")]
    try:
        for worker in workers:
            worker.start()
        while mfa_codes.waiting(MFA) < 1:  # the second thread has joined the open question
            threading.Event().wait(0.01)
        answer.set()
        for worker in workers:
            worker.join()
    finally:
        answer.set()
        mfa_codes.set_asker(None)
    assert len(asked) == 1 and asked[0][0] == MFA
    assert results == {"role-a": TRAINING_ACCOUNT_ID, "role-b": TRAINING_ACCOUNT_ID}


def test_a_cancelled_mfa_question_fails_in_words(profiles, endpoint):
    profiles.put(AppProfile("needs-mfa", has_keys=False, source_profile="registry", role_arn=training_role_arn(),
                            mfa_serial=MFA))
    mfa_codes.set_asker(lambda device, profile: None)
    try:
        with pytest.raises(RegistryError, match="No MFA code was entered for the profile 'needs-mfa'"):
            caller_identity(session_for(managed(endpoint, "needs-mfa")))
    finally:
        mfa_codes.set_asker(None)


class InProcess:
    """botocore's ProcessProvider runs a command; this runs our command line in this process."""

    def __init__(self, argv, **_):
        assert argv[-3:-1] == ["credential-process", "--profile"]
        self.argv = argv[-3:]

    def communicate(self):
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            self.returncode = cli_main(self.argv)
        return out.getvalue().encode(), err.getvalue().encode()


def test_credential_process_output_is_accepted_by_botocore(profiles, endpoint, monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    config = write_credential_process("training")
    assert "credential-process --profile training" in config.read_text()
    process = botocore.session.Session(profile="training").get_scoped_config()["credential_process"]
    provider = ProcessProvider("training", lambda: {"profiles": {"training": {"credential_process": process}}},
                               popen=InProcess)
    credentials = provider.load()
    assert credentials.method == "custom-process" and credentials.token
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=endpoint,
                       aws_access_key_id=credentials.access_key, aws_secret_access_key=credentials.secret_key,
                       aws_session_token=credentials.token)
    assert sts.get_caller_identity()["Account"] == TRAINING_ACCOUNT_ID


def test_credential_process_for_an_unknown_profile_fails_on_stderr(capsys):
    assert cli_main(["credential-process", "--profile", "nobody"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no application profile 'nobody'" in captured.err


@pytest.mark.secret_service
def test_the_real_secret_service_serves_a_real_credential_process(profiles, endpoint, monkeypatch):
    """Runs under scripts/test's gnome-keyring: the AWS SDK starts our command as a process."""
    assert secrets.keyring_status().usable, secrets.keyring_status().problem
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    write_credential_process("registry")
    sts = boto3.Session(profile_name="registry", region_name="us-east-1").client("sts")
    assert sts.get_caller_identity()["Account"] == MAIN_ACCOUNT
    listed = subprocess.run(["secret-tool", "search", "service", secrets.SERVICE], capture_output=True, text=True)
    assert "registry" in listed.stdout + listed.stderr
    secrets.delete_keys("registry")
    assert secrets.load_keys("registry") is None
