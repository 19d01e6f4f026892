"""Screenshot steps of the toolbar and the View and Version menus with their bundled icons, light,
then dark after the palette switched while the window is open (toolbar*.png, menu-view*.png,
menu-version*.png).

Run alone (over the sandbox window, as scripts/screenshots.py makes it):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/shots/menus.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette, named  # noqa: E402


def menus_steps(drive: Driver, window, state: dict) -> None:
    light = QApplication.palette()

    def menu(title: str):
        sources = {"View": "&View", "Version": "V&ersion"}  # as in app/ui/actions.py MENUS
        return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") in named(sources[title]))

    def open_menu(title: str) -> None:
        shown = menu(title)
        bar = window.menuBar()
        place = next(a for a in bar.actions() if a.menu() is shown)
        shown.popup(bar.mapToGlobal(bar.actionGeometry(place).bottomLeft()))
        state["menu"] = shown

    def save_menu(name: str) -> None:
        drive.save(state["menu"], name)
        state.pop("menu").hide()

    for palette, suffix in ((light, ""), (dark_palette(), "-dark")):
        drive.step(f"menus scheme{suffix}", lambda: window.groups_view.model.rowCount() > 0,
                   lambda p=palette: QApplication.setPalette(p))
        drive.step(f"screenshot toolbar{suffix}", lambda: True,
                   lambda s=suffix: drive.save(window.toolbar, f"toolbar{s}.png"))
        for title in ("View", "Version"):
            drive.step(f"open {title}{suffix}", lambda: True, lambda t=title: open_menu(t))
            drive.step(f"screenshot {title}{suffix}", lambda: state.get("menu") is not None
                       and state["menu"].isVisible(),
                       lambda t=title, s=suffix: save_menu(f"menu-{t.lower()}{s}.png"))
    drive.step("menus light again", lambda: True, lambda: QApplication.setPalette(light))


def main() -> int:
    from scripts.screenshots import run_alone

    return run_alone(menus_steps)


if __name__ == "__main__":
    sys.exit(main())
