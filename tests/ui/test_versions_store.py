"""One record per version: a change shows in the table, the details and a revisited group's rows at once."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.versions.describe import describe_version
from app.registry.versions.records import APPROVED, PENDING
from app.ui.versions.model import VersionsModel
from tests.ui.helpers import HeldCalls, find_by_name, spin_until, when_modal
from tests.ui.test_approval_window import cell, select
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group


def test_an_approval_landing_after_the_user_moved_on_shows_when_the_group_is_revisited(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    client = session_for(connection).client("sagemaker")
    view, pane = window.versions_view, window.details_pane
    try:
        open_group(qtbot, window, "churn-prediction")
        group_arn = view.group().arn
        target = next(v.arn for v in view.model.rows() if v.status == PENDING)
        select(qtbot, view, [target])
        qtbot.waitUntil(lambda: pane.current_details() is not None, timeout=TIMEOUT)
        seen: dict = {}
        with HeldCalls(client, "UpdateModelPackage") as updates:

            def act(dialog):
                seen["dialog"] = dialog
                find_by_name(dialog, QPushButton, "Apply").click()
                seen["sent"] = spin_until(lambda: updates.count() == 1, 20000)
                dialog.done(0)  # closed mid-run: the call already sent still reports what it did

            modal = when_modal(qtbot, act)
            window.actions_by_name["approve"].trigger()
            modal.check()
            assert seen["sent"]
            qtbot.waitUntil(lambda: pane.runner.active_count == 0 and pane.current_details() is not None,
                            timeout=TIMEOUT)
            assert pane.current_details().status == PENDING  # described again before the approval landed

            open_group(qtbot, window, "fraud-detection")  # the user moves on; then the approval lands
            updates.release()
            qtbot.waitUntil(lambda: len(seen["dialog"].results()) == 1, timeout=TIMEOUT)
        assert seen["dialog"].results()[0].ok
        assert describe_version(session_for(connection), target).status == APPROVED

        with HeldCalls(client, "ListModelPackages") as listing, HeldCalls(client, "DescribeModelPackage"):
            assert window.groups_view.select_arn(group_arn)  # back: the refresh is held
            qtbot.waitUntil(lambda: view.group().arn == group_arn and view.model.row_for(target) is not None,
                            timeout=TIMEOUT)
            qtbot.waitUntil(lambda: listing.count() >= 1, timeout=TIMEOUT)
            assert view.model.loading  # what shows is the cached view, not the fresh listing
            assert cell(view, target, VersionsModel.STATUS) == "Approved"

            select(qtbot, view, [target])
            qtbot.waitUntil(lambda: pane.current_details() is not None
                            and pane.stack.currentWidget() is pane.tabs, timeout=TIMEOUT)
            assert find_by_name(pane, QLabel, "Approval status").text() == "Approved"
            with qtbot.waitSignal(view.loadFinished, timeout=TIMEOUT):
                listing.release()
        assert cell(view, target, VersionsModel.STATUS) == "Approved"
    finally:
        close(window)


def test_an_approval_shows_at_once_in_the_table_and_the_details(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    client = session_for(connection).client("sagemaker")
    view, pane = window.versions_view, window.details_pane
    try:
        open_group(qtbot, window, "churn-prediction")
        target = next(v.arn for v in view.model.rows() if v.status == PENDING)
        select(qtbot, view, [target])
        qtbot.waitUntil(lambda: pane.current_details() is not None
                        and pane.stack.currentWidget() is pane.tabs, timeout=TIMEOUT)
        seen: dict = {}
        # Every read held: what shows after the approval comes from the approval itself.
        with HeldCalls(client, "DescribeModelPackage"), HeldCalls(client, "ListModelPackages"):

            def act(dialog):
                find_by_name(dialog, QPushButton, "Apply").click()
                seen["finished"] = spin_until(lambda: not dialog.is_running() and dialog.results(), 20000)
                seen["table"] = cell(view, target, VersionsModel.STATUS)
                seen["details"] = find_by_name(pane, QLabel, "Approval status").text()
                dialog.done(0)

            modal = when_modal(qtbot, act)
            window.actions_by_name["approve"].trigger()
            modal.check()
        assert seen["finished"]
        assert seen["table"] == "Approved" and seen["details"] == "Approved"
    finally:
        close(window)
