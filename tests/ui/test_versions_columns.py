"""Stage, stage status, package status and who-did-it columns; hiding them; filtering by stage."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMenu

from app.registry.accounts.sessions import session_for
from app.registry.versions.records import REJECTED
from app.sandbox.history import CHURN, CHURN_PRODUCTION, CHURN_STAGING, version_arn
from app.ui.versions.model import VersionsModel
from tests.ui.helpers import find_by_name
from tests.ui.test_approval_window import cell
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group


def shown_rows(view) -> list:
    from app.ui.widgets.rows_model import ROW_ROLE

    return [view.proxy.index(row, 0).data(ROW_ROLE) for row in range(view.proxy.rowCount())]


def choose(combo: QComboBox, text: str) -> None:
    position = combo.findText(text)
    assert position >= 0, f"{text!r} is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(position)


def toggle(view, column_id: str) -> None:
    """Click the column's entry in the header's context menu."""
    menu = view.columns.menu()
    action = next(a for a in menu.actions() if a.objectName() == column_id)
    action.trigger()
    menu.deleteLater()


def test_the_seeded_stages_show_in_their_columns_next_to_the_status(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        view = window.versions_view
        production = version_arn(CHURN, CHURN_PRODUCTION, "us-east-1")
        staging = version_arn(CHURN, CHURN_STAGING, "us-east-1")
        assert cell(view, production, VersionsModel.STAGE) == "Production"
        assert cell(view, production, VersionsModel.STAGE_STATUS) == "Approved"
        assert cell(view, staging, VersionsModel.STAGE) == "Staging"
        assert cell(view, production, VersionsModel.PACKAGE_STATUS) == "Completed"
        table, header = view.table, view.table.horizontalHeader()
        # Shown by default, right after the approval status; who-did-it columns hidden until asked for.
        assert not table.isColumnHidden(VersionsModel.STAGE) and not table.isColumnHidden(VersionsModel.STAGE_STATUS)
        assert header.visualIndex(VersionsModel.STAGE) == header.visualIndex(VersionsModel.STATUS) + 1
        for column in (VersionsModel.PACKAGE_STATUS, VersionsModel.CREATED_BY, VersionsModel.MODIFIED_BY):
            assert table.isColumnHidden(column)
        # The menu offers every column but Version, which cannot be hidden.
        offered = [a.text() for a in view.columns.menu().actions()]
        assert "Version" not in offered and {"Stage", "Created by", "Last modified by"} <= set(offered)

        # Sorted on the stage, descending: the staged versions come first, Staging before Production.
        view.table.sortByColumn(VersionsModel.STAGE, Qt.SortOrder.DescendingOrder)
        stages = [v.stage for v in shown_rows(view)]
        assert stages == sorted(stages, reverse=True) and stages[0] == "Staging"
    finally:
        close(window)


def test_a_hidden_column_stays_hidden_after_a_restart_and_who_did_it_fills_in(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        toggle(window.versions_view, "stage_status")
        toggle(window.versions_view, "modified_by")
        assert window.versions_view.table.isColumnHidden(VersionsModel.STAGE_STATUS)
    finally:
        close(window)

    again = make_window(qtbot, connection, qsettings)  # a restart: a new window, the same settings
    try:
        open_group(qtbot, again, CHURN)
        view = again.versions_view
        assert view.table.isColumnHidden(VersionsModel.STAGE_STATUS)
        assert not view.table.isColumnHidden(VersionsModel.MODIFIED_BY)
        assert not view.table.isColumnHidden(VersionsModel.STAGE)
        assert view.table.isColumnHidden(VersionsModel.CREATED_BY)
        menu = view.columns.menu()
        assert not next(a for a in menu.actions() if a.objectName() == "stage_status").isChecked()
        # Who changed v40 last, from its describe, as a name a person reads.
        production = version_arn(CHURN, CHURN_PRODUCTION, "us-east-1")
        raw = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=production)
        assert raw["LastModifiedBy"]["IamIdentity"]["Arn"].endswith(":user/marco.ruiz")
        qtbot.waitUntil(lambda: cell(view, production, VersionsModel.MODIFIED_BY) == "marco.ruiz", timeout=TIMEOUT)
    finally:
        close(again)


def test_the_stage_filter_narrows_the_rows_and_combines_with_the_status_filter(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        view = window.versions_view
        stage_filter = find_by_name(view, QComboBox, "Stage filter")
        status_filter = find_by_name(view, QComboBox, "Status filter")
        offered = [stage_filter.itemText(i) for i in range(stage_filter.count())]
        assert offered == ["All stages", "No stage", "Development", "Staging", "Production", "Archived"]
        total = view.model.rowCount()

        choose(stage_filter, "Production")
        assert [v.version for v in shown_rows(view)] == [CHURN_PRODUCTION]
        assert view.count_label.text() == f"1 of {total} versions shown"

        choose(stage_filter, "No stage")
        unstaged = [v for v in view.model.rows() if not v.stage]
        assert {v.arn for v in shown_rows(view)} == {v.arn for v in unstaged}

        choose(status_filter, "Rejected")  # both filters at once
        assert {v.arn for v in shown_rows(view)} == {v.arn for v in unstaged if v.status == REJECTED}
        choose(stage_filter, "Production")  # v40 is approved: nothing left, and the view says why
        assert view.proxy.rowCount() == 0
        assert view.table.empty_text() == (
            "No version in the stage 'Production' has the status 'Rejected'. "
            "Choose All and All stages to see every version.")

        choose(status_filter, "All")
        choose(stage_filter, "All stages")
        assert view.proxy.rowCount() == total
        open_group(qtbot, window, "fraud-detection")  # another group starts unfiltered
        assert stage_filter.currentText() == "All stages" and view.proxy.rowCount() == view.model.rowCount()
    finally:
        close(window)


def test_the_columns_menu_is_reachable_from_the_view_menu(qtbot, connection, qsettings, sandbox):
    """Without a mouse: View > Version Columns… opens the same menu under the table's header."""
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        window.actions_by_name["choose_columns"].trigger()
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=TIMEOUT)
        menu = QApplication.activePopupWidget()
        assert menu.accessibleName() == "Columns"
        next(a for a in menu.actions() if a.text() == "Package status").trigger()
        menu.close()
        table = window.versions_view.table
        assert not table.isColumnHidden(VersionsModel.PACKAGE_STATUS)
        assert table.columnWidth(VersionsModel.PACKAGE_STATUS) > 20
    finally:
        close(window)
