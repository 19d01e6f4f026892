"""View ▸ Language: the window's language (System, English, Français), remembered in the
settings and used from the next start (most texts are set once, when each view is built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

# Each language is named in its own words, so whoever cannot read the current one finds theirs.
LANGUAGE_NAMES = (("en", "English"), ("fr", "Français"))
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def install_language_menu(window: MainWindow) -> QMenu:
    view = window.menuBar().findChild(QMenu, "menu_view")
    menu = QMenu(translate("LanguageMenu", "&Language"), window)
    menu.setObjectName("menu_language")
    if view is not None:
        view.addSeparator()
        view.addMenu(menu)
    settings = window.settings
    chosen = settings.language()
    group = QActionGroup(menu)
    for code, name in (("", translate("LanguageMenu", "System")), *LANGUAGE_NAMES):
        action = QAction(name, menu)
        action.setObjectName(f"language_{code or 'system'}")
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda action: _choose(window, settings, action))
    return menu


def _choose(window: MainWindow, settings: Settings, action: QAction) -> None:
    code = str(action.data() or "")
    if code == settings.language():
        return
    settings.set_language(code)
    settings.sync()
    if code:
        told = translate("LanguageMenu", "Registry Desk will be in %1 from its next start.")
        told = told.replace("%1", action.text())
    else:
        told = translate("LanguageMenu", "Registry Desk will follow the system's language from its next start.")
    window.tell(told)
