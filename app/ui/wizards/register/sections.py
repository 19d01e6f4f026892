"""What every section of the register wizard's Advanced page is, and what the sections share.

The Advanced page (advanced_page.py) is a list of sections, each a collapsible box whose header
reads "<title>: <summary>". A section edits a few fields of the RegistrationSpec and nothing
else; the page knows none of them by name. A new section is one call:

    wizard.advanced_page.add_section(self.tr("Additional inference specifications"), MySection())

and follows the `Section` protocol below.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QAbstractScrollArea, QHBoxLayout, QLabel, QPushButton, QTableWidget, QWidget

from app.registry.versions.spec import RegistrationSpec
from app.ui import palette


@runtime_checkable
class Section(Protocol):
    """One section of the Advanced page: a QWidget with these members.

    changed : Signal()
        Emitted on every edit the user makes (a keystroke, a pick, a row added or removed), never
        while `load` runs. The page then re-checks the whole spec and shows the problems.
    load(spec: RegistrationSpec) -> None
        Show the section's fields of `spec` (a loaded file, an existing version, or the empty
        spec), replacing whatever was shown. Fields the widgets cannot show exactly (an unknown
        enum value, text AWS would not take) are kept as they are, so they are flagged, not lost.
    apply_to(spec: RegistrationSpec) -> RegistrationSpec
        `spec` with the section's fields replaced by what the widgets hold
        (`dataclasses.replace`); every other field untouched. `apply_to(s)` right after `load(s)`
        gives `s` back, exactly: the wizard's round trip depends on it. The page also calls
        `apply_to(RegistrationSpec())` to learn whether the section holds anything.
    show_problems(problems: dict[str, str], warnings: dict[str, str]) -> None
        Show, by its field, each message whose key the section owns, with the `where` keys of
        registration.problems()/warnings() ("kms_key_id", "tags.3.key",
        "additional_specs.1.containers.0.image"…); clear the fields that have none. Both dicts
        hold every problem of the spec: take yours, ignore the rest. Problems block Next;
        warnings are shown and do not.
    summary() -> str
        One short line of what is set, for the header after the title ("key alias/registry-artifacts",
        "3 files"), translated; "" when nothing is set (the header then reads "not set").
    """

    changed: SignalInstance

    def load(self, spec: RegistrationSpec) -> None: ...

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec: ...

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None: ...

    def summary(self) -> str: ...


def owned(found: dict[str, str], *prefixes: str) -> dict[str, str]:
    """The messages of `found` whose key is one of `prefixes` or lies under one ("tags", "tags.2.key")."""
    return {key: message for key, message in found.items()
            if any(key == p or key.startswith(p + ".") for p in prefixes)}


def listed(found: dict[str, str], prefix: str, template: str) -> str:
    """The messages about a list field, one line each: the list's own first, then
    "Row 2: …" (`template` with %1 the row counted from 1, %2 the message) for "prefix.1…"."""
    lines = []
    if found.get(prefix):
        lines.append(found[prefix])
    for key, message in found.items():
        parts = key.split(".")
        if parts[0] == prefix and len(parts) > 1 and parts[1].isdigit():
            lines.append(template.replace("%1", str(int(parts[1]) + 1)).replace("%2", message))
    return "\n".join(dict.fromkeys(lines))


class FieldMessage(QLabel):
    """The sentence under a field: a problem in red, else a warning on an amber strip, else nothing."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, problem: str | None, warning: str | None = None) -> None:
        if problem:
            self.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        elif warning:
            self.setStyleSheet(palette.strip_style("warning", extra="padding: 2px 4px;"))
        self.setText(problem or warning or "")
        self.setVisible(bool(problem or warning))


def fit_to_rows(table: QTableWidget, least: int = 3, most: int = 8) -> None:
    """Keep `table` as tall as its rows (at least `least`, at most `most` before it scrolls), now
    and whenever rows come or go: a page of sections wastes no height on empty tables."""

    def fit(*_args) -> None:
        rows = min(max(table.rowCount(), least), most)
        header = table.horizontalHeader().sizeHint().height() if not table.horizontalHeader().isHidden() else 0
        height = header + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth() + 2
        table.setFixedHeight(height)

    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
    table.model().rowsInserted.connect(fit)
    table.model().rowsRemoved.connect(fit)
    fit()


def button_row(*buttons: QPushButton) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        layout.addWidget(button)
    layout.addStretch(1)
    return holder


__all__ = ["FieldMessage", "Section", "button_row", "fit_to_rows", "listed", "owned"]
