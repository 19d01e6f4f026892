"""One approval under a fault, driven through the window's Approve action and its dialog: the
comment typed, Apply, the per-version results read, the fault healed, the failed ones retried."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.versions.describe import describe_version
from app.registry.versions.records import APPROVED, PENDING
from tests.ui.faults.expectations import TIMEOUT, assert_alive, assert_names, wait_idle
from tests.ui.faults.proxy import ONE_5XX
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_main_window import make_window, open_group

ACTION = "UpdateModelPackage"
GROUP = "churn-prediction"
COMMENT = "Shadow test passed; latency p99 under 80 ms"



def retry_button(dialog) -> QPushButton:
    """The dialog's way to send the failed ones again ("Retry the failed ones")."""
    found = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.isEnabled()
             and "retry" in (b.accessibleName() or b.text().replace("&", "")).lower()]
    assert found, "after a failure the dialog offers no way to retry the failed versions"
    return found[0]


def approve_under_fault(qtbot, lab, direct, fault_proxy, qsettings, fault: str, count: int) -> None:
    window = make_window(qtbot, lab, qsettings)
    open_group(qtbot, window, GROUP)
    view = window.versions_view
    targets = [v for v in view.model.rows() if v.status == PENDING][:count]
    assert len(targets) == count
    selection = view.table.selectionModel()
    selection.clearSelection()
    for v in targets:
        index = view.proxy.mapFromSource(view.model.index(view.model.position_of(v.arn), 0))
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: len(view.selected_versions()) == count
                    and window.actions_by_name["approve"].isEnabled(), timeout=TIMEOUT)
    wait_idle(qtbot, window)
    shown = sorted(v.arn for v in view.model.rows())
    calls = fault_proxy.calls_of(ACTION)
    fault_proxy.fail(ACTION, fault)

    def act(dialog) -> None:
        find_by_name(dialog, QPlainTextEdit, "Approval comment").setPlainText(COMMENT)
        find_by_name(dialog, QPushButton, "Apply").click()
        assert spin_until(lambda: len(dialog.results()) == count and not dialog.is_running(), TIMEOUT)
        results = dialog.results()
        if fault == ONE_5XX:  # the client's retry answers it
            assert all(r.ok for r in results), [r.error for r in results]
            assert fault_proxy.calls_of(ACTION) == calls + count + 1  # the 503, then each version
        else:
            assert not any(r.ok for r in results)
            for r in results:
                assert_names(r.error, f"sagemaker:{ACTION}", r.arn)
            # Nothing typed is lost, nothing shown changed: the comment, the rows, their status.
            assert dialog.comment() == COMMENT
            assert all(view.model.row_for(v.arn).status == PENDING for v in targets)
            assert sorted(v.arn for v in view.model.rows()) == shown
            fault_proxy.heal()
            retry_button(dialog).click()
            assert spin_until(lambda: not dialog.is_running() and all(
                view.model.row_for(v.arn).status == APPROVED for v in targets), TIMEOUT)
        wait_idle(qtbot, dialog)
        dialog.done(0)

    modal = when_modal(qtbot, act, timeout_ms=TIMEOUT)
    window.actions_by_name["approve"].trigger()
    fault_proxy.heal()  # whatever happened in the dialog, the test leaves no fault behind
    modal.check()

    assert_alive(qtbot, window)
    assert sorted(v.arn for v in view.model.rows()) == shown
    session = session_for(direct)
    for v in targets:
        assert view.model.row_for(v.arn).status == APPROVED
        stored = describe_version(session, v.arn)
        assert (stored.status, stored.approval_comment) == (APPROVED, COMMENT)
    wait_idle(qtbot, window)
    window.close()
