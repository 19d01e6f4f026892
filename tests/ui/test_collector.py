"""Garbage cycles are collected on the UI thread, never by whichever worker allocates."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent

from app.ui.collector import UiThreadCollector


class Node:
    def __init__(self) -> None:
        self.other = self


def _as_in_a_fresh_process() -> None:
    """Objects an earlier test left for deletion would be freed during this one, lowering the
    allocation count the collector watches (Python's own collector counts the same way)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    gc.enable()


def test_the_collector_turns_automatic_collection_off_and_collects_cycles_itself(qtbot, qapp):
    _as_in_a_fresh_process()
    collector = UiThreadCollector()
    try:
        assert not gc.isenabled()
        cycle = Node()
        alive = weakref.ref(cycle)
        del cycle
        for _ in range(gc.get_threshold()[0] + 1):
            Node()  # garbage the automatic collector would have freed by now
        assert alive() is not None
        qtbot.waitUntil(lambda: alive() is None, timeout=5000)  # the timer's collection
    finally:
        collector.stop()
        gc.disable()  # the test session's own rule (tests/conftest.py)


def test_stopping_the_collector_gives_collection_back_to_python(qapp):
    collector = UiThreadCollector()
    collector.stop()
    try:
        assert gc.isenabled()
    finally:
        gc.disable()


def test_after_start_up_collections_skip_what_start_up_made_and_still_free_new_cycles(qtbot, qapp):
    _as_in_a_fresh_process()
    collector = UiThreadCollector()
    try:
        kept = Node()  # made during start-up and kept
        collector.settle()
        assert gc.get_freeze_count() > 0
        assert gc.is_tracked(kept)  # still there, just not walked again
        cycle = Node()
        alive = weakref.ref(cycle)
        del cycle
        for _ in range(gc.get_threshold()[0] + 1):
            Node()
        qtbot.waitUntil(lambda: alive() is None, timeout=5000)
    finally:
        collector.stop()
        gc.disable()
    assert gc.get_freeze_count() == 0  # stopping gives every object back to Python's collector


def test_settling_frees_the_garbage_start_up_just_made(qtbot, qapp):
    gc.enable()
    collector = UiThreadCollector()
    try:
        cycle = Node()
        alive = weakref.ref(cycle)
        del cycle
        collector.settle()
        assert alive() is None  # freed, not frozen for the life of the process
    finally:
        collector.stop()
        gc.disable()
