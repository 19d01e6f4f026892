"""The fixtures fail a test that leaves work behind: a task of any runner, or a daemon thread."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CONFTEST = """
from tests.conftest import *  # noqa: F403  the fixtures every test of the project gets
from tests.ui.conftest import no_running_tasks  # noqa: F401
"""

LEAVES_A_TASK = """
import threading
from app.tasks import TaskRunner

def test_leaves_a_task_running(qapp):
    runner = TaskRunner()
    runner.run(threading.Event().wait, 8)
"""

LEAVES_A_DAEMON_THREAD = """
import threading

def test_leaves_a_daemon_thread():
    threading.Thread(target=threading.Event().wait, args=(8,), daemon=True, name="stray").start()
"""


@pytest.mark.parametrize("source, said", [(LEAVES_A_TASK, "task-"), (LEAVES_A_DAEMON_THREAD, "stray")],
                         ids=["task", "daemon-thread"])
def test_a_test_leaving_work_behind_fails(tmp_path, source, said):
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_leftover.py").write_text(source)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0, run.stdout
    assert "1 passed, 1 error" in run.stdout, run.stdout
    assert said in run.stdout
