"""The card editor's form: the fields most cards fill in, each tied to one path of the card's JSON.

The form never holds the card: it shows a card (`show_card`) and reports each field the user
changed (`fieldEdited`, with the path); the editor writes that one value into the card, so a
field the form does not show, or a value of another type typed in the JSON tab, stays as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.versions.card_sections import section_titles
from app.ui.versions.details_parts import form_layout

# The schema's words, sent as they are, and how each reads.
RISK_RATINGS = {"High": QT_TRANSLATE_NOOP("CardForm", "High"), "Medium": QT_TRANSLATE_NOOP("CardForm", "Medium"),
                "Low": QT_TRANSLATE_NOOP("CardForm", "Low"), "Unknown": QT_TRANSLATE_NOOP("CardForm", "Unknown")}
CUSTOM = ("additional_information", "custom_details")



def card_json_edit(accessible_name: str) -> QPlainTextEdit:
    """The JSON side of a card editor: monospace, unwrapped, as the card is written."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(accessible_name)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setStyleHint(QFont.StyleHint.Monospace)
    edit.setFont(mono)
    return edit


def merge_form_value(content: dict[str, Any], section: str, key: str, value: Any) -> bool:
    """Put the form's `value` for `section`.`key` into the card `content` (None removes it, and a
    section left empty); False when there was nothing to change."""
    part = content.get(section)
    if not isinstance(part, dict):
        if value is None:
            return False
        part = content[section] = {}
    if value is None:
        part.pop(key, None)
        if not part:
            del content[section]
    elif (section, key) == CUSTOM or part.get(key) != value:
        part[key] = value
    return True


