"""Help ▸ Open Log Folder and Help ▸ About: which version this is, and where its log is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__, logs


class HelpMenu(QObject):
    def __init__(self, window: QWidget, actions: dict[str, QAction], fail: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window = window
        self._fail = fail
        actions["open_log_folder"].triggered.connect(self.open_log_folder)
        actions["about"].triggered.connect(self.about)

    def open_log_folder(self) -> None:
        folder = str(logs.log_dir())  # worked out from the environment: no file is touched
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(folder)):
            self._fail(self.tr("Could not open the log folder %1. Open it with a file manager.")
                       .replace("%1", folder))

    def about(self) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("About Registry Desk"))
        box.setAccessibleName(self.tr("About Registry Desk"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Registry Desk %1").replace("%1", __version__))
        box.setInformativeText(
            self.tr("Administer Amazon SageMaker Model Registries.\n\nThe log files (what failed, and why; "
                    "never a secret) are in:\n%1").replace("%1", str(logs.log_dir())))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
