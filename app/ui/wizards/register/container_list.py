"""An ordered list of containers beside the editor of the chosen one: add, duplicate, remove, move.

The containers page edits the main inference specification with it, the additional
specifications editor each of theirs. The owner checks what `containers()` holds and hands the
messages back with `show_problems`; the ECR picker and the S3 browser open here when a
connection was given.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.registry.aws import Connection
from app.registry.versions.requests import container_limits
from app.registry.versions.spec import ContainerSpec
from app.ui.wizards.register.common import ProblemLabel
from app.ui.wizards.register.container_editor import ContainerEditor
from app.ui.wizards.register.model_data_editor import ModelDataDraft
from app.ui.wizards.register.pickers import ImagePickerDialog, S3BrowserDialog


class ContainerListEditor(QWidget):
    """Edits a tuple of ContainerSpec. `changed` fires on every edit of the list or of a container,
    `currentChanged` when another container is chosen."""

    changed = Signal()
    currentChanged = Signal(int)

    def __init__(self, connection: Connection | None = None, parent: QWidget | None = None, *,
                 stacked: bool = False):
        """`stacked` puts the list above the editor rather than beside it, for narrow places."""
        super().__init__(parent)
        self.connection = connection
        self._containers: list[ContainerSpec] = [ContainerSpec()]
        self._drafts: list[ModelDataDraft | None] = [None]  # what each container's other kinds hold
        self._current = 0
        self._problems: dict[str, str] = {}
        self._warnings: dict[str, str] = {}
        self._flagged: set[int] = set()

        self.kind = QLabel()
        self.kind.setAccessibleName(self.tr("Model kind"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Containers"))
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.setAccessibleName(self.tr("Add container"))
        self.duplicate_button = QPushButton(self.tr("D&uplicate"))
        self.duplicate_button.setAccessibleName(self.tr("Duplicate container"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove container"))
        self.up_button = QPushButton(self.tr("Move u&p"))
        self.up_button.setAccessibleName(self.tr("Move container up"))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.down_button.setAccessibleName(self.tr("Move container down"))
        self.count_problem = ProblemLabel(self.tr("Containers problem"))
        self.editor = ContainerEditor()
        for button in (self.pick_button, self.browse_button):
            button.setEnabled(connection is not None)

        buttons = QVBoxLayout()
        for button in (self.add_button, self.duplicate_button, self.remove_button,
                       self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        left_layout.addWidget(self.kind)
        left_layout.addLayout(row, 1)
        left_layout.addWidget(self.count_problem)
        self.splitter = QSplitter(Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([110, 480] if stacked else [400, 680])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.list.currentRowChanged.connect(self._row_chosen)
        self.editor.changed.connect(self._edited)
        self.editor.pickImageRequested.connect(self._pick_image)
        self.editor.browseModelDataRequested.connect(self._browse_model_data)
        self.add_button.clicked.connect(lambda: self._insert(ContainerSpec(), None))
        self.duplicate_button.clicked.connect(
            lambda: self._insert(self._containers[self._current], self._drafts[self._current]))
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self._rebuild_list()

    @property
    def pick_button(self) -> QPushButton:
        return self.editor.pick_image

    @property
    def browse_button(self) -> QPushButton:
        return self.editor.data.browse

    # -- the owner's view -------------------------------------------------------------------

    def containers(self) -> tuple[ContainerSpec, ...]:
        return tuple(self._containers)

    def set_containers(self, containers: tuple[ContainerSpec, ...]) -> None:
        """Show `containers` (the first one chosen); no `changed`: nothing was edited."""
        self._containers = list(containers) or [ContainerSpec()]
        self._drafts = [None] * len(self._containers)
        self._current = 0
        self._rebuild_list(emit=False)

    def current(self) -> int:
        return self._current

    def select(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def show_problems(self, problems: dict[str, str], flagged: Collection[int] = (),
                      warnings: dict[str, str] | None = None) -> None:
        """Show the messages keyed "containers", "containers.<i>.<field>" by their fields; the list
        marks each container with a problem, or whose index is in `flagged`. Warnings show by
        their fields too, and mark nothing."""
        self._problems = dict(problems)
        self._warnings = dict(warnings or {})
        self._flagged = set(flagged)
        self._show()

    # -- editing ----------------------------------------------------------------------------

    def _insert(self, spec: ContainerSpec, draft: ModelDataDraft | None) -> None:
        _low, high = container_limits()
        if len(self._containers) >= high:
            return
        self._containers.insert(self._current + 1, replace(spec))
        self._drafts.insert(self._current + 1, draft)
        self._current += 1
        self._rebuild_list()

    def _remove(self) -> None:
        if len(self._containers) <= 1:
            return
        del self._containers[self._current]
        del self._drafts[self._current]
        self._current = min(self._current, len(self._containers) - 1)
        self._rebuild_list()

    def _move(self, step: int) -> None:
        target = self._current + step
        if not 0 <= target < len(self._containers):
            return
        for items in (self._containers, self._drafts):
            items[self._current], items[target] = items[target], items[self._current]  # type: ignore[index]
        self._current = target
        self._rebuild_list()

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self._containers) and row != self._current:
            self._current = row
            self.editor.load(self._containers[row], self._drafts[row])
            self._show()
            self.currentChanged.emit(row)

    def _edited(self) -> None:
        self._containers[self._current] = self.editor.spec()
        self._drafts[self._current] = self.editor.draft()
        self._show()
        self.changed.emit()

    def _rebuild_list(self, *, emit: bool = True) -> None:
        blocked = self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([""] * len(self._containers))
        self.list.setCurrentRow(self._current)
        self.list.blockSignals(blocked)
        self.editor.load(self._containers[self._current], self._drafts[self._current])
        self._show()
        if emit:
            self.changed.emit()
        self.currentChanged.emit(self._current)

    # -- what it shows ----------------------------------------------------------------------

    def _show(self) -> None:
        count = len(self._containers)
        low, high = container_limits()
        if count > 1:
            self.kind.setText(self.tr("<b>Inference pipeline</b> of %1 containers, run in this order")
                              .replace("%1", str(count)))
        else:
            self.kind.setText(self.tr("<b>Single model</b> (add containers to build a pipeline)"))
        for i, c in enumerate(self._containers):
            item = self.list.item(i)
            if item is None:
                continue
            name = c.image.rsplit("/", 1)[-1] or self.tr("(no image yet)")
            label = f"{i + 1}. {name}"
            if c.hostname:
                label += f" ({c.hostname})"
            bad = i in self._flagged or any(k.startswith(f"containers.{i}.") for k in self._problems)
            item.setText(("⚠ " if bad else "") + label)
            item.setToolTip(c.image)
        self.count_problem.show_problem(self._problems.get("containers"))
        self.editor.show_problems(self._current, self._problems, self._warnings)
        self.add_button.setEnabled(count < high)
        self.duplicate_button.setEnabled(count < high)
        self.remove_button.setEnabled(count > low)
        self.up_button.setEnabled(self._current > 0)
        self.down_button.setEnabled(self._current < count - 1)

    # -- pickers ----------------------------------------------------------------------------

    def _pick_image(self) -> None:
        if self.connection is None:
            return
        dialog = ImagePickerDialog(self.connection, self)
        if dialog.exec() and dialog.image_uri():
            self.editor.use_picked_image(dialog.image_uri(), dialog.image_digest())

    def _browse_model_data(self) -> None:
        if self.connection is None:
            return
        dialog = S3BrowserDialog(self.connection, self.editor.data.browse_start(), self, folders=True)
        if dialog.exec() and dialog.s3_url():
            self.editor.data.use_pick(dialog.s3_url(), dialog.picked_folder())
