"""The task runner: results arrive on the UI thread, in order; cancelled work delivers nothing."""

from __future__ import annotations

import threading
import time

import pytest
from shiboken6 import Shiboken

from app.tasks import Abandoned, Task, TaskRunner, set_error_sink


@pytest.fixture
def runner(qapp):
    r = TaskRunner()
    yield r
    r.shutdown()


def test_results_arrive_in_order_on_the_ui_thread(qtbot, runner):
    ui_thread = threading.current_thread()
    seen_threads, seen = [], []

    def pages():
        seen_threads.append(threading.current_thread())
        yield [1, 2]
        yield [3]
        return "done"

    runner.run(pages, on_yield=lambda page: seen.append(("page", page, threading.current_thread())),
               on_return=lambda value: seen.append(("return", value, threading.current_thread())),
               on_finish=lambda: seen.append(("finish", None, threading.current_thread())))
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=5000)
    assert [(kind, value) for kind, value, _t in seen] == [
        ("page", [1, 2]), ("page", [3]), ("return", [3]), ("finish", None)]
    assert all(t is ui_thread for _k, _v, t in seen)
    assert seen_threads and seen_threads[0] is not ui_thread


def test_callbacks_receive_every_page_then_finish(qtbot, runner):
    received, finished = [], []
    runner.run(lambda: iter([[1], [2], [3]]), on_yield=received.append, on_finish=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert received == [[1], [2], [3]]


def test_an_error_reaches_on_error_and_still_finishes(qtbot, runner):
    errors, finished = [], []

    def fails():
        raise ValueError("the profile 'x' may not list groups")

    runner.run(fails, on_error=errors.append, on_finish=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert [str(e) for e in errors] == ["the profile 'x' may not list groups"]


def test_a_superseded_load_delivers_nothing_more(qtbot, runner):
    """Switching group mid-load: pages of the old group never reach the view."""
    release = threading.Event()
    old_pages, new_pages = [], []

    def slow_pages(name):
        yield [f"{name}-1"]
        release.wait(5)
        yield [f"{name}-2"]

    runner.run(slow_pages, "old", key="versions", on_yield=old_pages.append)
    qtbot.waitUntil(lambda: old_pages == [["old-1"]], timeout=5000)
    finished = []
    runner.run(slow_pages, "new", key="versions", on_yield=new_pages.append,
               on_finish=lambda: finished.append(True))
    release.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    runner.wait_for_done(5000)
    qtbot.wait(50)  # let any late queued signal of the old task arrive, so we see it if it leaks
    assert old_pages == [["old-1"]]
    assert new_pages == [["new-1"], ["new-2"]]


def test_cancel_stops_a_generator_between_pages(qtbot, runner):
    produced = []
    gate = threading.Event()

    def endless():
        n = 0
        while True:
            n += 1
            produced.append(n)
            yield n
            gate.wait(0.01)

    task = runner.run(endless, key="k")
    qtbot.waitUntil(lambda: len(produced) >= 3, timeout=5000)
    runner.cancel("k")
    assert task.wait(5)
    count = len(produced)
    time.sleep(0.1)
    assert len(produced) == count  # nothing ran after the cancel was noticed


def test_should_stop_and_report_reach_plain_functions(qtbot, runner):
    reports = []

    def bulk(items, *, should_stop, report):
        for item in items:
            if should_stop():
                break
            report(item * 10)
        return len(items)

    results = []
    runner.run(bulk, [1, 2, 3], pass_should_stop=True, pass_report=True,
               on_yield=reports.append, on_return=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert reports == [10, 20, 30] and results == [3]


def test_busy_shows_only_for_slow_work(qtbot, runner):
    states = []
    runner.busyChanged.connect(states.append)
    done = []
    runner.run(lambda: None, on_finish=lambda: done.append(1))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    qtbot.wait(700)
    assert states == []  # fast work never flickers a progress indicator

    release = threading.Event()
    runner.run(lambda: release.wait(5), on_finish=lambda: done.append(2))
    qtbot.waitUntil(lambda: states == [True], timeout=3000)
    release.set()
    qtbot.waitUntil(lambda: states == [True, False], timeout=5000)


def test_shutdown_never_waits_for_a_blocked_call(qtbot, qapp):
    """A call blocked on a server that never answers must not hold up a closing view."""
    runner = TaskRunner()
    started, release = threading.Event(), threading.Event()
    delivered = []

    def blocked():
        started.set()
        release.wait(30)
        return "late"

    task: Task = runner.run(blocked, on_return=delivered.append, on_finish=lambda: delivered.append("finish"))
    assert started.wait(5)
    assert runner.shutdown() is False  # returned at once: the call is still blocked, and abandoned
    assert not task.is_done() and task.is_cancelled()
    release.set()
    assert task.wait(5)
    qtbot.wait(50)
    assert delivered == []  # its late result is dropped
    # A late timer of a closing view may still ask for work: nothing runs, nothing is delivered.
    ran = []
    late = runner.run(lambda: ran.append(1), on_finish=lambda: ran.append(2))
    qtbot.wait(100)
    assert late.is_cancelled() and ran == []


def test_giving_up_ends_the_run_now_and_drops_its_late_result(qtbot, runner):
    started, release = threading.Event(), threading.Event()
    errors, returned, finished = [], [], []

    def hangs():
        started.set()
        release.wait(30)
        return "late"

    runner.run(hangs, key="load", on_return=returned.append, on_error=errors.append,
               on_finish=lambda: finished.append(True))
    assert started.wait(5)
    qtbot.waitUntil(lambda: runner.running_since() is not None, timeout=5000)
    assert runner.give_up() == 1
    assert len(errors) == 1 and isinstance(errors[0], Abandoned) and finished == [True]
    assert runner.active_count == 0 and not runner.is_running("load")
    release.set()
    assert runner.wait_for_done(5000)
    qtbot.wait(50)
    assert returned == [] and len(errors) == 1


def test_an_error_without_a_handler_reaches_the_error_sink(qtbot, runner):
    sunk = []
    set_error_sink(sunk.append)
    try:
        def fails():
            raise ValueError("boom")

        runner.run(fails)
        qtbot.waitUntil(lambda: bool(sunk), timeout=5000)
    finally:
        set_error_sink(None)
    assert isinstance(sunk[0], ValueError) and str(sunk[0]) == "boom"


def test_nothing_reaches_callbacks_whose_context_was_deleted(qtbot, runner):
    """A closed dialog's results are dropped, even when the runner outlives it."""
    from PySide6.QtWidgets import QWidget

    dialog = QWidget()
    release = threading.Event()
    delivered = []
    runner.run(lambda: release.wait(5), context=dialog, on_return=delivered.append,
               on_finish=lambda: delivered.append("finish"))
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not Shiboken.isValid(dialog), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert delivered == []


class Rows:
    """Stands for what a view's callbacks keep alive (its rows, say)."""


def test_a_finished_task_lets_go_of_its_callbacks_and_what_they_hold(qtbot, runner):
    import gc
    import weakref

    rows = Rows()
    held = weakref.ref(rows)
    keep = holding(rows)
    del rows
    finished = []
    task = runner.run(lambda: [1], on_yield=keep, on_return=keep, on_error=keep,
                      on_finish=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert runner.wait_for_done(5000)
    freed = weakref.ref(task)
    del keep, task
    gc.collect()
    assert held() is None and freed() is None  # a long-lived view does not keep every load it ran


def holding(rows: Rows):
    return lambda *_args: rows
