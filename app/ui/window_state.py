"""The main window's remembered shape: geometry, docks and toolbars, splitter positions."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter

from app.ui.settings import Settings

DEFAULT_SIZE = (1360, 820)
DEFAULT_SPLITS = {"main": [470, 890], "right": [460, 340]}


def restore_window(window: QMainWindow, settings: Settings, splitters: dict[str, QSplitter]) -> None:
    geometry = settings.window_geometry()
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    state = settings.window_state()
    if state is not None:
        window.restoreState(state)
    for name, splitter in splitters.items():
        saved = settings.splitter_state(name)
        if saved is None or not splitter.restoreState(saved):
            splitter.setSizes(DEFAULT_SPLITS[name])


def save_window(window: QMainWindow, settings: Settings, splitters: dict[str, QSplitter], *,
                docks: bool = True) -> None:
    """`docks`: False while the docks are not built yet, so their remembered places are kept."""
    settings.set_window_geometry(window.saveGeometry())
    if docks:
        settings.set_window_state(window.saveState())
    for name, splitter in splitters.items():
        settings.set_splitter_state(name, splitter.saveState())
