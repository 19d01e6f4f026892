"""AdditionalInferenceSpecifications: up to 15 named alternatives to the main inference
specification (a GPU build, a batch-only build…), each edited like the main one.

A list of the specifications (add, remove; renamed by typing its name) beside the chosen one:
its name, description, containers (the containers page's list and editor) and its MIME and
instance types (the inference page's fields). The page holding it checks the spec and hands the
messages back with `show_problems`; the list marks each specification that has one.

It is a section of the Advanced page (the Section protocol of sections.py), added by the wizard with

    self.advanced_page.add_section(self.tr("Additional inference specifications"),
                                   AdditionalSpecsEditor(self.connection))

The connection serves the ECR picker and the S3 browser of its containers; without one they are off.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.registry.aws import Connection
from app.registry.versions.requests_advanced import additional_spec_limit
from app.registry.versions.spec import InferenceSpec, RegistrationSpec
from app.ui import palette
from app.ui.wizards.register.common import NOTE_STYLE, ProblemLabel
from app.ui.wizards.register.container_editor import ContainerEditor
from app.ui.wizards.register.container_list import ContainerListEditor
from app.ui.wizards.register.inference_fields import InferenceFieldsEditor

KEY = "additional_specs"
MIN_HEIGHT = 640
_INFERENCE_FIELDS = ("content_types", "response_types", "realtime_instance_types", "transform_instance_types")


class AdditionalSpecsEditor(QWidget):
    """Edits RegistrationSpec.additional_specs; `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, connection: Connection | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._specs: list[InferenceSpec] = []
        self._current = -1
        self._loading = False
        self._problems: dict[str, str] = {}
        self._warnings: dict[str, str] = {}
        self.setAccessibleName(self.tr("Additional inference specifications"))
        # In a scrolled page it gets the height it asks for: enough for a container's editor.
        self.setMinimumHeight(MIN_HEIGHT)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Additional specifications"))
        self.add_button = QPushButton(self.tr("Add spe&cification"))
        self.add_button.setAccessibleName(self.tr("Add specification"))
        self.remove_button = QPushButton(self.tr("Remove specifica&tion"))
        self.remove_button.setAccessibleName(self.tr("Remove specification"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.count_problem = ProblemLabel(self.tr("Additional specifications problem"))
        self.count_warning = self._warning_label(self.tr("Additional specifications warning"))

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Specification name"))
        self.name.setPlaceholderText(self.tr("unique, for example gpu or batch"))
        self.name_problem = ProblemLabel(self.tr("Specification name problem"))
        self.description = QLineEdit()
        self.description.setAccessibleName(self.tr("Specification description"))
        self.description.setPlaceholderText(self.tr("optional: what sets it apart from the main one"))
        self.description_problem = ProblemLabel(self.tr("Specification description problem"))
        self.problems_note = ProblemLabel(self.tr("Specification problems"))  # what no field shows
        self.warnings_note = self._warning_label(self.tr("Specification warnings"))

        self.containers = ContainerListEditor(connection, stacked=True)
        for widget, name in ((self.containers.list, self.tr("Specification containers")),
                             (self.containers.add_button, self.tr("Add container to specification")),
                             (self.containers.duplicate_button, self.tr("Duplicate specification container")),
                             (self.containers.remove_button, self.tr("Remove container from specification")),
                             (self.containers.up_button, self.tr("Move specification container up")),
                             (self.containers.down_button, self.tr("Move specification container down")),
                             (self.containers.count_problem, self.tr("Specification containers problem")),
                             (self.containers.kind, self.tr("Specification model kind"))):
            widget.setAccessibleName(name)
        self.inference = InferenceFieldsEditor()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Specification parts"))
        self.tabs.addTab(self.containers, self.tr("Containers"))
        self.tabs.addTab(self.inference, self.tr("Inference"))

        list_buttons = QVBoxLayout()
        list_buttons.addWidget(self.add_button)
        list_buttons.addWidget(self.remove_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Additional &specifications:"))
        heading.setBuddy(self.list)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(list_buttons)
        left_layout.addWidget(self.note)
        left_layout.addWidget(self.count_problem)
        left_layout.addWidget(self.count_warning)

        self.detail = QWidget()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow("", self.name_problem)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow("", self.description_problem)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(form)
        detail_layout.addWidget(self.problems_note)
        detail_layout.addWidget(self.warnings_note)
        detail_layout.addWidget(self.tabs, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 840])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.list.currentRowChanged.connect(self._row_chosen)
        self.add_button.clicked.connect(self.add_spec)
        self.remove_button.clicked.connect(self.remove_spec)
        self.name.textChanged.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.containers.changed.connect(self._edited)
        self.containers.currentChanged.connect(lambda _row: self._show_detail_problems())
        self.inference.changed.connect(self._edited)
        self._rebuild()

    # -- the protocol every part of the Advanced page follows ------------------------------

    def load(self, spec: RegistrationSpec) -> None:
        """Show `spec.additional_specs`, the first one chosen; loading is not an edit."""
        self._specs = list(spec.additional_specs)
        self._current = 0 if self._specs else -1
        self._rebuild()

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(spec, additional_specs=tuple(self._specs))

    def show_problems(self, problems: dict[str, str], warnings: dict[str, str]) -> None:
        """Show the messages keyed "additional_specs" and "additional_specs.<k>.<field>" by their
        fields; the others are not this widget's."""
        self._problems = {k: v for k, v in problems.items() if _ours(k)}
        self._warnings = {k: v for k, v in warnings.items() if _ours(k)}
        self._show()

    def summary(self) -> str:
        """One line for the section's header: "2 specifications: gpu, batch"; "" for none."""
        if not self._specs:
            return ""
        names = ", ".join(s.name or self.tr("(no name)") for s in self._specs)
        return self.tr("%n specification(s): %1", "", len(self._specs)).replace("%1", names)

    # -- the list ---------------------------------------------------------------------------

    def specs(self) -> tuple[InferenceSpec, ...]:
        return tuple(self._specs)

    def current(self) -> int:
        """The chosen specification's index, -1 when there is none."""
        return self._current

    def select(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def add_spec(self) -> None:
        """A new specification with one empty container and a name no other one has, after the
        chosen one; nothing at the limit."""
        if len(self._specs) >= additional_spec_limit():
            return
        taken = {s.name for s in self._specs}
        number = len(self._specs) + 1
        while f"spec-{number}" in taken:
            number += 1
        self._specs.insert(self._current + 1, InferenceSpec(name=f"spec-{number}"))
        self._current += 1
        self._rebuild()
        self.changed.emit()
        self.name.setFocus()
        self.name.selectAll()

    def remove_spec(self) -> None:
        if not 0 <= self._current < len(self._specs):
            return
        del self._specs[self._current]
        self._current = min(self._current, len(self._specs) - 1)
        self._rebuild()
        self.changed.emit()

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self._specs) and row != self._current:
            self._current = row
            self._load_detail()
            self._show()

    def _rebuild(self) -> None:
        blocked = self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([""] * len(self._specs))
        self.list.setCurrentRow(self._current)
        self.list.blockSignals(blocked)
        self._load_detail()
        self._show()

    # -- the chosen specification -----------------------------------------------------------

    def _load_detail(self) -> None:
        spec = self._specs[self._current] if self._current >= 0 else InferenceSpec()
        self._loading = True
        try:
            self.name.setText(spec.name)
            self.description.setText(spec.description)
            for edit in (self.name, self.description):
                edit.setCursorPosition(0)
            self.containers.set_containers(spec.containers)
            self.inference.load(spec)
        finally:
            self._loading = False
        self.detail.setEnabled(self._current >= 0)

    def _edited(self) -> None:
        if self._loading or self._current < 0:
            return
        spec = replace(self._specs[self._current], name=self.name.text(), description=self.description.text(),
                       containers=self.containers.containers())
        self._specs[self._current] = self.inference.apply_to(spec)
        self._show()
        self.changed.emit()

    # -- what it shows ----------------------------------------------------------------------

    def _show(self) -> None:
        count, most = len(self._specs), additional_spec_limit()
        for k, spec in enumerate(self._specs):
            item = self.list.item(k)
            if item is None:
                continue
            label = spec.name or self.tr("(no name)")
            containers = len(spec.containers)
            if containers > 1:
                label += " · " + self.tr("%n container(s)", "", containers)
            bad = any(key.startswith(f"{KEY}.{k}.") for key in self._problems)
            item.setText(("⚠ " if bad else "") + label)
            item.setToolTip(spec.description)
        if count:
            self.note.setText(self.tr("At most %1. Each is an alternative to the main inference "
                                      "specification, with containers of its own.").replace("%1", str(most)))
        else:
            self.note.setText(self.tr("None: the version has the main inference specification only. Add one "
                                      "for another build of the model, for example for GPUs (at most %1).")
                              .replace("%1", str(most)))
        self.count_problem.show_problem(self._problems.get(KEY))
        self.count_warning.show_problem(self._warnings.get(KEY))
        self.add_button.setEnabled(count < most)
        self.remove_button.setEnabled(count > 0)
        self._show_detail_problems()

    def _show_detail_problems(self) -> None:
        at = f"{KEY}.{self._current}."
        mine = {k[len(at):]: v for k, v in self._problems.items() if k.startswith(at)}
        warnings = {k[len(at):]: v for k, v in self._warnings.items() if k.startswith(at)}
        self.name_problem.show_problem(mine.pop("name", None))
        self.description_problem.show_problem(mine.pop("description", None))
        containers = {k: v for k, v in mine.items() if _in_containers(k)}
        inference = {k: v for k, v in mine.items() if k.split(".")[0] in _INFERENCE_FIELDS}
        self.containers.show_problems(containers, warnings={k: v for k, v in warnings.items() if _in_containers(k)})
        self.inference.show_problems(inference)
        # What no field of this editor shows: members it does not edit, and messages of containers
        # by fields their editor does not have, said with the container's number.
        rest = [v for k, v in mine.items() if k not in containers and k not in inference]
        rest += [self._of_container(k, v) for k, v in containers.items() if not _shown(k)]
        self.problems_note.show_problem("\n".join(dict.fromkeys(rest)))
        self.warnings_note.show_problem("\n".join(dict.fromkeys(
            self._of_container(k, v) for k, v in warnings.items() if not (_in_containers(k) and _shown(k)))))
        for index, part, title in ((0, containers, self.tr("Containers")), (1, inference, self.tr("Inference"))):
            self.tabs.setTabText(index, ("⚠ " if part else "") + title)

    def _of_container(self, key: str, message: str) -> str:
        """ "Container 2: message" for a key "containers.1.<field>", the message alone for others."""
        parts = key.split(".")
        if len(parts) > 2 and parts[0] == "containers" and parts[1].isdigit():
            return self.tr("Container %1: %2").replace("%1", str(int(parts[1]) + 1)).replace("%2", message)
        return message

    def _warning_label(self, accessible_name: str) -> ProblemLabel:
        """Like a problem, but on a warning strip: a warning does not block."""
        label = ProblemLabel(accessible_name)
        label.setStyleSheet(palette.strip_style("warning", extra="padding: 2px 4px;"))
        return label


def _in_containers(key: str) -> bool:
    return key == "containers" or key.startswith("containers.")


def _shown(key: str) -> bool:
    """Whether the container editor shows the message of "containers.<i>.<field>…" by its field."""
    parts = key.split(".")
    return len(parts) > 2 and parts[2] in ContainerEditor.SHOWN


def _ours(key: str) -> bool:
    return key == KEY or key.startswith(KEY + ".")
