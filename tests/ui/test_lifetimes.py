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
