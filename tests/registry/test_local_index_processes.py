"""Two windows (two processes) writing the local index at once: both finish, and the file is
consistent, with every row exactly once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from app.registry.index.local import LocalIndex

TRANSACTIONS = 150
PER_TRANSACTION = 4
SHARED = 60  # versions both windows announce: each must be announced once in all

WRITER = textwrap.dedent('''
    import sys
    import time
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    from app.registry.index.local import LocalIndex
    from app.registry.versions.groups import GroupSummary
    from app.registry.versions.records import VersionSummary

    path, name, transactions, per, shared = Path(sys.argv[1]), sys.argv[2], *map(int, sys.argv[3:6])
    Path(sys.argv[6]).touch()  # ready
    while not Path(sys.argv[7]).exists():  # both start together
        time.sleep(0.005)
    index = LocalIndex.open(path)
    account = "123456789012"
    group = f"arn:aws:sagemaker:us-east-1:{account}:model-package-group/{name}"
    start = datetime(2026, 1, 1, tzinfo=UTC)
    announced = []
    for t in range(transactions):
        index.record_groups(f"{name}@us-east-1", account, "us-east-1",
                            [GroupSummary(name=name, arn=group, description="", created=start, status="Completed",
                                          account_id=account, shared=False)], complete=False)
        index.record_versions([VersionSummary(
            arn=f"arn:aws:sagemaker:us-east-1:{account}:model-package/{name}/{t * per + k + 1}", group=name,
            version=t * per + k + 1, status="PendingManualApproval", created=start + timedelta(minutes=t * per + k),
            description=f"{name} {t} {k}", package_status="Completed") for k in range(per)])
        if t < shared:
            announced += index.mark_notified([f"arn:aws:sagemaker:us-east-1:{account}:model-package/both/{t}"])
    index.close()
    print(len(announced))
''')


def test_two_processes_writing_at_once_both_finish_and_the_file_is_consistent(tmp_path):
    path = tmp_path / "cache" / "index.sqlite"  # not there yet: both build it at once too
    go = tmp_path / "go"
    writers = []
    for name in ("churn", "fraud"):
        ready = tmp_path / f"ready-{name}"
        writers.append((ready, subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(TRANSACTIONS), str(PER_TRANSACTION), str(SHARED),
             str(ready), str(go)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])))
    while not all(ready.exists() for ready, _ in writers):
        assert all(process.poll() is None for _, process in writers), [p.communicate() for _, p in writers]
        time.sleep(0.01)
    go.touch()
    outputs = [process.communicate(timeout=300) for _, process in writers]

    assert [process.returncode for _, process in writers] == [0, 0], outputs
    assert sum(int(out) for out, _ in outputs) == SHARED  # each version announced once, by one window
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert raw.execute("SELECT count(*) FROM versions").fetchone()[0] == 2 * TRANSACTIONS * PER_TRANSACTION
    assert raw.execute("SELECT count(DISTINCT arn) FROM versions").fetchone()[0] == 2 * TRANSACTIONS * PER_TRANSACTION
    assert raw.execute("SELECT count(*) FROM notified").fetchone()[0] == SHARED
    assert raw.execute("INSERT INTO version_text(version_text) VALUES('integrity-check')") is not None  # FTS agrees
    raw.close()
    index = LocalIndex.open(path)
    try:
        assert index.note == ""
        counts = {c.name: c.total for c in index.estate_counts()}
        assert counts == {"churn": TRANSACTIONS * PER_TRANSACTION, "fraud": TRANSACTIONS * PER_TRANSACTION}
        churn = next(c.arn for c in index.estate_counts() if c.name == "churn")
        assert len(index.versions_of(churn)) == TRANSACTIONS * PER_TRANSACTION
    finally:
        index.close()
