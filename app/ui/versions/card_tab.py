"""The details pane's Card tab: the version's model card, its status, and what can be done with it.

The card's sections read as a page (card_sections); "Edit card…" opens the editor, and the
buttons beside the status badge move the card on (Approve and Archive ask first). Every save and
move runs on the pane's runner and lands in the version store, so this tab, and any view of the
version, shows it at once. Nothing is drawn, and the schema (a file) is not read on a worker,
until the tab is on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.registry.governance.cards import (
    APPROVED,
    ARCHIVED,
    DRAFT,
    MOVES,
    PENDING_REVIEW,
    ModelCard,
    card_of,
    content_problems,
)
from app.registry.versions.records import VersionDetails
from app.registry.versions.store import VersionStore
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.texts import render
from app.ui.versions.card_operations import load_card_schema, save_card
from app.ui.versions.card_sections import card_page
from app.ui.versions.details_parts import scrolled_into, selectable, show_as_pill
from app.ui.workspace import Workspace


class CardStatusBadge(QLabel):
    """The card's status as a coloured pill; the word stays, so colour is never the only cue."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Model card status"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_status(self, status: str) -> None:
        show_as_pill(self, status_label(status), status, card=True)


def status_label(status: str) -> str:
    labels = {
        DRAFT: QCoreApplication.translate("CardStatusBadge", "Draft"),
        PENDING_REVIEW: QCoreApplication.translate("CardStatusBadge", "Pending review"),
        APPROVED: QCoreApplication.translate("CardStatusBadge", "Approved"),
        ARCHIVED: QCoreApplication.translate("CardStatusBadge", "Archived"),
    }
    return labels.get(status, status or QCoreApplication.translate("CardStatusBadge", "No status"))


