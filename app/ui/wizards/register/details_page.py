"""Page 4: description, initial approval status, customer metadata, sample payload, domain, task.

The fields a first version rarely needs (encryption, source, metrics, baselines, card, lifecycle,
tags…) are on the Advanced page, visited after this one when the box at the bottom is ticked; it
is ticked for the user when a loaded spec sets one of them.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from app.registry.versions import registration
from app.registry.versions.registration import PENDING, RegistrationSpec
from app.registry.versions.requests import approval_statuses, metadata_limit
from app.ui.texts import render
from app.ui.wizards.register.advanced_page import ADVANCED_FIELDS
from app.ui.wizards.register.common import NOTE_STYLE, ExactTextEdit, PageId, ProblemLabel, problems_by_field
from app.ui.wizards.register.container_editor import PairsTable
from app.ui.wizards.register.sections import FieldMessage, button_row, listed, owned

DOMAINS = ("", "MACHINE_LEARNING", "COMPUTER_VISION", "NATURAL_LANGUAGE_PROCESSING")
TASKS = ("", "CLASSIFICATION", "REGRESSION", "IMAGE_CLASSIFICATION", "OBJECT_DETECTION",
         "IMAGE_SEGMENTATION", "TEXT_GENERATION", "FILL_MASK", "OTHER")
STATUS_LABELS = {PENDING: QT_TRANSLATE_NOOP("DetailsPage", "Pending manual approval"),
                 "Approved": QT_TRANSLATE_NOOP("DetailsPage", "Approved"),
                 "Rejected": QT_TRANSLATE_NOOP("DetailsPage", "Rejected")}


def _editable_combo(name: str, values: tuple[str, ...]) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setAccessibleName(name)
    combo.addItems(list(values))
    return combo


class DetailsPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Details"))
        self.setSubTitle(self.tr("Everything here is optional. A new version normally starts pending approval."))

        self.description = ExactTextEdit()
        self.description.setAccessibleName(self.tr("Version description"))
        self.description.setFixedHeight(60)
        self.description_problem = ProblemLabel(self.tr("Version description problem"))
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Initial approval status"))
        for status in approval_statuses():
            self.status.addItem(QCoreApplication.translate("DetailsPage", STATUS_LABELS.get(status, status)), status)
        self.status.setCurrentIndex(max(self.status.findData(PENDING), 0))

        self.metadata = PairsTable(self.tr("Customer metadata"), (self.tr("Key"), self.tr("Value")))
        self.metadata.setMinimumHeight(110)
        self.add_metadata = QPushButton(self.tr("Add property"))
        self.add_metadata.setAccessibleName(self.tr("Add metadata property"))
        self.remove_metadata = QPushButton(self.tr("Remove property"))
        self.remove_metadata.setAccessibleName(self.tr("Remove metadata property"))
        self.metadata_problem = ProblemLabel(self.tr("Customer metadata problem"))

        self.sample_payload = QLineEdit()
        self.sample_payload.setAccessibleName(self.tr("Sample payload URL"))
        self.sample_payload.setPlaceholderText("s3://bucket/path/payload.tar.gz")
        self.sample_payload_problem = ProblemLabel(self.tr("Sample payload URL problem"))
        self.domain = _editable_combo(self.tr("Domain"), DOMAINS)
        self.task = _editable_combo(self.tr("Task"), TASKS)

        form = QFormLayout()
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow("", self.description_problem)
        form.addRow(self.tr("Approval &status:"), self.status)
        form.addRow(self.tr("&Metadata:"), self.metadata)
        form.addRow("", button_row(self.add_metadata, self.remove_metadata))
        form.addRow("", self.metadata_problem)
        form.addRow(self.tr("Sample &payload:"), self.sample_payload)
        form.addRow("", self.sample_payload_problem)
        form.addRow(self.tr("D&omain:"), self.domain)
        form.addRow(self.tr("&Task:"), self.task)
        self.advanced = QCheckBox(self.tr(
            "Set &advanced fields (encryption, source, metrics, baselines, card, lifecycle, tags)"))
        self.advanced.setAccessibleName(self.tr("Set advanced fields"))
        self.advanced_note = QLabel()
        self.advanced_note.setAccessibleName(self.tr("Advanced fields set"))
        self.advanced_note.setWordWrap(True)
        self.advanced_note.setStyleSheet(NOTE_STYLE)
        self.advanced_note.hide()
        self.advanced_warning = FieldMessage(self.tr("Advanced fields warning"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.advanced)
        layout.addWidget(self.advanced_note)
        layout.addWidget(self.advanced_warning)

        self.description.textChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(lambda _i: self._changed())
        self.metadata.itemChanged.connect(lambda _i: self._changed())
        self.sample_payload.textChanged.connect(self._changed)
        self.domain.editTextChanged.connect(self._changed)
        self.task.editTextChanged.connect(self._changed)
        self.add_metadata.clicked.connect(self.metadata.add_row_for_typing)
        self.remove_metadata.clicked.connect(lambda: (self.metadata.remove_selected_rows(), self._changed()))
        self.advanced.toggled.connect(lambda _on: self._wizard_buttons())

    # -- the wizard's view of the page ------------------------------------------------------

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return replace(
            spec,
            description=self.description.exact_text(),
            approval_status=self.status.currentData(),
            customer_metadata=self.metadata.pairs(),
            sample_payload_url=self.sample_payload.text(),
            domain=self.domain.currentText(),
            task=self.task.currentText(),
        )

    def load(self, spec: RegistrationSpec) -> None:
        self.description.set_exact_text(spec.description)
        if self.status.findData(spec.approval_status) < 0:  # kept as loaded, and flagged
            self.status.addItem(spec.approval_status, spec.approval_status)
        self.status.setCurrentIndex(self.status.findData(spec.approval_status))
        self.metadata.set_pairs(spec.customer_metadata)
        self.sample_payload.setText(spec.sample_payload_url)
        self.domain.setEditText(spec.domain)
        self.task.setEditText(spec.task)
        self._changed()

    def isComplete(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        found = registration.details_problems(self.apply_to(RegistrationSpec()))
        return render(found[0].message) if found else None

    # -- what the page shows ----------------------------------------------------------------

    def _changed(self) -> None:
        found = problems_by_field(registration.details_problems(self.apply_to(RegistrationSpec())))
        self.description_problem.show_problem(found.get("description"))
        self.sample_payload_problem.show_problem(found.get("sample_payload_url"))
        self.metadata_problem.show_problem(listed(found, "customer_metadata", self.tr("Property %1: %2")))
        self.add_metadata.setEnabled(len(self.metadata.pairs()) < metadata_limit())
        self.completeChanged.emit()

    def show_advanced(self, titles: list[str], *, tick: bool = False) -> None:
        """Say which advanced fields are set (`titles` of their sections); with `tick`, tick the
        box when any is (a loaded spec), so Next leads to them."""
        if tick:
            self.advanced.setChecked(bool(titles))
        self.advanced_note.setText(self.tr("Set: %1. They are sent with the version; the Advanced page "
                                           "shows them.").replace("%1", ", ".join(titles)))
        self.advanced_note.setVisible(bool(titles))

    def initializePage(self) -> None:
        """What the API allows but the person should know about an advanced field (a group of
        another account without a KMS key) shows here too: the common path would not see it."""
        found = owned(problems_by_field(registration.warnings(self._wizard.spec())), *ADVANCED_FIELDS)
        self.advanced_warning.show_message(None, "\n".join(dict.fromkeys(found.values())))

    def nextId(self) -> int:
        wizard = self._wizard
        if self.advanced.isChecked() or wizard.advanced_page.has_problems():
            return PageId.ADVANCED
        return PageId.REVIEW

    def _wizard_buttons(self) -> None:
        """Next leads elsewhere now: the wizard redraws its buttons (Next/Finish) from nextId."""
        self.completeChanged.emit()
