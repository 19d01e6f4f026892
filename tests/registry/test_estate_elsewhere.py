"""The estate listed by worker processes: the same index and outcome as listing here, keys that
the window's process resolved, a stop that reaches them, and a process that dies costs no refresh."""

from __future__ import annotations

import os
import signal

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.estate import elsewhere
from app.registry.estate.elsewhere import listing_processes, refresh_estate_elsewhere
from app.registry.estate.fanout import DONE, STOPPED, Target
from tests.registry.test_estate_fanout import MAIN, boto3_listing, fill, indexed, target


def test_a_profile_from_the_aws_files_lists_through_keys_resolved_here(connection, index, tmp_path, monkeypatch):
    """A worker process gets the keys, never the profile: it could not ask for an MFA code."""
    fill(session_for(connection).client("sagemaker"), {"from-files": 3})
    credentials = tmp_path / "credentials"
    credentials.write_text("[files]\naws_access_key_id = testing\naws_secret_access_key = testing\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    profile = Connection(profile="files", region="us-east-1", endpoint_url=connection.endpoint_url)
    assert not profile.is_isolated

    outcome = refresh_estate_elsewhere([Target("files@us-east-1", profile)], index,
                                       should_stop=lambda: False, report=lambda _p: None)

    assert [(r.key, r.phase, r.account) for r in outcome.results] == [("files@us-east-1", DONE, MAIN)]
    assert indexed(index, MAIN, "us-east-1") == boto3_listing(session_for(connection).client("sagemaker"))
    assert index.groups_seen_by("files@us-east-1")[1] is not None


def test_a_stop_asked_before_the_processes_begin_lists_nothing(connection, index):
    fill(session_for(connection).client("sagemaker"), {"never-listed": 2})

    outcome = refresh_estate_elsewhere([target(connection)], index, should_stop=lambda: True,
                                       report=lambda _p: None)

    assert outcome.stopped
    assert [r.phase for r in outcome.results] == [STOPPED]
    assert index.version_count() == 0


def test_a_worker_process_that_dies_costs_no_refresh(connection, index):
    fill(session_for(connection).client("sagemaker"), {"survivor": 2})
    processes = listing_processes()
    assert processes is not None
    processes.warm()
    victim = next(iter(processes._pool._processes.values()))
    os.kill(victim.pid, signal.SIGKILL)
    victim.join(10)

    outcome = refresh_estate_elsewhere([target(connection)], index, should_stop=lambda: False,
                                       report=lambda _p: None)

    assert [r.phase for r in outcome.results] == [DONE]
    assert indexed(index, MAIN, "us-east-1") == boto3_listing(session_for(connection).client("sagemaker"))
    again = listing_processes()
    assert again is not None and again is not processes  # new processes for the next refresh
    again_outcome = refresh_estate_elsewhere([target(connection)], index, should_stop=lambda: False,
                                             report=lambda _p: None)
    assert [r.phase for r in again_outcome.results] == [DONE]


def test_listing_here_when_asked(connection, index, monkeypatch):
    monkeypatch.setenv(elsewhere.PROCESSES_VARIABLE, "0")
    assert listing_processes() is None
    fill(session_for(connection).client("sagemaker"), {"here": 1})

    outcome = refresh_estate_elsewhere([target(connection)], index, should_stop=lambda: False,
                                       report=lambda _p: None)

    assert [r.phase for r in outcome.results] == [DONE]


def test_the_worker_processes_give_way_to_the_window():
    """Background work: on a busy machine the window is served first (Unix niceness)."""
    processes = listing_processes()
    assert processes is not None
    own = os.getpriority(os.PRIO_PROCESS, 0)
    for process in processes._pool._processes.values():
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == min(19, own + elsewhere.WORKER_NICENESS)


def test_quitting_while_a_server_never_answers_ends_the_refresh_at_once_as_stopped(index, caplog):
    """The window closes mid-listing: the processes end, the refresh with them, and nothing is
    reported as a failure (the log has no error, no target failed)."""
    import logging
    import socket
    import threading
    import time

    listener = socket.socket()  # accepts connections, never answers
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    hung = Connection(profile=None, region="us-east-1", endpoint_url=f"http://127.0.0.1:{listener.getsockname()[1]}",
                      access_key_id="testing", secret_access_key="testing", label="hung")
    assert listing_processes() is not None
    stop = threading.Event()
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(refresh_estate_elsewhere(
        [Target("hung@us-east-1", hung)], index, should_stop=stop.is_set, report=lambda _p: None)))
    try:
        with caplog.at_level(logging.ERROR):
            worker.start()
            time.sleep(1.0)  # the process is waiting for the answer
            stop.set()
            elsewhere.stop_listing_processes()  # what quitting the application does
            worker.join(5)
        assert not worker.is_alive()
        assert outcome[0].stopped and [r.phase for r in outcome[0].results] == [STOPPED]
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    finally:
        listener.close()
