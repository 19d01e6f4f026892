"""Two versions side by side (Version ▸ Compare Versions…): what differs, grouped the way an
approver reads it, the older version on the left.

Both versions are read on workers, each by its own task (describe and metric reports in S3),
while the window says what it is reading; a side that fails says which version, profile and
call in words, and Retry reads again what failed, the rest of the window staying usable. The
window is not modal: one per pair of versions, reopened in front when asked for again.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from app.registry.aws import Connection
from app.registry.versions.compare import Comparison, VersionSnapshot, compare_versions
from app.registry.versions.compare_render import Words, comparison_markdown, comparison_text
from app.registry.versions.records import VersionDetails, VersionSummary
from app.registry.versions.store import VersionStore
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.compare.model import ComparisonModel, section_titles
from app.ui.compare.operations import read_side
from app.ui.local_data import LocalData, index_of
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.versions.model import status_label
from app.ui.widgets.formatting import format_datetime

DEFAULT_SIZE = (1180, 660)
FIELD_WIDTH = 260
LEFT, RIGHT = "left", "right"


def side_title(version: VersionSummary | VersionDetails) -> str:
    """"Version 3 · Approved · created 2026-12-01 10:00": what each side's column is headed with."""
    from PySide6.QtCore import QCoreApplication

    return (QCoreApplication.translate("CompareWindow", "Version %1 · %2 · created %3")
            .replace("%1", str(version.version)).replace("%2", status_label(version.status))
            .replace("%3", format_datetime(version.created)))


def older_first(a: VersionSummary, b: VersionSummary) -> tuple[VersionSummary, VersionSummary]:
    return (a, b) if (a.version, a.created) <= (b.version, b.created) else (b, a)


