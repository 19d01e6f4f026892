"""Small parts of the details pane: a status pill, selectable labels, scrolled pages, forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QSizePolicy, QWidget

from app.ui import palette
from app.ui.versions.model import status_label

DASH = "—"


def short_image(uri: str) -> str:
    """"123.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1" -> "churn-xgboost:1.7-1"."""
    return uri.rsplit("/", 1)[-1]


def selectable(label: QLabel, *, wrap: bool = True) -> QLabel:
    flags = Qt.TextInteractionFlag
    label.setTextInteractionFlags(flags.TextSelectableByMouse | flags.TextSelectableByKeyboard)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def scrolled_into(area: QScrollArea, widget: QWidget) -> QScrollArea:
    """A tab's page in a frameless scroll area that resizes it (a tab may be a QScrollArea itself)."""
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return form


def show_as_pill(label: QLabel, text: str, status: str, card: bool = False) -> None:
    """`text` in a rounded pill as tall as a line, in the colours of `status` (an approval
    status, or a model card's when `card`): the status badges' look."""
    label.setText(text)
    height = label.fontMetrics().height() + 6
    label.setFixedHeight(height)
    label.setStyleSheet(palette.pill_style(status, height, card))


class StatusBadge(QLabel):
    """The approval status as a coloured pill; the word stays, so colour is never the only cue."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Approval status"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._status = ""

    def set_status(self, status: str) -> None:
        self._status = status
        show_as_pill(self, status_label(status), status)

    def status(self) -> str:
        return self._status
