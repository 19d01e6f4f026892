"""Screenshot steps of the Inbox dock: the versions waiting for approval, oldest first."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402


def inbox_steps(drive: Driver, window, state: dict) -> None:
    """The estate refreshed, the inbox open under the main panes with two versions selected:
    inbox.png (light) and inbox-dark.png; the dock is closed again afterwards."""
    light = QApplication.palette()
    inbox = window.inbox

    def open_and_refresh() -> None:
        state["inbox_refreshed"] = False
        window.estate.refreshed.connect(lambda _outcome: state.__setitem__("inbox_refreshed", True))
        window.actions_by_name["inbox"].setChecked(True)
        window.resizeDocks([inbox.dock], [260], Qt.Orientation.Vertical)
        if not window.estate.refresh():
            state["inbox_refreshed"] = True  # one was already under way; its rows are read as they land

    def listed() -> bool:
        return bool(state.get("inbox_refreshed")) and inbox.view.model.rowCount() >= 3 and all(
            row.profile for row in inbox.view.model.rows())

    def select_two() -> None:
        rows = inbox.view.model.rows()
        inbox.view.select_arns([rows[0].arn, rows[2].arn])
        inbox.view.focus_table()

    def dark() -> None:
        QApplication.setPalette(dark_palette())

    def back_to_light() -> None:
        QApplication.setPalette(light)
        window.actions_by_name["inbox"].setChecked(False)

    drive.step("inbox: open", lambda: window.local_data.index is not None and bool(window.workspace.choices()),
               open_and_refresh)
    drive.step("inbox: listed", listed, select_two)
    drive.step("inbox: light", lambda: True, lambda: drive.save(window, "inbox.png"))
    drive.step("inbox: dark", lambda: True, dark)
    drive.step("inbox: dark shot", lambda: True, lambda: drive.save(window, "inbox-dark.png"))
    drive.step("inbox: closed", lambda: True, back_to_light)
