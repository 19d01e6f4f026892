"""Page 3: the MIME types the model accepts and answers with, and the instance types it runs on."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWizardPage

from app.registry.versions import registration
from app.registry.versions.registration import RegistrationSpec
from app.ui.texts import render
from app.ui.wizards.register.common import ProblemLabel
from app.ui.wizards.register.inference_fields import PRESETS, InferenceFieldsEditor, MimeTypesEditor

__all__ = ["PRESETS", "InferencePage", "MimeTypesEditor"]


class InferencePage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Inference"))
        self.setSubTitle(self.tr("Which request and response formats the model handles. "
                                 "Tick the common ones or type another MIME type."))
        self.fields = InferenceFieldsEditor()
        self.content_types = self.fields.content_types
        self.response_types = self.fields.response_types
        self.realtime = self.fields.realtime
        self.transform = self.fields.transform
        self.problem_label = ProblemLabel(self.tr("Inference problem"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.problem_label)
        self.fields.changed.connect(self._changed)

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        return self.fields.apply_to(spec)

    def load(self, spec: RegistrationSpec) -> None:
        self.fields.load(spec)
        self._changed()

    def isComplete(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        found = registration.inference_problems(self.apply_to(RegistrationSpec()))
        return render(found[0].message) if found else None

    def _changed(self) -> None:
        self.problem_label.show_problem(self.problem())
        self.completeChanged.emit()
