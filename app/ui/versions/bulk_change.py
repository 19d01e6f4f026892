"""A change to many versions: preview what will change, then report per version as each ends.

The dialog behind bulk approval (approval.py), "Set lifecycle…", "Delete Versions…" and "Empty
and Delete Group…". Page 1 lists each change ("Version 12  Development /
InProgress → Production / Approved") and the skipped ones, above the fields the action needs
(`add_to_preview`). Apply sends the changes on a worker, a bounded number at a time (`run_bulk`);
page 2 fills in per version as each ends, in the preview's order; one failure never stops the
others, and "Retry the failed ones" sends them again.

A run is a write: Cancel, Esc or the title bar's close button ask first, then stop the versions
not sent yet; the dialog stays open until the calls already sent have ended. Closed by its owner
mid-run, it stops sending and still reports what lands, through signals for the version store
(`VersionFlows.follow_bulk` wires them): `versionChanged` (each success), `versionWritten` (the
version read back, with `read_back=True`) and `versionMissing` (AWS says it is gone).

Use: pass `change` and `options` (`change(session, arns, should_stop=, on_result=, max_workers=,
**options)`, a governance bulk function), or subclass and override `job()` and `run_returned()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.registry.aws import Connection
from app.registry.index.recording import IndexSource
from app.registry.versions.records import CANCELLED
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.texts import render
from app.ui.versions.bulk_plan import ItemResult, PlannedChange, Skipped
from app.ui.versions.bulk_results import ResultsPage
from app.ui.versions.operations import BulkOutcome, RunControl, run_bulk
from app.ui.widgets.formatting import format_count
from app.ui.widgets.stop_question import ask_to_stop


class BulkChangeDialog(QDialog):
    versionChanged = Signal(object)  # ChangeResult of each version that changed, as it ends
    versionWritten = Signal(object)  # VersionDetails read back after a change (read_back=True)
    versionMissing = Signal(str)  # the ARN of a version AWS no longer has (deleted elsewhere)
    index: IndexSource = None  # where what lands is recorded (see local_data.follow_in_index)

    PREVIEW, RESULTS = range(2)
    retry_cancelled = False  # whether "Retry" also sends what a Stop left unsent

    def __init__(
        self,
        connection: Connection,
        parent: QWidget | None = None,
        *,
        title: str,
        apply_text: str,
        done_text: str,
        change: Callable[..., Any] | None = None,
        options: dict[str, Any] | None = None,
        read_back: bool = False,
    ):
        """`apply_text` and `done_text` hold "%1" for a count ("Delete %1", "%1 deleted")."""
        super().__init__(parent)
        self._connection = connection
        self._title_text = title
        self._apply_template = apply_text
        self._done_template = done_text
        self._change = change
        self._options = dict(options or {})
        self._read_back = read_back
        self._changes: list[PlannedChange] = []
        self._skipped: list[Skipped] = []
        self._position: dict[str, int] = {}
        self._allow_empty = False
        self._ready = True
        self._runner = TaskRunner(self, max_threads=2)
        self._control = RunControl()
        self._results: list[ItemResult] = []
        self._shown: set[str] = set()
        self._running = False
        self._finished = False
        self._closed = False
        self._question: QMessageBox | None = None

        self.setWindowTitle(title)
        self.setMinimumWidth(600)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_preview())
        self.stack.addWidget(self._build_results())

        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setAccessibleName(self.tr("Cancel"))
        self.close_button.clicked.connect(self._close_clicked)
        self.retry_button = QPushButton(self.tr("Retry the failed ones"))
        self.retry_button.setAccessibleName(self.tr("Retry the failed ones"))
        self.retry_button.setToolTip(self.tr("Send the failed changes again."))
        self.retry_button.clicked.connect(self.retry_failed)
        self.retry_button.hide()
        self.apply_button = QPushButton()
        self.apply_button.setAccessibleName(self.tr("Apply"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.apply_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.set_plan([])

    # -- for the actions built on it -------------------------------------------------------

    def set_plan(self, changes: Sequence[PlannedChange], skipped: Sequence[Skipped] = (), *,
                 allow_empty: bool = False) -> None:
        """What Apply will do (the preview follows); `allow_empty`: Apply with no version to
        change (emptying a group that has none still deletes the group)."""
        if self._running or self._finished:
            return
        self._changes, self._skipped, self._allow_empty = list(changes), list(skipped), allow_empty
        self._position = {c.arn: i for i, c in enumerate(self._changes)}
        self._fill_preview()

    def add_to_preview(self, widget: QWidget, stretch: int = 0, *, above: bool = False) -> None:
        """A part of page 1 under the list of changes (fields, a typed confirmation), or
        `above` it, under the title (what the list adds up to)."""
        layout = self._preview.layout()
        at = layout.indexOf(self.changes) if above else layout.count() - 1  # above the closing stretch
        layout.insertWidget(at, widget, stretch)

    def set_ready(self, ready: bool) -> None:
        """Whether the fields of page 1 allow Apply (a valid stage, the typed group name)."""
        self._ready = ready
        self._update_apply()

    def set_title(self, text: str) -> None:
        self.setWindowTitle(text)
        self.title.setText(text)

    def set_done_text(self, text: str) -> None:
        """The summary's lead once the run ended, with "%1" for the count ("%1 deleted")."""
        self._done_template = text

    def set_apply_text(self, text: str) -> None:
        """The Apply button's text, with "%1" for the count ("Approve %1")."""
        self._apply_template = text
        self._update_apply()

    def set_warning(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def set_nothing_text(self, text: str) -> None:
        """What page 1 says when no version is to change."""
        self.nothing_note.setText(text)

    def job(self) -> tuple[Callable[..., Any], dict[str, Any]]:
        """Called on the UI thread when Apply or Retry is pressed: the governance function and
        its options, read from the fields as they are now (never from a worker)."""
        if self._change is None:
            raise NotImplementedError("pass change= or override job()")
        return self._change, dict(self._options)

    def run_returned(self, value: Any) -> None:
        """What the whole run returned (the group deletion's outcome, say), before it finishes."""

    def results(self) -> list[ItemResult]:
        """One result per version sent, in the order they finished (skipped ones excluded)."""
        return list(self._results)

    def is_running(self) -> bool:
        return self._running

    def completed(self) -> bool:
        """Whether every change was sent and landed (nothing failed, cancelled or unsent)."""
        return self._finished and not self._running and all(r.ok for r in self._results) and (
            {r.arn for r in self._results} >= set(self._position))

    def version_text(self, arn: str, version: int | None) -> str:
        return self.tr("Version %1").replace("%1", str(version) if version is not None else arn)

    # -- page 1: preview -------------------------------------------------------------------

    def _build_preview(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self._title_text)
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        self.changes = QListWidget()
        self.changes.setAccessibleName(self.tr("Changes"))
        self.changes.setAlternatingRowColors(True)
        layout.addWidget(self.changes)

        self.nothing_note = QLabel(self.tr("Nothing to change: every selected version already reads so."))
        self.nothing_note.setAccessibleName(self.tr("Nothing to change"))
        self.nothing_note.setWordWrap(True)
        layout.addWidget(self.nothing_note)

        self.warning = QLabel()
        self.warning.setAccessibleName(self.tr("Warning"))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(palette.strip_style("warning", extra="padding: 8px;"))
        self.warning.hide()
        layout.addWidget(self.warning)
        layout.addStretch(1)  # spare height goes below, not between the parts
        self._preview = page
        return page

    def _fill_preview(self) -> None:
        self.changes.clear()
        for change in self._changes:
            who = self.version_text(change.arn, change.version)
            before = change.before or self.tr("(none)")
            item = QListWidgetItem(f"{who}  {before} → {change.after}")
            item.setData(Qt.ItemDataRole.UserRole, change.arn)
            self.changes.addItem(item)
        for skipped in self._skipped:
            text = self.tr("%1 — skipped").replace("%1", skipped.reason)
            item = QListWidgetItem(f"{self.version_text(skipped.arn, skipped.version)}  {text}")
            item.setData(Qt.ItemDataRole.UserRole, skipped.arn)
            palette.tint_text(item, QPalette.ColorRole.PlaceholderText)
            self.changes.addItem(item)
        self.changes.setVisible(self.changes.count() > 0)
        self.nothing_note.setVisible(not self._changes and not self._allow_empty)
        rows = max(1, min(self.changes.count(), 10))  # as tall as its rows, up to ten; then it scrolls
        frame = 2 * self.changes.frameWidth()
        self.changes.setFixedHeight(rows * max(self.changes.sizeHintForRow(0), 1) + frame + 4)
        self._update_apply()

    def apply_label(self) -> str:
        """The Apply button's text for the plan as it stands."""
        if not self._changes:  # "Delete 0" reads oddly
            return self._apply_template.replace("%1", "").replace("  ", " ").strip()
        return self._apply_template.replace("%1", format_count(len(self._changes)))

    def _update_apply(self) -> None:
        self.apply_button.setText(self.apply_label())
        self.apply_button.setEnabled(
            (bool(self._changes) or self._allow_empty) and self._ready and not self._running)

    # -- page 2: results -------------------------------------------------------------------

    def _build_results(self) -> QWidget:
        self.results_page = ResultsPage(self.title.font())
        page = self.results_page
        self.results_title, self.progress, self.result_list = page.title, page.progress, page.list
        self.summary, self.outcome = page.summary, page.outcome
        return page

    def apply(self) -> None:
        if self._running or self._finished or not self.apply_button.isEnabled():
            return
        self.stack.setCurrentIndex(self.RESULTS)
        self.results_title.setText(self.windowTitle())
        self.apply_button.hide()
        self.progress.setRange(0, len(self._changes))  # none (an empty group): a busy bar until it ends
        self._run([c.arn for c in self._changes])

    def retry_failed(self) -> None:
        """Send the failed changes again; what succeeded stays listed."""
        again = self._retryable()
        if self._running or not again:
            return
        retried = set(again)
        kept = [r for r in self._results if r.arn not in retried]
        self._results, self._shown = [], set()
        self.results_page.clear()
        for result in kept:
            self._list_result(result)
        self._run(again)

    def _retryable(self) -> list[str]:
        """Changes that failed (or never got a result): not the deleted, not the cancelled
        unless `retry_cancelled`."""
        if not self._finished:
            return []
        by_arn = {r.arn: r for r in self._results}

        def failed(arn: str) -> bool:
            result = by_arn.get(arn)
            if result is None:
                return True
            if result.ok or result.error_kind == "not_found":
                return False
            return result.error != CANCELLED or self.retry_cancelled

        return [c.arn for c in self._changes if failed(c.arn)]

    def _run(self, arns: list[str]) -> None:
        change, options = self.job()
        self._running = True
        self._finished = False
        self._control = RunControl()
        self.retry_button.hide()
        self.outcome.hide()
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Cancel"))
        self.close_button.setAccessibleName(self.tr("Cancel"))
        self.progress.setValue(len(self._results))
        self.results_page.set_summary(self.tr("Working…"))
        self._runner.run(
            run_bulk, self._connection, change, arns, options,
            control=self._control, read_back=self._read_back, index=self.index,
            pass_should_stop=True, pass_report=True,
            on_yield=self._add_outcome, on_return=self.run_returned,
            on_error=self._run_failed, on_finish=self._run_finished,
        )

    def _add_outcome(self, outcome: BulkOutcome) -> None:
        result = outcome.result
        if result.arn in self._shown:
            return
        self._list_result(result)
        self.results_page.scroll_to(self._position.get(result.arn, len(self._position)))
        self.progress.setValue(len(self._results))
        if result.ok:
            self.versionChanged.emit(result)
            if outcome.details is not None:
                self.versionWritten.emit(outcome.details)
        elif result.error_kind == "not_found":
            self.versionMissing.emit(result.arn)

    def _list_result(self, result: ItemResult) -> None:
        self._shown.add(result.arn)
        self._results.append(result)
        position = self._position.get(result.arn, len(self._position))
        planned = self._changes[position] if position < len(self._changes) else None
        who = self.version_text(result.arn, result.version)
        if result.ok:
            item = QListWidgetItem(f"✓ {who} → {planned.after if planned is not None else ''}")
        elif result.error == CANCELLED:
            cancelled = self.tr("Cancelled")
            item = QListWidgetItem(f"– {who}: {cancelled}")
            palette.tint_text(item, QPalette.ColorRole.PlaceholderText)
        else:
            item = QListWidgetItem(f"✗ {who}: {render(result.error)}")
            palette.tint_text(item, palette.ERROR_TEXT)
        item.setData(Qt.ItemDataRole.UserRole, result.arn)
        item.setToolTip(render(result.error) if result.error else result.arn)
        self.results_page.add(item, position)

    def _run_failed(self, error: BaseException) -> None:
        # The whole run was refused before any call (a check, the session, a typed name).
        self.results_page.add_failure(render(error))

    def _run_finished(self) -> None:
        self._running = False
        self._finished = True
        if self._question is not None:  # nothing left to stop
            self._question.done(0)
        if self._closed:
            QTimer.singleShot(0, self._runner.shutdown)
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setDefault(True)
        self.retry_button.setVisible(bool(self._retryable()))
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
        ok = sum(1 for r in self._results if r.ok)
        cancelled = sum(1 for r in self._results if r.error == CANCELLED)
        failed = len(self._results) - ok - cancelled
        if not self._results and self.result_list.count():
            self.results_page.set_summary(self.tr("Nothing was changed."), error=True)
            return
        parts = [self._done_template.replace("%1", format_count(ok))]
        if failed:
            parts.append(self.tr("%Ln failed", "", failed))
        if cancelled:
            parts.append(self.tr("%Ln cancelled", "", cancelled))
        if self._skipped:
            parts.append(self.tr("%Ln skipped", "", len(self._skipped)))
        self.results_page.set_summary(", ".join(parts), error=bool(failed))

    def show_outcome(self, text: str, *, error: bool = False) -> None:
        """A line under the summary about the run as a whole (the group went, or why not)."""
        self.results_page.show_outcome(text, error=error)

    # -- closing ---------------------------------------------------------------------------

    def _close_clicked(self) -> None:
        if self._running:
            self._ask_to_stop()
        elif self._finished:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        """Esc and the title bar's close button land here: mid-run they ask first. Once the
        user said Stop, they close at once (a call may hang): what it does still reaches the
        table through the signals, as the run goes on reporting after the window closed."""
        if self._running and not self._control.stop.is_set():
            self._ask_to_stop()
            return
        super().reject()

    def _ask_to_stop(self) -> None:
        if self._control.stop.is_set() or self._question is not None:
            return  # already stopping, or already asking

        def answered() -> None:
            self._question = None

        def stop() -> None:
            if self._running:  # the run may have ended while the question showed
                self._stop()

        self._question = ask_to_stop(self, stop, answered)

    def _stop(self) -> None:
        self._control.stop.set()  # versions not started yet report "Cancelled"
        self.close_button.setEnabled(False)
        self.close_button.setText(self.tr("Cancelling…"))
        self.summary.setText(self.tr(
            "Cancelling: waiting for the calls already sent… Esc closes this window; what they do "
            "still shows in the table."))

    def done(self, result: int) -> None:
        """However the dialog closes, nothing waits on the UI thread. Closed by its owner
        mid-run, it stops sending; the calls already out still report what they did."""
        if self._running:
            self._control.stop.set()
            self._closed = True  # the runner is shut down once the run has ended
        else:
            self._runner.shutdown()
        super().done(result)
