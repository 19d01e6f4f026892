"""Page 2: the ordered containers (one model, or an inference pipeline of up to 15).

Each s3:// model data URL is looked up in the background (does the object exist, how big is
it); Next waits for those checks and stays disabled while an object is missing.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.registry.errors import RegistryError
from app.registry.versions import registration
from app.registry.versions.artifacts import ObjectInfo
from app.registry.versions.registration import ContainerSpec
from app.registry.versions.requests import container_limits
from app.ui import palette
from app.ui.widgets.formatting import format_datetime
from app.ui.wizards.register.common import ProblemLabel, problems_by_field
from app.ui.wizards.register.container_editor import ContainerEditor
from app.ui.wizards.register.operations import check_object
from app.ui.wizards.register.pickers import ImagePickerDialog, S3BrowserDialog

CHECK_DEBOUNCE_MS = 400  # typing a URL does not look up every prefix of it


class ContainersPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self._containers: list[ContainerSpec] = [ContainerSpec()]
        self._current = 0
        self._objects: dict[str, ObjectInfo | RegistryError | None] = {}  # None: being checked
        self.setTitle(self.tr("Containers"))
        # Without this the wizard gives the page its preferred height and leaves the rest empty.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

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
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DEBOUNCE_MS)
        self._check_timer.timeout.connect(self._check_objects)

        self.list.currentRowChanged.connect(self._row_chosen)
        self.editor.changed.connect(self._edited)
        self.editor.pickImageRequested.connect(self._pick_image)
        self.editor.browseModelDataRequested.connect(self._browse_model_data)
        self.add_button.clicked.connect(lambda: self._insert(ContainerSpec()))
        self.duplicate_button.clicked.connect(lambda: self._insert(self._containers[self._current]))
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self._rebuild_list()

    # -- the wizard's view of the page ------------------------------------------------------

    def containers(self) -> tuple[ContainerSpec, ...]:
        return tuple(self._containers)

    def set_containers(self, containers: tuple[ContainerSpec, ...]) -> None:
        self._containers = list(containers) or [ContainerSpec()]
        self._current = 0
        self._rebuild_list()

    def initializePage(self) -> None:
        self._check_objects()
        self._refresh()

    def isComplete(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        found = registration.container_problems(self.containers())
        if found:
            return found[0].message
        for url in self._s3_urls():
            state = self._objects.get(url)
            if state is None:
                return self.tr("Checking %1…").replace("%1", url)
            if isinstance(state, RegistryError) and state.kind == "not_found":
                return self._missing(url)
        return None

    def select(self, index: int) -> None:
        self.list.setCurrentRow(index)

    # -- editing ----------------------------------------------------------------------------

    def _insert(self, spec: ContainerSpec) -> None:
        _low, high = container_limits()
        if len(self._containers) >= high:
            return
        self._containers.insert(self._current + 1, replace(spec))
        self._current += 1
        self._rebuild_list()

    def _remove(self) -> None:
        if len(self._containers) <= 1:
            return
        del self._containers[self._current]
        self._current = min(self._current, len(self._containers) - 1)
        self._rebuild_list()

    def _move(self, step: int) -> None:
        target = self._current + step
        if not 0 <= target < len(self._containers):
            return
        items = self._containers
        items[self._current], items[target] = items[target], items[self._current]
        self._current = target
        self._rebuild_list()

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self._containers) and row != self._current:
            self._current = row
            self.editor.load(self._containers[row])
            self._refresh()

    def _edited(self) -> None:
        self._containers[self._current] = self.editor.spec()
        self._check_timer.start()
        self._refresh()

    def _rebuild_list(self) -> None:
        blocked = self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([""] * len(self._containers))
        self.list.setCurrentRow(self._current)
        self.list.blockSignals(blocked)
        self.editor.load(self._containers[self._current])
        self._check_timer.start()
        self._refresh()

    # -- checks -----------------------------------------------------------------------------

    def _s3_urls(self) -> list[str]:
        problems = problems_by_field(registration.container_problems(self.containers()))
        urls = []
        for i, c in enumerate(self._containers):
            if c.model_data_url.startswith("s3://") and f"containers.{i}.model_data_url" not in problems:
                urls.append(c.model_data_url)
        return list(dict.fromkeys(urls))

    def _check_objects(self) -> None:
        for url in self._s3_urls():
            if url in self._objects:
                continue
            self._objects[url] = None
            self._wizard.runner.run(
                check_object, self._wizard.connection, url,
                on_return=lambda info, url=url: self._checked(url, info),
                on_error=lambda error, url=url: self._checked(url, error))
        self._refresh()

    def _checked(self, url: str, outcome: ObjectInfo | BaseException) -> None:
        if not isinstance(outcome, ObjectInfo | RegistryError):
            outcome = RegistryError("other", str(outcome))
        self._objects[url] = outcome
        self._refresh()

    def _missing(self, url: str) -> str:
        return self.tr("There is no object at %1. Check the path, or upload the model first.").replace("%1", url)

    def _object_note(self, url: str) -> tuple[str, bool]:
        """(what the check found, whether it is a problem) for the current container's URL."""
        if not url.startswith("s3://"):
            return "", False
        state = self._objects.get(url, None)
        if url not in self._objects or state is None:
            return self.tr("Checking that the object exists…"), False
        if isinstance(state, ObjectInfo):
            return self.tr("Found: %1, modified %2").replace(
                "%1", QLocale().formattedDataSize(state.size)).replace(
                "%2", format_datetime(state.last_modified)), False
        if state.kind == "not_found":
            return self._missing(url), True
        return self.tr("Could not check the object: %1").replace("%1", str(state)), False

    # -- what the page shows ----------------------------------------------------------------

    def _refresh(self) -> None:
        count = len(self._containers)
        low, high = container_limits()
        if count > 1:
            self.kind.setText(self.tr("<b>Inference pipeline</b> of %1 containers, run in this order")
                              .replace("%1", str(count)))
        else:
            self.kind.setText(self.tr("<b>Single model</b> (add containers to build a pipeline)"))
        self.setSubTitle(self.tr("Each container is an image and its model data. Two or more "
                                 "containers make an inference pipeline (at most %1).").replace("%1", str(high)))
        found = problems_by_field(registration.container_problems(self.containers()))
        for i, c in enumerate(self._containers):
            item = self.list.item(i)
            if item is None:
                continue
            name = c.image.rsplit("/", 1)[-1] or self.tr("(no image yet)")
            label = f"{i + 1}. {name}"
            if c.hostname:
                label += f" ({c.hostname})"
            bad = any(k.startswith(f"containers.{i}.") for k in found)
            missing = isinstance(self._objects.get(c.model_data_url), RegistryError) and \
                self._objects[c.model_data_url].kind == "not_found"
            item.setText(("⚠ " if bad or missing else "") + label)
            item.setToolTip(c.image)
        self.count_problem.show_problem(found.get("containers"))
        self.editor.show_problems(self._current, found)
        note, is_problem = self._object_note(self._containers[self._current].model_data_url)
        if f"containers.{self._current}.model_data_url" in found:
            note, is_problem = "", False
        self.editor.show_model_data_note(note, palette.text_style(palette.ERROR_TEXT) if is_problem else "")
        self.add_button.setEnabled(count < high)
        self.duplicate_button.setEnabled(count < high)
        self.remove_button.setEnabled(count > low)
        self.up_button.setEnabled(self._current > 0)
        self.down_button.setEnabled(self._current < count - 1)
        self.completeChanged.emit()

    # -- pickers ----------------------------------------------------------------------------

    def _pick_image(self) -> None:
        dialog = ImagePickerDialog(self._wizard.connection, self)
        if dialog.exec() and dialog.image_uri():
            self.editor.image.setText(dialog.image_uri())

    def _browse_model_data(self) -> None:
        dialog = S3BrowserDialog(self._wizard.connection, self.editor.model_data.text(), self)
        if dialog.exec() and dialog.s3_url():
            self.editor.model_data.setText(dialog.s3_url())
