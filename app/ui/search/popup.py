"""Search everywhere: one field, results as you type from the local index of every account and
region the application has seen, grouped by account › region; Enter opens the version.

Each query runs on a worker after a short pause in typing (never on the UI thread) and carries
a generation number: a query superseded by newer typing is dropped, never shown. "Search AWS"
asks SageMaker's Search in the current profile and region for what the index has not seen; what
it finds is shown here and written into the index, so the next search finds it locally.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.registry.aws import Connection
from app.registry.index.records import place_of
from app.registry.versions.search_aws import check_search_text
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.search.operations import RESULT_LIMIT, Found, Result, query_index, search_aws_into_index
from app.ui.search.results import ResultsTree
from app.ui.texts import render
from app.ui.workspace import Workspace, connection_key

DEBOUNCE_MS = 150
OpenVersion = Callable[[Connection, str, str], None]


@dataclass
class _AwsSearch:
    """One Search AWS: its text, what it found so far, and what to tell when it ends."""

    text: str
    results: list[Result] = field(default_factory=list)
    added: int = 0  # of its versions, those the index had not already shown
    note: str = ""
    failed: bool = False


class SearchPopup(QDialog):
    def __init__(self, workspace: Workspace, open_version: OpenVersion, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self._open_version = open_version
        self.setObjectName("search-everywhere")
        self.setWindowTitle(self.tr("Search Everywhere"))
        self.setAccessibleName(self.tr("Search everywhere"))
        self.resize(960, 540)
        self.runner = TaskRunner(self, max_threads=2, name="search")
        self.query = query_index  # the worker function of a query (Found for (index, text))
        self._generation = 0  # of the query whose results are shown; older ones are dropped
        self._keys: dict[tuple[str, str], list[str]] = {}  # (account, region) -> "profile@region"
        self._aws: _AwsSearch | None = None  # the last Search AWS, while its text is in the field
        self._build()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_query)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self.open_current)
        self.field.installEventFilter(self)
        self.tree.itemActivated.connect(lambda *_: self.open_current())
        self.aws_button.clicked.connect(self.search_aws)
        local = workspace.local
        if local is not None:
            local.ready.connect(lambda _index: self.run_query() if self.isVisible() else None)
            local.indexChanged.connect(self._index_changed)
        self._show_state()

    def _build(self) -> None:
        self.field = QLineEdit()
        self.field.setAccessibleName(self.tr("Search everywhere"))
        self.field.setPlaceholderText(self.tr("Names, descriptions, images, comments, stages, metadata…"))
        self.field.setClearButtonEnabled(True)
        self.aws_button = QPushButton(self.tr("Search &AWS"))
        self.aws_button.setAccessibleName(self.tr("Search AWS"))
        self.aws_button.setToolTip(self.tr("Ask SageMaker's Search in the current profile and region for versions "
                                           "whose group name or description contains the text (key=value: a "
                                           "metadata value); what it finds is remembered for the next search"))
        self.aws_button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.aws_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Search message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = ResultsTree()
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Result count"))
        self.count_label.setStyleSheet(palette.text_style(palette.MUTED_TEXT))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count_label)

    # -- showing ---------------------------------------------------------------------------

    def popup(self) -> None:
        """Show (or bring back) the popup with the field focused and its text selected."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.field.setFocus()
        self.field.selectAll()
        self.run_query()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}
            if event.key() in steps:
                self.tree.move(steps[Qt.Key(event.key())])
                return True
        return super().eventFilter(watched, event)

    def _typed(self, text: str) -> None:
        if self._aws is not None and self._aws.text != text.strip():
            self._aws = None  # what AWS found was for other text
        if text.strip():
            self._debounce.start()
            return
        self._debounce.stop()
        self._generation += 1  # a query still running is for text no longer there
        self.runner.cancel("query")
        self.tree.clear_results()
        self._show_state()

    def _index_changed(self) -> None:
        if self.isVisible() and self.field.text().strip():
            self.run_query()

    # -- the local index -------------------------------------------------------------------

    def run_query(self) -> None:
        self._debounce.stop()
        text = self.field.text()
        index = self.workspace.local.index if self.workspace.local is not None else None
        if not text.strip() or index is None:
            self._show_state()
            return
        self._generation += 1
        generation = self._generation
        self.runner.run(self.query, index, text, key="query",
                        on_return=lambda found: self._found(generation, found),
                        on_error=lambda error: self._failed(generation, error))

    def _found(self, generation: int, found: Found) -> None:
        if generation != self._generation:
            return  # superseded by newer typing
        self.tree.clear_results()
        self._keys.update(found.keys_by_place)
        self.tree.add(found.results, self._title_of)
        if self._aws is not None and self._aws.text == found.text.strip():
            self.tree.add(self._aws.results, self._title_of)
        self._show_state(found.text, empty_index=found.indexed == 0)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._say(self.tr("The search failed: %1").replace("%1", render(error)), error=True)

    # -- Search AWS ------------------------------------------------------------------------

    def search_aws(self) -> None:
        text = self.field.text()
        problem = check_search_text(text)
        if problem:
            self._say(self.tr("Search AWS: %1").replace("%1", problem), error=True)
            return
        if self._debounce.isActive():
            self.run_query()  # the index's answer first; what AWS finds joins it
        connection = self.workspace.connection
        index = self.workspace.local.index if self.workspace.local is not None else None
        state = _AwsSearch(text.strip())
        self._aws = state
        self.aws_button.setEnabled(False)
        self.aws_button.setText(self.tr("Searching AWS…"))

        def page(found: Found) -> None:
            self._keys.update(found.keys_by_place)
            state.results += found.results
            if self._aws is state:
                state.added += self.tree.add(found.results, self._title_of)
                self._show_state()

        def done(_result: object) -> None:
            state.note = self.tr("Search AWS found %n version(s) not already listed here, in the profile %1 (%2).",
                                 "", state.added).replace("%1", connection.display_name).replace(
                                     "%2", connection.region or "")
            if self._aws is state:
                self._show_state()

        def failed(error: BaseException) -> None:
            state.note, state.failed = render(error), True
            if self._aws is state:
                self._show_state()

        def finish() -> None:
            self.aws_button.setEnabled(True)
            self.aws_button.setText(self.tr("Search &AWS"))
            if index is not None and self.workspace.local is not None:
                self.workspace.local.changed()  # the next search finds what AWS told

        self.runner.run(search_aws_into_index, connection, connection_key(connection), text, index, key="aws",
                        pass_should_stop=True, on_yield=page, on_return=done, on_error=failed, on_finish=finish)

    # -- opening ---------------------------------------------------------------------------

    def connection_for(self, result: Result) -> Connection | None:
        """A connection of the picker that reaches the result's account and region."""
        version = result.version
        keys = self._keys.get((version.account, version.region), [])
        current = self.workspace.connection
        if connection_key(current) in keys:
            return current
        for key in keys:
            profile, _at, region = key.rpartition("@")
            for choice in self.workspace.choices():
                if choice.connection.display_name == profile:
                    return dataclasses.replace(choice.connection, region=version.region or region)
        return None

    def open_current(self) -> None:
        result = self.tree.current_result()
        if result is None:
            return
        connection = self.connection_for(result)
        if connection is None:
            account, region = place_of(result.version.summary.arn)
            self._say(self.tr("No profile in the connection picker reaches the account %1 in %2: add one under "
                              "Accounts, then open the version.").replace("%1", account).replace("%2", region),
                      error=True)
            return
        self._open_version(connection, result.version.group_arn, result.version.summary.arn)
        self.hide()

    # -- messages --------------------------------------------------------------------------

    def _title_of(self, place: tuple[str, str]) -> str:
        account, region = place
        profiles = sorted({key.rpartition("@")[0] for key in self._keys.get(place, [])})
        title = f"{account} › {region}"
        return title + (f"  ({', '.join(profiles)})" if profiles else "")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(palette.text_style(palette.ERROR_TEXT) if error else "")
        self.message.show()

    def _show_counts(self) -> None:
        count = self.tree.result_count()
        text = self.tr("%n version(s)", "", count)
        if count:
            text += " · " + self.tr("%n account-region(s)", "", self.tree.place_count())
        if count >= RESULT_LIMIT:
            text += " · " + self.tr("the best %1 shown; type more to narrow").replace("%1", str(RESULT_LIMIT))
        self.count_label.setText(text)

    def _show_state(self, searched: str = "", *, empty_index: bool = False) -> None:
        """The message for what there is: no index, nothing typed, no match, or the results."""
        local = self.workspace.local
        text = self.field.text().strip()
        self._show_counts()
        self.tree.setVisible(bool(self.tree.result_count()))
        aws = self._aws if self._aws is not None and self._aws.note and self._aws.text == text else None
        if text and aws is not None:
            self._say(aws.note, error=aws.failed)
        elif local is None or local.index is None:
            self._say(self.tr("There is no local index yet: it opens shortly after the start, and fills as groups "
                              "and versions are listed. Search AWS looks in the current account."))
        elif not text:
            self._say(self.tr("Type to search the names, descriptions, images, comments, stages and metadata of "
                              "every version seen in any account and region."))
        elif searched and empty_index and not self.tree.result_count():
            self._say(self.tr("The local index holds no version yet: versions are remembered as their groups are "
                              "listed. Search AWS looks in the current account."))
        elif searched and not self.tree.result_count():
            self._say(self.tr("No version in the indexed accounts matches “%1” — Search AWS looks in the current "
                              "account.").replace("%1", searched.strip()))
        else:
            self.message.hide()

    def shutdown(self) -> None:
        self._debounce.stop()
        self.runner.shutdown()
