"""The model card editor: a form for the common fields and the whole card as JSON, in step.

The card being edited is one dict. A form edit writes its one field into it and the JSON tab is
written again; a JSON edit that parses replaces it and the form shows it. Every change is checked
at once against the model card schema, each problem naming its field, and Save stays off while
any remains. Save runs on a worker; a failure is shown and the edit kept; the version read back
goes into the store, so the Card tab shows it at once.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.registry.aws import Connection
from app.registry.governance.cards import DRAFT, card_of, content_problems, parse_card, pretty_card
from app.registry.versions.records import VersionDetails
from app.registry.versions.store import VersionStore
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.texts import render
from app.ui.versions.card_form import CardForm, card_json_edit, merge_form_value
from app.ui.versions.card_operations import save_card
from app.ui.versions.card_tab import status_label
from app.ui.versions.details_parts import scrolled_into, selectable

_LISTED = 6  # problems listed under the tabs; "and N more" after


class CardEditor(QDialog):
    def __init__(self, connection: Connection, details: VersionDetails, schema: dict[str, Any],
                 store: VersionStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._connection = connection
        self._details = details
        self._schema = schema
        self._store = store
        self._runner = TaskRunner(self, max_threads=1)
        self.seen = card_of(details.raw)  # the card as the user read it
        self.status = self.seen.status if self.seen is not None else DRAFT
        self.content: dict[str, Any] | None = copy.deepcopy(self.seen.content()) if self.seen else {}
        self.saving = False
        self._writing = False  # the JSON tab is being written from the card, not typed in
        title = self.tr("Model card of %1 version %2") if self.seen else self.tr("New model card for %1 version %2")
        self.setWindowTitle(title.replace("%1", details.group).replace("%2", str(details.version)))
        self.resize(760, 720)

        self.form = CardForm()
        self.form.fieldEdited.connect(self._form_edited)
        form_area = scrolled_into(QScrollArea(), self.form)
        self.json_text = card_json_edit(self.tr("Model card JSON"))
        self.json_text.textChanged.connect(self._json_edited)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Card editor"))
        self.tabs.addTab(form_area, self.tr("Form"))
        self.tabs.addTab(self.json_text, self.tr("JSON"))

        self.note = QLabel(self._note_text())
        self.note.setWordWrap(True)
        self.note.setStyleSheet(palette.text_style(palette.MUTED_TEXT))
        self.problems = selectable(QLabel())
        self.problems.setAccessibleName(self.tr("Card problems"))
        self.problems.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.error = selectable(QLabel())
        self.error.setAccessibleName(self.tr("Save error"))
        self.error.setStyleSheet(palette.strip_style("error", extra="padding: 6px;"))
        self.error.hide()

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(self.tr("Save card"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        if self.content is None:  # not JSON as AWS holds it: the JSON tab shows it to mend
            self.json_text.setPlainText(self.seen.text if self.seen else "")
            self.tabs.setCurrentWidget(self.json_text)
        else:
            self._write_json()
            self.form.show_card(self.content)
        self._check()

    def _note_text(self) -> str:
        if self.seen is None:
            return self.tr("The card is saved as a Draft; move it on from the Card tab.")
        return self.tr("The card is saved in its status, %1; move it on from the Card tab.").replace(
            "%1", status_label(self.status))

    # -- keeping the two in step ------------------------------------------------------------

    def _form_edited(self, section: str, key: str) -> None:
        if self.content is None:
            return
        if not merge_form_value(self.content, section, key, self.form.value(section, key)):
            return
        self._write_json()
        self._check()

    def _write_json(self) -> None:
        assert self.content is not None
        self._writing = True
        try:
            self.json_text.setPlainText(pretty_card(self.content))
        finally:
            self._writing = False

    def _json_edited(self) -> None:
        if self._writing:
            return
        parsed, _problem = parse_card(self.json_text.toPlainText())
        self.content = parsed
        self.form.setEnabled(parsed is not None)
        if parsed is not None:
            self.form.show_card(parsed)
        self._check()

    def _check(self) -> list[str]:
        if self.content is None:
            _parsed, problem = parse_card(self.json_text.toPlainText())
            found = [render(problem or ""), self.tr("Mend the JSON to use the form again.")]
        else:
            found = [*self.form.custom_details_problems(),
                     *(render(p.message) for p in content_problems(self.content, self._schema))]
        shown = found[:_LISTED]
        if len(found) > _LISTED:
            shown.append(self.tr("…and %1 more.").replace("%1", str(len(found) - _LISTED)))
        self.problems.setText("\n".join(shown))
        self.problems.setVisible(bool(found))
        self.save_button.setEnabled(not found and not self.saving)
        return found

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        if self._check() or self.content is None or self.saving:
            return
        self.saving = True
        self.error.hide()
        self.save_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self._runner.run(
            save_card, self._connection, self._details.arn, copy.deepcopy(self.content), self.status,
            self.seen, key="save-card",
            on_return=self._saved, on_error=self._failed, on_finish=self._finished,
        )

    def _saved(self, details: VersionDetails) -> None:
        self._store.apply_written(details)
        self.saving = False
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.error.setText(self.tr("The card was not saved: %1").replace("%1", render(error)))
        self.error.show()

    def _finished(self) -> None:
        self.saving = False
        self.cancel_button.setEnabled(True)
        self._check()

    def reject(self) -> None:
        if self.saving:  # the call is on its way: its answer must reach the store
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.saving:
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        super().done(result)
        self._runner.shutdown()

