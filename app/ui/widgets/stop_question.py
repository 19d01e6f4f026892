"""The question a write asks before stopping mid-run: "Stop after the calls already sent?"

Window-modal, without a nested event loop (`open()`): the run goes on reporting while it shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def ask_to_stop(parent: QWidget, on_stop: Callable[[], None], on_answered: Callable[[], None]) -> QMessageBox:
    """Ask; `on_answered` runs however it closes (the run may end first), then `on_stop` when
    the user chose Stop. "Keep going" is the default and what Esc means."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("StopQuestion", "Stop the changes?"),
                      translate("StopQuestion", "Stop after the calls already sent?"), parent=parent)
    box.setInformativeText(translate("StopQuestion",
        "Versions not sent yet are left as they are. The calls already sent cannot be called "
        "back: this window stays open until they end, and shows what each did."))
    stop = box.addButton(translate("StopQuestion", "Stop"), QMessageBox.ButtonRole.DestructiveRole)
    stop.setAccessibleName(translate("StopQuestion", "Stop"))
    keep = box.addButton(translate("StopQuestion", "Keep going"), QMessageBox.ButtonRole.RejectRole)
    keep.setAccessibleName(translate("StopQuestion", "Keep going"))
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)

    def answered(_result: int) -> None:
        box.deleteLater()
        on_answered()
        if box.clickedButton() is stop:
            on_stop()

    box.finished.connect(answered)
    box.open()
    return box
