"""The step driver and the dark palette the screenshot steps share."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

_TRANSLATED: dict[str, set[str]] = {}  # English text -> its translations, in the language shown


def show_language(language: str) -> None:
    """The steps find widgets by their English names; with another language, by its words too."""
    import xml.etree.ElementTree as ET

    from app.ui import i18n

    _TRANSLATED.clear()
    for catalogue in i18n.CATALOGUES:
        ts = i18n.ts_file(catalogue, language)
        if language == "en" or not ts.exists():
            continue
        for message in ET.parse(ts).getroot().iter("message"):
            source, translation = message.findtext("source") or "", message.find("translation")
            forms = [] if translation is None else [f.text or "" for f in translation.iter("numerusform")]
            texts = forms or ([translation.text or ""] if translation is not None else [])
            _TRANSLATED.setdefault(source, set()).update(t for t in texts if t)


def named(text: str) -> set[str]:
    """`text` and what it reads in the language shown (mnemonic ampersands dropped too)."""
    texts = {text} | _TRANSLATED.get(text, set())
    return texts | {t.replace("&", "") for t in texts}


class Driver:
    """Runs steps one after another; each waits for a condition without blocking the loop."""

    def __init__(self, app: QApplication, out: Path):
        self.app, self.out = app, out
        self.steps: list[tuple[str, Callable[[], bool], Callable[[], None]]] = []
        self.deadline = 0.0

    def step(self, name: str, ready: Callable[[], bool], action: Callable[[], None]) -> None:
        self.steps.append((name, ready, action))

    def start(self) -> None:
        self.deadline = time.monotonic() + 30
        QTimer.singleShot(200, self._tick)

    def _tick(self) -> None:
        if not self.steps:
            self.app.quit()
            return
        name, ready, action = self.steps[0]
        if ready():
            self.steps.pop(0)
            action()
            self.deadline = time.monotonic() + 30
            QTimer.singleShot(400, self._tick)  # let paints settle
        elif time.monotonic() > self.deadline:
            print(f"timed out waiting for: {name}", file=sys.stderr)
            self.app.exit(1)
        else:
            QTimer.singleShot(50, self._tick)

    def save(self, widget, name: str) -> None:
        path = self.out / name
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def dark_palette():
    """A dark desktop theme, as Fusion draws it: the offscreen and xvfb platforms have none to ask."""
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, "#2b2d30"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1e1f22"),
                        (roles.AlternateBase, "#26282b"), (roles.Text, "#e6e6e6"), (roles.Button, "#3a3c40"),
                        (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#2f65ca"),
                        (roles.HighlightedText, "#ffffff"), (roles.PlaceholderText, "#8c8c8c"),
                        (roles.ToolTipBase, "#3a3c40"), (roles.ToolTipText, "#e6e6e6"), (roles.Mid, "#46484c"),
                        (roles.Dark, "#191a1c"), (roles.Light, "#505257")):
        p.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#787878"))
    return p
