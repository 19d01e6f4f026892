"""Screenshot steps of Help ▸ About (versions, and where the files are), light and dark.

Run alone (over the sandbox window, as scripts/screenshots.py makes it):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/shots/about.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402


def about_steps(drive: Driver, window, state: dict) -> None:
    """about.png and about-dark.png: the versions, the settings, log and index paths."""
    light = QApplication.palette()

    def open_dialog(palette) -> None:
        QApplication.setPalette(palette)
        state["about"] = window.help_menu.about()

    def filled() -> bool:
        return bool(state["about"].version_labels)

    def close() -> None:
        state.pop("about").close()
        QApplication.setPalette(light)

    drive.step("about", lambda: window.groups_view.model.rowCount() > 0, lambda: open_dialog(light))
    drive.step("screenshot about", filled, lambda: drive.save(state["about"], "about.png"))
    drive.step("about dark", lambda: True, lambda: (close(), open_dialog(dark_palette())))
    drive.step("screenshot about dark", filled, lambda: drive.save(state["about"], "about-dark.png"))
    drive.step("close about", lambda: True, close)


def main() -> int:
    from scripts.screenshots import run_alone

    return run_alone(about_steps)


if __name__ == "__main__":
    sys.exit(main())
