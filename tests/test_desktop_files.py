"""The desktop entry, the AppStream metainfo and the icon, as a desktop and a software centre see
them: validated by freedesktop's own tools, installed into (and removed from) a private
$XDG_DATA_HOME by `registry-desk --install-desktop-entry`, and on every window."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__, desktop, resources

ROOT = Path(__file__).resolve().parents[1]


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:  # CI installs it (scripts/debian-packages.txt): a missing one fails, loudly
        pytest.fail(f"{name} is not installed: apt-get install desktop-file-utils appstream")
    return found


def run_cli(*args: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run([tool("desktop-file-validate"), str(desktop.desktop_file())],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "", result.stdout
    shown = entry(desktop.desktop_file())
    assert (shown["Name"], shown["Icon"], shown["Exec"]) == ("Registry Desk", desktop.APP_ID, "registry-desk")


def test_the_metainfo_passes_appstreamcli_validate_and_names_this_release():
    result = subprocess.run([tool("appstreamcli"), "validate", "--no-net", str(desktop.metainfo_file())],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = desktop.metainfo_file().read_text(encoding="utf-8")
    assert f"<id>{desktop.APP_ID}</id>" in text
    assert f"<launchable type=\"desktop-id\">{desktop.APP_ID}.desktop</launchable>" in text
    assert f'<release version="{__version__}"' in text  # a release for the version being shipped


def test_the_icon_pngs_are_the_svg_rendered_at_every_size():
    from PySide6.QtGui import QImage

    for size in desktop.ICON_SIZES:
        image = QImage(str(desktop.icon_png(size)))
        assert (image.width(), image.height()) == (size, size)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "icons.py"), "check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_install_desktop_entry_puts_the_icon_and_a_valid_entry_in_the_data_home_and_uninstall_takes_them_out(
        tmp_path):
    home = tmp_path / "data"
    installed = run_cli("--install-desktop-entry", data_home=home)
    assert installed.returncode == 0, installed.stderr
    written = desktop.installed_paths(home)
    assert all(path.is_file() for path in written)
    for path in written:
        assert str(path) in installed.stdout  # it says what it wrote
    menu_entry = home / "applications" / f"{desktop.APP_ID}.desktop"
    assert subprocess.run([tool("desktop-file-validate"), str(menu_entry)]).returncode == 0
    assert entry(menu_entry)["Icon"] == desktop.APP_ID
    assert (home / "icons" / "hicolor" / "48x48" / "apps" / f"{desktop.APP_ID}.png").read_bytes() == \
        desktop.icon_png(48).read_bytes()
    # Exec starts this very installation: not a bare name that may not be on the menu's PATH.
    command = entry(menu_entry)["Exec"]
    assert command.startswith(("/", '"/')), command

    removed = run_cli("--uninstall-desktop-entry", data_home=home)
    assert removed.returncode == 0, removed.stderr
    assert not any(path.exists() for path in written)
    assert str(menu_entry) in removed.stdout
    again = run_cli("--uninstall-desktop-entry", data_home=home)
    assert again.returncode == 0 and "No desktop entry was installed" in again.stdout


def test_exec_of_an_installed_command_in_a_folder_with_spaces_is_quoted():
    assert desktop.exec_line(["/home/ann/my apps/bin/registry-desk"]) == '"/home/ann/my apps/bin/registry-desk"'
    assert desktop.exec_line(["/usr/bin/python3", "-m", "app.cli"]) == "/usr/bin/python3 -m app.cli"


def test_every_window_has_the_application_icon_and_belongs_to_the_desktop_entry(qapp):
    from PySide6.QtGui import QGuiApplication, QImage
    from PySide6.QtWidgets import QDialog

    from app.cli import create_application

    app = create_application()
    assert QGuiApplication.desktopFileName() == desktop.APP_ID
    dialog = QDialog()
    icon = dialog.windowIcon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} == set(desktop.ICON_SIZES)
    drawn = icon.pixmap(48, 48).toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert drawn == QImage(str(desktop.icon_png(48))).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert app.windowIcon().cacheKey() == icon.cacheKey()
    dialog.deleteLater()


def test_the_resources_come_from_the_checkout_here():
    assert resources.folder() == ROOT / "resources"
