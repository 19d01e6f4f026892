"""The lines of a comparison as a tree: one row per section (titled with its count of
differences), under it one row per field: Field / left version / right version / change.

Every difference reads without colour too: the change column says "added", "removed" or
"changed" with a mark (+ − ~), and a metric's delta says "better" or "worse" with an arrow
for the way the value moved; the tints (palette.py) only repeat it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from app.registry.versions.compare import METRICS_PROBLEM_LABEL, Change, Comparison, Direction, Line, Section
from app.ui import palette
from app.ui.widgets.formatting import format_number

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the Line of a field row; None on a section row
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2  # the Section of a section row
ABSENT = "—"  # a side without the field
_MARKS = {Change.ADDED: "+", Change.REMOVED: "−", Change.CHANGED: "~", Change.SAME: "="}
_TINTS = {Change.ADDED: palette.DIFF_ADDED, Change.REMOVED: palette.DIFF_REMOVED, Change.CHANGED: palette.DIFF_CHANGED}


def section_titles() -> dict[Section, str]:
    """The groups' titles, as the window, the copies and the screenshots show them."""
    return {
        Section.CONTAINERS: translate("ComparisonModel", "Containers"),
        Section.INFERENCE: translate("ComparisonModel", "Inference specification"),
        Section.APPROVAL: translate("ComparisonModel", "Approval and lifecycle"),
        Section.METADATA: translate("ComparisonModel", "Metadata"),
        Section.CARD: translate("ComparisonModel", "Model card"),
        Section.METRICS: translate("ComparisonModel", "Model metrics"),
        Section.SOURCE: translate("ComparisonModel", "Source and lineage"),
    }


def change_text(line: Line) -> str:
    """What the change column says: a mark and a word, and for a metric its delta and whether
    it moved the good way ("+0.031 ▲ better")."""
    if line.delta is not None and line.change is Change.CHANGED:
        arrow = "▲" if line.delta > 0 else "▼" if line.delta < 0 else "="
        sign = "+" if line.delta > 0 else ""
        delta = sign + format_number(line.delta)
        if line.direction is Direction.BETTER:
            return translate("ComparisonModel", "%1 %2 better").replace("%1", delta).replace("%2", arrow)
        if line.direction is Direction.WORSE:
            return translate("ComparisonModel", "%1 %2 worse").replace("%1", delta).replace("%2", arrow)
        return translate("ComparisonModel", "%1 %2 changed").replace("%1", delta).replace("%2", arrow)
    words = {Change.ADDED: translate("ComparisonModel", "added"),
             Change.REMOVED: translate("ComparisonModel", "removed"),
             Change.CHANGED: translate("ComparisonModel", "changed"),
             Change.SAME: translate("ComparisonModel", "same")}
    return f"{_MARKS[line.change]} {words[line.change]}"


def field_text(line: Line) -> str:
    return " › ".join(line.label)


