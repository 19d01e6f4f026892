"""Set Lifecycle: a stage, a stage status and a description for one or many versions.

The fields are checked as the user types, against the limits of the API
(`app/registry/governance/lifecycle.py`), each with what to type instead beside it; Apply stays
disabled until all three read right. Stage and status offer first what this group already uses,
then the common ones. One version selected: the fields start from its lifecycle. The preview
lists each change ("Version 44  Staging / InProgress → Production / Approved") and skips the
versions already there; the run is `bulk_set_lifecycle`, each version read back for the store
(the table, the details and a revisited group's rows follow at once).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.registry.aws import Connection
from app.registry.governance.lifecycle import (
    LifeCycle,
    bulk_set_lifecycle,
    lifecycle_of,
    lifecycle_problems,
    stages_in_use,
)
from app.registry.versions.records import VersionSummary
from app.registry.versions.store import VersionStore
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.texts import render
from app.ui.versions.bulk_change import BulkChangeDialog, PlannedChange, Skipped
from app.ui.versions.operations import load_lifecycle_rules

COMMON_STAGES = ("Development", "Staging", "Production")
COMMON_STATUSES = ("InProgress", "PendingApproval", "Approved", "Rejected")
FIELDS = ("Stage", "StageStatus", "StageDescription")


def offered(in_use: Sequence[str], common: Sequence[str]) -> list[str]:
    """What a combo box offers: the names in use first (most used first), then the common ones."""
    return list(dict.fromkeys([*in_use, *common]))


class LifecycleDialog(BulkChangeDialog):
    def __init__(
        self,
        connection: Connection,
        versions: Sequence[VersionSummary],
        parent: QWidget | None = None,
        *,
        group_rows: Sequence[VersionSummary] = (),
        store: VersionStore | None = None,
    ):
        """`versions`: the selection; `group_rows`: every loaded row of their group (what it
        uses is offered first); `store`: where the versions' descriptions may already be."""
        super().__init__(connection, parent, title="", apply_text="", done_text="",
                         change=bulk_set_lifecycle, read_back=True)
        self._versions = list(versions)
        self._store = store
        self._rules_loaded = False
        self._touched: set[str] = set()
        count = len(self._versions)
        self.set_title(self.tr("Set the lifecycle of %n version(s)", "", count))
        self.set_done_text(self.tr("%1 changed"))
        self.set_nothing_text(self.tr(
            "Nothing to change: every selected version already has this stage and status."))
        self.add_to_preview(self._build_fields(group_rows), above=True)
        self._prefill()
        self.set_ready(False)  # until the limits are read (a file, so on a worker)
        self._rules = TaskRunner(self, max_threads=1)
        self._rules.run(load_lifecycle_rules, on_return=self._loaded)
        self._changed()
        self.stage.setFocus()

    # -- the fields ------------------------------------------------------------------------

    def _build_fields(self, rows: Sequence[VersionSummary]) -> QWidget:
        raw = [{"ModelLifeCycle": {"Stage": r.stage, "StageStatus": r.stage_status}} for r in rows]
        stages, statuses = stages_in_use(raw)
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 4, 0, 8)
        self.stage = self._combo(self.tr("Stage"), "Stage", offered(stages, COMMON_STAGES))
        self.stage.setToolTip(self.tr("Where the versions are in their life, such as Staging or Production. "
                                      "Stages this group already uses are listed first."))
        self.status = self._combo(self.tr("Stage status"), "StageStatus", offered(statuses, COMMON_STATUSES))
        self.status.setToolTip(self.tr("How the versions stand in that stage, such as InProgress or Approved."))
        self.description = QLineEdit()
        self.description.setAccessibleName(self.tr("Stage description"))
        self.description.setPlaceholderText(self.tr("Optional: why, or what was checked"))
        self.description.textChanged.connect(lambda _t: self._edited("StageDescription"))
        self.problems: dict[str, QLabel] = {}
        labels = {"Stage": self.tr("&Stage:"), "StageStatus": self.tr("Stage s&tatus:"),
                  "StageDescription": self.tr("&Description:")}
        names = {"Stage": self.tr("Stage problem"), "StageStatus": self.tr("Stage status problem"),
                 "StageDescription": self.tr("Stage description problem")}
        for field, widget in zip(FIELDS, (self.stage, self.status, self.description), strict=True):
            column = QWidget()
            layout = QVBoxLayout(column)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(2)
            layout.addWidget(widget)
            problem = QLabel()
            problem.setAccessibleName(names[field])
            problem.setWordWrap(True)
            problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
            problem.hide()
            layout.addWidget(problem)
            self.problems[field] = problem
            label = QLabel(labels[field])
            label.setBuddy(widget)
            form.addRow(label, column)
        return box

    def _combo(self, name: str, field: str, items: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # typing must not add to the offer
        combo.setAccessibleName(name)
        combo.lineEdit().setAccessibleName(name)
        combo.addItems(items)
        combo.setCurrentIndex(-1)
        combo.setEditText("")
        combo.editTextChanged.connect(lambda _t: self._edited(field))
        return combo

    def _prefill(self) -> None:
        """One version selected: start from its lifecycle, so the user changes only what differs."""
        if len(self._versions) != 1 or not self._versions[0].stage:
            return
        only = self._versions[0]
        self.stage.setEditText(only.stage)
        self.status.setEditText(only.stage_status)
        self.description.setText(self._description_of(only.arn) or "")
        self._touched.clear()  # what was prefilled is not the user's typing

    def _description_of(self, arn: str) -> str | None:
        """The version's stage description when the store holds its details, else None (unknown)."""
        details = self._store.details(arn) if self._store is not None else None
        if details is None:
            return None
        found = lifecycle_of(details.raw)
        return found.description if found else ""

    def lifecycle(self) -> LifeCycle:
        """The lifecycle as typed (stage and status without surrounding spaces)."""
        return LifeCycle(self.stage.currentText().strip(), self.status.currentText().strip(),
                         self.description.text())

    def _edited(self, field: str) -> None:
        self._touched.add(field)
        self._changed()

    def _loaded(self, _none: Any = None) -> None:
        self._rules_loaded = True
        self._changed()

    def rules_loaded(self) -> bool:
        return self._rules_loaded

    def _changed(self) -> None:
        if self.stack.currentIndex() == self.RESULTS:
            return  # sent: page 1 no longer shows
        target = self.lifecycle()
        self._plan(target)
        if not self._rules_loaded:
            return
        problems = lifecycle_problems(target)
        for field, label in self.problems.items():
            # An empty field says nothing until the user has typed in it: no scolding on opening.
            shown = problems.get(field) if (field in self._touched or self._text(field)) else None
            label.setText(render(shown) if shown else "")
            label.setVisible(bool(shown))
        self.set_ready(not problems)

    def _text(self, field: str) -> str:
        return {"Stage": self.stage.currentText(), "StageStatus": self.status.currentText(),
                "StageDescription": self.description.text()}[field]

    # -- the preview and the run -----------------------------------------------------------

    def _plan(self, target: LifeCycle) -> None:
        changes: list[PlannedChange] = []
        skipped: list[Skipped] = []
        for v in self._versions:
            if self._already(v, target):
                skipped.append(Skipped(v.arn, v.version, self.tr("already %1").replace("%1", str(target))))
            else:
                before = f"{v.stage} / {v.stage_status}" if v.stage else ""
                changes.append(PlannedChange(v.arn, v.version, before, str(target)))
        self.set_plan(changes, skipped)

    def _already(self, v: VersionSummary, target: LifeCycle) -> bool:
        if (v.stage, v.stage_status) != (target.stage, target.status) or not target.stage:
            return False
        known = self._description_of(v.arn)
        # A description typed for a version whose description is not known here is sent.
        return target.description == (known if known is not None else "")

    def apply_label(self) -> str:
        count = len(getattr(self, "_planned_arns", ()))
        return self.tr("Set for %n version(s)", "", count) if count else self.tr("Set lifecycle")

    def set_plan(self, changes, skipped=(), *, allow_empty: bool = False) -> None:
        self._planned_arns = [c.arn for c in changes]
        super().set_plan(changes, skipped, allow_empty=allow_empty)

    def job(self) -> tuple[Any, dict[str, Any]]:
        return bulk_set_lifecycle, {"lifecycle": self.lifecycle()}

    def done(self, result: int) -> None:
        self._rules.shutdown()
        super().done(result)
