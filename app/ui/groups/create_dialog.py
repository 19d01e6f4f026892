"""Create a model package group: name checked as it is typed, before any call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions import requests
from app.ui import palette


class CreateGroupDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Model Package Group"))
        self.setAccessibleName(self.tr("New model package group"))
        self.resize(520, 420)

        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Group name"))
        self.name_edit.setPlaceholderText(self.tr("for example churn-prediction"))
        self.name_error = QLabel()
        self.name_error.setAccessibleName(self.tr("Group name problem"))
        self.name_error.setWordWrap(True)
        self.name_error.setStyleSheet(palette.text_style(palette.ERROR_TEXT))

        self.description_edit = QPlainTextEdit()
        self.description_edit.setAccessibleName(self.tr("Group description"))
        self.description_edit.setFixedHeight(70)
        self.description_error = QLabel()
        self.description_error.setWordWrap(True)
        self.description_error.setStyleSheet(palette.text_style(palette.ERROR_TEXT))

        self.tags_table = QTableWidget(4, 2)
        self.tags_table.setAccessibleName(self.tr("Group tags"))
        self.tags_table.setHorizontalHeaderLabels([self.tr("Tag key"), self.tr("Value")])
        self.tags_table.horizontalHeader().setStretchLastSection(True)
        self.tags_error = QLabel()
        self.tags_error.setWordWrap(True)
        self.tags_error.setStyleSheet(palette.text_style(palette.ERROR_TEXT))

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow(self.tr("&Description:"), self.description_edit)
        form.addRow("", self.description_error)
        form.addRow(self.tr("&Tags:"), self.tags_table)
        form.addRow("", self.tags_error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create"))
        self.create_button.setAccessibleName(self.tr("Create group"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self._validate)
        self.description_edit.textChanged.connect(self._validate)
        self.tags_table.itemChanged.connect(self._validate)
        self._validate()

    def name(self) -> str:
        return self.name_edit.text().strip()

    def description(self) -> str:
        return self.description_edit.toPlainText().strip()

    def tags(self) -> dict[str, str]:
        tags: dict[str, str] = {}
        for row in range(self.tags_table.rowCount()):
            key_item, value_item = self.tags_table.item(row, 0), self.tags_table.item(row, 1)
            key = key_item.text().strip() if key_item else ""
            value = value_item.text().strip() if value_item else ""
            if key:
                tags[key] = value
        return tags

    def _tag_problem(self) -> str:
        seen: set[str] = set()
        for row in range(self.tags_table.rowCount()):
            key_item, value_item = self.tags_table.item(row, 0), self.tags_table.item(row, 1)
            key = key_item.text().strip() if key_item else ""
            value = value_item.text().strip() if value_item else ""
            if value and not key:
                return self.tr("Row %1 has a value but no key: type a key or clear the value.").replace(
                    "%1", str(row + 1))
            if key in seen:
                return self.tr("The tag key '%1' appears twice: keep one.").replace("%1", key)
            if key:
                seen.add(key)
            if len(key) > 128 or len(value) > 256:
                return self.tr("Tag keys take at most 128 characters and values 256.")
        return ""

    def _validate(self) -> None:
        name = self.name()
        name_problem = requests.check_group_name(name) if name else self.tr("Type a name for the group.")
        description_problem = requests.check_group_description(self.description()) or ""
        tag_problem = self._tag_problem()
        # An untouched, empty name is not an error yet; it just keeps Create disabled.
        self.name_error.setText(name_problem if name else "")
        self.name_error.setVisible(bool(name and name_problem))
        self.description_error.setText(description_problem)
        self.description_error.setVisible(bool(description_problem))
        self.tags_error.setText(tag_problem)
        self.tags_error.setVisible(bool(tag_problem))
        ok = not name_problem and not description_problem and not tag_problem
        self.create_button.setEnabled(ok)
        self.create_button.setToolTip("" if ok else (name_problem or description_problem or tag_problem))

    def keyPressEvent(self, event) -> None:
        # Enter inside the tags table edits a cell; it must not submit the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tags_table.hasFocus():
            return
        super().keyPressEvent(event)


def set_tags(dialog: CreateGroupDialog, tags: dict[str, str]) -> None:
    """Fill the tags table (tests and a future 'duplicate group' use this)."""
    for row, (key, value) in enumerate(tags.items()):
        if row >= dialog.tags_table.rowCount():
            dialog.tags_table.insertRow(row)
        dialog.tags_table.setItem(row, 0, QTableWidgetItem(key))
        dialog.tags_table.setItem(row, 1, QTableWidgetItem(value))
