"""The window paints before boto3, botocore or keyring are imported.

Importing them takes longer than painting the window, and nothing before the first paint needs
them: the work that talks to AWS (or starts the sandbox) runs in the startup task, after the
window shows. Each path runs in a fresh interpreter, which exits at the first paint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("boto3", "botocore", "keyring", "s3transfer", "urllib3")

CHILD = f"""
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from app.cli import build_parser, create_application, create_window

args = build_parser().parse_args(sys.argv[1:])
app = create_application()
window, _runtime = create_window(args)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            loaded = sorted({{name.split(".")[0] for name in sys.modules}} & set({HEAVY!r}))
            print(json.dumps({{"title": window.windowTitle(), "loaded": loaded}}), flush=True)
            os._exit(0)  # nothing may run after the first paint
        return False

first_paint = FirstPaint(window)
window.installEventFilter(first_paint)
window.show()
app.exec()
"""


def first_paint(tmp_path: Path, *argv: str) -> dict:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    done = subprocess.run([sys.executable, "-c", CHILD, *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [[], ["--sandbox"]], ids=["aws", "sandbox"])
def test_the_window_paints_before_aws_and_keyring_libraries_load(tmp_path, argv):
    painted = first_paint(tmp_path, *argv)

    assert painted["title"]  # the real main window painted
    assert painted["loaded"] == []
