"""Lifetimes: a closed dialog's work delivers nothing to it, and nothing waits on the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest

from app import tasks
from app.registry.accounts.sessions import session_for
from app.registry.versions.describe import iter_version_pages
from app.registry.versions.records import APPROVED, PENDING
from app.ui.versions.approval import ApprovalDialog


def test_esc_at_once_on_the_approval_dialog_raises_nothing(qtbot, connection):
    """Esc within a few ms of opening, then the dialog is deleted while its first read runs:
    the read's answer used to reach the dead dialog ('Internal C++ object already deleted')."""
    pages = iter_version_pages(session_for(connection), "churn-prediction")
    pending = next(v for page in pages for v in page if v.status == PENDING)
    dialog = ApprovalDialog(connection, [pending], APPROVED)
    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del dialog
    assert tasks.wait_for_threads(10)
    qtbot.wait(100)  # what the worker sent is delivered now: pytest-qt fails the test on any exception


def test_a_groups_and_versions_load_leaves_no_garbage_cycle_holding_a_qt_object(qtbot, connection, qsettings):
    """Qt objects in a garbage cycle are freed only by a collection, on whichever thread runs it:
    a load must leave none (the tasks, their callbacks and the views' closures let go)."""
    import gc

    from shiboken6 import Shiboken

    from tests.ui.test_main_window import make_window, open_group

    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "churn-prediction")
    open_group(qtbot, window, "fraud-detection")  # a second load supersedes the first
    assert tasks.wait_for_threads(10)
    qtbot.wait(50)
    gc.collect()  # what start-up and the test harness left
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        window.groups_view.reload(keep_selection=True)  # F5: the groups and the versions again
        window.versions_view.reload()
        qtbot.waitUntil(lambda: not window.groups_view.model.loading and not window.versions_view.model.loading
                        and all(r.active_count == 0 for r in tasks.live_runners()), timeout=15000)
        assert tasks.wait_for_threads(10)
        qtbot.wait(50)
        gc.collect()
        held = [type(o).__name__ for o in gc.garbage if isinstance(o, Shiboken.Object)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        window.close()
    assert held == []