class ComparisonModel(QStandardItemModel):
    FIELD, LEFT, RIGHT, CHANGE = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(0, 4, parent)
        self._comparison: Comparison | None = None
        self._only_differences = True
        self.set_titles(translate("ComparisonModel", "Left"), translate("ComparisonModel", "Right"))

    def set_titles(self, left: str, right: str) -> None:
        self.setHorizontalHeaderLabels([translate("ComparisonModel",
                                                  "Field"), left, right, translate("ComparisonModel", "Change")])

    def summary_text(self, comparison: Comparison) -> str:
        """"7 differences in 4 sections", or that the two versions are alike."""
        differences = comparison.differences()
        if not differences:
            return self.tr("These two versions are identical in every compared field.")
        sections = len({line.section for line in differences})
        return self.tr("%1 in %n section(s)", "", sections).replace("%1", self.differences_text(len(differences)))

    def differences_text(self, count: int) -> str:
        return self.tr("%n difference(s)", "", count)

    def comparison(self) -> Comparison | None:
        return self._comparison

    def show(self, comparison: Comparison | None, only_differences: bool = True,
             unread: tuple[bool, bool] = (False, False)) -> None:
        """`unread`: whether the left and the right version's metrics report could not be read;
        a metric it lacks then says "not read", never "removed" or "added"."""
        self._comparison, self._only_differences = comparison, only_differences
        self.removeRows(0, self.rowCount())
        if comparison is None:
            return
        titles = section_titles()
        for section in Section:
            lines = [line for line in comparison.lines if line.section is section]
            differing = sum(1 for line in lines if line.differs)
            shown = [line for line in lines if line.differs or not only_differences]
            if not shown:
                continue
            self.appendRow(self._section_row(section, titles[section], differing))
            parent = self.item(self.rowCount() - 1, 0)
            for line in shown:
                parent.appendRow(self._line_row(line, unread))

    def sections_shown(self) -> list[str]:
        """The section rows' texts, top to bottom (what tests and the screenshot read)."""
        return [str(self.item(row, 0).text()) for row in range(self.rowCount())]

    def lines_shown(self) -> list[tuple[str, str, str, str, str]]:
        """(section title, field, left, right, change) of every field row, top to bottom."""
        titles = section_titles()
        rows = []
        for row in range(self.rowCount()):
            head = self.item(row, 0)
            for child in range(head.rowCount()):
                texts = [head.child(child, column).text() for column in range(4)]
                rows.append((titles[head.data(SECTION_ROLE)], *texts))
        return rows

    def line_at(self, index: QModelIndex | QPersistentModelIndex) -> Line | None:
        return index.siblingAtColumn(0).data(LINE_ROLE) if index.isValid() else None

    # -- rows ------------------------------------------------------------------------------

    def _section_row(self, section: Section, title: str, differing: int) -> list[QStandardItem]:
        count = self.differences_text(differing) if differing else self.tr("no differences")
        head = QStandardItem(translate("ComparisonModel", "%1 — %2").replace("%1", title).replace("%2", count))
        head.setData(section, SECTION_ROLE)
        head.setAccessibleText(head.text())
        font = QFont(head.font())
        font.setBold(True)
        head.setFont(font)
        items = [head] + [QStandardItem() for _ in range(3)]
        for item in items:
            item.setEditable(False)
            item.setBackground(palette.brush(palette.DIFF_KEPT))
        return items

    def _line_row(self, line: Line, unread: tuple[bool, bool]) -> list[QStandardItem]:
        texts = [field_text(line), _side(line.left), _side(line.right), change_text(line)]
        tint = _TINTS.get(line.change)
        not_read = [line.section is Section.METRICS and value is None and lost
                    for value, lost in zip((line.left, line.right), unread, strict=True)]
        if line.section is Section.METRICS and line.label == METRICS_PROBLEM_LABEL:
            texts[0], texts[3], tint = self.tr("metrics report"), self.tr("! could not be read"), palette.DIFF_CHANGED
        elif any(not_read):
            for column, lost in zip((self.LEFT, self.RIGHT), not_read, strict=True):
                if lost:
                    texts[column] = self.tr("not read")
            texts[3], tint = self.tr("? unknown"), palette.DIFF_CHANGED
        items = [QStandardItem(text) for text in texts]
        items[0].setData(line, LINE_ROLE)
        for column, item in enumerate(items):
            item.setEditable(False)
            item.setToolTip(_tooltip(line, column, texts[column]))
            if tint is not None:
                item.setBackground(palette.brush(tint))
            elif column:
                item.setForeground(palette.brush(palette.MUTED_TEXT))
        for column, value in ((self.LEFT, line.left), (self.RIGHT, line.right)):
            if value is None:
                items[column].setForeground(palette.brush(palette.MUTED_TEXT))
                if texts[column] != ABSENT:  # not read: in italics, as a remark, not a value
                    font = QFont(items[column].font())
                    font.setItalic(True)
                    items[column].setFont(font)
        change = items[self.CHANGE]
        if line.direction is Direction.BETTER and line.delta:
            change.setForeground(palette.brush(palette.DELTA_BETTER))
        elif line.direction is Direction.WORSE and line.delta:
            change.setForeground(palette.brush(palette.DELTA_WORSE))
        if line.differs:
            font = QFont(change.font())
            font.setBold(True)
            change.setFont(font)
        return items


def _side(value: str | None) -> str:
    return ABSENT if value is None else value


def _tooltip(line: Line, column: int, text: str) -> str:
    if column in (ComparisonModel.LEFT, ComparisonModel.RIGHT) and text == ABSENT:
        return translate("ComparisonModel", "This version has no such field")
    return text
