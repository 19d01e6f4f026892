"""Edit a version's customer metadata (add, change, remove keys) and its source URI.

Every row is checked as the user types, against the limits botocore's model gives (50 keys,
keys of 128 and values of 256 characters, the characters AWS takes), with a sentence next to
the row saying what to type instead; Save stays off until everything is acceptable and
something changed. Only the keys changed are sent. The save runs on a worker; a failure keeps
the dialog open with everything typed. When someone else changed an edited key since the dialog
opened, nothing is saved: their values are read and shown next to the user's (keys the user did
not touch take theirs), so a second Save overwrites only what the user has now seen. What a save
leaves is put into the window's `VersionStore`, so the table and the details show it at once.
Metadata values are never logged.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.aws import Connection
from app.registry.governance.metadata import MetadataEdit, check_key, check_source_uri, check_value
from app.registry.versions.records import VersionDetails
from app.registry.versions.store import VersionStore
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.texts import render
from app.ui.versions.details_parts import selectable
from app.ui.versions.metadata_operations import load_metadata_rules, save_metadata, save_source_uri
from app.ui.versions.operations import describe

KEY, VALUE, CHECK = range(3)


class _TypingDelegate(QStyledItemDelegate):
    """Cell editors hand each keystroke to the table, so the checks run as the user types."""

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setAccessibleName(QCoreApplication.translate("MetadataDialog", "Metadata cell"))
            editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor


class MetadataDialog(QDialog):
    written = Signal(object)  # VersionDetails as a save left it (already in the store)

    def __init__(self, connection: Connection, details: VersionDetails, store: VersionStore,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._connection = connection
        self._arn = details.arn
        self._store = store
        self._seen = dict(details.customer_metadata)  # what the user has seen of AWS's values
        self._seen_uri = str(details.raw.get("SourceUri") or "")
        self._notes: dict[str, str] = {}  # key -> what someone else did to it meanwhile
        self._limit: int | None = None  # known once botocore's model has been read on a worker
        self._saving = False
        self.question: QMessageBox | None = None  # "Discard your changes?", while asked
        self._updating = False  # the dialog itself is writing cells: no check per cell
        self._runner = TaskRunner(self, max_threads=1)
        self.setWindowTitle(self.tr("Edit metadata of %1 version %2")
                            .replace("%1", details.group).replace("%2", str(details.version)))
        self.setMinimumSize(720, 460)

        self.heading = selectable(QLabel(self.tr("Metadata of %1, version %2")
                                         .replace("%1", details.group).replace("%2", str(details.version))))
        self.heading.setAccessibleName(self.tr("Edited version"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.banner = selectable(QLabel())
        self.banner.setAccessibleName(self.tr("Metadata error"))
        self.banner.setStyleSheet(palette.strip_style("error", extra="padding: 6px;"))
        self.banner.hide()

        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Metadata properties"))
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Value"), self.tr("Check")])
        self.table.setItemDelegate(_TypingDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KEY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(KEY, 180)
        self.table.setColumnWidth(VALUE, 220)
        for key, value in sorted(self._seen.items()):
            self._append_row(key, value)
        self.table.itemChanged.connect(lambda _item: self._check())

        self.add_button = QPushButton(self.tr("&Add key"))
        self.add_button.setAccessibleName(self.tr("Add key"))
        self.add_button.clicked.connect(self.add_key)
        self.remove_button = QPushButton(self.tr("&Remove key"))
        self.remove_button.setAccessibleName(self.tr("Remove key"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Key count"))
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.count_label)

        self.source_uri = QLineEdit(self._seen_uri)
        self.source_uri.setAccessibleName(self.tr("Source URI"))
        self.source_uri.setPlaceholderText(self.tr("s3://bucket/path/source.tar.gz, a Git URL, or empty"))
        self.source_uri.textEdited.connect(lambda _text: self._check())
        self.source_problem = selectable(QLabel())
        self.source_problem.setAccessibleName(self.tr("Source URI check"))
        self.source_problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        form = QFormLayout()
        form.addRow(self.tr("&Source URI"), self.source_uri)
        form.addRow("", self.source_problem)

        self.hint = selectable(QLabel())
        self.hint.setAccessibleName(self.tr("Metadata check"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._check()
        self._runner.run(load_metadata_rules, on_return=self._rules_loaded,
                         on_error=lambda error: self._show_error(render(error)))

    # -- public ----------------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str]]:
        """(key, value) of every row that is not blank, in table order."""
        found = []
        for row in range(self.table.rowCount()):
            key, value = self._text(row, KEY), self._text(row, VALUE)
            if key or value:
                found.append((key, value))
        return found

    def edit(self) -> MetadataEdit:
        """What Save sends: the keys added or changed, and the keys removed, against what was seen."""
        wanted: dict[str, str] = {}
        for key, value in self.rows():
            wanted.setdefault(key, value)
        changed = {k: v for k, v in wanted.items() if self._seen.get(k) != v}
        removed = tuple(k for k in self._seen if k not in wanted)
        return MetadataEdit(changed, removed)

    def row_problem(self, row: int) -> str:
        item = self.table.item(row, CHECK)
        return item.text() if item is not None else ""

    def row_of(self, key: str) -> int | None:
        for row in range(self.table.rowCount()):
            if self._text(row, KEY) == key:
                return row
        return None

    def is_saving(self) -> bool:
        return self._saving

    def add_key(self) -> None:
        row = self._append_row("", "")
        self.table.setCurrentCell(row, KEY)
        self.table.editItem(self.table.item(row, KEY))
        self._check()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}
                      or ({self.table.currentRow()} - {-1}), reverse=True)
        for row in rows:
            self.table.removeRow(row)
        self._check()

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        edit = self.edit()
        self._set_saving(True)
        if edit.set or edit.remove:
            self._runner.run(save_metadata, self._connection, self._arn, edit, dict(self._seen),
                             on_return=self._metadata_saved, on_error=self._save_failed)
        else:
            self._save_uri()

    def has_changes(self) -> bool:
        edit = self.edit()
        return bool(edit.set or edit.remove or self.source_uri.text() != self._seen_uri)

    def reject(self) -> None:
        if self._saving:  # a write in flight: its outcome must show here, not land unseen
            self._show_error(self.tr("Saving… the dialog closes when AWS has answered."))
            return
        if self.has_changes():  # an Esc is not meant to throw away what was typed
            self._ask_discard()
            return
        super().reject()

    def _ask_discard(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard your changes?"),
                          self.tr("Your changes to the metadata have not been saved. Discard them?"),
                          parent=self)
        box.setAccessibleName(self.tr("Discard your changes?"))
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setAccessibleName(self.tr("Discard"))
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        keep.setAccessibleName(self.tr("Keep editing"))
        box.setDefaultButton(keep)
        box.finished.connect(lambda _result: super(MetadataDialog, self).reject()
                             if box.clickedButton() is discard else None)
        self.question = box
        box.open()

    def done(self, result: int) -> None:
        self._runner.shutdown()
        super().done(result)

    # -- rows ------------------------------------------------------------------------------

    def _append_row(self, key: str, value: str) -> int:
        was, self._updating = self._updating, True
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, KEY, QTableWidgetItem(key))
        self.table.setItem(row, VALUE, QTableWidgetItem(value))
        check = QTableWidgetItem("")
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, CHECK, check)
        self._updating = was
        return row

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _set_check(self, row: int, text: str, problem: bool) -> None:
        item = self.table.item(row, CHECK)
        if item is None:
            return
        item.setText(text)
        item.setToolTip(text)
        pair = palette.ERROR_TEXT if problem else palette.RUNNING_TEXT
        palette.tint_text(item, pair)

    # -- checks ----------------------------------------------------------------------------

    def _rules_loaded(self, limit: int) -> None:
        self._limit = limit
        self._check()

    def _row_problems(self) -> dict[int, str]:
        problems: dict[int, str] = {}
        first_row: dict[str, int] = {}
        for row in range(self.table.rowCount()):
            key, value = self._text(row, KEY), self._text(row, VALUE)
            if not key and not value:
                continue
            if not key:
                problem = self.tr("Type a key for this value, or remove the row.")
            elif key in first_row:
                problem = (self.tr("The key '%1' is already in row %2; use each key once.")
                           .replace("%1", key).replace("%2", str(first_row[key] + 1)))
            else:
                first_row[key] = row
                problem = check_key(key) or check_value(value)
            if problem:
                problems[row] = render(problem)
        return problems

    def _check(self) -> None:
        if self._updating:
            return
        self._updating = True
        try:
            self._check_now()
        finally:
            self._updating = False

    def _check_now(self) -> None:
        ready = self._limit is not None
        problems = self._row_problems() if ready else {}
        for row in range(self.table.rowCount()):
            note = self._notes.get(self._text(row, KEY), "")
            self._set_check(row, problems.get(row, note), row in problems)
        count = len({key for key, _value in self.rows()})
        limit = self._limit or 50
        self.count_label.setText(self.tr("%1 of %2 keys").replace("%1", str(count)).replace("%2", str(limit)))
        uri = self.source_uri.text()
        uri_problem = check_source_uri(uri) if ready and uri != self._seen_uri else None
        self.source_problem.setText(render(uri_problem) if uri_problem else self._notes.get("", ""))
        self.source_problem.setVisible(bool(self.source_problem.text()))
        edit = self.edit()
        changed = bool(edit.set or edit.remove or uri != self._seen_uri)
        if not ready:
            hint = self.tr("Reading the API's limits…")
        elif problems or uri_problem:
            hint = self.tr("Fix what is marked in red to save.")
        elif count > limit:
            hint = (self.tr("A version takes at most %1 keys; remove %2.")
                    .replace("%1", str(limit)).replace("%2", str(count - limit)))
        elif not changed:
            hint = self.tr("Add, change or remove a key, or change the source URI, to save.")
        else:
            hint = self.tr("To save: %1, %2.").replace(
                "%1", self.tr("%n key(s) set", "", len(edit.set))).replace(
                "%2", self.tr("%n key(s) removed", "", len(edit.remove)))
        self.hint.setText(hint)
        self.save_button.setEnabled(ready and changed and not problems and not uri_problem
                                    and count <= limit and not self._saving)

    # -- saving ----------------------------------------------------------------------------

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for widget in (self.table, self.add_button, self.remove_button, self.source_uri):
            widget.setEnabled(not saving)
        if saving:
            self.banner.hide()
            self.hint.setText(self.tr("Saving…"))
            self.save_button.setEnabled(False)
        else:
            self._check()

    def _save_uri(self) -> None:
        uri = self.source_uri.text()
        if uri == self._seen_uri:
            self._set_saving(False)
            self.accept()
            return
        self._runner.run(save_source_uri, self._connection, self._arn, uri, self._seen_uri,
                         on_return=lambda details: self._uri_saved(details, uri), on_error=self._save_failed)

    def _metadata_saved(self, details: VersionDetails) -> None:
        self._written(details)
        self._seen = dict(details.customer_metadata)
        self._notes = {k: v for k, v in self._notes.items() if k == ""}
        self._save_uri()

    def _uri_saved(self, details: VersionDetails, uri: str) -> None:
        self._written(details)
        self._seen_uri = uri
        self._set_saving(False)
        self.accept()

    def _written(self, details: VersionDetails) -> None:
        self._store.apply_written(details)
        self.written.emit(details)

    def _save_failed(self, error: BaseException) -> None:
        if getattr(error, "kind", "") != "conflict":
            self._set_saving(False)
            self._show_error(render(error))
            return
        self._show_error(render(error) + " " + self.tr(
            "What is there now is read again and shown next to your values; nothing you typed is lost."))
        stamp = self._store.read_stamp()
        self._runner.run(describe, self._connection, self._arn,
                         on_return=lambda fresh: self._theirs_arrived(fresh, stamp),
                         on_error=lambda e: (self._set_saving(False), self._show_error(render(e))))

    def _theirs_arrived(self, fresh: VersionDetails, read_at: int) -> None:
        """Someone else changed the version: keys the user left alone take their values; keys
        both changed keep the user's, with theirs named next to it. From now on what was seen is
        theirs, so Save overwrites only what the user has been shown."""
        self._store.apply_read(fresh, read_at)
        base, theirs = self._seen, dict(fresh.customer_metadata)
        mine = dict(reversed(self.rows()))  # the first row of a key wins, as in edit()
        self._updating = True
        try:
            for key in sorted(set(base) | set(theirs)):
                if base.get(key) == theirs.get(key):
                    continue
                row = self.row_of(key)
                if mine.get(key) == base.get(key):  # untouched here: take theirs
                    if key not in theirs:
                        if row is not None:
                            self.table.removeRow(row)
                        continue
                    if row is None:
                        row = self._append_row(key, theirs[key])
                    else:
                        self.table.item(row, VALUE).setText(theirs[key])
                    self._notes[key] = self.tr("Changed by someone else since you opened this; shown as they left it.")
                elif key in theirs and row is None:  # removed here, changed there: theirs shows again
                    self._append_row(key, theirs[key])
                    self._notes[key] = self.tr("You removed this key; someone else changed it since you opened "
                                               "this. Remove it again to remove their value.")
                elif key in theirs:
                    self._notes[key] = (self.tr("Someone else set this to '%1' since you opened it; Save puts yours "
                                                "in its place.").replace("%1", theirs[key]))
                else:
                    self._notes[key] = self.tr("Someone else removed this key since you opened it; Save adds it back.")
            their_uri = str(fresh.raw.get("SourceUri") or "")
            if their_uri != self._seen_uri:
                if self.source_uri.text() == self._seen_uri:
                    self.source_uri.setText(their_uri)
                else:
                    self._notes[""] = (self.tr("Someone else set the source URI to '%1' since you opened this; "
                                               "Save puts yours in its place.").replace("%1", their_uri or "—"))
                self._seen_uri = their_uri
        finally:
            self._updating = False
        self._seen = theirs
        self._set_saving(False)

    def _show_error(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
