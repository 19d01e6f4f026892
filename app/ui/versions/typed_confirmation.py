""""To confirm, type the group name": the field a deletion waits on (Delete Versions, Empty and
Delete Group). It says at once when what is typed is not the name; `changed` carries whether it
matches (`confirmation_matches`: the name exactly, spaces around it forgiven)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.registry.governance.deletion import confirmation_matches
from app.ui import palette


class TypedConfirmation(QWidget):
    changed = Signal(bool)  # whether the typed text is the group's name

    def __init__(self, group: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.group = group
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self.tr("To confirm, type the group name <b>%1</b>:").replace("%1", group))
        layout.addWidget(self.label)
        self.typed = QLineEdit()
        self.typed.setAccessibleName(self.tr("Group name to confirm"))
        self.typed.textChanged.connect(self.check)
        self.label.setBuddy(self.typed)
        layout.addWidget(self.typed)
        self.problem = QLabel()
        self.problem.setAccessibleName(self.tr("Confirmation problem"))
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.problem.hide()
        layout.addWidget(self.problem)

    def text(self) -> str:
        return self.typed.text()

    def matches(self) -> bool:
        return confirmation_matches(self.typed.text(), self.group)

    def check(self) -> None:
        """Say whether the typed text is wrong, and tell `changed` whether it matches."""
        matches = self.matches()
        wrong = bool(self.typed.text().strip()) and not matches
        self.problem.setText(self.tr("That is not the group's name: type '%1' exactly.")
                             .replace("%1", self.group) if wrong else "")
        self.problem.setVisible(wrong)
        self.changed.emit(matches)
