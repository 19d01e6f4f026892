"""Two documents side by side, statement by statement: each under a heading that says whether
it is kept, added, changed or removed; both sides formatted alike; both copyable. Kept
statements show as their heading only until "Show kept statements" is ticked, so what changes
is in view first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.crossaccount.policies import side_by_side
from app.registry.crossaccount.semantic import ADDED, CHANGED, DOCUMENT_LABEL, KEPT, REMOVED, DiffRow
from app.ui import palette

_HEADING_TINTS = {KEPT: palette.DIFF_KEPT, ADDED: palette.DIFF_ADDED, CHANGED: palette.DIFF_CHANGED,
                  REMOVED: palette.DIFF_REMOVED}
_MARKS = {KEPT: "=", ADDED: "+", CHANGED: "~", REMOVED: "−"}  # the status reads without colour too


class DiffView(QWidget):
    def __init__(self, left_title: str = "", right_title: str = "", *, name: str = "",
                 copy_names: tuple[str, str] = ("", ""), parent: QWidget | None = None):
        super().__init__(parent)
        self._current = ""
        self._proposed = ""
        self._rows: list[DiffRow] = []
        self._words = {KEPT: self.tr("kept"), ADDED: self.tr("added"), CHANGED: self.tr("changed"),
                       REMOVED: self.tr("removed")}
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Difference summary"))
        self.summary.setWordWrap(True)
        self.show_kept = QCheckBox(self.tr("Show kept statements"))
        self.show_kept.setAccessibleName(self.tr("Show kept statements"))
        self.show_kept.toggled.connect(lambda _on: self._render())
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName(name or self.tr("Current and proposed document"))
        self.table.setHorizontalHeaderLabels([left_title or self.tr("Current"), right_title or self.tr("Proposed")])
        # Both sides always in view; a long line shows whole in its tooltip and in the copied JSON.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(18)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        # The end of a line is what differs most (an ARN's key prefix): keep both ends in view.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setShowGrid(False)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.table.setFont(font)
        current_name, proposed_name = copy_names
        self.copy_current = QPushButton(self.tr("Copy current JSON"))
        self.copy_current.setAccessibleName(current_name or self.tr("Copy current JSON"))
        self.copy_current.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._current))
        self.copy_proposed = QPushButton(self.tr("Copy proposed JSON"))
        self.copy_proposed.setAccessibleName(proposed_name or self.tr("Copy proposed JSON"))
        self.copy_proposed.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._proposed))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_current)
        buttons.addWidget(self.copy_proposed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_kept)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_copy_labels(self, current: str, proposed: str) -> None:
        self.copy_current.setText(current)
        self.copy_proposed.setText(proposed)

    def clear(self) -> None:
        self.show_rows([], None, None)

    def show_rows(self, rows: list[DiffRow], current: str | None, proposed: str | None,
                  summary: str | None = None) -> None:
        """`rows` from the registry's semantic diff; the texts are what the Copy buttons copy.
        `summary` replaces the count of statements (for what is not a policy)."""
        self._rows = list(rows)
        self._current = current or ""
        self._proposed = proposed or ""
        self.summary.setText(self._summary(rows, current is None) if summary is None else summary)
        self.summary.setVisible(bool(rows))
        self.show_kept.setVisible(any(r.status == KEPT for r in rows))
        self.copy_current.setEnabled(bool(self._current))
        self.copy_proposed.setEnabled(bool(self._proposed))
        self._render()

    def _render(self) -> None:
        self.table.setRowCount(0)
        for row in self._rows:
            folded = row.status == KEPT and not self.show_kept.isChecked()
            self._add_heading(row, folded)
            if not folded:
                self._add_lines(row)

    def _summary(self, rows: list[DiffRow], no_policy: bool) -> str:
        statements = [r for r in rows if r.label != DOCUMENT_LABEL]
        count = {status: sum(r.status == status for r in statements) for status in _MARKS}
        counts = [text for text, n in (
            (self.tr("%n added", "", count[ADDED]), count[ADDED]),
            (self.tr("%n changed", "", count[CHANGED]), count[CHANGED]),
            (self.tr("%n removed", "", count[REMOVED]), count[REMOVED]),
            (self.tr("%n kept", "", count[KEPT]), count[KEPT]),
        ) if n]
        text = self.tr("Statements: %1.").replace("%1", ", ".join(counts)) if counts else ""
        if no_policy and rows:
            text = self.tr("No policy yet.") + " " + text
        return text.strip()

    def _heading_text(self, row: DiffRow) -> str:
        if row.label == DOCUMENT_LABEL:
            what = self.tr("Document fields (Version, Id)")
        elif row.label:
            what = row.label
        else:
            what = self.tr("(a statement without a Sid)")
        return self.tr("%1 %2: %3").replace("%1", _MARKS[row.status]).replace("%2", self._words[row.status]).replace(
            "%3", what)

    def _add_heading(self, row: DiffRow, folded: bool) -> None:
        position = self.table.rowCount()
        self.table.insertRow(position)
        text = self._heading_text(row)
        if folded:
            text += "  " + self.tr("(%n line(s), unchanged)", "", len(row.current.splitlines()))
        item = QTableWidgetItem(text)
        item.setToolTip(text)  # a Sid longer than the table is wide reads whole here
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        palette.tint_background(item, _HEADING_TINTS[row.status])
        self.table.setItem(position, 0, item)
        self.table.setSpan(position, 0, 1, 2)
        self.table.setRowHeight(position, 22)

    def _add_lines(self, row: DiffRow) -> None:
        lines = side_by_side(row.current, row.proposed)
        added, removed, changed = palette.DIFF_ADDED, palette.DIFF_REMOVED, palette.DIFF_CHANGED
        tints = {"insert": (None, added), "delete": (removed, None), "replace": (changed, changed)}
        for left, right, tag in lines:
            position = self.table.rowCount()
            self.table.insertRow(position)
            for column, text in enumerate((left, right)):
                item = QTableWidgetItem(text)
                item.setToolTip(text.strip())
                tint = tints.get(tag, (None, None))[column]
                if tint is not None and text:
                    palette.tint_background(item, tint)
                if row.status == KEPT:
                    palette.tint_text(item, palette.MUTED_TEXT)
                self.table.setItem(position, column, item)

    # -- what tests and the pages read -----------------------------------------------------

    def statuses(self) -> list[tuple[str, str]]:
        """(label, status) of each statement shown, in order."""
        return [(r.label, r.status) for r in self._rows]

    def headings(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())
                if self.table.columnSpan(r, 0) == 2]

    def column_lines(self, column: int) -> list[str]:
        return [self.table.item(r, column).text() for r in range(self.table.rowCount())
                if self.table.columnSpan(r, 0) == 1 and self.table.item(r, column) is not None]

    def proposed_text(self) -> str:
        return self._proposed

    def current_text(self) -> str:
        return self._current
