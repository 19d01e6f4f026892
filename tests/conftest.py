"""Fixtures every test shares: offscreen Qt, an in-memory keyring, no real AWS config."""

from __future__ import annotations

import gc
import os
import sys
import threading

import keyring
import keyring.backend
import keyring.errors
import pytest

from app.sandbox.server import SandboxServer

# Before anything imports Qt: no display in CI, and no real profile may leak into a test.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SAGEMAKER"):
    os.environ.pop(_var, None)


def pytest_configure(config: pytest.Config) -> None:
    # SageMaker's service model has no AccessDeniedException shape, so moto warns on each denial.
    config.addinivalue_line("filterwarnings", r"ignore:Exception\(AccessDeniedException\):UserWarning")


@pytest.fixture(scope="session", autouse=True)
def _collect_on_the_main_thread_only():
    """As in the application (app/ui/collector.py): a collection on a worker thread destroys Qt
    objects there and crashes, so automatic collection is off and each test ends with one."""
    gc.disable()
    # What collection loaded (modules, Qt, moto, botocore's models) lives as long as the session:
    # each test's collection need not scan it again (about 0.1 s of CPU a test).
    gc.freeze()
    yield
    gc.unfreeze()
    gc.enable()


@pytest.fixture(scope="session", autouse=True)
def _estate_processes_end_with_the_session():
    """As when the application quits: the estate's worker processes, started by the first test
    that lists an estate and kept for the others, end."""
    yield
    elsewhere = sys.modules.get("app.registry.estate.elsewhere")
    if elsewhere is not None:
        elsewhere.stop_listing_processes()


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    yield
    gc.collect()


@pytest.fixture(scope="session")
def sandbox_server():
    """The one embedded moto server of the test session (moto keeps its state per process)."""
    with SandboxServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _isolated_aws_files(tmp_path_factory, monkeypatch):
    """Tests never read or write the developer's ~/.aws files."""
    home = tmp_path_factory.mktemp("aws-home")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


class InMemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that forgets everything when the test ends (the real one runs in its own CI job)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def in_memory_keyring(request, tmp_path_factory, monkeypatch):
    """Secrets in memory, app config and data dirs in a temporary home (XDG), per test."""
    home = tmp_path_factory.mktemp("xdg-home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(home / sub))
    if request.node.get_closest_marker("secret_service"):
        # The real Secret Service of the session (scripts/test starts one), found as the
        # application finds it, except that the test doubles defined by other test modules are
        # keyring backends too: keyring would chain them in (a locked one refused every read).
        previous = keyring.get_keyring()
        keyring.core.init_backend(lambda backend: not type(backend).__module__.startswith("tests."))
        yield None
        keyring.set_keyring(previous)
        return
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _real_profiles_after_each_test():
    """A sandbox window switches to the sandbox's application profiles; the next test starts real."""
    yield
    from app.registry.accounts.profiles import use_sandbox_profiles

    use_sandbox_profiles(False)


# Threads the session's moto server starts for each keep-alive connection: they belong to the
# server and end when the client's connection does, not with the test that opened it.
# The estate's worker processes are the application's, started once and kept (stopped below).
_SERVER_THREADS = ("process_request_thread", "estate-processes")


def _ours(thread: threading.Thread) -> bool:
    return not isinstance(thread, threading._DummyThread) and not any(n in thread.name for n in _SERVER_THREADS)


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """Fail any test that leaves a thread running, daemon or not (napari's habit): the task
    runners' workers (app/tasks.py), keyring calls, listing pools, servers a test started. A
    cancelled call may take a moment to notice: each gets up to 5 s."""
    before = set(threading.enumerate())
    yield
    import sys
    import time

    tasks = sys.modules.get("app.tasks")
    end = time.monotonic() + 5.0
    leftovers: list[threading.Thread] = []
    while time.monotonic() < end:
        leftovers = [t for t in threading.enumerate() if t not in before and t.is_alive() and _ours(t)]
        if tasks is not None:
            leftovers += [t for t in tasks.running_threads() if t not in leftovers]
        if not leftovers:
            break
        time.sleep(0.05)
    assert not leftovers, f"test left threads running: {[t.name for t in leftovers]}"
