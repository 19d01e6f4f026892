"""Help ▸ Open Log Folder opens the folder the log is written to; Help ▸ About says where it is."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__, logs
from tests.ui.test_main_window import make_window


class Opened(QObject):
    """Receives the URLs QDesktopServices would hand to the desktop (a file manager)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def help_menu_texts(window) -> list[str]:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_open_log_folder_opens_the_platform_log_directory(qtbot, connection, qsettings, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    window = make_window(qtbot, connection, qsettings)
    assert help_menu_texts(window) == ["Open &Log Folder", "&About Registry Desk"]
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        window.actions_by_name["open_log_folder"].trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened.urls] == [str(tmp_path / "registry-desk" / "log")]
    assert str(logs.log_dir()) == str(tmp_path / "registry-desk" / "log")


def test_about_names_the_version_and_the_log_folder(qtbot, connection, qsettings, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    window = make_window(qtbot, connection, qsettings)
    window.actions_by_name["about"].trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()))
    [box] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert box.accessibleName() == "About Registry Desk"
    assert box.text() == f"Registry Desk {__version__}"
    assert str(tmp_path / "registry-desk" / "log") in box.informativeText()
    box.close()
