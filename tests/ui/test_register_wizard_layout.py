"""The containers page at the wizard's default size: all 16 environment variables in view."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.registry.versions.registration import ContainerSpec, RegistrationSpec
from app.registry.versions.requests import ENV_VARS_PER_CONTAINER
from app.ui.wizards.register import PageId
from tests.ui.test_register_wizard import ECR, MODEL, go_next, open_wizard  # noqa: F401 (a fixture)


def rows_in_view(table) -> int:
    height = table.viewport().height()
    return sum(1 for row in range(table.rowCount())
               if 0 <= table.visualRect(table.model().index(row, 0)).bottom() < height)


def test_sixteen_variables_fit_at_the_default_size(qtbot, open_wizard):  # noqa: F811
    env = tuple((f"VARIABLE_{n:02d}", f"value {n}") for n in range(ENV_VARS_PER_CONTAINER))
    spec = RegistrationSpec(group="churn-prediction",
                            containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1", MODEL, env),))
    wizard = open_wizard(source=spec)
    assert (wizard.width(), wizard.height()) == (1080, 720)
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=10000)
    go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.CONTAINERS
    editor = wizard.containers_page.editor
    qtbot.waitUntil(lambda: editor.model_data_status.text().startswith("Found:"), timeout=10000)
    QApplication.processEvents()
    table = editor.environment
    assert table.rowCount() == ENV_VARS_PER_CONTAINER
    assert rows_in_view(table) == ENV_VARS_PER_CONTAINER
    assert not table.verticalScrollBar().isVisible()
