"""Review: what exists now and what we propose, resource by resource."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QSplitter, QVBoxLayout, QWidget, QWizardPage

from app.registry.crossaccount.plan import RAM, Plan, Step, make_plan
from app.registry.crossaccount.semantic import ADDED, CHANGED, DOCUMENT_LABEL, REMOVED, DiffRow
from app.ui import palette
from app.ui.texts import render
from app.ui.widgets.banner import Banner
from app.ui.wizards.crossaccount.diff_view import DiffView


class ReviewPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Review the changes"))
        self.setSubTitle(self.tr(
            "Training account first, registry account last. Existing statements are kept exactly; "
            "ours are marked with a RegistryDesk Sid so a second run finds them again."))
        self.banner = Banner()
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Plan summary"))
        self.summary.setWordWrap(True)
        self.key_note = QLabel(self.tr(
            "No KMS key, chosen knowingly: the documented setup requires a customer-managed key for the "
            "artifacts. The registry account will not be able to decrypt artifacts encrypted with the "
            "training account's keys, so deploying from the registry account fails reading the model data."))
        self.key_note.setAccessibleName(self.tr("No KMS key"))
        self.key_note.setWordWrap(True)
        self.key_note.setStyleSheet(palette.strip_style("warning", extra="padding: 3px;"))
        self.key_note.hide()
        self.steps = QListWidget()
        self.steps.setAccessibleName(self.tr("Resources"))
        self.steps.setWordWrap(True)
        self.steps.setSpacing(2)
        self.steps.currentRowChanged.connect(self._show_step)
        self.findings = QLabel()
        self.findings.setAccessibleName(self.tr("Findings"))
        self.findings.setWordWrap(True)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff = DiffView()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.findings)
        right_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps)
        splitter.addWidget(right)
        splitter.setSizes([330, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.key_note)
        layout.addWidget(splitter, 1)
        self._plan: Plan | None = None

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.start_plan()

    def start_plan(self) -> None:
        """Read both accounts afresh and show the plan (also when planning again after a refusal)."""
        wizard = self.wizard()
        wizard.plan = None
        self._plan = None
        self.banner.hide()
        self.steps.clear()
        self.findings.clear()
        self.diff.clear()
        self.summary.setText(self.tr("Reading the current policies and grants in both accounts…"))
        self.key_note.setVisible(wizard.choose_page.choice().without_key)
        wizard.runner.run(make_plan, wizard.choose_page.choice(), key="plan",
                          on_return=self._planned, on_error=self._failed)
        self.completeChanged.emit()

    def _planned(self, plan: Plan) -> None:
        self._plan = plan
        self.wizard().plan = plan
        written = self.wizard().record.keys()
        for step in plan.steps:
            if step.blocked:
                mark = self.tr("✗ blocked")
            elif step.changed:
                mark, counts = self.tr("● will change"), self._counts(step)
                if counts:
                    mark = self.tr("%1: %2").replace("%1", mark).replace("%2", counts)
            elif step.key in written:
                mark = self.tr("✓ already in place (written by this setup)")
            else:
                mark = self.tr("✓ already in place")
            warn = " ⚠" if step.findings and not step.blocked else ""
            self.steps.addItem(f"{render(step.title)}\n    {mark}{warn}")
        count = len(plan.changes)
        if plan.blocking:
            text = self.tr("Fix the problems marked ✗ before applying.")
        elif count == 0:
            text = self.tr("Everything is already in place: nothing to change.")
        else:
            text = self.tr("%1 of %2 resources will change. Registry account %3, training account %4.")
            text = (text.replace("%1", str(count)).replace("%2", str(len(plan.steps)))
                    .replace("%3", plan.registry_account).replace("%4", plan.training_account))
        self.summary.setText(text)
        self.steps.setCurrentRow(0)
        self.completeChanged.emit()

    def _counts(self, step: Step) -> str:
        """"2 added, 1 changed", counting statements (or grants), not the document's fields."""
        rows = [r for r in step.diff if r.label != DOCUMENT_LABEL]
        count = {status: sum(r.status == status for r in rows) for status in (ADDED, CHANGED, REMOVED)}
        parts = [text for text, n in ((self.tr("%n added", "", count[ADDED]), count[ADDED]),
                                      (self.tr("%n changed", "", count[CHANGED]), count[CHANGED]),
                                      (self.tr("%n removed", "", count[REMOVED]), count[REMOVED])) if n]
        return ", ".join(parts)

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(self.tr("The plan could not be made. Go back to change the choice, or try again."))
        self.banner.show_message(render(error), "error")

    def _show_step(self, row: int) -> None:
        if self._plan is None or not 0 <= row < len(self._plan.steps):
            return
        step = self._plan.steps[row]
        lines = [("✗ " if f.blocking else "⚠ ") + render(f.message) for f in step.findings]
        self.findings.setText("\n".join(lines))
        self.findings.setVisible(bool(lines))
        rows = step.diff
        if step.proposed is None:  # unreadable: shown as it is, with nothing proposed
            rows = [DiffRow(CHANGED, "", step.current or "", self.tr("(cannot propose: see above)"))]
        summary = None
        if step.kind == RAM and step.current is None:
            summary = self.tr("No share yet: AWS RAM creates it when the group policy is written; this "
                              "step then promotes it.")
        elif step.kind == RAM:
            summary = self.tr("The share as AWS RAM holds it now, and once promoted.")
        self.diff.show_rows(rows, step.current, step.proposed, summary)

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self._plan is not None and not self._plan.blocking
