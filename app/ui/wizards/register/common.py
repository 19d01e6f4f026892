"""What the register wizard's pages share: page ids, problem labels, and the work they send off."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from app.registry.versions import registration
from app.ui import palette
from app.ui.texts import render

NOTE_STYLE = palette.note_style()


class PageId(IntEnum):
    TARGET = 0
    CONTAINERS = 1
    INFERENCE = 2
    DETAILS = 3
    ADVANCED = 4  # visited when asked for (DetailsPage.nextId); the ids keep the pages' order
    REVIEW = 5
    RESULT = 6  # the last id: a page after it would make QWizard take the result for a middle page


class ProblemLabel(QLabel):
    """A red sentence under a field; hidden while there is nothing to say."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.hide()

    def show_problem(self, message: str | None) -> None:
        self.setText(render(message) if message else "")
        self.setVisible(bool(message))


class ExactTextEdit(QPlainTextEdit):
    """A text box that gives back exactly the text it was given, until someone edits it.

    `toPlainText()` turns a no-break space into a space and U+2028/U+2029 into newlines, and a
    document cannot tell a newline from U+2029: a loaded description would change on its way to
    the request. Edited text is read raw (no-break spaces and line separators kept), each block
    ending with a newline.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._given = ""
        self._given_raw = self.document().toRawText()

    def set_exact_text(self, text: str) -> None:
        self.setPlainText(text)
        self._given = text
        self._given_raw = self.document().toRawText()

    def exact_text(self) -> str:
        raw = self.document().toRawText()
        if raw == self._given_raw:
            return self._given
        return raw.replace("\u2029", "\n")


def problems_by_field(found: list[registration.Problem]) -> dict[str, str]:
    """The first message for each field, in the user's language."""
    out: dict[str, str] = {}
    for problem in found:
        if problem.where not in out:
            out[problem.where] = render(problem.message)
    return out


# -- work for worker threads --------------------------------------------------------------


