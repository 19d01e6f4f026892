"""A hanging server and a closed window: the real `registry-desk` process is gone at once.

The process starts on AWS settings whose endpoint is a loopback server that accepts connections
and never answers, so the first listing hangs. SIGTERM closes the window as its close button does
(cli.close_on_terminate); the process must then leave, with exit code 0 and "closing" in its log,
although the call it abandoned would block for two minutes more.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hanging import HangingServer

ROOT = Path(__file__).resolve().parents[1]
GENEROUS_S = 15  # far below the hung call's own 120 s budget: closing does not wait for it


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM closes the window on POSIX")
def test_closing_the_window_on_a_hung_call_ends_the_process(tmp_path):
    with HangingServer() as server:
        env = dict(os.environ)
        env.update({
            "QT_QPA_PLATFORM": "offscreen",
            "AWS_ENDPOINT_URL": server.url,
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "secret",
            "AWS_DEFAULT_REGION": "us-east-1",
            "REGISTRY_DESK_CALL_TIMEOUT": "120",  # the call would hang for two minutes
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        })
        for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
            env.pop(name, None)
        process = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            end = time.monotonic() + 60
            while not server.accepted and process.poll() is None and time.monotonic() < end:
                time.sleep(0.05)
            assert server.accepted, "the window never called the endpoint"
            time.sleep(0.5)  # the call is in flight, its worker blocked reading
            process.send_signal(signal.SIGTERM)
            try:
                code = process.wait(timeout=GENEROUS_S)
            except subprocess.TimeoutExpired:
                pytest.fail(f"the process was still running {GENEROUS_S} s after its window closed")
        finally:
            if process.poll() is None:
                process.kill()
            _out, err = process.communicate()
    assert code == 0, err
    logs = list((tmp_path / "state").rglob("registry-desk.log"))
    assert logs and "closing" in logs[0].read_text(), err
