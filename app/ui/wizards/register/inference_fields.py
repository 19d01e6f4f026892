"""The fields of an inference specification besides its containers: the MIME types the model
accepts and answers with (common ones ticked, others typed) and the instance types it runs on.

The inference page edits the main specification's, the additional specifications editor each
of theirs: `load` and `apply_to` take either spec (their fields have the same names).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions.requests import check_mime_type
from app.registry.versions.spec import InferenceSpec, RegistrationSpec
from app.ui.wizards.register.common import ProblemLabel

AnySpec = TypeVar("AnySpec", RegistrationSpec, InferenceSpec)

PRESETS = (
    "text/csv",
    "application/json",
    "application/jsonlines",
    "text/plain",
    "application/x-recordio-protobuf",
    "application/x-npy",
    "image/jpeg",
    "image/png",
)


class MimeTypesEditor(QGroupBox):
    """Tick presets or add a typed type; `values()` lists the ticked ones in the order they were
    ticked (a loaded spec's types in its own order, shown first), never in the presets' order."""

    changed = Signal()

    def __init__(self, title: str, *, response: bool, parent: QWidget | None = None):
        super().__init__(title, parent)
        self._response = response
        self._ticked: list[str] = []  # the values, in their order (a loaded list may repeat one)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.other = QLineEdit()
        self.other.setAccessibleName(self.tr("Other type for %1").replace("%1", title))
        self.other.setPlaceholderText(self.tr("another type, e.g. application/x-parquet"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add type to %1").replace("%1", title))
        self.problem = ProblemLabel(self.tr("%1 problem").replace("%1", title))
        for preset in PRESETS:
            self._add_item(preset, checked=False)
        row = QHBoxLayout()
        row.addWidget(self.other, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.list.itemChanged.connect(self._item_changed)
        self.add_button.clicked.connect(self.add_typed)
        self.other.returnPressed.connect(self.add_typed)
        self.other.textChanged.connect(lambda _t: self.problem.show_problem(None))

    def values(self) -> tuple[str, ...]:
        return tuple(self._ticked)

    def set_values(self, values: tuple[str, ...]) -> None:
        blocked = self.list.blockSignals(True)
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Unchecked)
        for position, value in enumerate(dict.fromkeys(values)):
            found = self.list.findItems(value, Qt.MatchFlag.MatchExactly)
            item = self.list.takeItem(self.list.row(found[0])) if found else self._new_item(value)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.insertItem(position, item)
        self._ticked = list(values)
        self.list.blockSignals(blocked)
        self.changed.emit()

    def add_typed(self) -> None:
        """Add what is typed; a bad type stays in the field with a message saying why."""
        text = self.other.text().strip()
        if not text:
            return
        problem = check_mime_type(text, response=self._response)
        if problem:
            self.problem.show_problem(problem)
            return
        found = self.list.findItems(text, Qt.MatchFlag.MatchExactly)
        if found:
            found[0].setCheckState(Qt.CheckState.Checked)
        else:
            self._add_item(text, checked=True)
        self.other.clear()
        self.changed.emit()

    def _item_changed(self, item: QListWidgetItem) -> None:
        value = item.text()
        if item.checkState() == Qt.CheckState.Checked:
            if value not in self._ticked:
                self._ticked.append(value)
        else:
            self._ticked = [v for v in self._ticked if v != value]
        self.changed.emit()

    def _new_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _add_item(self, text: str, *, checked: bool) -> None:
        item = self._new_item(text)
        self.list.addItem(item)
        if checked:  # after adding: itemChanged records the tick
            item.setCheckState(Qt.CheckState.Checked)


class InferenceFieldsEditor(QWidget):
    """Content types, response types, real-time and batch transform instance types.
    `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.content_types = MimeTypesEditor(self.tr("Content types"), response=False)
        self.response_types = MimeTypesEditor(self.tr("Response MIME types"), response=True)
        self.realtime = QLineEdit()
        self.realtime.setAccessibleName(self.tr("Real-time instance types"))
        self.realtime.setPlaceholderText(self.tr("optional, separated by spaces: ml.m5.large ml.m5.xlarge"))
        self.realtime_problem = ProblemLabel(self.tr("Real-time instance types problem"))
        self.transform = QLineEdit()
        self.transform.setAccessibleName(self.tr("Batch transform instance types"))
        self.transform.setPlaceholderText(self.tr("optional, separated by spaces: ml.m5.large"))
        self.transform_problem = ProblemLabel(self.tr("Batch transform instance types problem"))
        row = QHBoxLayout()
        row.addWidget(self.content_types)
        row.addWidget(self.response_types)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&Real-time instance types:"), self.realtime)
        self.form.addRow("", self.realtime_problem)
        self.form.addRow(self.tr("&Batch transform instance types:"), self.transform)
        self.form.addRow("", self.transform_problem)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 1)
        layout.addLayout(self.form)
        for editor in (self.content_types, self.response_types):
            editor.changed.connect(self.changed)
        for edit in (self.realtime, self.transform):
            edit.textChanged.connect(self.changed)

    def apply_to(self, spec: AnySpec) -> AnySpec:
        return replace(
            spec,
            content_types=self.content_types.values(),
            response_types=self.response_types.values(),
            realtime_instance_types=_words(self.realtime.text()),
            transform_instance_types=_words(self.transform.text()),
        )

    def load(self, spec: RegistrationSpec | InferenceSpec) -> None:
        blocked = self.blockSignals(True)  # loading is not an edit
        try:
            self.content_types.set_values(spec.content_types)
            self.response_types.set_values(spec.response_types)
            self.realtime.setText(" ".join(spec.realtime_instance_types))
            self.transform.setText(" ".join(spec.transform_instance_types))
        finally:
            self.blockSignals(blocked)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show the messages keyed "content_types.<j>", "response_types.<j>",
        "realtime_instance_types.<j>", "transform_instance_types.<j>" by their fields."""
        for field, label in (("content_types", self.content_types.problem),
                             ("response_types", self.response_types.problem),
                             ("realtime_instance_types", self.realtime_problem),
                             ("transform_instance_types", self.transform_problem)):
            lines = [message for key, message in problems.items()
                     if key == field or key.startswith(field + ".")]
            label.show_problem("\n".join(dict.fromkeys(lines)))


def _words(text: str) -> tuple[str, ...]:
    return tuple(word for word in text.replace(",", " ").split() if word)
