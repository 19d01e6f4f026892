"""Page 2: the ordered containers (one model, or an inference pipeline of up to 15).

Each container's s3:// model data is looked up in the background: an object (does it exist, how
big is it) or a prefix (how many objects, how many bytes). Next waits for those checks and stays
disabled while an object is missing or a prefix is empty. A container without model data is
allowed, with a warning.
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
from app.registry.versions.artifacts import ObjectInfo, PrefixSummary
from app.registry.versions.registration import ContainerSpec, RegistrationSpec
from app.registry.versions.requests import container_limits
from app.registry.versions.spec import S3_OBJECT, S3_PREFIX
from app.ui import palette
from app.ui.widgets.formatting import format_datetime
from app.ui.wizards.register.common import ProblemLabel, problems_by_field
from app.ui.wizards.register.container_editor import ContainerEditor
from app.ui.wizards.register.model_data_editor import ModelDataDraft
from app.ui.wizards.register.operations import check_object, check_prefix
from app.ui.wizards.register.pickers import ImagePickerDialog, S3BrowserDialog

CHECK_DEBOUNCE_MS = 400  # typing a URL does not look up every prefix of it
OBJECT, PREFIX = "object", "prefix"
Check = tuple[str, str]  # (OBJECT or PREFIX, s3:// URL)
Outcome = ObjectInfo | PrefixSummary | RegistryError | None  # None: being checked


class ContainersPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self._containers: list[ContainerSpec] = [ContainerSpec()]
        self._drafts: list[ModelDataDraft | None] = [None]  # what each container's other kinds hold
        self._current = 0
        self._objects: dict[Check, Outcome] = {}
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
        self.add_button.clicked.connect(lambda: self._insert(ContainerSpec(), None))
        self.duplicate_button.clicked.connect(
            lambda: self._insert(self._containers[self._current], self._drafts[self._current]))
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self._rebuild_list()

    # -- the wizard's view of the page ------------------------------------------------------

    def containers(self) -> tuple[ContainerSpec, ...]:
        return tuple(self._containers)

    def set_containers(self, containers: tuple[ContainerSpec, ...]) -> None:
        self._containers = list(containers) or [ContainerSpec()]
        self._drafts = [None] * len(self._containers)
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
        for check in self._checks():
            state = self._objects.get(check)
            if state is None:
                return self.tr("Checking %1…").replace("%1", check[1])
            refusal = self._refusal(check, state)
            if refusal:
                return refusal
        return None

    def select(self, index: int) -> None:
        self.list.setCurrentRow(index)

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
            self._refresh()

    def _edited(self) -> None:
        self._containers[self._current] = self.editor.spec()
        self._drafts[self._current] = self.editor.draft()
        self._check_timer.start()
        self._refresh()

    def _rebuild_list(self) -> None:
        blocked = self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([""] * len(self._containers))
        self.list.setCurrentRow(self._current)
        self.list.blockSignals(blocked)
        self.editor.load(self._containers[self._current], self._drafts[self._current])
        self._check_timer.start()
        self._refresh()

    # -- checks -----------------------------------------------------------------------------

    def _check_of(self, i: int, c: ContainerSpec, problems: dict[str, str]) -> Check | None:
        """What to look up for container `i`'s model data, once it has no problem of its own."""
        source = c.model_data_source
        if source is not None:
            if not source.s3_uri.startswith("s3://") or f"containers.{i}.model_data_source" in problems:
                return None
            kinds = {S3_PREFIX: PREFIX, S3_OBJECT: OBJECT}
            return (kinds[source.s3_data_type], source.s3_uri) if source.s3_data_type in kinds else None
        if c.model_data_url.startswith("s3://") and f"containers.{i}.model_data_url" not in problems:
            return OBJECT, c.model_data_url
        return None

    def _checks(self) -> list[Check]:
        problems = problems_by_field(registration.container_problems(self.containers()))
        found = (self._check_of(i, c, problems) for i, c in enumerate(self._containers))
        return list(dict.fromkeys(check for check in found if check is not None))

    def _check_objects(self) -> None:
        for check in self._checks():
            if check in self._objects:
                continue
            self._objects[check] = None
            what, url = check
            self._wizard.runner.run(
                check_object if what == OBJECT else check_prefix, self._wizard.connection, url,
                pass_should_stop=what == PREFIX,
                on_return=lambda outcome, check=check: self._checked(check, outcome),
                on_error=lambda error, check=check: self._checked(check, error))
        self._refresh()

    def _checked(self, check: Check, outcome: ObjectInfo | PrefixSummary | BaseException) -> None:
        if not isinstance(outcome, ObjectInfo | PrefixSummary | RegistryError):
            outcome = RegistryError("other", str(outcome))
        self._objects[check] = outcome
        self._refresh()

    def _refusal(self, check: Check, state: Outcome) -> str | None:
        """Why Next waits on what the check found: a missing object, an empty prefix."""
        what, url = check
        if what == OBJECT and isinstance(state, RegistryError) and state.kind == "not_found":
            return self.tr("There is no object at %1. Check the path, or upload the model first.").replace("%1", url)
        if isinstance(state, PrefixSummary) and state.count == 0:
            return self.tr("No objects under %1: SageMaker would find no model. Check the prefix, "
                           "or upload the model first.").replace("%1", url)
        return None

    def _note(self, check: Check | None) -> tuple[str, bool]:
        """(what the check found, whether it is a problem) for the current container."""
        if check is None:
            return "", False
        what, url = check
        state = self._objects.get(check)
        if state is None:
            if what == PREFIX:
                return self.tr("Counting the objects under the prefix…"), False
            return self.tr("Checking that the object exists…"), False
        refusal = self._refusal(check, state)
        if refusal:
            return refusal, True
        locale = QLocale()
        if isinstance(state, ObjectInfo):
            return self.tr("Found: %1, modified %2").replace(
                "%1", locale.formattedDataSize(state.size)).replace(
                "%2", format_datetime(state.last_modified)), False
        if isinstance(state, PrefixSummary):
            text = (self.tr("At least %Ln object(s), %1 under %2", "", state.count) if state.truncated
                    else self.tr("%Ln object(s), %1 under %2", "", state.count))
            return text.replace("%1", locale.formattedDataSize(state.total_bytes)).replace("%2", url), False
        if what == PREFIX:
            return self.tr("Could not list the prefix: %1").replace("%1", str(state)), False
        return self.tr("Could not check the object: %1").replace("%1", str(state)), False

    def _warnings(self) -> dict[str, str]:
        return problems_by_field(registration.warnings(RegistrationSpec(containers=self.containers())))

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
        checks = [self._check_of(i, c, found) for i, c in enumerate(self._containers)]
        for i, c in enumerate(self._containers):
            item = self.list.item(i)
            if item is None:
                continue
            name = c.image.rsplit("/", 1)[-1] or self.tr("(no image yet)")
            label = f"{i + 1}. {name}"
            if c.hostname:
                label += f" ({c.hostname})"
            bad = any(k.startswith(f"containers.{i}.") for k in found)
            check = checks[i]
            refused = check is not None and self._refusal(check, self._objects.get(check)) is not None
            item.setText(("⚠ " if bad or refused else "") + label)
            item.setToolTip(c.image)
        self.count_problem.show_problem(found.get("containers"))
        self.editor.show_problems(self._current, found, self._warnings())
        note, is_problem = self._note(checks[self._current])
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
            self.editor.use_picked_image(dialog.image_uri(), dialog.image_digest())

    def _browse_model_data(self) -> None:
        dialog = S3BrowserDialog(self._wizard.connection, self.editor.data.browse_start(), self, folders=True)
        if dialog.exec() and dialog.s3_url():
            self.editor.data.use_pick(dialog.s3_url(), dialog.picked_folder())
