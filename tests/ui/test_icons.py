"""Every action in the toolbar and the menus shows a bundled icon (no desktop theme needed),
drawn in the palette's button text colour, and drawn again when the palette turns dark."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtGui import QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app import resources
from app.ui import icons
from app.ui.actions import ACTIONS, MENUS, TOOLBAR, build_actions
from app.ui.scheme import watch
from scripts.shots.driver import dark_palette
from tests.ui.test_main_window import TIMEOUT

# Moving the focus between the two lists is no command of its own: no icon.
WITHOUT_ICON = {"focus_groups", "focus_versions"}


def shown_actions() -> set[str]:
    in_menus = {name for _title, names in MENUS for name in names if name is not None}
    return (in_menus | {name for name in TOOLBAR if name is not None}) - WITHOUT_ICON


def opaque_colours(icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The colours of the icon's fully drawn pixels at toolbar size."""
    image = icon.pixmap(24, 24, mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
    return {f"#{value & 0xFFFFFF:06x}" for value in pixels if value >> 24 == 0xFF}


@pytest.fixture
def light(qapp):
    before = QApplication.palette()
    yield before
    qapp.setPalette(before)


def test_every_action_the_toolbar_and_menus_show_has_its_own_bundled_icon(qapp):
    specs = {spec.name: spec for spec in ACTIONS}
    missing = sorted(name for name in shown_actions() if not specs[name].icon
                     or not resources.path("icons", "actions", f"{specs[name].icon}.svg").is_file())
    assert missing == []
    owner = QWidget()
    actions = build_actions(owner)
    text = QApplication.palette().color(QPalette.ColorRole.ButtonText).name()
    for name in shown_actions():
        assert opaque_colours(actions[name].icon()) == {text}, name


def test_each_icon_is_a_24_pixel_stroke_drawing_in_the_current_colour():
    for name in icons.names():
        source = resources.path("icons", "actions", f"{name}.svg").read_text(encoding="utf-8")
        assert 'viewBox="0 0 24 24"' in source and 'stroke="currentColor"' in source, name
        assert 'stroke-width="2"' in source and 'fill="none"' in source, name
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(", source), name  # the palette colours it


def test_the_icons_are_drawn_again_in_the_dark_palettes_text_colour(qtbot, qapp, light):
    owner = QWidget()
    qtbot.addWidget(owner)
    actions = build_actions(owner)
    watch()
    light_text = light.color(QPalette.ColorRole.ButtonText).name()
    dark_text = dark_palette().color(QPalette.ColorRole.ButtonText).name()
    disabled = dark_palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    assert opaque_colours(actions["approve"].icon()) == {light_text}
    qapp.setPalette(dark_palette())
    qtbot.waitUntil(lambda: opaque_colours(actions["approve"].icon()) == {dark_text}, timeout=TIMEOUT)
    assert opaque_colours(actions["refresh"].icon(), QIcon.Mode.Disabled) == {disabled}
    qapp.setPalette(light)
    qtbot.waitUntil(lambda: opaque_colours(actions["approve"].icon()) == {light_text}, timeout=TIMEOUT)
