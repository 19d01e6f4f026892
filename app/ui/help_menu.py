"""Help ▸ Open Log Folder and Help ▸ About: which versions these are, and where the files are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QWidget

from app import logs
from app.ui.about.dialog import AboutDialog


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

    def about(self) -> AboutDialog:
        settings = getattr(self._window, "settings", None)
        local = getattr(self._window, "local_data", None)
        dialog = AboutDialog(settings.file_name() if settings is not None else "",
                             local.scope if local is not None else "aws", self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
