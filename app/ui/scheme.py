"""Following the desktop's colour scheme while the application runs.

When the application palette changes (the desktop switched between light and dark, or the
screenshots script set a dark palette), every widget's colours follow at once:
- style sheets made by app/ui/palette.py are remade for the new scheme (palette.remade);
- items tinted through palette.tint_text / tint_background get the new scheme's brush;
- callbacks given to `follow(owner, callback)` run (the action icons, redrawn in the new text
  colour), as long as their owner lives.
Delegates and plots that ask palette.py while they paint only need the repaint Qt does anyway.
`watch()` starts it; the main window's features call it.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
)
from PySide6.QtGui import QGuiApplication, QPalette, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListWidget, QTableWidget, QTreeWidget, QWidget

from app.ui import palette

_followers: dict[int, tuple[QObject, list[Callable[[], None]]]] = {}
_watcher: _Watcher | None = None


class _Watcher(QWidget):
    """Never shown: a widget, so Qt tells it when the application palette changes. It has no
    parent: it lasts as long as the application, whichever windows come and go."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("colour-scheme-watcher")
        self.hide()
        self.dark = palette.is_dark()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def _scheme_changed(self, _scheme) -> None:
        """The palette usually changes with the scheme (then the event below follows); if not,
        the palette is what the text is drawn on, so it decides."""
        if shiboken6.isValid(self):
            self.check()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.check()

    def check(self) -> None:
        dark = palette.is_dark()
        if dark != self.dark:
            self.dark = dark
            restyle()
        for owner, callbacks in list(_followers.values()):
            if shiboken6.isValid(owner):
                for callback in list(callbacks):
                    callback()


def watch() -> None:
    """Follow the application palette from now on (once per application)."""
    global _watcher
    if _watcher is None or not shiboken6.isValid(_watcher):
        _watcher = _Watcher()


def follow(owner: QObject, callback: Callable[[], None]) -> None:
    """Run `callback` after every change of the application palette, while `owner` lives."""
    key = id(owner)
    if key not in _followers:
        _followers[key] = (owner, [])
        owner.destroyed.connect(lambda *_: _followers.pop(key, None))
    _followers[key][1].append(callback)


def restyle() -> None:
    """Remake, for the scheme now in force, every style sheet and item tint palette.py made."""
    seen: set[int] = set()
    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            again = palette.remade(sheet)
            # A sheet naming palette roles is set again too: Qt reads them when a sheet is set.
            if again is not None and (again != sheet or "palette(" in sheet):
                widget.setStyleSheet(again)
        if isinstance(widget, QAbstractItemView):
            model = widget.model()
            while isinstance(model, QAbstractProxyModel):
                model = model.sourceModel()
            tinted = isinstance(model, QStandardItemModel) or isinstance(widget, (QTableWidget, QListWidget,
                                                                                  QTreeWidget))
            # Known by the C++ object: a wrapper's id() is reused once the wrapper is dropped,
            # which would pass over another view's model and leave it in the old scheme's tints.
            key = shiboken6.getCppPointer(model)[0] if model is not None else 0
            if model is not None and tinted and key not in seen:
                seen.add(key)
                _retint(model, QModelIndex())
        widget.update()


def _retint(model: QAbstractItemModel, parent: QModelIndex) -> None:
    # A list model hides columnCount (one column); neither a list nor a table has children.
    listing = isinstance(model, QAbstractListModel)
    flat = listing or isinstance(model, QAbstractTableModel)
    for row in range(model.rowCount(parent)):
        for column in range(1 if listing else model.columnCount(parent)):
            index = model.index(row, column, parent)
            for pair_role, brush_role in palette.TINTED_ROLES:
                tint = model.data(index, pair_role)
                if isinstance(tint, (palette.Pair, QPalette.ColorRole)):
                    model.setData(index, palette.tint_brush(tint), brush_role)
            if column == 0 and not flat and model.rowCount(index) > 0:
                _retint(model, index)