class CardTab(QWidget):
    def __init__(self, workspace: Workspace, runner: TaskRunner, store: VersionStore,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self.store = store
        self._details: VersionDetails | None = None
        self.card: ModelCard | None = None
        self.schema: dict[str, Any] | None = None
        self._schema_loading = False
        self.editor: QWidget | None = None  # the open editor, if one
        self._drawn = False  # the page shows self._details

        self.badge = CardStatusBadge()
        self.edit_button = QPushButton(self.tr("Edit card…"))
        self.edit_button.setAccessibleName(self.tr("Edit card"))
        self.edit_button.clicked.connect(self.open_editor)
        self.move_buttons: dict[str, QPushButton] = {}
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Model card")))
        header.addWidget(self.badge)
        header.addStretch(1)
        for status, text, name in (
            (PENDING_REVIEW, self.tr("Submit for review"), self.tr("Submit card for review")),
            (DRAFT, self.tr("Return to draft"), self.tr("Return card to draft")),
            (APPROVED, self.tr("Approve card…"), self.tr("Approve card")),
            (ARCHIVED, self.tr("Archive card…"), self.tr("Archive card")),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, s=status: self.move_to(s))
            header.addWidget(button)
            self.move_buttons[status] = button
        header.addWidget(self.edit_button)

        self.banner = selectable(QLabel())
        self.banner.setAccessibleName(self.tr("Card error"))
        self.banner.setStyleSheet(palette.strip_style("error", extra="padding: 6px;"))
        self.banner.hide()
        self.note = selectable(QLabel())
        self.note.setAccessibleName(self.tr("Card note"))
        self.note.setStyleSheet(palette.strip_style("warning", extra="padding: 6px;"))
        self.note.hide()

        self.empty_text = QLabel(self.tr(
            "This version has no model card.\nA card records what the model is for, its risks, "
            "and how it was trained and evaluated."))
        self.empty_text.setAccessibleName(self.tr("No model card"))
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Create card…"))
        self.create_button.setAccessibleName(self.tr("Create card"))
        self.create_button.clicked.connect(self.open_editor)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.pages = QScrollArea()
        self.pages.setAccessibleName(self.tr("Model card sections"))
        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(self.pages)
        self.header = QWidget()
        self.header.setLayout(header)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

    # -- showing ---------------------------------------------------------------------------

    def fill(self, details: VersionDetails) -> None:
        """Take the version; drawn now if the tab is on screen, else when it is shown (a card is
        read and checked only for a person looking at it)."""
        if self._details is None or self._details.arn != details.arn:
            self.banner.hide()
        self._details = details
        self.card = card_of(details.raw)
        self._drawn = False
        if self.isVisible():
            self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._details is not None and not self._drawn:
            self._draw()

    def _draw(self) -> None:
        self._drawn = True
        self._ensure_schema()
        self._show()

    def _show(self) -> None:
        card = self.card
        self.header.setVisible(card is not None)
        self.note.hide()
        if card is None:
            self.create_button.setEnabled(self.schema is not None)
            self.stack.setCurrentIndex(0)
            return
        self.badge.set_status(card.status)
        moves = MOVES.get(card.status, ())
        for status, button in self.move_buttons.items():
            button.setVisible(status in moves)
        self.edit_button.setEnabled(self.schema is not None and card.status != ARCHIVED)
        self.edit_button.setToolTip(
            self.tr("An archived card takes no more changes.") if card.status == ARCHIVED else "")
        content = card.content()
        if content is None and card.text:
            self._say(self.tr("The card's content is not valid JSON; the JSON tab shows it as AWS holds it."))
        elif content is not None and self.schema is not None:
            problems = content_problems(content, self.schema)
            if problems:
                self._say(self.tr("This card does not follow the model card schema: %1")
                          .replace("%1", "; ".join(render(p.message) for p in problems[:3])))
        scrolled_into(self.pages, card_page(content or {}))
        self.stack.setCurrentIndex(1)

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    # -- the schema ------------------------------------------------------------------------

    def _ensure_schema(self) -> None:
        if self.schema is not None or self._schema_loading:
            return
        self._schema_loading = True
        self._runner.run(load_card_schema, key="card-schema", on_return=self._schema_loaded,
                         on_finish=self._schema_done)

    def _schema_loaded(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        if self._details is not None and self._drawn:
            self._show()

    def _schema_done(self) -> None:
        self._schema_loading = False

    # -- editing and moving ----------------------------------------------------------------

    def open_editor(self) -> None:
        if self._details is None or self.schema is None:
            return
        from app.ui.versions.card_editor import CardEditor  # only when asked: not needed to paint

        self.editor = CardEditor(self._workspace.connection, self._details, self.schema, self.store, self)
        self.editor.finished.connect(self._editor_closed)
        self.editor.open()

    def _editor_closed(self) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = None

    def move_to(self, status: str) -> None:
        details, card = self._details, self.card
        if details is None or card is None:
            return
        if status in (APPROVED, ARCHIVED) and not self.confirm(status):
            return
        self.banner.hide()
        for button in self.move_buttons.values():
            button.setEnabled(False)
        self._runner.run(
            save_card, self._workspace.connection, details.arn, None, status, card, key="card-move",
            on_return=self.store.apply_written,
            on_error=lambda error: self._move_failed(details.arn, error),
            on_finish=self._move_done,
        )

    def confirm(self, status: str) -> bool:
        assert self._details is not None
        version = str(self._details.version)
        if status == APPROVED:
            title = self.tr("Approve the model card?")
            text = self.tr("The card of version %1 will read Approved: reviewed and fit for use.")
        else:
            title = self.tr("Archive the model card?")
            text = self.tr("The card of version %1 will be archived. AWS takes no more changes to an "
                           "archived card: it cannot be edited or moved again.")
        answer = QMessageBox.question(self, title, text.replace("%1", version),
                                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Ok

    def _move_failed(self, arn: str, error: BaseException) -> None:
        if self._details is not None and self._details.arn == arn:
            self.banner.setText(self.tr("The card's status was not changed: %1").replace("%1", render(error)))
            self.banner.show()

    def _move_done(self) -> None:
        for button in self.move_buttons.values():
            button.setEnabled(True)
