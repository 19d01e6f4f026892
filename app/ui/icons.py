"""The action icons: monochrome SVGs bundled in resources/icons/actions/ (so Windows and macOS
have them too, where no freedesktop theme exists), drawn in the palette's button text colour and
drawn again when the palette changes, so they read on a light and on a dark toolbar alike.

Each SVG strokes with `currentColor`; the colour of the palette replaces it before rendering.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton

from app import resources
from app.ui import palette, scheme

SIZES = (16, 20, 24, 32, 40, 48, 64)  # up to twice a toolbar's on a high-density screen


@cache
def _source(name: str) -> str:
    return resources.path("icons", "actions", f"{name}.svg").read_text(encoding="utf-8")


def names() -> list[str]:
    """Every bundled action icon."""
    return sorted(p.stem for p in resources.path("icons", "actions").glob("*.svg"))


def _colours() -> tuple[str, str, str]:
    """(normal, disabled, selected) colour names of the current application palette."""
    qt_palette = QGuiApplication.palette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    return (qt_palette.color(group.Active, role.ButtonText).name(),
            qt_palette.color(group.Disabled, role.ButtonText).name(),
            qt_palette.color(group.Active, role.HighlightedText).name())


def _pixmap(name: str, colour: str, side: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(_source(name).replace("currentColor", colour).encode()))
    pixmap = QPixmap(side, side)
    pixmap.fill(palette.transparent())
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    return pixmap


@cache
def _icon(name: str, colours: tuple[str, str, str]) -> QIcon:
    normal, disabled, selected = colours
    icon = QIcon()
    for side in SIZES:
        # Active (hovered) keeps the normal colour: a hovered tool button keeps the button's background.
        for mode, colour in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Active, normal),
                             (QIcon.Mode.Disabled, disabled), (QIcon.Mode.Selected, selected)):
            icon.addPixmap(_pixmap(name, colour, side), mode)
    return icon


def icon(name: str) -> QIcon:
    """resources/icons/actions/`name`.svg in the colours of the application palette now."""
    return _icon(name, _colours())


def set_icon(target: QAction | QAbstractButton, name: str) -> None:
    """Give `target` the icon `name`, and draw it again whenever the palette changes."""
    target.setIcon(icon(name))
    scheme.follow(target, lambda: target.setIcon(icon(name)))
