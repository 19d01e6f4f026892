"""The application's place on the desktop: its id, its icon files, and its menu entry.

`registry-desk --install-desktop-entry` copies the icon into $XDG_DATA_HOME/icons/hicolor and
the .desktop file into $XDG_DATA_HOME/applications, with Exec pointing to the command that ran
it; `--uninstall-desktop-entry` takes them out again. Plain Python (no Qt): it runs before any
window, and scripts/icons.py asks it where the icon files are.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from app import resources

# The reverse-DNS id names the desktop file, the metainfo, the icon, and the window's desktop
# file name (QGuiApplication.setDesktopFileName), so the desktop matches windows to the entry.
APP_ID = "io.github.registrydesk.RegistryDesk"
COMMAND = "registry-desk"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def icon_svg() -> Path:
    return resources.path("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")


def icon_png(size: int) -> Path:
    return resources.path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")


def desktop_file() -> Path:
    return resources.path(f"{APP_ID}.desktop")


def metainfo_file() -> Path:
    return resources.path(f"{APP_ID}.metainfo.xml")


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this installation: the `registry-desk` script that is running
    (pipx's ~/.local/bin link, a virtual environment's bin/), else the one on PATH, else this
    Python with the package."""
    running = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if running is not None and running.name == COMMAND and running.exists():
        return [str(running.absolute())]
    found = shutil.which(COMMAND)
    if found:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "app.cli"]


def exec_line(command: list[str]) -> str:
    """The Exec value: each argument quoted as the desktop entry spec asks (double quotes, with
    backslash before " ` $ and \\), and % doubled since it introduces field codes."""
    def quoted(argument: str) -> str:
        argument = argument.replace("%", "%%")
        if not any(c in argument for c in ' \t\n"\'\\><~|&;$*?#()`='):
            return argument
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        return f'"{escaped}"'
    return " ".join(quoted(argument) for argument in command)


def installed_paths(home: Path) -> list[Path]:
    """Where --install-desktop-entry writes, under the data home `home`."""
    icons = home / "icons" / "hicolor"
    return [
        home / "applications" / f"{APP_ID}.desktop",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        *(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES),
    ]


def install(home: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Copy the icon and the menu entry into the user's data home; returns the files written."""
    home = home or data_home()
    entry, svg, *pngs = installed_paths(home)
    for source, target in [(icon_svg(), svg), *((icon_png(s), p) for s, p in zip(ICON_SIZES, pngs, strict=True))]:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    text = desktop_file().read_text(encoding="utf-8")
    line = "Exec=" + exec_line(command or launcher())
    lines = [line if row.startswith("Exec=") else row for row in text.splitlines()]
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [entry, svg, *pngs]


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what `install` wrote; returns the files that were there."""
    removed = []
    for target in installed_paths(home or data_home()):
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed

