"""The model card at registration: its status, and its content in the governance editor's form
or as JSON, the two in step (as in app/ui/versions/card_editor.py).

The content is kept as loaded until someone edits it; an edit sends the card as compact JSON
(`cards.card_text`), or, while the JSON tab does not parse, the text as typed, so the checks say
what is wrong with it by the field.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.registry.governance.cards import CARD_STATUSES, card_text, parse_card, pretty_card
from app.registry.versions.spec import RegistrationSpec
from app.ui.versions.card_form import CardForm, card_json_edit, merge_form_value
from app.ui.versions.card_tab import status_label
from app.ui.versions.details_parts import scrolled_into
from app.ui.wizards.register.sections import FieldMessage


class CardSection(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._given = ""  # the content as loaded, sent as it is until edited
        self._edited = False
        self._writing = False  # the JSON tab is being written from the card, not typed in
        self.content: dict[str, Any] | None = {}
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Model card status"))
        self.status.addItem(self.tr("No card"), "")
        for status in CARD_STATUSES:
            self.status.addItem(status_label(status), status)
        self.status_problem = FieldMessage(self.tr("Model card status problem"))
        self.form = CardForm()
        self.form.fieldEdited.connect(self._form_edited)
        self.json_text = card_json_edit(self.tr("Model card JSON"))
        self.json_text.textChanged.connect(self._json_edited)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Model card editor"))
        self.tabs.addTab(scrolled_into(QScrollArea(), self.form), self.tr("Form"))
        self.tabs.addTab(self.json_text, self.tr("JSON"))
        self.tabs.setFixedHeight(340)
        self.content_problem = FieldMessage(self.tr("Model card problem"))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Card s&tatus:"), self.status)
        form.addRow("", self.status_problem)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.tabs)
        layout.addWidget(self.content_problem)
        self.status.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._show("")

    # -- the two views in step --------------------------------------------------------------

    def _show(self, text: str) -> None:
        parsed, _problem = parse_card(text) if text else ({}, None)
        self.content = parsed
        self._writing = True
        try:
            self.json_text.setPlainText(pretty_card(parsed) if parsed else text)
        finally:
            self._writing = False
        self.form.setEnabled(parsed is not None)
        self.form.show_card(parsed or {})

    def _form_edited(self, section: str, key: str) -> None:
        if self.content is None:
            return
        if not merge_form_value(self.content, section, key, self.form.value(section, key)):
            return
        self._edited = True
        self._writing = True
        try:
            self.json_text.setPlainText(pretty_card(self.content) if self.content else "")
        finally:
            self._writing = False
        self.changed.emit()

    def _json_edited(self) -> None:
        if self._writing:
            return
        text = self.json_text.toPlainText()
        parsed, _problem = parse_card(text) if text.strip() else ({}, None)
        self.content = parsed
        self._edited = True
        self.form.setEnabled(parsed is not None)
        if parsed is not None:
            self.form.show_card(parsed)
        self.changed.emit()

    def content_text(self) -> str:
        if not self._edited:
            return self._given
        if self.content is None:
            return self.json_text.toPlainText()  # not JSON yet: the checks say so
        return card_text(self.content) if self.content else ""

    # -- the Section protocol ---------------------------------------------------------------

    def load(self, spec: RegistrationSpec) -> None:
        blocked = self.status.blockSignals(True)
        if self.status.findData(spec.model_card_status) < 0:  # kept as loaded, and flagged
            self.status.addItem(spec.model_card_status, spec.model_card_status)
        self.status.setCurrentIndex(self.status.findData(spec.model_card_status))
        self.status.blockSignals(blocked)
        self._given = spec.model_card_content
        self._edited = False
        self._show(spec.model_card_content)

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(spec, model_card_content=self.content_text(), model_card_status=self.status.currentData())

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None:
        self.status_problem.show_message(problems.get("model_card_status"), warnings.get("model_card_status"))
        custom = self.form.custom_details_problems()
        self.content_problem.show_message(problems.get("model_card_content"),
                                          warnings.get("model_card_content") or "\n".join(custom))

    def summary(self) -> str:
        status = self.status.currentData()
        content = self.content_text()
        if not status and not content:
            return ""
        words = status_label(status) if status else self.tr("no status")
        if not content:
            return self.tr("%1, no content").replace("%1", words)
        overview = (self.content or {}).get("model_overview")
        described = isinstance(overview, dict) and overview.get("model_description")
        return self.tr("%1, “%2”").replace("%1", words).replace("%2", str(described)[:40]) if described else words
