"""The name cell of the groups table: a long name elides in its middle (both its start and its
version-like end stay readable; the tooltip holds it whole), and a shared group carries a
"shared" marker at the cell's end, so it stands out without relying on italics or colour."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui import palette
from app.ui.widgets.rows_model import ROW_ROLE

_PAD = 6  # inside the marker, left and right
_GAP = 6  # between the name and the marker, and after the marker


class GroupNameDelegate(QStyledItemDelegate):
    def marker_text(self) -> str:
        return self.tr("shared")

    def _marker_width(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance(self.marker_text()) + 2 * _PAD

    def _reserve(self, option: QStyleOptionViewItem, shared: bool) -> int:
        """What the cell keeps beside the name: the style's text margins, and the marker."""
        return 2 * _GAP + (self._marker_width(option) + 2 * _GAP if shared else 0)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        group = index.data(ROW_ROLE)
        shared = group is not None and group.shared
        text_width = max(0, opt.rect.width() - self._reserve(opt, shared))
        opt.text = QFontMetrics(opt.font).elidedText(opt.text, Qt.TextElideMode.ElideMiddle, text_width)
        opt.textElideMode = Qt.TextElideMode.ElideNone
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if shared:
            self._paint_marker(painter, opt)

    def _paint_marker(self, painter: QPainter, opt: QStyleOptionViewItem) -> None:
        background, foreground = palette.neutral_badge_colours()
        metrics = opt.fontMetrics
        width = self._marker_width(opt)
        height = metrics.height() + 2
        rect = QRectF(opt.rect.right() - _GAP - width, opt.rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(foreground)
        font = opt.font
        font.setItalic(False)
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.marker_text())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        group = index.data(ROW_ROLE)
        # One more pixel: elidedText keeps a text whole only when it is strictly narrower.
        width = QFontMetrics(opt.font).horizontalAdvance(opt.text) + 1 + self._reserve(
            opt, group is not None and group.shared)
        return QSize(max(hint.width(), width), hint.height())
