"""The cross-account wizard finished, light and dark: the Choose page without a KMS key (the
warning and the knowing choice), the review of the AWS RAM promotion, and Apply and Verify with
the promotion step. Writes crossaccount-nokey*.png, crossaccount-ram-review*.png,
crossaccount-ram-apply*.png and crossaccount-ram-verify*.png; rolls back what it wrote."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from scripts.shots.driver import Driver, dark_palette

GROUP = "demand-forecast"  # not the group the other cross-account screens set up


def cross_account_finished_steps(drive: Driver, window, state: dict) -> None:
    from app.ui.wizards.crossaccount.wizard import CrossAccountWizard

    def wizard():
        return state["ca-wizard"]

    def open_wizard(palette_name: str) -> Callable[[], None]:
        def act() -> None:
            if palette_name == "dark":
                state["ca-light"] = QApplication.palette()
                QApplication.setPalette(dark_palette())
            opened = CrossAccountWizard(window.workspace.choices(), registry=window.workspace.connection,
                                        hand_off=lambda *_: None, parent=window)
            opened.resize(1150, 800)
            opened.show()
            state["ca-wizard"] = opened
        return act

    def loaded() -> bool:
        page = wizard().choose_page
        return page.training_account.text().isdigit() and page.key_picker.count() > 1

    def no_key() -> None:
        page = wizard().choose_page
        page.group_picker.setCurrentText(GROUP)
        page.prefix.setText("forecast/")
        page.key_picker.setCurrentIndex(page.key_picker.findData(""))
        page.deploy_read.setChecked(True)

    def with_key() -> None:
        page = wizard().choose_page
        page.key_picker.setCurrentIndex(0)
        wizard().next()

    def show_ram_row() -> None:
        steps = wizard().review_page.steps
        steps.setCurrentRow(steps.count() - 1)

    def roll_back_and_close() -> None:
        page = wizard().apply_page
        page.rolledBack.connect(lambda _outcome: wizard().close_now())
        page.start_rollback()

    def pass_of(suffix: str) -> None:
        def shot(name: str) -> Callable[[], None]:
            return lambda: drive.save(wizard(), f"crossaccount-{name}{suffix}.png")

        drive.step(f"open wizard{suffix}", lambda: True, open_wizard("dark" if suffix else "light"))
        drive.step(f"no key{suffix}", loaded, no_key)
        drive.step(f"screenshot no key{suffix}", lambda: True, shot("nokey"))
        drive.step(f"plan{suffix}", lambda: True, with_key)
        drive.step(f"ram row{suffix}", lambda: wizard().plan is not None, show_ram_row)
        drive.step(f"screenshot review{suffix}", lambda: True, shot("ram-review"))
        drive.step(f"to apply{suffix}", lambda: True, lambda: wizard().next())
        drive.step(f"apply{suffix}", lambda: True, lambda: wizard().apply_page.start_apply())
        drive.step(f"applied{suffix}", lambda: wizard().outcome is not None, lambda: None)
        drive.step(f"screenshot apply{suffix}", lambda: True, shot("ram-apply"))
        drive.step(f"to verify{suffix}", lambda: True, lambda: wizard().next())
        drive.step(f"verified{suffix}", lambda: wizard().verify_page.results() is not None, lambda: None)
        drive.step(f"screenshot verify{suffix}", lambda: True, shot("ram-verify"))
        drive.step(f"back to apply{suffix}", lambda: True, lambda: wizard().back())
        drive.step(f"roll back{suffix}", lambda: True, roll_back_and_close)
        drive.step(f"closed{suffix}", lambda: not wizard().isVisible(), lambda: None)

    pass_of("")
    pass_of("-dark")
    drive.step("light again", lambda: True, lambda: QApplication.setPalette(state["ca-light"]))
