"""Screenshot steps of Preferences (the local index and the background refresh), light and dark.

Run alone (over the sandbox window, as scripts/screenshots.py makes it):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/shots/preferences.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402


def preferences_steps(drive: Driver, window, state: dict) -> None:
    """preferences.png and preferences-dark.png: the index's file and size, the refresh settings."""
    light = QApplication.palette()

    def open_dialog(palette) -> None:
        QApplication.setPalette(palette)
        state["preferences"] = window.preferences.open_dialog()

    def measured() -> bool:
        return any(word in state["preferences"].size_label.text() for word in ("on disk", "sur le disque"))

    def close() -> None:
        state.pop("preferences").close()
        QApplication.setPalette(light)

    drive.step("index open", lambda: window.local_data.index is not None and window.groups_view.model.rowCount() > 0,
               lambda: open_dialog(light))
    drive.step("screenshot preferences", measured, lambda: drive.save(state["preferences"], "preferences.png"))
    drive.step("preferences dark", lambda: True, lambda: (close(), open_dialog(dark_palette())))
    drive.step("screenshot preferences dark", measured,
               lambda: drive.save(state["preferences"], "preferences-dark.png"))
    drive.step("close preferences", lambda: True, close)


def main() -> int:
    from scripts.screenshots import run_alone

    return run_alone(preferences_steps)


if __name__ == "__main__":
    sys.exit(main())
