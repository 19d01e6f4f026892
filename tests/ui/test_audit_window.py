"""The audit timeline in the window: the seeded history of the version in Production, a change
made in the app showing in it at once, and the Group menu's export of a whole group."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QTabWidget

from app.registry.accounts.sessions import session_for
from app.registry.governance.audit import CSV_COLUMNS, version_timeline
from app.sandbox.history import CHURN, CHURN_PRODUCTION, ENGINEER, REVIEWER, version_arn
from tests.ui.helpers import find_by_name, when_modal
from tests.ui.test_main_window import approve_via_dialog, close, make_window, open_group

TIMEOUT = 15000


@pytest.fixture
def window(qtbot, connection, qsettings):
    w = make_window(qtbot, connection, qsettings)
    yield w
    close(w)


def audit_rows(window) -> list[list[str]]:
    return [row[1:] for row in window.details_pane.audit_tab.table.displayed_rows()]


def test_the_production_versions_history_and_an_approval_made_in_the_app(qtbot, window, sandbox):
    open_group(qtbot, window, CHURN)
    arn = version_arn(CHURN, CHURN_PRODUCTION, "us-east-1")
    assert window.versions_view.select_arn(arn)
    qtbot.waitUntil(lambda: window.details_pane.current_details() is not None, timeout=TIMEOUT)
    tabs = find_by_name(window.details_pane, QTabWidget, "Version details")
    tabs.setCurrentWidget(window.details_pane.audit_tab)
    qtbot.waitUntil(lambda: window.details_pane.audit_tab.timeline() is not None, timeout=TIMEOUT)

    assert find_by_name(window.details_pane, QLabel, "Timeline source").text() == "From CloudTrail"
    # The seed registered the versions before CloudTrail recorded anything, as a trail past its
    # 90 days starts after the creation: who created it comes from the version's CreatedBy.
    seeded = audit_rows(window)
    assert seeded == [
        ["root", "Created"],
        [REVIEWER, "Lifecycle: Staging (InReview)"],
        [ENGINEER, "Model card: Draft; Model card content changed"],
        [ENGINEER, "Model card: Draft → PendingReview"],
        [REVIEWER, "Lifecycle: Staging (InReview) → Production (Approved); Model card: PendingReview → Approved"],
        [ENGINEER, "Metadata keys set: endpoint, owner; Metadata keys removed: dataset_version; "
                   f"Source URI: s3://registry-desk-models-123456789012/{CHURN}/v40/source.tar.gz"],
    ]

    outcome = approve_via_dialog(qtbot, window, "reject", "Drift on EU traffic", 1)
    assert outcome["finished"] and outcome["results"][0].ok
    qtbot.waitUntil(lambda: len(audit_rows(window)) == len(seeded) + 1, timeout=TIMEOUT)
    assert audit_rows(window)[-1] == ["root", "Approval: Rejected; comment “Drift on EU traffic”"]


def test_the_group_menu_exports_every_versions_timeline(qtbot, window, sandbox, connection, tmp_path):
    open_group(qtbot, window, "demand-forecast")
    action = window.actions_by_name["export_group_timeline"]
    assert action.isEnabled()
    assert action in next(m for m in window.menuBar().actions() if m.text() == "&Group").menu().actions()
    target = tmp_path / "demand.csv"

    def save_as(dialog: QFileDialog) -> None:
        dialog.selectFile(str(target))
        dialog.accept()

    outcome = when_modal(qtbot, save_as)
    action.trigger()
    outcome.check()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Wrote "), timeout=TIMEOUT)

    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(CSV_COLUMNS)
    session = session_for(connection)
    arns = sorted({r[0] for r in rows[1:]}, key=lambda a: int(a.rsplit("/", 1)[1]))
    events = sum(len(version_timeline(session, arn).events) for arn in arns)
    assert len(rows) == 1 + events
    assert window.statusBar().currentMessage() == f"Wrote {events} events to {target} ({len(arns)} versions)"
