"""`registry-desk --sandbox --quit-when-ready`, the smoke test of the wheel and the bundle.

It says when the window first painted, then that the sandbox's groups are listed, and quits:
scripts/bundle times a bundle's start from the outside by those two lines.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_smoke_start_says_when_the_window_painted_then_when_the_groups_are_listed(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "main.py", "--sandbox", "--quit-when-ready"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    said = [line for line in done.stdout.splitlines() if line.startswith("registry-desk: ")]
    assert [line.split()[1] for line in said] == ["painted", "ready,"], done.stdout
    assert "7 groups listed" in said[1]
