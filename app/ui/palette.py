"""Semantic colours, legible on light and dark palettes alike. The only place colours are named.

Every role has a light and a dark variant; which one applies follows the application's
QPalette (a dark window background picks the dark variants), so text stays readable whatever
the desktop's theme. Views ask for a role ("error text", "added line"), never for a colour.
Each text colour reaches WCAG AA (4.5:1) on the palette's Window, Base and AlternateBase and on
the diff lines' tints; each badge's and strip's text on its own background (tests/ui/test_palette.py).

Following a theme switched while the application runs (app/ui/scheme.py): every style sheet made
here is remembered with how it was made, and every item tinted through `tint_text` or
`tint_background` carries the role it was given, so both are remade in the new scheme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette, QStandardItem
from PySide6.QtWidgets import QListWidgetItem, QTableWidgetItem, QTreeWidgetItem


@dataclass(frozen=True)
class Pair:
    light: str
    dark: str


# Text on the window's own background.
ERROR_TEXT = Pair("#b3261e", "#ff8a80")
SUCCESS_TEXT = Pair("#1b7431", "#81c995")
RUNNING_TEXT = Pair("#0d47a1", "#8ab4f8")
RESTORED_TEXT = Pair("#6a1b9a", "#d7aefb")
MUTED_TEXT = Pair("#6b6b6b", "#a8a8a8")

# Backgrounds of lines in a document diff.
DIFF_ADDED = Pair("#e6f4ea", "#1e3a26")
DIFF_REMOVED = Pair("#fdecea", "#4a2523")
DIFF_CHANGED = Pair("#fff4e5", "#463518")
DIFF_KEPT = Pair("#eef0f3", "#2c3036")  # the heading of a statement kept as it is
# A metric's change between two versions: the good way, the bad way (a word and an arrow say it too).
DELTA_BETTER = Pair("#1b6e2e", "#81c995")
DELTA_WORSE = Pair("#a3221b", "#ff8a80")

# Message strips: (background, text, border).
_STRIPS = {
    "error": (Pair("#fdecea", "#3c1f1e"), Pair("#611a15", "#f6c8c4"), Pair("#f5c2c0", "#7a3a36")),
    "warning": (Pair("#fff4e5", "#3a2e12"), Pair("#663c00", "#f8dca6"), Pair("#ffd8a8", "#7a6022")),
    "info": (Pair("#e8f4fd", "#13293d"), Pair("#0d3c61", "#bcdcf7"), Pair("#b6dcfb", "#2f5679")),
}

# Approval status badges: (background, text); the word is always shown too.
BADGES = {
    "Approved": (Pair("#1e7e34", "#2e7d46"), Pair("#ffffff", "#ffffff")),
    "Rejected": (Pair("#b3261e", "#c0392b"), Pair("#ffffff", "#ffffff")),
    "PendingManualApproval": (Pair("#f0b400", "#e0a800"), Pair("#1f1f1f", "#1f1f1f")),
}
NEUTRAL_BADGE = (Pair("#6b7280", "#5f6673"), Pair("#ffffff", "#ffffff"))

# Model card status badges: (background, text); the word is always shown too.
CARD_BADGES = {
    "Draft": (Pair("#1a5fb4", "#3b6fb6"), Pair("#ffffff", "#ffffff")),
    "PendingReview": (Pair("#f0b400", "#e0a800"), Pair("#1f1f1f", "#1f1f1f")),
    "Approved": (Pair("#1e7e34", "#2e7d46"), Pair("#ffffff", "#ffffff")),
    "Archived": (Pair("#6b7280", "#5f6673"), Pair("#ffffff", "#ffffff")),
}


def is_dark(palette: QPalette | None = None) -> bool:
    if palette is None and _forced is not None:
        return _forced
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(pair: Pair, palette: QPalette | None = None) -> QColor:
    return QColor(pair.dark if is_dark(palette) else pair.light)


def brush(pair: Pair, palette: QPalette | None = None) -> QBrush:
    return QBrush(colour(pair, palette))


def name(pair: Pair, palette: QPalette | None = None) -> str:
    """'#rrggbb' for style sheets."""
    return pair.dark if is_dark(palette) else pair.light


def transparent() -> QColor:
    """No colour at all: the background of a pixmap drawn on."""
    return QColor(Qt.GlobalColor.transparent)


# -- style sheets that follow the scheme ----------------------------------------------------

# Every style sheet made below, in either scheme -> (function, arguments) that made it.
SHEETS: dict[str, tuple[Callable[..., str], tuple[Any, ...], dict[str, Any]]] = {}
_forced: bool | None = None  # while a sheet is made for each scheme


def _remembered(make: Callable[..., str]) -> Callable[..., str]:
    """The sheet `make` returns, remembered in both schemes so a switch can remake it."""

    @wraps(make)
    def sheet(*args: Any, **kwargs: Any) -> str:
        global _forced
        shown = make(*args, **kwargs)
        if shown not in SHEETS:
            try:
                for scheme in (False, True):
                    _forced = scheme
                    SHEETS[make(*args, **kwargs)] = (make, args, kwargs)
            finally:
                _forced = None
        return shown

    return sheet


def remade(sheet: str) -> str | None:
    """`sheet` made again for the scheme now in force; None when it was not made here."""
    recipe = SHEETS.get(sheet)
    if recipe is None:
        return None
    make, args, kwargs = recipe
    return make(*args, **kwargs)


@_remembered
def text_style(pair: Pair, extra: str = "") -> str:
    """A QLabel style sheet that colours its text with `pair`."""
    return f"QLabel {{ color: {name(pair)}; {extra} }}"


@_remembered
def strip_style(kind: str, selector: str = "QLabel", extra: str = "") -> str:
    """Background, text and border of a message strip ('error', 'warning', 'info')."""
    background, text, border = _STRIPS.get(kind, _STRIPS["info"])
    return (f"{selector} {{ background: {name(background)}; color: {name(text)};"
            f" border: 1px solid {name(border)}; border-radius: 4px; {extra} }}")


@_remembered
def pill_style(status: str, height: int, card: bool = False) -> str:
    """A status badge as a QLabel: a rounded pill `height` tall in the status's colours."""
    background, text = card_badge(status) if card else badge(status)
    # A radius over half the height makes Qt drop the rounding: keep it just under.
    return (f"QLabel {{ background: {background}; color: {text};"
            f" border-radius: {height // 2 - 1}px; padding: 0px 12px; font-weight: 600; }}")


