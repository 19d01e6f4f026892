"""The group details' Tags tab: the tags as read, a key and value to add or change, Remove.

Key and value are checked as they are typed against AWS's limits (the message says what to type
instead) and Add stays disabled until both pass. The view does the writing (`editRequested`);
a write re-reads the tags first, so a tag someone else changed shows here with a conflict
message, never overwritten unseen. A shared group's tags are read-only, and the tab says why.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.registry.governance.tags import TagEdit, check_tag_key, check_tag_value
from app.ui import palette
from app.ui.texts import render
from app.ui.versions.details_parts import selectable
from app.ui.widgets.plain_table import PlainTable
from app.ui.widgets.rows_model import Column


class TagsTab(QWidget):
    editRequested = Signal(object, object)  # TagEdit, the tags as the user read them (dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tags: dict[str, str] | None = None
        self._readonly_reason = ""
        self._busy = False
        self.table = PlainTable(self.tr("Tags"), [
            Column(self.tr("Key"), lambda t: t[0]),
            Column(self.tr("Value"), lambda t: t[1]),
        ], max_visible_rows=None)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.key = QLineEdit()
        self.key.setAccessibleName(self.tr("Tag key"))
        self.key.setPlaceholderText(self.tr("Key, e.g. cost-center"))
        self.value = QLineEdit()
        self.value.setAccessibleName(self.tr("Tag value"))
        self.value.setPlaceholderText(self.tr("Value (may be empty)"))
        self.add_button = QPushButton(self.tr("Add Tag"))
        self.add_button.setAccessibleName(self.tr("Add or change tag"))
        self.remove_button = QPushButton(self.tr("Remove Selected…"))
        self.remove_button.setAccessibleName(self.tr("Remove selected tags"))
        self.problem = selectable(QLabel())
        self.problem.setAccessibleName(self.tr("Tag problem"))
        self.problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.note = selectable(QLabel())
        self.note.setAccessibleName(self.tr("Tags note"))
        self.note.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.reason = selectable(QLabel())  # why a shared group's tags cannot change here
        self.reason.setAccessibleName(self.tr("Why the tags are read-only"))
        row = QHBoxLayout()
        row.addWidget(self.key, 2)
        row.addWidget(self.value, 3)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.key.textChanged.connect(lambda _t: self._check())
        self.value.textChanged.connect(lambda _t: self._check())
        self.key.returnPressed.connect(self._add)
        self.value.returnPressed.connect(self._add)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.show_reading()

    # -- what the view tells it ------------------------------------------------------------

    def show_reading(self) -> None:
        """Another group: nothing typed or saving for the last one carries over to it."""
        self._tags = None
        self._busy = False
        self.key.clear()
        self.value.clear()
        self.table.set_rows([])
        self.table.set_empty_text(self.tr("Reading tags…"))
        self.note.hide()
        self.reason.hide()
        self.problem.clear()
        self._update_buttons()

    def show_tags(self, tags: dict[str, str] | None, error: str = "", readonly_reason: str = "") -> None:
        self._tags = None if tags is None else dict(tags)
        self._readonly_reason = readonly_reason
        self.table.set_rows(sorted((tags or {}).items(), key=lambda kv: kv[0].lower()))
        if tags is None:
            self.table.set_empty_text(self.tr("The tags could not be read."), error=True)
        else:
            self.table.set_empty_text(self.tr("No tags. Add one below: a key, and a value if you like."))
        self.note.setText(error)
        self.note.setVisible(bool(error))
        self.reason.setText(readonly_reason)
        self.reason.setVisible(bool(readonly_reason))
        self._check()

    def saved(self, tags: dict[str, str], message: str) -> None:
        self._busy = False
        self.key.clear()
        self.value.clear()
        self.show_tags(tags, readonly_reason=self._readonly_reason)
        self.problem.setStyleSheet("")
        self.problem.setText(message)

    def failed(self, message: str, current: dict[str, str] | None = None) -> None:
        """Nothing typed is lost; a conflict shows the tags as they are now."""
        self._busy = False
        if current is not None:
            self.show_tags(current, readonly_reason=self._readonly_reason)
        self._update_buttons()
        self.problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.problem.setText(message)

    def restyle(self) -> None:
        """The palette changed: the error colours follow it (a saved note stays plain)."""
        plain = self.problem.styleSheet() == ""
        self.problem.setStyleSheet("" if plain else palette.text_style(palette.ERROR_TEXT))
        self.note.setStyleSheet(palette.text_style(palette.ERROR_TEXT))

    def tags(self) -> dict[str, str] | None:
        return None if self._tags is None else dict(self._tags)

    # -- the user's edits ------------------------------------------------------------------

    def _editable(self) -> bool:
        return self._tags is not None and not self._readonly_reason and not self._busy

    def _check(self) -> str | None:
        key, value = self.key.text(), self.value.text()
        problem = None
        if key or value:
            problem = check_tag_key(key) or check_tag_value(value)
        self.problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.problem.setText(render(problem) if problem else "")
        exists = self._tags is not None and key in self._tags
        self.add_button.setText(self.tr("Change Tag") if exists else self.tr("Add Tag"))
        self._update_buttons(problem)
        return problem

    def _update_buttons(self, problem: str | None = "") -> None:
        if problem == "":
            key, value = self.key.text(), self.value.text()
            problem = (check_tag_key(key) or check_tag_value(value)) if (key or value) else None
        editable = self._editable()
        for widget in (self.key, self.value):
            widget.setEnabled(editable)
            widget.setToolTip(self._readonly_reason)
        self.add_button.setEnabled(editable and bool(self.key.text()) and problem is None)
        self.remove_button.setEnabled(editable and bool(self._selected_keys()))
        for button in (self.add_button, self.remove_button):
            button.setToolTip(self._readonly_reason)

    def _selected_keys(self) -> list[str]:
        rows = self.table.rows()
        picked = {self.table.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [rows[i][0] for i in sorted(picked) if 0 <= i < len(rows)]

    def _add(self) -> None:
        if not self.add_button.isEnabled() or self._tags is None:
            return
        self._busy = True
        self._update_buttons()
        self.problem.setText(self.tr("Saving…"))
        self.editRequested.emit(TagEdit(set={self.key.text(): self.value.text()}), dict(self._tags))

    def _remove(self) -> None:
        keys = self._selected_keys()
        if not keys or self._tags is None or not self._editable():
            return
        listed = "\n".join(f"{k} = {self._tags.get(k, '')}" for k in keys)
        answer = QMessageBox.question(
            self, self.tr("Remove tags"),
            self.tr("Remove %n tag(s) from the group?", "", len(keys)) + f"\n\n{listed}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._busy = True
        self._update_buttons()
        self.problem.setStyleSheet("")
        self.problem.setText(self.tr("Saving…"))
        self.editRequested.emit(TagEdit(remove=tuple(keys)), dict(self._tags))