class CardForm(QWidget):
    fieldEdited = Signal(str, str)  # section, field

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[tuple[str, str], QLineEdit | QPlainTextEdit | QComboBox] = {}
        self._showing = False
        layout = QVBoxLayout(self)
        titles = section_titles()
        spec = {
            "model_overview": [
                ("model_description", self.tr("Description"), True),
                ("model_owner", self.tr("Owner"), False),
                ("model_creator", self.tr("Creator"), False),
                ("problem_type", self.tr("Problem type"), False),
                ("algorithm_type", self.tr("Algorithm type"), False),
            ],
            "intended_uses": [
                ("purpose_of_model", self.tr("Purpose"), True),
                ("intended_uses", self.tr("Intended uses"), True),
                ("factors_affecting_model_efficiency", self.tr("Factors affecting efficiency"), True),
                ("risk_rating", self.tr("Risk rating"), None),
                ("explanations_for_risk_rating", self.tr("Why this risk rating"), True),
            ],
            "business_details": [
                ("business_problem", self.tr("Business problem"), True),
                ("business_stakeholders", self.tr("Stakeholders"), False),
                ("line_of_business", self.tr("Line of business"), False),
            ],
            "additional_information": [
                ("ethical_considerations", self.tr("Ethical considerations"), True),
                ("caveats_and_recommendations", self.tr("Caveats and recommendations"), True),
            ],
        }
        form = form_layout()  # one form for every section, so the labels line up
        for section, rows in spec.items():
            heading = QLabel(titles[section])
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            heading.setContentsMargins(0, 6, 0, 0)
            form.addRow(heading)
            for key, label, multiline in rows:
                widget = self._make(section, key, label, multiline)
                form.addRow(label, widget)
        layout.addLayout(form)

        layout.addWidget(QLabel(self.tr("Custom details")))
        self.custom = QTableWidget(0, 2)
        self.custom.setAccessibleName(self.tr("Custom details"))
        self.custom.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value")])
        self.custom.horizontalHeader().setStretchLastSection(True)
        self.custom.verticalHeader().hide()
        self.custom.setMinimumHeight(110)
        self.custom.itemChanged.connect(lambda _item: self._edited(*CUSTOM))
        self.add_detail = QPushButton(self.tr("Add detail"))
        self.add_detail.setAccessibleName(self.tr("Add custom detail"))
        self.add_detail.clicked.connect(self._add_row)
        self.remove_detail = QPushButton(self.tr("Remove detail"))
        self.remove_detail.setAccessibleName(self.tr("Remove custom detail"))
        self.remove_detail.clicked.connect(self._remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_detail)
        buttons.addWidget(self.remove_detail)
        buttons.addStretch(1)
        layout.addWidget(self.custom)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _make(self, section: str, key: str, label: str, multiline: bool | None) -> QWidget:
        widget: QLineEdit | QPlainTextEdit | QComboBox
        if multiline is None:
            widget = QComboBox()
            widget.addItem(self.tr("Not rated"), "")
            for rating, shown in RISK_RATINGS.items():
                widget.addItem(QCoreApplication.translate("CardForm", shown), rating)
            widget.currentIndexChanged.connect(lambda _i: self._edited(section, key))
        elif multiline:
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 3 + 14)
            widget.textChanged.connect(lambda: self._edited(section, key))
        else:
            widget = QLineEdit()
            widget.textEdited.connect(lambda _t: self._edited(section, key))
        widget.setAccessibleName(label)
        self.fields[(section, key)] = widget
        return widget

    def _edited(self, section: str, key: str) -> None:
        if not self._showing:
            self.fieldEdited.emit(section, key)

    # -- values ----------------------------------------------------------------------------

    def show_card(self, content: Mapping[str, Any]) -> None:
        """Show `content` without reporting any edit."""
        self._showing = True
        try:
            for (section, key), widget in self.fields.items():
                part = content.get(section)
                value = part.get(key) if isinstance(part, dict) else None
                text = "" if value is None else value if isinstance(value, str) else str(value)
                if isinstance(widget, QComboBox):
                    index = widget.findData(text)
                    if index < 0:  # typed in the JSON tab; the problems list says what is wrong
                        widget.addItem(text, text)
                        index = widget.count() - 1
                    widget.setCurrentIndex(index)
                elif isinstance(widget, QPlainTextEdit):
                    if widget.toPlainText() != text:
                        widget.setPlainText(text)
                elif widget.text() != text:
                    widget.setText(text)
            part = content.get(CUSTOM[0])
            details = part.get(CUSTOM[1]) if isinstance(part, dict) else None
            rows = list(details.items()) if isinstance(details, dict) else []
            if rows != self.custom_details_rows():
                self.custom.setRowCount(0)
                for name, value in rows:
                    self._append(name, value if isinstance(value, str) else str(value))
        finally:
            self._showing = False

    def value(self, section: str, key: str) -> Any:
        """What the form holds for a field: text, or for custom details a dict (None: leave out)."""
        if (section, key) == CUSTOM:
            rows = [(n, v) for n, v in self.custom_details_rows() if n]
            return dict(rows) or None
        widget = self.fields[(section, key)]
        if isinstance(widget, QComboBox):
            text = str(widget.currentData() or "")
        elif isinstance(widget, QPlainTextEdit):
            text = widget.toPlainText()
        else:
            text = widget.text()
        return text or None

    def custom_details_problems(self) -> list[str]:
        """What the custom details table holds that a card cannot: a value without a name, or
        two details of one name (a JSON object keeps one value per name)."""
        found: list[str] = []
        seen: set[str] = set()
        for name, value in self.custom_details_rows():
            if not name and value:
                found.append(self.tr("A custom detail has a value but no name; name it or remove it."))
            elif name in seen:
                found.append(self.tr("Two custom details are named '%1'; rename or remove one.").replace("%1", name))
            seen.add(name)
        return found

    def custom_details_rows(self) -> list[tuple[str, str]]:
        out = []
        for row in range(self.custom.rowCount()):
            name, value = self.custom.item(row, 0), self.custom.item(row, 1)
            out.append((name.text() if name else "", value.text() if value else ""))
        return out

    def _append(self, name: str, value: str) -> None:
        row = self.custom.rowCount()
        self.custom.insertRow(row)
        self.custom.setItem(row, 0, QTableWidgetItem(name))
        self.custom.setItem(row, 1, QTableWidgetItem(value))

    def _add_row(self) -> None:
        self._append("", "")
        self.custom.setCurrentCell(self.custom.rowCount() - 1, 0)
        self.custom.editItem(self.custom.item(self.custom.rowCount() - 1, 0))

    def _remove_row(self) -> None:
        row = self.custom.currentRow()
        if row >= 0:
            self.custom.removeRow(row)
            self._edited(*CUSTOM)
