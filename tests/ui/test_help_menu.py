"""Help ▸ Open Log Folder opens the folder the log is written to; Help ▸ About shows the versions and
where the settings, the log and the local data are, with buttons opening their folders."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog

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


def about_dialog(qtbot, window):
    from app.ui.about.dialog import AboutDialog

    window.actions_by_name["about"].trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, AboutDialog) and w.isVisible() for w in window.findChildren(QDialog)))
    [dialog] = [w for w in window.findChildren(AboutDialog) if w.isVisible()]
    qtbot.waitUntil(lambda: bool(dialog.version_labels))  # read by a worker
    return dialog


def test_about_shows_the_versions_of_everything_it_runs_on(qtbot, connection, qsettings, tmp_path, monkeypatch):
    import platform
    from importlib import metadata

    import PySide6
    from PySide6.QtCore import qVersion

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    window = make_window(qtbot, connection, qsettings)
    dialog = about_dialog(qtbot, window)
    assert dialog.accessibleName() == "About Registry Desk"
    assert dialog.title.text() == f"Registry Desk {__version__}"
    shown = {what: label.text() for what, label in dialog.version_labels.items()}
    assert shown == {
        "Registry Desk": __version__,
        "PySide6": PySide6.__version__,
        "Qt": qVersion(),
        "boto3": metadata.version("boto3"),
        "botocore": metadata.version("botocore"),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
    }
    assert all(label.accessibleName() == f"{what} version" for what, label in dialog.version_labels.items())
    dialog.copy_details()
    assert f"boto3: {metadata.version('boto3')}" in QApplication.clipboard().text().splitlines()
    dialog.close()


def test_about_shows_where_the_settings_the_log_and_the_local_data_are_and_opens_their_folders(
        qtbot, connection, qsettings, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    window = make_window(qtbot, connection, qsettings)
    dialog = about_dialog(qtbot, window)
    paths = {name: field.text() for name, field in dialog.fields.items()}
    assert paths == {
        "settings": str(tmp_path / "settings.ini"),  # the test's settings file (tests/ui/conftest.py)
        "log": str(tmp_path / "state" / "registry-desk" / "log" / "registry-desk.log"),
        "index": str(tmp_path / "cache" / "registry-desk" / "sandbox" / "index.sqlite"),
    }
    assert [f.accessibleName() for f in dialog.fields.values()] == ["Settings file", "Log file", "Local data (index)"]
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        for name in ("settings", "log", "index"):
            assert dialog.open_buttons[name].isEnabled()
            qtbot.mouseClick(dialog.open_buttons[name], Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened.urls] == [
        str(tmp_path), str(tmp_path / "state" / "registry-desk" / "log"),
        str(tmp_path / "cache" / "registry-desk" / "sandbox")]
    assert dialog.open_buttons["log"].accessibleName() == "Open Folder (Log file)"
    dialog.close()