class CompareWindow(QWidget):
    closed = Signal()

    def __init__(self, connection: Connection, first: VersionSummary, second: VersionSummary, *,
                 settings: Settings, local: LocalData | None = None, store: VersionStore | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._connection = connection
        self._settings = settings
        self._local = local
        self._store = store  # the window's: what is read here shows in the table and details too
        self._runner = TaskRunner(self, max_threads=2)
        left, right = older_first(first, second)
        self.versions = {LEFT: left, RIGHT: right}
        self._snapshots: dict[str, VersionSnapshot] = {}
        self._failures: dict[str, str] = {}
        self.comparison: Comparison | None = None
        self.setObjectName("CompareWindow")
        self.setWindowTitle(self.tr("Compare versions %1 and %2 of %3").replace("%1", str(left.version))
                            .replace("%2", str(right.version)).replace("%3", left.group))
        self.setAccessibleName(self.windowTitle())

        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Comparison summary"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.note = QLabel()  # metrics that could not be read: said, not shown as equal
        self.note.setAccessibleName(self.tr("Comparison note"))
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setStyleSheet(palette.strip_style("warning", extra="padding: 6px;"))
        self.note.hide()

        self.model = ComparisonModel(self)
        self.model.set_titles(side_title(left), side_title(right))
        self.tree = QTreeView()
        self.tree.setAccessibleName(self.tr("Differences"))
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # an image's tag is at its end
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ComparisonModel.FIELD, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ComparisonModel.LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ComparisonModel.RIGHT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ComparisonModel.CHANGE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ComparisonModel.FIELD, FIELD_WIDTH)
        header.resizeSection(ComparisonModel.CHANGE, 150)

        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Comparison message"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Reading the versions"))
        self.progress.setRange(0, 0)  # busy: two reads, each a describe and its reports
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(320)
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.retry_button.setAccessibleName(self.tr("Retry"))
        self.retry_button.clicked.connect(self.retry)
        waiting = QWidget()
        waiting_layout = QVBoxLayout(waiting)
        waiting_layout.addStretch(1)
        waiting_layout.addWidget(self.message)
        waiting_layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        waiting_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        waiting_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(waiting)
        self.stack.addWidget(self.tree)

        self.only_differences = QCheckBox(self.tr("&Only differences"))
        self.only_differences.setAccessibleName(self.tr("Only differences"))
        self.only_differences.setChecked(True)
        self.only_differences.toggled.connect(lambda _on: self._show_comparison())
        self.copy_markdown = QPushButton(self.tr("Copy as &Markdown"))
        self.copy_markdown.setAccessibleName(self.tr("Copy as Markdown"))
        self.copy_markdown.clicked.connect(lambda: self._copy(markdown=True))
        self.copy_text = QPushButton(self.tr("Copy as &Plain Text"))
        self.copy_text.setAccessibleName(self.tr("Copy as Plain Text"))
        self.copy_text.clicked.connect(lambda: self._copy(markdown=False))
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.close)

        bar = QHBoxLayout()
        bar.addWidget(self.only_differences)
        bar.addStretch(1)
        for button in (self.copy_markdown, self.copy_text, self.close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        geometry = settings.compare_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        # One version, one record: an approval or a stage set elsewhere shows here at once.
        self._unsubscribe = store.subscribe(self._store_changed) if store is not None else (lambda: None)
        self._read({LEFT, RIGHT})

    # -- public ----------------------------------------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    def pair(self) -> frozenset[str]:
        return frozenset(v.arn for v in self.versions.values())

    def is_loading(self) -> bool:
        return self._runner.active_count > 0

    def failure(self) -> str:
        """The sentence shown for the reads that failed ("" when none did)."""
        return "\n\n".join(self._failures[side] for side in (LEFT, RIGHT) if side in self._failures)

    def retry(self) -> None:
        """Read again what failed (both sides if nothing was read)."""
        sides = set(self._failures) or {LEFT, RIGHT} - set(self._snapshots)
        if sides:
            self._read(sides)

    # -- reading ---------------------------------------------------------------------------

    def _read(self, sides: set[str]) -> None:
        for side in sides:
            self._failures.pop(side, None)
            self._snapshots.pop(side, None)
        numbers = [str(self.versions[side].version) for side in (LEFT, RIGHT) if side in sides]
        self.message.setText(self.tr("Reading version %1 and its metrics…").replace("%1", numbers[0])
                             if len(numbers) == 1 else
                             self.tr("Reading versions %1 and %2 and their metrics…")
                             .replace("%1", numbers[0]).replace("%2", numbers[1]))
        self.progress.show()
        self.retry_button.hide()
        self.summary.setText(self.tr("Reading…"))
        self.stack.setCurrentIndex(0)
        self._enable_copies(False)
        index = index_of(self._local)
        stamp = self._store.read_stamp() if self._store is not None else None
        for side in sorted(sides):
            self._runner.run(read_side, self._connection, self.versions[side].arn, index, key=side,
                             on_return=lambda snapshot, side=side: self._arrived(side, snapshot, stamp),
                             on_error=lambda error, side=side: self._failed(side, error),
                             on_finish=self._settle)

    def _arrived(self, side: str, snapshot: VersionSnapshot, read_at: int | None) -> None:
        if self._store is not None and not self._store.apply_read(snapshot.details, read_at):
            # Changed here (approved, say) while it was being read: the answer may predate it.
            self._runner.run(read_side, self._connection, self.versions[side].arn, index_of(self._local),
                             key=side, on_return=lambda again: self._arrived(side, again, None),
                             on_error=lambda error: self._failed(side, error), on_finish=self._settle)
            return
        self._snapshots[side] = snapshot

    def _failed(self, side: str, error: BaseException) -> None:
        version = self.versions[side]
        lead = self.tr("Version %1 of %2 could not be read.").replace("%1", str(version.version)).replace(
            "%2", version.group)
        self._failures[side] = f"{lead} {render(error)}"

    def _settle(self) -> None:
        """After each read: once none is running, the comparison, or what failed and Retry."""
        if self._runner.active_count:
            return
        self.progress.hide()
        if self._failures:
            self.message.setText(self.failure())
            self.retry_button.show()
            self.retry_button.setFocus()
            self.summary.setText(self.tr("The comparison could not be made."))
            return
        self._compare()

    def _compare(self) -> None:
        self.comparison = compare_versions(self._snapshots[LEFT], self._snapshots[RIGHT])
        # As read now: the status may have changed since the versions were selected.
        self.model.set_titles(*(side_title(self._snapshots[side].details) for side in (LEFT, RIGHT)))
        self._show_problems()
        self._show_comparison()

    def _store_changed(self, arns: frozenset[str]) -> None:
        if not Shiboken.isValid(self) or self._store is None:
            return
        changed = False
        for side, snapshot in list(self._snapshots.items()):
            known = self._store.details(snapshot.details.arn) if snapshot.details.arn in arns else None
            if known is not None and known is not snapshot.details:
                self._snapshots[side] = dataclasses.replace(snapshot, details=known)
                changed = True
        if changed and self.comparison is not None and not self._runner.active_count and not self._failures:
            self._compare()

    def _show_problems(self) -> None:
        problems = []
        for side in (LEFT, RIGHT):
            problem = self._snapshots[side].metrics_problem
            if problem:
                problems.append(self.tr("The metrics of version %1 could not be read: %2").replace(
                    "%1", str(self.versions[side].version)).replace("%2", problem))
        self.note.setText("\n".join(problems))
        self.note.setVisible(bool(problems))

    def _show_comparison(self) -> None:
        if self.comparison is None:
            return
        only = self.only_differences.isChecked()
        unread = tuple(bool(self._snapshots[side].metrics_problem) for side in (LEFT, RIGHT))
        self.model.show(self.comparison, only, (unread[0], unread[1]))
        self.summary.setText(self.model.summary_text(self.comparison))
        self._enable_copies(True)
        if only and not self.comparison.differences():
            self.message.setText(self.tr("These two versions are identical in every compared field."))
            self.retry_button.hide()
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self.tree.expandAll()
        if not self.only_differences.hasFocus():
            self.tree.setFocus()  # arrows move through the lines at once
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, self.tree.rootIndex(), True)
        # Field names whole when they fit in a third of the window; the values share the rest.
        wanted = self.tree.sizeHintForColumn(ComparisonModel.FIELD) + 12
        self.tree.header().resizeSection(ComparisonModel.FIELD, max(FIELD_WIDTH, min(wanted, self.width() // 3)))

    # -- copying ---------------------------------------------------------------------------

    def _enable_copies(self, enabled: bool) -> None:
        self.copy_markdown.setEnabled(enabled)
        self.copy_text.setEnabled(enabled)

    def copied_text(self, *, markdown: bool) -> str:
        """What the copy buttons put on the clipboard: the lines on screen, titled as here."""
        if self.comparison is None:
            return ""
        render = comparison_markdown if markdown else comparison_text
        words = Words(field=self.tr("Field"), delta=self.tr("Delta"),
                      no_differences=self.tr("These two versions are identical in every compared field."),
                      better=self.tr("better"), worse=self.tr("worse"))
        return render(self.comparison, left_title=side_title(self.versions[LEFT]),
                      right_title=side_title(self.versions[RIGHT]), section_titles=section_titles(),
                      only_differences=self.only_differences.isChecked(), words=words)

    def _copy(self, *, markdown: bool) -> None:
        text = self.copied_text(markdown=markdown)
        if text:
            QGuiApplication.clipboard().setText(text)
            self.summary.setText(self.model.summary_text(self.comparison) + "  " + (  # type: ignore[arg-type]
                self.tr("(copied as Markdown)") if markdown else self.tr("(copied as plain text)")))

    # -- closing ---------------------------------------------------------------------------

    def shutdown(self) -> None:
        self._unsubscribe()
        self._runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.set_compare_geometry(QByteArray(self.saveGeometry()))
        self.shutdown()
        self.closed.emit()
        super().closeEvent(event)
