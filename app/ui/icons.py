"""The action icons: monochrome SVGs bundled in resources/icons/actions/ (so Windows and macOS
have them too, where no freedesktop theme exists), drawn in the palette's button text colour and
drawn again when the palette changes, so they read on a light and on a dark toolbar alike.

Each SVG strokes with `currentColor`; the colour of the palette replaces it before rendering.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton

from app import resources
from app.ui import palette, scheme

SIZES = (16, 20, 24, 32, 40, 48, 64)  # the sizes offered; any other is drawn when asked for


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


class _TintedSvg(QIconEngine):
    """Draws the SVG when Qt first asks for a size and mode, and keeps what it drew: building the
    28 icons' every size and mode at start-up cost ~85 ms before the window's first paint."""

    def __init__(self, name: str, colours: tuple[str, str, str]) -> None:
        super().__init__()
        self._name, self._colours = name, colours
        self._drawn: dict[tuple[int, str, float], QPixmap] = {}

    def _colour(self, mode: QIcon.Mode) -> str:
        normal, disabled, selected = self._colours
        # Active (hovered) keeps the normal colour: a hovered tool button keeps the button's background.
        return {QIcon.Mode.Disabled: disabled, QIcon.Mode.Selected: selected}.get(mode, normal)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        side, colour = min(size.width(), size.height()), self._colour(mode)
        key = (side, colour, scale)
        if key not in self._drawn:
            pixmap = _pixmap(self._name, colour, max(1, round(side * scale)))
            pixmap.setDevicePixelRatio(scale)
            self._drawn[key] = pixmap
        return self._drawn[key]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        return [QSize(side, side) for side in SIZES]

    def clone(self) -> QIconEngine:
        return _TintedSvg(self._name, self._colours)


@cache
def _icon(name: str, colours: tuple[str, str, str]) -> QIcon:
    return QIcon(_TintedSvg(name, colours))


def icon(name: str) -> QIcon:
    """resources/icons/actions/`name`.svg in the colours of the application palette now."""
    return _icon(name, _colours())


def set_icon(target: QAction | QAbstractButton, name: str) -> None:
    """Give `target` the icon `name`, and draw it again whenever the palette changes."""
    target.setIcon(icon(name))
    scheme.follow(target, lambda: target.setIcon(icon(name)))