@_remembered
def note_style() -> str:
    """A quiet note: the palette's placeholder text colour."""
    return "color: palette(placeholder-text);"


@_remembered
def bare_style() -> str:
    """A label inside a strip: no border or background of its own."""
    return "border:none; background:transparent;"


def badge(status: str) -> tuple[str, str]:
    """(background, text) colour names of a status badge."""
    background, text = BADGES.get(status, NEUTRAL_BADGE)
    return name(background), name(text)


def card_badge(status: str) -> tuple[str, str]:
    """(background, text) colour names of a model card's status badge."""
    background, text = CARD_BADGES.get(status, NEUTRAL_BADGE)
    return name(background), name(text)


def badge_colours(status: str, palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """(background, text) of a status badge a delegate paints."""
    background, text = BADGES.get(status, NEUTRAL_BADGE)
    return colour(background, palette), colour(text, palette)


def neutral_badge_colours(palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """(background, text) of a marker that is no status (a group's "shared")."""
    background, text = NEUTRAL_BADGE
    return colour(background, palette), colour(text, palette)


def status_colour(status: str, palette: QPalette | None = None) -> QColor:
    """The colour of an approval status, as its badge shows it (points on a trend plot)."""
    background, _text = BADGES.get(status, NEUTRAL_BADGE)
    return colour(background, palette)


# -- item brushes that follow the scheme ----------------------------------------------------

# The role an item was tinted with, kept beside its brush so a switch can remake the brush.
TEXT_PAIR_ROLE = int(Qt.ItemDataRole.UserRole) + 0x7C0
BACKGROUND_PAIR_ROLE = int(Qt.ItemDataRole.UserRole) + 0x7C1
TINTED_ROLES = ((TEXT_PAIR_ROLE, Qt.ItemDataRole.ForegroundRole),
                (BACKGROUND_PAIR_ROLE, Qt.ItemDataRole.BackgroundRole))


Item = QStandardItem | QTableWidgetItem | QListWidgetItem | QTreeWidgetItem


def _set(item: Item, role: int, value: Any) -> None:
    if isinstance(item, QStandardItem):
        item.setData(value, role)
    elif isinstance(item, QTreeWidgetItem):
        for column in range(max(1, item.columnCount())):
            item.setData(column, role, value)
    else:
        item.setData(role, value)


Tint = Pair | QPalette.ColorRole  # a semantic colour, or a role of the palette itself


def tint_brush(tint: Tint) -> QBrush:
    if isinstance(tint, Pair):
        return brush(tint)
    return QGuiApplication.palette().brush(tint)


def tint_text(item: Item, tint: Tint | None) -> None:
    """Colour an item's text with `tint` (None: the palette's own text colour)."""
    _set(item, TEXT_PAIR_ROLE, tint)
    _set(item, Qt.ItemDataRole.ForegroundRole, tint_brush(tint) if tint is not None else None)


def tint_background(item: Item, tint: Tint | None) -> None:
    """Fill an item's background with `tint` (None: the view's own background)."""
    _set(item, BACKGROUND_PAIR_ROLE, tint)
    _set(item, Qt.ItemDataRole.BackgroundRole, tint_brush(tint) if tint is not None else None)
