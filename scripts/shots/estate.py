"""Screenshot steps of the Estate dock: every chosen account and region in one tree."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402


def estate_steps(drive: Driver, window, state: dict) -> None:
    """Every sandbox account in every region the picker offers (with one region only, the registry
    account in eu-west-1 too), listed at once: estate.png (light, the window with the dock open and
    churn-prediction selected), estate-targets.png (Choose accounts and regions) and
    estate-dark.png."""
    light = QApplication.palette()
    estate = window.estate

    def choose_and_list() -> None:
        picker = window.region_picker
        offered = [str(picker.itemData(i)) for i in range(picker.count()) if picker.itemData(i)]
        regions = offered if len(offered) > 1 else [*offered, "eu-west-1"]
        pairs = [(c.connection.display_name, r) for c in window.workspace.choices() for r in regions
                 if r in offered or c.connection.display_name == "sandbox"]
        estate.set_chosen(pairs)
        window.actions_by_name["estate"].setChecked(True)
        state["estate_done"] = False
        estate.refreshed.connect(lambda _outcome: state.__setitem__("estate_done", True))
        estate.refresh()

    def listed() -> bool:
        dock = estate.dock
        return state.get("estate_done", False) and dock.model.rowCount() >= 2 and len(dock.model.keys("group")) >= 5

    def select_churn() -> None:
        dock = estate.dock
        dock.tree.expandAll()
        arn = next(k for k in dock.model.keys("group") if k.endswith("/churn-prediction"))
        dock.select_key(arn)

    def open_dialog() -> None:
        from app.ui.estate.targets_dialog import TargetsDialog

        dialog = TargetsDialog(window, estate)
        dialog.show()
        state["estate_dialog"] = dialog

    def dark() -> None:
        state["estate_dialog"].close()
        QApplication.setPalette(dark_palette())
        estate.dock.reread()

    drive.step("estate: choose and list", lambda: bool(window.workspace.choices()), choose_and_list)
    drive.step("estate: listed", listed, select_churn)
    drive.step("estate: churn open", lambda: (window.versions_view.group() is not None
                                              and window.versions_view.group().name == "churn-prediction"
                                              and not window.versions_view.model.loading),
               lambda: drive.save(window, "estate.png"))
    drive.step("estate: dialog", lambda: True, open_dialog)
    drive.step("estate: dialog shot", lambda: True, lambda: drive.save(state["estate_dialog"], "estate-targets.png"))
    drive.step("estate: dark", lambda: True, dark)
    drive.step("estate: dark shot", lambda: True, lambda: drive.save(window, "estate-dark.png"))
    drive.step("estate: light again", lambda: True, lambda: (
        QApplication.setPalette(light), window.actions_by_name["estate"].setChecked(False)))
