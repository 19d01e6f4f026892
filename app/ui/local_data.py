"""The window's handle on the local index: opened off the UI thread, shared by every view.

`LocalData.index` is None until the worker has opened the file (a few milliseconds after the
first paint). Workers read and write the index themselves (it is thread-safe); the UI thread
never touches the file. Whoever changed the index from a worker calls `changed()` on the UI
thread when the work returns; views that show indexed data (the estate tree, the inbox) follow
`indexChanged`, which is debounced so a listing of many pages re-reads once.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.tasks import TaskRunner
from app.ui.texts import render

if TYPE_CHECKING:  # the index's modules load on the worker that opens it, after the first paint
    from app.registry.index.local import LocalIndex
    from app.registry.index.recording import IndexSource

_log = logging.getLogger(__name__)
CHANGED_DEBOUNCE_MS = 300
OPEN_WAIT_S = 5.0  # a worker that lists before the index is open waits this long for it


def index_of(local: LocalData | None) -> IndexSource:
    """What to hand a worker that records what it sees: the index, or (while it is still being
    opened) a function the worker calls to wait for it briefly; None: record nothing."""
    if local is None or local.index is not None:
        return None if local is None else local.index
    return local.when_open


def written(local: LocalData | None) -> None:
    """UI thread, after a worker wrote what it saw: views showing the index re-read it."""
    if local is not None:
        local.changed()


def follow_in_index(dialog: Any, local: LocalData | None) -> None:
    """A bulk change dialog (approval, lifecycle, deletion, emptying) records what lands in the
    index from its worker (`run_bulk`); views showing the index re-read it as results arrive."""
    dialog.index = index_of(local)
    if local is not None:
        for signal in (dialog.versionChanged, dialog.versionMissing, dialog.versionWritten):
            signal.connect(lambda *_: local.changed())


def open_index(scope: str) -> LocalIndex:
    """Worker thread: the scope's index, built or repaired as needed."""
    from app.registry.index.local import LocalIndex
    from app.registry.index.schema import index_path

    return LocalIndex.open(index_path(scope))


class LocalData(QObject):
    ready = Signal(object)  # the LocalIndex, once open
    indexChanged = Signal()
    problem = Signal(str)  # what the user should be told about the file (moved aside, unusable)

    def __init__(self, scope: str, parent: QObject | None = None):
        super().__init__(parent)
        self.scope = scope
        self.index: LocalIndex | None = None
        self._failure_told = False
        self._opening = False
        self._held = False
        self._open_done = threading.Event()
        self._pending: LocalIndex | None = None  # opened by the worker, not yet handed to the UI thread
        self._runner = TaskRunner(self, max_threads=1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(CHANGED_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.indexChanged.emit)

    def open(self) -> None:
        self._opening = True
        self._runner.run(self._open_worker, self.scope, on_return=self._opened, on_error=self._failed)

    def _open_worker(self, scope: str) -> LocalIndex:
        try:
            self._pending = open_index(scope)
            return self._pending
        finally:
            self._open_done.set()

    def when_open(self) -> LocalIndex | None:
        """Any worker thread: the index, waiting briefly while it is being opened."""
        if self.index is not None or not self._opening:
            return self.index
        self._open_done.wait(OPEN_WAIT_S)
        return self._pending

    def _opened(self, index: LocalIndex) -> None:
        self.index = index
        if index.note:
            _log.warning("%s", index.note)
            self.problem.emit(index.note)
        self.opened.emit(index)
        if not self._held:
            self.ready.emit(index)

    def _failed(self, error: BaseException) -> None:
        # Without an index the application still works; it only forgets what it saw.
        _log.warning("The local index could not be opened: %s", error)
        self.unusable.emit()
        self.problem.emit(self.tr("The local index could not be opened (%1); what the window shows will not be "
                                  "remembered until this is fixed.").replace("%1", render(error)))

    def changed(self) -> None:
        """UI thread: something was written to the index; views re-read it shortly. A file that
        failed while a worker used it is said once (`problem`)."""
        index = self.index
        if index is not None and index.failure and not self._failure_told:
            self._failure_told = True
            self.problem.emit(index.failure)
        self._debounce.start()

    def shutdown(self) -> None:
        self._debounce.stop()
        self._runner.shutdown()
        index, self.index = self.index or self._pending, None
        self._pending, self._opening = None, False
        if index is not None:
            # Closing checkpoints the WAL (file work): never on the UI thread, never waited for.
            threading.Thread(target=index.close, name="close-local-index", daemon=True).start()

    # -- the window's first moments ------------------------------------------------------------

    # The index, once open, to whoever must show it first (the remembered rows): `ready` may
    # be held back until the rest of the window is built, `opened` never is.
    opened = Signal(object)
    unusable = Signal()  # the index could not be opened at all

    def hold_ready(self) -> None:
        """`ready` waits for `release_ready()`: its listeners are not built yet."""
        self._held = True

    def release_ready(self) -> None:
        self._held = False
        if self.index is not None:
            self.ready.emit(self.index)
