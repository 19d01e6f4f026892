"""The groups pane at the window's default size: long names readable, the owner in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.registry.accounts.sessions import session_for
from app.ui.groups.model import GroupsModel
from tests.ui.test_main_window import TIMEOUT, close, make_window, wait_groups

LONG_NAME = "customer-lifetime-value-prediction-emea-retail-weekly-retrain-2"
assert len(LONG_NAME) == 63  # the longest name SageMaker allows


@pytest.mark.parametrize("size", [(1360, 820), (1280, 720)])
def test_a_long_name_and_the_owner_are_readable_at_the_default_width(qtbot, connection, qsettings, sandbox, size):
    session_for(connection).client("sagemaker").create_model_package_group(ModelPackageGroupName=LONG_NAME)
    window = make_window(qtbot, connection, qsettings)
    window.resize(*size)
    wait_groups(qtbot, window)
    view = window.groups_view
    table, header = view.table, view.table.horizontalHeader()
    qtbot.waitUntil(lambda: view.model.position_of(
        f"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/{LONG_NAME}") is not None, timeout=TIMEOUT)

    def fully_in_view(column: int) -> bool:
        return 0 <= header.sectionViewportPosition(column) and \
            header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width()

    # Once the pane has its size (resizes are delivered as events):
    qtbot.waitUntil(lambda: fully_in_view(GroupsModel.NAME) and fully_in_view(GroupsModel.OWNER), timeout=TIMEOUT)
    rows = {view.proxy.index(r, GroupsModel.NAME).data(): r for r in range(view.proxy.rowCount())}
    long_row = rows[LONG_NAME]
    assert LONG_NAME in view.proxy.index(long_row, GroupsModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert header.sectionSize(GroupsModel.NAME) >= 160  # enough to read both ends of the elided name

    shared = next(g for g in view.model.rows() if g.shared)
    shared_row = rows[shared.name]
    owner = view.proxy.index(shared_row, GroupsModel.OWNER)
    assert owner.data() == f"Shared from {shared.account_id}"
    assert table.fontMetrics().horizontalAdvance(owner.data()) < header.sectionSize(GroupsModel.OWNER)
    name = view.proxy.index(shared_row, GroupsModel.NAME)
    assert "shared from account" in name.data(Qt.ItemDataRole.AccessibleTextRole)
    assert shared.account_id in name.data(Qt.ItemDataRole.ToolTipRole)
    close(window)
