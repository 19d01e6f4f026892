"""The pending inbox: every version waiting for approval across the listed estate, oldest first
with how long it has waited; approving from it; opening a version from it."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.versions.groups import GroupSummary
from app.registry.versions.records import APPROVED, PENDING, VersionSummary
from app.sandbox.session import MAIN_ACCOUNT_ID
from app.ui.inbox.model import InboxModel
from tests.ui.helpers import find_by_name, image_of, spin_until, version_spec, when_modal
from tests.ui.test_inbox_notifications import settled
from tests.ui.test_main_window import TIMEOUT, close, make_window

HOUR, DAY = 3600, 86400


def cells(window, column: int) -> list[str]:
    model = window.inbox.view.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def show_inbox(qtbot, window) -> None:
    window.actions_by_name["inbox"].trigger()
    qtbot.waitUntil(lambda: window.inbox.dock.isVisible(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.local_data.index is not None and bool(window.workspace.choices()), timeout=TIMEOUT)


def test_waited_texts_use_the_largest_unit_that_reads_well(qapp):
    waited_text = InboxModel().waited_text
    assert waited_text(42 * 60 + 5) == "42 minutes"
    assert waited_text(60) == "1 minute"
    assert waited_text(5 * HOUR + 10 * 60) == "5 hours"
    assert waited_text(47 * HOUR) == "47 hours"
    assert waited_text(3 * DAY + HOUR) == "3 days"
    assert waited_text(1 * DAY * 2) == "2 days"


def test_the_inbox_lists_waiting_versions_oldest_first_with_their_ages(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        show_inbox(qtbot, window)
        # The window's own first listing lands first; the versions below live where nothing lists.
        qtbot.waitUntil(lambda: window.versions_view.model.rowCount() > 0 and not window.versions_view.model.loading,
                        timeout=TIMEOUT)
        index = window.local_data.index
        now = time.time()
        region = "ap-southeast-2"
        group = GroupSummary(name="ages", arn=f"arn:aws:sagemaker:{region}:{MAIN_ACCOUNT_ID}:model-package-group/ages",
                             description="", created=datetime.now(UTC), status="Completed",
                             account_id=MAIN_ACCOUNT_ID, shared=False)
        index.record_groups(f"sandbox@{region}", MAIN_ACCOUNT_ID, region, [group], complete=False)

        def version(number: int, age_s: float, status: str = PENDING) -> VersionSummary:
            return VersionSummary(arn=f"arn:aws:sagemaker:{region}:{MAIN_ACCOUNT_ID}:model-package/ages/{number}",
                                  group="ages", version=number, status=status,
                                  created=datetime.fromtimestamp(now - age_s, UTC), description="",
                                  package_status="Completed")

        # Written in no particular order, as pages of a parallel listing land.
        index.record_versions([version(2, 5 * HOUR + 600), version(4, 42 * 60 + 30), version(1, 3 * DAY + HOUR),
                               version(3, 2 * HOUR, status=APPROVED)])
        window.local_data.changed()
        qtbot.waitUntil(lambda: "ages" in cells(window, InboxModel.GROUP), timeout=TIMEOUT)

        rows = [row for row in range(window.inbox.view.model.rowCount())
                if cells(window, InboxModel.GROUP)[row] == "ages"]
        assert [cells(window, InboxModel.VERSION)[r] for r in rows] == ["1", "2", "4"]  # oldest first, no approved
        assert [cells(window, InboxModel.WAITED)[r] for r in rows] == ["3 days", "5 hours", "42 minutes"]
        assert {cells(window, InboxModel.ACCOUNT)[r] for r in rows} == {f"{MAIN_ACCOUNT_ID} (sandbox)"}
        assert {cells(window, InboxModel.REGION)[r] for r in rows} == {region}
        created = [window.inbox.view.model.rows()[r].version.summary.created
                   for r in range(window.inbox.view.model.rowCount())]
        assert created == sorted(created)  # the whole inbox, the sandbox's own waiting versions too
        total = window.inbox.view.model.rowCount()
        assert window.inbox.dock.windowTitle() == f"Inbox ({total})"
    finally:
        close(window)


def approve_from_inbox(qtbot, window, comment: str, expected: int) -> dict:
    seen: dict = {}

    def act(dialog):
        seen["title"] = dialog.windowTitle()
        find_by_name(dialog, QPlainTextEdit, "Approval comment").setPlainText(comment)
        find_by_name(dialog, QPushButton, "Apply").click()
        seen["finished"] = spin_until(lambda: len(dialog.results()) == expected and not dialog.is_running(), 20000)
        seen["results"] = list(dialog.results())
        results = find_by_name(dialog, QListWidget, "Results")
        seen["lines"] = [results.item(i).text() for i in range(results.count())]
        seen["summary"] = find_by_name(dialog, QLabel, "Summary").text()
        dialog.done(0)

    modal = when_modal(qtbot, act)
    find_by_name(window.inbox.view, QPushButton, "Approve from the inbox").click()
    modal.check()
    return seen


def test_approve_two_versions_from_the_inbox(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        show_inbox(qtbot, window)
        window.estate.refresh()
        view = window.inbox.view
        qtbot.waitUntil(lambda: settled(window) and view.model.rowCount() >= 2
                        and all(r.profile for r in view.model.rows()), timeout=TIMEOUT)
        before = [r.arn for r in view.model.rows()]  # the whole estate: the listing has ended
        chosen = [r for r in view.model.rows() if r.version.account == MAIN_ACCOUNT_ID][:2]
        assert len(chosen) == 2
        view.select_arns([r.arn for r in chosen])
        assert [r.arn for r in view.selected_rows()] == [r.arn for r in chosen]

        seen = approve_from_inbox(qtbot, window, "Approved from the inbox", 2)

        assert seen["finished"] and all(r.ok for r in seen["results"]), seen["lines"]
        assert "sandbox · us-east-1" in seen["title"]
        client = session_for(connection).client("sagemaker")
        for row in chosen:
            described = client.describe_model_package(ModelPackageName=row.arn)
            assert described["ModelApprovalStatus"] == APPROVED
            assert described["ApprovalDescription"] == "Approved from the inbox"
        # The inbox drops them; the others still wait, in the same order.
        gone = {r.arn for r in chosen}
        qtbot.waitUntil(lambda: not gone & {r.arn for r in view.model.rows()}, timeout=TIMEOUT)
        assert [r.arn for r in view.model.rows()] == [arn for arn in before if arn not in gone]
        assert window.inbox.dock.windowTitle() == f"Inbox ({len(before) - 2})"
        # The index holds the approval: a fresh read of it agrees.
        assert all(window.local_data.index.version(arn).summary.status == APPROVED for arn in gone)
    finally:
        close(window)


def test_enter_opens_the_version_in_its_group(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        show_inbox(qtbot, window)
        window.estate.refresh()
        view = window.inbox.view
        qtbot.waitUntil(lambda: view.model.rowCount() >= 1 and bool(view.model.rows()[0].profile), timeout=TIMEOUT)
        row = view.model.rows()[-1]
        view.table.setFocus()
        view.table.setCurrentIndex(view.model.index(view.model.rowCount() - 1, 0))
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: [v.arn for v in window.versions_view.selected_versions()] == [row.arn],
                        timeout=TIMEOUT)
        assert window.versions_view.group().arn == row.version.group_arn
    finally:
        close(window)


def test_versions_of_two_regions_are_approved_in_one_dialog_per_region_in_turn(qtbot, connection, qsettings,
                                                                               sandbox):
    europe = dataclasses.replace(connection, region="eu-west-1")
    client = session_for(europe).client("sagemaker")
    client.create_model_package_group(ModelPackageGroupName="eu-churn")
    eu_arn = client.create_model_package(ModelPackageGroupName="eu-churn", ModelApprovalStatus=PENDING,
                                         InferenceSpecification=version_spec(image_of("eu")))["ModelPackageArn"]
    window = make_window(qtbot, connection, qsettings)
    try:
        show_inbox(qtbot, window)
        window.estate.set_chosen([("sandbox", "us-east-1"), ("sandbox", "eu-west-1")])
        window.estate.refresh()
        view = window.inbox.view
        qtbot.waitUntil(lambda: settled(window) and eu_arn in {r.arn for r in view.model.rows()}
                        and view.model.rowCount() > 1 and all(r.profile for r in view.model.rows()), timeout=TIMEOUT)
        us_arn = next(r.arn for r in view.model.rows() if r.version.region == "us-east-1")
        view.select_arns([us_arn, eu_arn])
        titles: list[str] = []

        def act(dialog):
            titles.append(dialog.windowTitle())
            if len(titles) == 1:
                find_by_name(dialog, QPlainTextEdit, "Approval comment").setPlainText("Both regions pass")
            else:  # the comment typed for the first region is offered for the second
                assert find_by_name(dialog, QPlainTextEdit, "Approval comment").toPlainText() == "Both regions pass"
            find_by_name(dialog, QPushButton, "Apply").click()
            assert spin_until(lambda: len(dialog.results()) == 1 and not dialog.is_running(), 20000)
            assert all(r.ok for r in dialog.results())
            if len(titles) == 1:
                second.append(when_modal(qtbot, act))
            dialog.done(0)

        second: list = []
        modal = when_modal(qtbot, act)
        find_by_name(view, QPushButton, "Approve from the inbox").click()
        modal.check()
        second[0].check()
        assert len(titles) == 2
        assert "(1 of 2)" in titles[0] and "(2 of 2)" in titles[1]
        assert {"sandbox · us-east-1", "sandbox · eu-west-1"} == {
            next(where for where in ("sandbox · us-east-1", "sandbox · eu-west-1") if where in t) for t in titles}
        assert client.describe_model_package(ModelPackageName=eu_arn)["ModelApprovalStatus"] == APPROVED
        us_client = session_for(connection).client("sagemaker")
        assert us_client.describe_model_package(ModelPackageName=us_arn)["ModelApprovalStatus"] == APPROVED
        qtbot.waitUntil(lambda: not {us_arn, eu_arn} & {r.arn for r in view.model.rows()}, timeout=TIMEOUT)
    finally:
        close(window)


def test_the_stage_chooser_shows_the_versions_in_a_stage_and_is_remembered(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        show_inbox(qtbot, window)
        window.estate.refresh()
        view = window.inbox.view
        picker = view.stage_picker
        qtbot.waitUntil(lambda: picker.findData("Production") >= 0 and view.model.rowCount() > 0, timeout=TIMEOUT)
        assert picker.currentText() == "Waiting for approval"
        assert view.table.isColumnHidden(InboxModel.STATUS)
        picker.setCurrentIndex(picker.findData("Production"))
        picker.activated.emit(picker.currentIndex())
        qtbot.waitUntil(lambda: set(cells(window, InboxModel.STAGE)) == {"Production"}, timeout=TIMEOUT)
        assert not view.table.isColumnHidden(InboxModel.STATUS)
        assert window.settings.inbox_stage() == "Production"
        assert sandbox[1].production_version_arn in {r.arn for r in view.model.rows()}
    finally:
        close(window)


def test_a_re_read_keeps_the_selection_and_where_the_list_was_scrolled(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        show_inbox(qtbot, window)
        window.resizeDocks([window.inbox.dock], [160], Qt.Orientation.Vertical)
        window.estate.refresh()
        view = window.inbox.view
        qtbot.waitUntil(lambda: view.model.rowCount() > 20 and not window.estate.is_refreshing(), timeout=TIMEOUT)
        bar = view.table.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 5, timeout=TIMEOUT)
        rows = view.model.rows()
        view.select_arns([rows[15].arn])
        bar.setValue(bar.maximum() // 2)
        where = bar.value()
        with qtbot.waitSignal(window.estate.refreshed, timeout=TIMEOUT):
            window.estate.refresh()  # the refresh writes the index again: the inbox re-reads
        qtbot.waitUntil(lambda: window.inbox.runner.active_count == 0
                        and not window.local_data._debounce.isActive(), timeout=TIMEOUT)
        assert [r.arn for r in view.selected_rows()] == [rows[15].arn]
        assert bar.value() == where
    finally:
        close(window)
