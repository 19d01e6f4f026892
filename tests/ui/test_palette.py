"""Every colour comes from app/ui/palette.py, and every pair of colours it names for text reads
at WCAG AA (4.5:1) in Qt's light palette and in the dark one the screenshots use."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.ui import palette
from scripts.shots.driver import dark_palette

APP = Path(__file__).resolve().parents[2] / "app"
AA = 4.5

# -- no colour literal outside palette.py ---------------------------------------------------

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b")
_FUNCTION = re.compile(r"\b(?:rgba?|hsla?|hsva?)\s*\(", re.IGNORECASE)
_PROPERTY = re.compile(r"(?:color|background|border[\w-]*|selection-[\w-]+)\s*:\s*([^;}]*)", re.IGNORECASE)
# Calls that turn a constant into a colour: QColor("red"), QColor(255, 0, 0), pg.mkPen("w")...
_MAKERS = {"QColor", "fromRgb", "fromRgbF", "fromRgba", "fromHsv", "fromHsvF", "fromHsl", "fromHslF",
           "fromString", "setNamedColor", "mkPen", "mkBrush", "mkColor", "setRgb", "setHsv"}


def _colour_names() -> set[str]:
    return {name.lower() for name in QColor.colorNames()} | {"transparent"}


def _problems_in(source: str, names: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        where = getattr(node, "lineno", 0)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if _HEX.search(text) or _FUNCTION.search(text):
                found.append(f"line {where}: {text!r}")
            for value in _PROPERTY.findall(text):
                words = set(re.findall(r"[a-z]+", value.lower()))
                if words & names:
                    found.append(f"line {where}: {text!r}")
        elif isinstance(node, ast.Attribute) and (node.attr == "GlobalColor" or (
                isinstance(node.value, ast.Name) and node.value.id == "Qt" and node.attr.lower() in names)):
            found.append(f"line {where}: Qt.{node.attr}")
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called in _MAKERS and any(isinstance(a, ast.Constant) and a.value is not None for a in node.args):
                found.append(f"line {where}: {called}(…) from a constant")
    return found


def test_no_colour_is_named_outside_the_palette(qapp):
    names = _colour_names()
    problems = {}
    for path in sorted(APP.rglob("*.py")):
        if path == APP / "ui" / "palette.py":
            continue
        found = _problems_in(path.read_text(encoding="utf-8"), names)
        if found:
            problems[str(path.relative_to(APP.parent))] = found
    assert problems == {}


@pytest.mark.parametrize("source", [
    'label.setStyleSheet("QLabel { color: #b00020; }")',
    'label.setStyleSheet("background: rgb(255, 0, 0);")',
    'label.setStyleSheet("QLabel { border: 1px solid darkred; }")',
    "painter.setPen(Qt.GlobalColor.red)",
    "painter.setPen(Qt.red)",
    'painter.setBrush(QColor("orange"))',
    "painter.setBrush(QColor(255, 128, 0))",
    'curve.setPen(pg.mkPen("w"))',
])
def test_the_check_finds_each_way_of_naming_a_colour(qapp, source):
    assert _problems_in(source, _colour_names())


# -- contrast -------------------------------------------------------------------------------


def _luminance(name: str) -> float:
    colour = QColor(name)

    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(first: str, second: str) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TEXT_ROLES = {"error": palette.ERROR_TEXT, "success": palette.SUCCESS_TEXT, "running": palette.RUNNING_TEXT,
              "restored": palette.RESTORED_TEXT, "muted": palette.MUTED_TEXT, "better": palette.DELTA_BETTER,
              "worse": palette.DELTA_WORSE}
LINE_TINTS = {"added": palette.DIFF_ADDED, "removed": palette.DIFF_REMOVED, "changed": palette.DIFF_CHANGED,
              "kept": palette.DIFF_KEPT}


def _schemes(qapp) -> dict[str, tuple[QPalette, str]]:
    """Qt's own light palette (Fusion's, as the tests and the screenshots run) and the dark one."""
    light = QApplication.style().standardPalette()
    assert not palette.is_dark(light)
    assert palette.is_dark(dark_palette())
    return {"light": (light, "light"), "dark": (dark_palette(), "dark")}


def _pairs(qapp) -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) of every text the palette colours, in both schemes."""
    pairs = []
    for scheme, (qt_palette, side) in _schemes(qapp).items():
        backgrounds = {role: qt_palette.color(getattr(QPalette.ColorRole, role)).name()
                       for role in ("Window", "Base", "AlternateBase")}
        backgrounds |= {f"{line} line": getattr(tint, side) for line, tint in LINE_TINTS.items()}
        texts = {role: getattr(pair, side) for role, pair in TEXT_ROLES.items()}
        texts["text"] = qt_palette.color(QPalette.ColorRole.Text).name()
        for text_name, text in texts.items():
            for background_name, background in backgrounds.items():
                pairs.append((f"{scheme}: {text_name} text on {background_name}", text, background))
        for kind, (background, text, _border) in palette._STRIPS.items():
            pairs.append((f"{scheme}: {kind} strip", getattr(text, side), getattr(background, side)))
        badges = [*palette.BADGES.items(), ("neutral", palette.NEUTRAL_BADGE),
                  *((f"card {k}", v) for k, v in palette.CARD_BADGES.items())]
        for status, (background, text) in badges:
            pairs.append((f"{scheme}: {status} badge", getattr(text, side), getattr(background, side)))
    return pairs


def test_every_text_the_palette_colours_reads_at_aa_in_light_and_dark(qapp):
    pairs = _pairs(qapp)
    assert len(pairs) > 100
    failing = {what: round(contrast(text, background), 2) for what, text, background in pairs
               if contrast(text, background) < AA}
    assert failing == {}


def test_the_contrast_formula_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white
    assert contrast("#777777", "#ffffff") < AA
