"""UI tests: real widgets under the offscreen platform, one sandbox server for the session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from app.registry.accounts.sessions import forget_sessions
from app.registry.aws import Connection
from app.sandbox.server import SANDBOX_ACCESS_KEY_ID, SANDBOX_REGION, SANDBOX_SECRET_ACCESS_KEY
from tests.seeded import SeededSandbox


@pytest.fixture(scope="session", autouse=True)
def _english_counts(qapp):
    """As at start-up (app/cli.py): the translations are installed, so counts read "1 version"."""
    from app.ui import i18n

    i18n.release()
    translators = i18n.install(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture(scope="session")
def _seeded(sandbox_server):
    """The sandbox seeded once per worker and kept as a copy (tests/seeded.py): restoring it costs
    a twentieth of seeding again, and gives what a fresh seed gives (tests/sandbox/test_seeded.py)."""
    sandbox_server.reset()
    seeded = SeededSandbox(sandbox_server.endpoint_url)
    seeded.keep()
    yield seeded
    seeded.discard()


@pytest.fixture
def sandbox(sandbox_server, _seeded):
    """A freshly reset and seeded sandbox; returns (server, seed summary)."""
    forget_sessions()
    summary = _seeded.restore()
    yield sandbox_server, summary
    forget_sessions()


@pytest.fixture
def connection(sandbox) -> Connection:
    server, _summary = sandbox
    return Connection(
        profile=None,
        region=SANDBOX_REGION,
        endpoint_url=server.endpoint_url,
        access_key_id=SANDBOX_ACCESS_KEY_ID,
        secret_access_key=SANDBOX_SECRET_ACCESS_KEY,
        label="sandbox",
    )


@pytest.fixture
def qsettings(tmp_path):
    """Settings in a throwaway INI file, so tests never touch the user's."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield settings
    settings.sync()


@pytest.fixture(autouse=True)
def no_running_tasks(qapp):
    """Fail a test that leaves a task of any TaskRunner running (views must shut their runners
    down): every runner the application creates is watched, not Qt's global pool, which the
    application never used."""
    yield
    from app import tasks

    assert tasks.wait_for_threads(5), (
        f"a task was left running: {[t.name for t in tasks.running_threads()]}")


@pytest.fixture
def listing_in_this_process(monkeypatch):
    """The estate listed by this process's threads, as when worker processes cannot start: for a
    test that holds a client's calls here (tests.ui.helpers.HeldCalls)."""
    from app.registry.estate.elsewhere import PROCESSES_VARIABLE

    monkeypatch.setenv(PROCESSES_VARIABLE, "0")
