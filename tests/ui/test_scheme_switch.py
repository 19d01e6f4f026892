"""The desktop switches from light to dark while the window is open (an error in the banner,
status badges in the table and the details, a policy diff, the Compare window): every colour
on screen becomes the dark scheme's, and back again."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.registry.crossaccount.semantic import semantic_diff
from app.registry.versions.records import PENDING
from app.ui import palette
from app.ui.versions.details_parts import StatusBadge
from app.ui.wizards.crossaccount.diff_view import DiffView
from scripts.shots.driver import dark_palette
from tests.ui.test_approval_window import select
from tests.ui.test_compare import compare, pair, window  # noqa: F401 (fixtures)
from tests.ui.test_main_window import TIMEOUT

CURRENT = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
     "Action": "sagemaker:DescribeModelPackage", "Resource": "*"}]}
PROPOSED = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
     "Action": "sagemaker:DescribeModelPackage", "Resource": "*"},
    {"Sid": "Register", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
     "Action": "sagemaker:CreateModelPackage", "Resource": "*"}]}


def colours_in(widget: QWidget) -> set[str]:
    """Every colour the widget shows, as '#rrggbb'."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
    return {f"#{value & 0xFFFFFF:06x}" for value in np.unique(pixels)}


def sides(pair_: palette.Pair) -> tuple[str, str]:
    return pair_.light, pair_.dark


@pytest.fixture
def light(qapp):
    before = QApplication.palette()
    yield before
    qapp.setPalette(before)


def test_switching_to_dark_while_open_recolours_banner_badges_diff_and_compare(
        qtbot, qapp, light, window, pair):  # noqa: F811
    first, second = pair
    assert not palette.is_dark()
    window.banner.show_message("AccessDenied: the profile may not call sagemaker:ListModelPackages", "error")
    select(qtbot, window.versions_view, [second])
    qtbot.waitUntil(lambda: bool(window.details_pane.findChildren(StatusBadge)), timeout=TIMEOUT)
    details_badge = window.details_pane.findChildren(StatusBadge)[0]
    qtbot.waitUntil(lambda: details_badge.status() == PENDING, timeout=TIMEOUT)
    diff = DiffView(name="Policy difference")
    qtbot.addWidget(diff)
    diff.show_rows(semantic_diff(CURRENT, PROPOSED), json.dumps(CURRENT), json.dumps(PROPOSED))
    diff.resize(900, 400)
    diff.show()
    shown = compare(qtbot, window, [first, second])
    error_strip, error_text, _border = palette._STRIPS["error"]
    pending_badge = palette.BADGES[PENDING][0]

    def check(side: int) -> None:
        now, other = (lambda p: sides(p)[side]), (lambda p: sides(p)[1 - side])
        # The banner: the error strip's background and text of this scheme.
        assert now(error_strip) in window.banner.styleSheet() and now(error_text) in window.banner.styleSheet()
        assert now(error_strip) in colours_in(window.banner)
        assert other(error_strip) not in colours_in(window.banner)
        # The status badges the versions table paints.
        table = colours_in(window.versions_view.table.viewport())
        assert now(pending_badge) in table and other(pending_badge) not in table
        assert now(pending_badge) in colours_in(details_badge)
        # The policy diff: headings and changed lines in this scheme's tints.
        shown_diff = colours_in(diff.table.viewport())
        for tint in (palette.DIFF_ADDED, palette.DIFF_CHANGED):
            assert now(tint) in shown_diff and other(tint) not in shown_diff
        # The Compare window: changed lines, and the metric that got worse.
        shown.raise_()
        compared = colours_in(shown.tree.viewport())
        assert now(palette.DIFF_CHANGED) in compared and other(palette.DIFF_CHANGED) not in compared
        texts = foregrounds(shown.model)
        assert now(palette.DELTA_WORSE) in texts and other(palette.DELTA_WORSE) not in texts
        assert now(palette.DELTA_BETTER) in texts and other(palette.DELTA_BETTER) not in texts

    check(0)
    qapp.setPalette(dark_palette())
    qtbot.waitUntil(lambda: check(1), timeout=TIMEOUT)  # Qt posts the change to the widgets
    qapp.setPalette(light)
    qtbot.waitUntil(lambda: check(0), timeout=TIMEOUT)


def foregrounds(model, parent=None) -> set[str]:
    """The text colours a model gives its cells, all levels."""
    from PySide6.QtCore import QModelIndex, Qt

    parent = parent or QModelIndex()
    found = set()
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            brush = index.data(Qt.ItemDataRole.ForegroundRole)
            if brush is not None:
                found.add(brush.color().name())
        found |= foregrounds(model, model.index(row, 0, parent))
    return found


def test_the_palette_role_texts_follow_a_switch_too(qtbot, qapp, light):
    """An item coloured with a role of the palette itself (a skipped version's grey) follows."""
    from PySide6.QtWidgets import QListWidget, QListWidgetItem

    listing = QListWidget()
    qtbot.addWidget(listing)
    item = QListWidgetItem("skipped")
    palette.tint_text(item, QPalette.ColorRole.PlaceholderText)
    listing.addItem(item)
    from app.ui.scheme import watch

    watch()
    qapp.setPalette(dark_palette())
    dark_grey = dark_palette().color(QPalette.ColorRole.PlaceholderText)
    qtbot.waitUntil(lambda: listing.item(0).foreground().color() == dark_grey, timeout=TIMEOUT)


def test_every_open_table_follows_a_switch_not_only_some(qtbot, qapp, light):
    """Many tinted tables open at once (diffs, lists, trees): every one takes the new tints."""
    from app.ui.scheme import watch

    views = []
    for _ in range(16):
        table, listing, tree = QTableWidget(1, 1), QListWidget(), QTreeWidget()
        table.setItem(0, 0, QTableWidgetItem("+ added"))
        listing.addItem(QListWidgetItem("+ added"))
        tree.addTopLevelItem(QTreeWidgetItem(["+ added"]))
        views += [table, listing, tree]
    for view in views:
        qtbot.addWidget(view)
        palette.tint_background(first_item(view), palette.DIFF_ADDED)
    watch()
    qapp.setPalette(dark_palette())

    def followed(side: int) -> None:
        assert {background(view) for view in views} == {sides(palette.DIFF_ADDED)[side]}

    qtbot.waitUntil(lambda: followed(1), timeout=TIMEOUT)
    qapp.setPalette(light)
    qtbot.waitUntil(lambda: followed(0), timeout=TIMEOUT)


def first_item(view):
    if isinstance(view, QTableWidget):
        return view.item(0, 0)
    return view.item(0) if isinstance(view, QListWidget) else view.topLevelItem(0)


def background(view) -> str:
    """The colour the view's first item is filled with, as '#rrggbb'."""
    return view.model().index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
