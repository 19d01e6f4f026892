"""Approve, reject or return versions to pending: preview what will change, then report per item.

Page 1 lists each change ("Version 12  Pending → Approved"), skips versions already in the
target status, checks the comment before any call and warns when an approved version is about
to be rejected. Page 2 fills in as each item finishes on the worker side; one failure never
stops the others, and "Retry the failed ones" sends them again with the same comment.

A run is a write: Cancel, Esc or the title bar's close button ask first, then stop the items not
sent yet; the dialog stays open until the calls already sent have ended and shows what each did,
so nothing lands unseen. The dialog never waits on the UI thread: closed by its owner mid-run, it
stops sending and still reports what lands (`versionUpdated`, `versionMissing`).
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.registry.aws import Connection
from app.registry.versions.records import APPROVED, CANCELLED, PENDING, REJECTED, ApprovalResult, VersionSummary
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.versions.approval_comment import ApprovalComment
from app.ui.versions.model import status_label
from app.ui.versions.operations import RunControl, apply_approvals, load_comment_limit
from app.ui.widgets.formatting import format_count


class ApprovalDialog(QDialog):
    versionUpdated = Signal(object)  # ApprovalResult of each item that succeeded, as it ends
    versionMissing = Signal(str)  # the ARN of a version AWS no longer has (deleted elsewhere)

    PREVIEW, RESULTS = range(2)

    def __init__(
        self,
        connection: Connection,
        versions: list[VersionSummary],
        target_status: str,
        parent: QWidget | None = None,
        *,
        comment: str = "",
    ):
        super().__init__(parent)
        self._connection = connection
        self._target = target_status
        self._versions = sorted(versions, key=lambda v: v.version)
        self._version_of = {v.arn: v.version for v in self._versions}
        self._changes = [v for v in self._versions if v.status != target_status]
        self._skipped = [v for v in self._versions if v.status == target_status]
        self._change_position = {v.arn: i for i, v in enumerate(self._changes)}
        self._shown_positions: list[int] = []
        self._runner = TaskRunner(self, max_threads=2)
        self._control = RunControl()
        self._results: list[ApprovalResult] = []
        self._shown: set[str] = set()  # ARNs whose result is in the list
        self._running = False
        self._finished = False
        self._closed = False  # closed by its owner mid-run: the run still reports what lands
        self._question: QMessageBox | None = None

        self.setWindowTitle(self._title())
        self.setMinimumWidth(560)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_preview())
        self.stack.addWidget(self._build_results())

        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setAccessibleName(self.tr("Cancel"))
        self.close_button.clicked.connect(self._close_clicked)
        self.retry_button = QPushButton(self.tr("Retry the failed ones"))
        self.retry_button.setAccessibleName(self.tr("Retry the failed ones"))
        self.retry_button.setToolTip(self.tr("Send the failed changes again, with the same comment."))
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

        self._fill_preview()
        self.comment_editor.set_text(comment)  # kept from an attempt that did not finish
        self._comment_changed()
        self._runner.run(load_comment_limit, on_return=self.comment_editor.set_limit)

    # -- public ----------------------------------------------------------------------------

    @property
    def target_status(self) -> str:
        return self._target

    def comment(self) -> str:
        return self.comment_box.toPlainText()

    def results(self) -> list[ApprovalResult]:
        """One result per version sent, in the order they finished (skipped ones excluded)."""
        return list(self._results)

    def is_running(self) -> bool:
        return self._running

    def completed(self) -> bool:
        """Whether every change was sent and landed (nothing failed, cancelled or unsent)."""
        return self._finished and not self._running and all(r.ok for r in self._results) and (
            {r.arn for r in self._results} >= {v.arn for v in self._changes})

    # -- texts -----------------------------------------------------------------------------

    def _title(self) -> str:
        n = len(self._versions)
        one = str(self._versions[0].version) if n == 1 else format_count(n)
        singular, plural = {
            APPROVED: (self.tr("Approve version %1"), self.tr("Approve %1 versions")),
            REJECTED: (self.tr("Reject version %1"), self.tr("Reject %1 versions")),
            PENDING: (
                self.tr("Return version %1 to pending"),
                self.tr("Return %1 versions to pending"),
            ),
        }.get(self._target, (self.tr("Set version %1"), self.tr("Set %1 versions")))
        return (singular if n == 1 else plural).replace("%1", one)

    def _apply_text(self) -> str:
        text = {
            APPROVED: self.tr("Approve %1"),
            REJECTED: self.tr("Reject %1"),
            PENDING: self.tr("Return %1 to pending"),
        }.get(self._target, self.tr("Apply to %1"))
        if not self._changes:  # "Approve 0" reads oddly on a disabled button
            return text.replace("%1", "").strip()
        return text.replace("%1", format_count(len(self._changes)))

    def _done_text(self) -> str:
        return {
            APPROVED: self.tr("%1 approved"),
            REJECTED: self.tr("%1 rejected"),
            PENDING: self.tr("%1 returned to pending"),
        }.get(self._target, self.tr("%1 changed"))

    def _version_text(self, arn: str, version: int | None = None) -> str:
        number = version if version is not None else self._version_of.get(arn)
        return self.tr("Version %1").replace("%1", str(number) if number is not None else arn)

    # -- page 1: preview -------------------------------------------------------------------

    def _build_preview(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self._title())
        self.title.setAccessibleName(self.tr("Title"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        self.changes = QListWidget()
        self.changes.setAccessibleName(self.tr("Changes"))
        self.changes.setAlternatingRowColors(True)
        layout.addWidget(self.changes)

        self.nothing_note = QLabel()
        self.nothing_note.setAccessibleName(self.tr("Nothing to change"))
        self.nothing_note.setWordWrap(True)
        layout.addWidget(self.nothing_note)

        self.warning = QLabel()
        self.warning.setAccessibleName(self.tr("Warning"))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(palette.strip_style("warning", extra="padding: 8px;"))
        layout.addWidget(self.warning)

        self.comment_editor = ApprovalComment()
        self.comment_editor.changed.connect(self._comment_changed)
        self.comment_box = self.comment_editor.box
        layout.addWidget(self.comment_editor)
        layout.addStretch(1)  # spare height goes below, not between the parts
        self._preview = page
        return page

    def _fit_height(self) -> None:
        """Wrapped texts that appear (the comment's problem, a warning) get their height: a
        stacked page does not pass a label's height-for-width up, so the dialog would stay as
        tall as before and draw its parts over each other."""
        layout = self._preview.layout()
        width = self._preview.width() if self._preview.width() > 0 else self.minimumWidth()
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0
        self._preview.setMinimumHeight(max(needed, layout.totalMinimumSize().height()))

    def _fill_preview(self) -> None:
        target = status_label(self._target)
        for v in self._changes:
            who = self._version_text(v.arn, v.version)
            item = QListWidgetItem(f"{who}  {status_label(v.status)} → {target}")
            item.setData(Qt.ItemDataRole.UserRole, v.arn)
            self.changes.addItem(item)
        for v in self._skipped:
            skipped = self.tr("already %1 — skipped").replace("%1", target)
            item = QListWidgetItem(f"{self._version_text(v.arn, v.version)}  {skipped}")
            item.setData(Qt.ItemDataRole.UserRole, v.arn)
            item.setForeground(self.palette().placeholderText())
            self.changes.addItem(item)

        nothing = self.tr("Nothing to change: every selected version is already %1.")
        self.nothing_note.setText(nothing.replace("%1", target))
        self.nothing_note.setVisible(not self._changes)

        risky = [v for v in self._changes if v.status == APPROVED and self._target == REJECTED]
        if risky:
            numbers = ", ".join(str(v.version) for v in risky)
            lead = (
                self.tr("Version %1 is Approved.")
                if len(risky) == 1
                else self.tr("Versions %1 are Approved.")
            ).replace("%1", numbers)
            why = self.tr(
                "Rejecting an approved version often triggers CI/CD pipelines (deployment or "
                "rollback) that listen for model package state changes."
            )
            self.warning.setText(f"⚠ {lead} {why}")
        self.warning.setVisible(bool(risky))
        # As tall as its rows, up to ten; then it scrolls.
        rows = max(1, min(self.changes.count(), 10))
        frame = 2 * self.changes.frameWidth()
        self.changes.setFixedHeight(rows * self.changes.sizeHintForRow(0) + frame + 4)
        self.apply_button.setText(self._apply_text())
        if risky:
            self._fit_height()

    @property
    def _rules_loaded(self) -> bool:
        return self.comment_editor.rules_loaded

    def _comment_changed(self) -> None:
        self._fit_height()
        problem = self.comment_editor.problem()
        self.apply_button.setEnabled(bool(self._changes) and problem is None and not self._running)

    # -- page 2: results -------------------------------------------------------------------

    def _build_results(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.results_title = QLabel()
        self.results_title.setFont(self.title.font())
        layout.addWidget(self.results_title)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setFormat(self.tr("%v of %m"))
        layout.addWidget(self.progress)
        self.result_list = QListWidget()
        self.result_list.setAccessibleName(self.tr("Results"))
        self.result_list.setWordWrap(True)
        self.result_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout.addWidget(self.result_list, 1)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("QLabel { font-weight: 600; }")
        layout.addWidget(self.summary)
        return page

    def apply(self) -> None:
        if self._running or self._finished or not self.apply_button.isEnabled():
            return
        comment = self.comment_box.toPlainText()
        if self.comment_editor.problem(comment) is not None or not self._changes:
            return
        self.stack.setCurrentIndex(self.RESULTS)
        self.results_title.setText(self._title())
        self.apply_button.hide()
        self.progress.setRange(0, len(self._changes))
        self._run([v.arn for v in self._changes])

    def retry_failed(self) -> None:
        """Send the failed changes again, with the same comment; what succeeded stays listed."""
        again = self._retryable()
        if self._running or not again:
            return
        retried = {v.arn for v in again}
        kept = [r for r in self._results if r.arn not in retried]
        self._results, self._shown, self._shown_positions = [], set(), []
        self.result_list.clear()
        for result in kept:
            self._list_result(result)
        self._run([v.arn for v in again])

    def _retryable(self) -> list[VersionSummary]:
        """Changes that failed (or never got a result): not the cancelled, not the deleted."""
        if not self._finished:
            return []
        by_arn = {r.arn: r for r in self._results}

        def failed(arn: str) -> bool:
            result = by_arn.get(arn)
            return result is None or (not result.ok and result.error != CANCELLED
                                      and result.error_kind != "not_found")

        return [v for v in self._changes if failed(v.arn)]

    def _run(self, arns: list[str]) -> None:
        self._running = True
        self._finished = False
        self._control = RunControl()
        self.retry_button.hide()
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Cancel"))
        self.close_button.setAccessibleName(self.tr("Cancel"))
        self.progress.setValue(len(self._results))
        self.summary.setText(self.tr("Working…"))
        self.summary.setStyleSheet("QLabel { font-weight: 600; }")
        self._runner.run(
            apply_approvals,
            self._connection,
            arns,
            self._target,
            self.comment_box.toPlainText(),
            control=self._control,
            pass_should_stop=True,
            pass_report=True,
            on_yield=self._add_result,
            on_error=self._run_failed,
            on_finish=self._run_finished,
        )

    def _add_result(self, result: ApprovalResult) -> None:
        if result.arn in self._shown:
            return
        self._list_result(result)
        self.result_list.scrollToItem(self.result_list.item(self._row_of(result.arn)))
        self.progress.setValue(len(self._results))
        if result.ok:
            self.versionUpdated.emit(result)
        elif result.error_kind == "not_found":
            self.versionMissing.emit(result.arn)

    def _row_of(self, arn: str) -> int:
        position = self._change_position.get(arn, len(self._change_position))
        return bisect.bisect_left(self._shown_positions, position)

    def _list_result(self, result: ApprovalResult) -> None:
        self._shown.add(result.arn)
        self._results.append(result)
        who = self._version_text(result.arn, result.version)
        if result.ok:
            item = QListWidgetItem(f"✓ {who} → {status_label(result.new_status or self._target)}")
        elif result.error == CANCELLED:
            item = QListWidgetItem(f"– {who}: {self.tr('Cancelled')}")
            item.setForeground(self.palette().placeholderText())
        else:
            item = QListWidgetItem(f"✗ {who}: {result.error}")
            item.setForeground(palette.brush(palette.ERROR_TEXT))
        item.setToolTip(result.error or result.arn)
        # Results arrive in completion order; list them in the preview's order, so a version is
        # found where the user saw it before applying.
        position = self._change_position.get(result.arn, len(self._change_position))
        row = bisect.bisect(self._shown_positions, position)
        self._shown_positions.insert(row, position)
        self.result_list.insertItem(row, item)

    def _run_failed(self, error: BaseException) -> None:
        # The whole batch was refused before any call (the comment, the session).
        item = QListWidgetItem(f"✗ {error}")
        item.setForeground(palette.brush(palette.ERROR_TEXT))
        self.result_list.addItem(item)

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
        ok = sum(1 for r in self._results if r.ok)
        cancelled = sum(1 for r in self._results if r.error == CANCELLED)
        failed = len(self._results) - ok - cancelled
        if not self._results and self.result_list.count():
            self.summary.setText(self.tr("Nothing was changed."))
            return
        parts = [self._done_text().replace("%1", format_count(ok))]
        if failed:
            parts.append(self.tr("%1 failed").replace("%1", format_count(failed)))
        if cancelled:
            parts.append(self.tr("%1 cancelled").replace("%1", format_count(cancelled)))
        if self._skipped:
            parts.append(self.tr("%1 skipped").replace("%1", format_count(len(self._skipped))))
        self.summary.setText(", ".join(parts))
        self.summary.setStyleSheet(
            palette.text_style(palette.ERROR_TEXT, "font-weight: 600;") if failed else
            "QLabel { font-weight: 600; }"
        )

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
        table through `versionUpdated`, as the run goes on reporting after the window closed."""
        if self._running and not self._control.stop.is_set():
            self._ask_to_stop()
            return
        super().reject()

    def _ask_to_stop(self) -> None:
        if self._control.stop.is_set() or self._question is not None:
            return  # already stopping, or already asking
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Stop the changes?"),
                          self.tr("Stop after the calls already sent?"), parent=self)
        box.setInformativeText(self.tr(
            "Versions not sent yet are left as they are. The calls already sent cannot be called "
            "back: this window stays open until they end, and shows what each did."))
        stop = box.addButton(self.tr("Stop"), QMessageBox.ButtonRole.DestructiveRole)
        stop.setAccessibleName(self.tr("Stop"))
        keep = box.addButton(self.tr("Keep going"), QMessageBox.ButtonRole.RejectRole)
        keep.setAccessibleName(self.tr("Keep going"))
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(_result: int) -> None:
            self._question = None
            box.deleteLater()
            if box.clickedButton() is stop and self._running:
                self._stop()

        box.finished.connect(answered)
        self._question = box
        box.open()  # window-modal, without a nested event loop

    def _stop(self) -> None:
        self._control.stop.set()  # items not started yet report "Cancelled"
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

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_height()
