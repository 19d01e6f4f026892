"""The search results: a tree of account › region, each holding its matching versions.

Each version row shows its group and number, its approval status (a badge), its stage and the
text that matched, with the matched words in bold. Up and Down (also from the search field)
move between versions, skipping the account › region headings.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.ui.search.operations import Result, snippet_html
from app.ui.versions.model import status_label
from app.ui.widgets.status_badge import StatusBadgeDelegate

RESULT_ROLE = Qt.ItemDataRole.UserRole + 1  # the Result of a version row
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # the approval status, for the badge
HTML_ROLE = Qt.ItemDataRole.UserRole + 3  # the matched text as rich text
VERSION, STATUS, STAGE, MATCH = range(4)


class RichTextDelegate(QStyledItemDelegate):
    """Draws HTML_ROLE (escaped text with <b> around the matched words) on one line."""

    def _document(self, option: QStyleOptionViewItem, text: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(text)
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        text = index.data(HTML_ROLE)
        if not text:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(option, text)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = (QPalette.ColorRole.HighlightedText if option.state & QStyle.StateFlag.State_Selected
                else QPalette.ColorRole.Text)
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        top = option.rect.top() + max(0, (option.rect.height() - int(document.size().height())) // 2)
        painter.translate(option.rect.left(), top)
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        # Room for a status badge on every row (the rows are uniform: the heading sets the height).
        hint.setHeight(max(hint.height(), option.fontMetrics.height() + 6))
        text = index.data(HTML_ROLE)
        if text:
            document = self._document(option, text)
            hint.setHeight(max(hint.height(), int(document.size().height())))
        return hint


class ResultsTree(QTreeWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Search results"))
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("Version"), self.tr("Status"), self.tr("Stage"), self.tr("Matched text")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegateForColumn(STATUS, StatusBadgeDelegate(STATUS_ROLE, self))
        self.setItemDelegateForColumn(MATCH, RichTextDelegate(self))
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(VERSION, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(VERSION, 240)
        self.setColumnWidth(STATUS, 110)
        self.setColumnWidth(STAGE, 110)
        self._places: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._arns: set[str] = set()

    # -- filling ---------------------------------------------------------------------------

    def clear_results(self) -> None:
        self.clear()
        self._places.clear()
        self._arns.clear()

    def add(self, results: list[Result], title_of) -> int:
        """Add results under their account › region (`title_of((account, region))` names the
        heading); a version already shown is skipped. Returns how many were added."""
        added = 0
        number = self.tr("%1 v%2")  # translated once, not once per row
        labels: dict[str, str] = {}
        for result in results:
            version = result.version
            if version.summary.arn in self._arns:
                continue
            self._arns.add(version.summary.arn)
            place = (version.account, version.region)
            heading = self._places.get(place)
            if heading is None:
                heading = QTreeWidgetItem(self, [title_of(place)])
                heading.setFirstColumnSpanned(True)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = heading.font(VERSION)
                font.setBold(True)
                heading.setFont(VERSION, font)
                heading.setExpanded(True)
                self._places[place] = heading
            summary = version.summary
            label = labels.get(summary.status)
            if label is None:
                label = labels[summary.status] = status_label(summary.status)
            row = QTreeWidgetItem(heading, [number.replace("%1", summary.group).replace("%2", str(summary.version)),
                                            label, summary.stage or "—", ""])
            row.setData(VERSION, RESULT_ROLE, result)
            row.setData(STATUS, STATUS_ROLE, summary.status)
            row.setData(MATCH, HTML_ROLE, snippet_html(result.snippet))
            row.setToolTip(VERSION, summary.arn)
            added += 1
        if added and self.current_result() is None:
            self.move(1)
        return added

    # -- reading and moving ----------------------------------------------------------------

    def result_count(self) -> int:
        return len(self._arns)

    def place_count(self) -> int:
        return len(self._places)

    def headings(self) -> list[str]:
        return [self.topLevelItem(i).text(VERSION) for i in range(self.topLevelItemCount())]

    def results_under(self, heading: int) -> list[Result]:
        item = self.topLevelItem(heading)
        return [item.child(i).data(VERSION, RESULT_ROLE) for i in range(item.childCount())]

    def current_result(self) -> Result | None:
        item = self.currentItem()
        return None if item is None else item.data(VERSION, RESULT_ROLE)

    def _rows(self) -> list[QTreeWidgetItem]:
        rows = []
        for i in range(self.topLevelItemCount()):
            heading = self.topLevelItem(i)
            rows.extend(heading.child(j) for j in range(heading.childCount()))
        return rows

    def move(self, step: int) -> None:
        """Select the version `step` rows below (negative: above) the current one."""
        rows = self._rows()
        if not rows:
            return
        current = self.currentItem()
        at = rows.index(current) if current in rows else -1
        target = rows[max(0, min(len(rows) - 1, at + step))] if at >= 0 else rows[0]
        self.setCurrentItem(target)
        self.scrollToItem(target)
