"""Semantic colours, legible on light and dark palettes alike. The only place colours are named.

Every role has a light and a dark variant; which one applies follows the application's
QPalette (a dark window background picks the dark variants), so text stays readable whatever
the desktop's theme. Views ask for a role ("error text", "added line"), never for a colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class Pair:
    light: str
    dark: str


# Text on the window's own background.
ERROR_TEXT = Pair("#b3261e", "#ff8a80")
SUCCESS_TEXT = Pair("#1e7e34", "#81c995")
RUNNING_TEXT = Pair("#0d47a1", "#8ab4f8")
RESTORED_TEXT = Pair("#6a1b9a", "#d7aefb")
MUTED_TEXT = Pair("#6b6b6b", "#a0a0a0")

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
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(pair: Pair, palette: QPalette | None = None) -> QColor:
    return QColor(pair.dark if is_dark(palette) else pair.light)


def brush(pair: Pair, palette: QPalette | None = None) -> QBrush:
    return QBrush(colour(pair, palette))


def name(pair: Pair, palette: QPalette | None = None) -> str:
    """'#rrggbb' for style sheets."""
    return pair.dark if is_dark(palette) else pair.light


def text_style(pair: Pair, extra: str = "") -> str:
    """A QLabel style sheet that colours its text with `pair`."""
    return f"QLabel {{ color: {name(pair)}; {extra} }}"


def strip_style(kind: str, selector: str = "QLabel", extra: str = "") -> str:
    """Background, text and border of a message strip ('error', 'warning', 'info')."""
    background, text, border = _STRIPS.get(kind, _STRIPS["info"])
    return (f"{selector} {{ background: {name(background)}; color: {name(text)};"
            f" border: 1px solid {name(border)}; border-radius: 4px; {extra} }}")


def badge(status: str) -> tuple[str, str]:
    """(background, text) colour names of a status badge."""
    background, text = BADGES.get(status, NEUTRAL_BADGE)
    return name(background), name(text)


def card_badge(status: str) -> tuple[str, str]:
    """(background, text) colour names of a model card's status badge."""
    background, text = CARD_BADGES.get(status, NEUTRAL_BADGE)
    return name(background), name(text)


def status_colour(status: str, palette: QPalette | None = None) -> QColor:
    """The colour of an approval status, as its badge shows it (points on a trend plot)."""
    background, _text = BADGES.get(status, NEUTRAL_BADGE)
    return colour(background, palette)
