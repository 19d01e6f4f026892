"""Cold start with an index: a new `registry-desk` process (real-AWS path, credentials from the
environment) to the first row of the last group painted from the local index, the estate's
index file of 100,000 versions copied into a private cache directory. The settings name the
last group; the endpoint accepts connections and never answers, so nothing shown came from the
network and nothing waits for it."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from app.registry.index.local import LocalIndex
from benchmarks.__main__ import ROOT, child

KEY = "default@us-east-1"  # the connection the window opens on: no profile, us-east-1

_SETTINGS = """
import sys
from app.ui.settings import Settings
settings = Settings("aws")
settings.set_last_group(sys.argv[1], sys.argv[2])
settings._s.sync()
"""


def prepare(index_file: Path, home: str, seen_through: str) -> tuple[str, int]:
    """`home` made a user who listed the estate's `seen_through` connection as `KEY` and last
    opened its largest group; (that group's ARN, its versions)."""
    cache = Path(home) / "cache" / "registry-desk" / "aws"
    cache.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):  # a closed index keeps nothing in its log; copied if it does
        if Path(f"{index_file}{suffix}").exists():
            shutil.copyfile(f"{index_file}{suffix}", cache / f"{index_file.name}{suffix}")
    index = LocalIndex.open(cache / index_file.name)
    groups, _at = index.groups_seen_by(seen_through)
    sizes = {g.arn: len(index.versions_of(g.arn)) for g in groups}
    last = max(sizes, key=lambda arn: sizes[arn])
    account, region = last.split(":")[4], last.split(":")[3]
    index.record_groups(KEY, account, region, groups, complete=True)
    index.close()
    subprocess.run([sys.executable, "-c", _SETTINGS, KEY, last], cwd=ROOT, env=environment(home, ""), check=True)
    return last, sizes[last]


def environment(home: str, endpoint: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": home, "XDG_CONFIG_HOME": home,
           "XDG_STATE_HOME": home, "XDG_CACHE_HOME": str(Path(home) / "cache"), "AWS_CONFIG_FILE": os.devnull,
           "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
           **({"AWS_ENDPOINT_URL": endpoint} if endpoint else {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def silent_endpoint() -> socket.socket:
    """A listening socket nobody accepts from: calls connect and then wait (no answer, ever)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    return listener


def cold_start_indexed(home: str, listener: socket.socket) -> tuple[float, int]:
    """Seconds from process start to the first remembered row painted; the rows shown then."""
    endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}"
    started = time.perf_counter()
    process = child("benchmarks.first_paint", "indexed", env=environment(home, endpoint))
    out, _ = process.communicate(timeout=120)
    painted = time.perf_counter() - started
    if process.returncode:
        raise RuntimeError(f"the window showed no remembered row (exit {process.returncode})")
    return painted, json.loads(out.strip().splitlines()[-1])["rows"]
