"""Register a model version: target, containers, inference, details, (advanced,) review, result.

Every page checks its fields as they are typed and keeps Next disabled until they are right.
Slow work (the group list, S3 object checks, the create call, spec files) runs in the wizard's
TaskRunners; validatePage never calls AWS. A failed submit leaves every field as it was.

Leaving (Cancel, Esc, the window's close button) asks first when it would lose something: what
was typed, or the answer to a submit still under way. Whoever stops waiting for a submit is told
its outcome when AWS answers, even with the wizard gone: the version may be created after all.
"""

from __future__ import annotations

import os
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget, QWizard

from app.registry.aws import Connection
from app.registry.versions import registration
from app.registry.versions.records import VersionDetails
from app.registry.versions.registration import RegistrationSpec
from app.tasks import TaskRunner
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.wizards.register.additional_specs import AdditionalSpecsEditor
from app.ui.wizards.register.advanced_page import AdvancedPage
from app.ui.wizards.register.advanced_sections import (
    EncryptionSection,
    LifecycleSection,
    SourceSection,
    TagsSection,
    ValidationSection,
)
from app.ui.wizards.register.card_section import CardSection
from app.ui.wizards.register.common import PageId
from app.ui.wizards.register.containers_page import ContainersPage
from app.ui.wizards.register.details_page import DetailsPage
from app.ui.wizards.register.inference_page import InferencePage
from app.ui.wizards.register.metrics_section import MetricFilesSection
from app.ui.wizards.register.operations import read_spec, submit, write_spec
from app.ui.wizards.register.review_page import ResultPage, ReviewPage
from app.ui.wizards.register.target_page import TargetPage

REGISTER_BUTTON = QWizard.WizardButton.CustomButton1
SAVE_BUTTON = QWizard.WizardButton.CustomButton2
LOAD_BUTTON = QWizard.WizardButton.CustomButton3


class RegisterWizard(QWizard):
    registered = Signal(str)  # the new version's ARN
    openRequested = Signal(str)  # "Open in versions view" with that ARN
    specSaved = Signal(str)  # the path written
    specLoaded = Signal(str)  # the path read

    def __init__(
        self,
        connection: Connection,
        settings: Settings,
        *,
        target_group: str | None = None,
        source: RegistrationSpec | VersionDetails | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.connection = connection
        self.settings = settings
        self.runner = TaskRunner(self, max_threads=4)
        # The create call has a runner of its own: closing the wizard stops the rest, not it.
        self.submit_runner = TaskRunner(self, max_threads=1)
        self.registered_arn = ""
        self.created_group = ""  # a new group made by a submit whose version then failed
        self._stopped_waiting = False  # the user closed the wizard while a submit was under way
        self._awaiting_answer = False  # a submit was sent and AWS has not answered yet
        self.setWindowTitle(self.tr("Register Model Version"))
        self.setAccessibleName(self.tr("Register model version"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(1080, 720)

        self.target_page = TargetPage(self)
        self.containers_page = ContainersPage(self)
        self.inference_page = InferencePage(self)
        self.details_page = DetailsPage(self)
        self.advanced_page = AdvancedPage(self)
        self.review_page = ReviewPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in ((PageId.TARGET, self.target_page), (PageId.CONTAINERS, self.containers_page),
                              (PageId.INFERENCE, self.inference_page), (PageId.DETAILS, self.details_page),
                              (PageId.ADVANCED, self.advanced_page), (PageId.REVIEW, self.review_page),
                              (PageId.RESULT, self.result_page)):
            self.setPage(page_id, page)
        self.setStartId(PageId.TARGET)
        self._add_advanced_sections()

        self.setButtonText(REGISTER_BUTTON, self.tr("&Register"))
        self.setButtonText(SAVE_BUTTON, self.tr("&Save spec…"))
        self.setButtonText(LOAD_BUTTON, self.tr("&Load spec…"))
        for which, name in ((REGISTER_BUTTON, self.tr("Register")), (SAVE_BUTTON, self.tr("Save spec")),
                            (LOAD_BUTTON, self.tr("Load spec")), (QWizard.WizardButton.NextButton, self.tr("Next")),
                            (QWizard.WizardButton.BackButton, self.tr("Back")),
                            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
                            (QWizard.WizardButton.CancelButton, self.tr("Cancel"))):
            self.button(which).setAccessibleName(name)
        self.customButtonClicked.connect(self._custom_button)
        self.currentIdChanged.connect(self._page_changed)
        self.result_page.openRequested.connect(self.openRequested)
        self.specSaved.connect(self._remember_folder)
        self.specLoaded.connect(self._remember_folder)

        if isinstance(source, VersionDetails):
            self._say_what_is_not_copied(source)
            source = registration.spec_from_describe(source.raw)
        if source is not None:
            self.set_spec(source)
        if target_group:
            self.target_page.set_group(target_group)
        self._page_changed(PageId.TARGET)
        self._untouched = self._typed()

    def _say_what_is_not_copied(self, source: VersionDetails) -> None:
        """New Version From copies the request, except what describes the tested source version."""
        parts = [self.tr("A copy of version %1 of %2. It starts pending approval")
                 .replace("%1", str(source.version)).replace("%2", source.group)]
        card_status = (source.raw.get("ModelCard") or {}).get("ModelCardStatus")
        if card_status and card_status != "Draft":
            parts.append(self.tr("its model card starts as a draft (the source's is %1)").replace("%1", card_status))
        if source.stage:
            parts.append(self.tr("its lifecycle stage is not copied (the source is in %1)").replace("%1", source.stage))
        note = self.tr("%1: approval, card status and stage are decided for each version.").replace(
            "%1", "; ".join(parts)) if len(parts) > 1 else parts[0] + "."
        self.target_page.source_note.setText(note)
        self.target_page.source_note.show()

    def _add_advanced_sections(self) -> None:
        page = self.advanced_page
        self.additional_specs = AdditionalSpecsEditor(self.connection)
        for title, section in (
            (self.tr("Encryption"), EncryptionSection(self)),
            (self.tr("Source"), SourceSection(self)),
            (self.tr("Model metrics"), MetricFilesSection(self, "metrics")),
            (self.tr("Drift check baselines"), MetricFilesSection(self, "drift_baselines")),
            (self.tr("Model validation"), ValidationSection()),
            (self.tr("Model card"), CardSection()),
            (self.tr("Lifecycle"), LifecycleSection()),
            (self.tr("Additional inference specifications"), self.additional_specs),
            (self.tr("Tags"), TagsSection()),
        ):
            page.add_section(title, section)
        page.setsChanged.connect(lambda titles: self.details_page.show_advanced(titles))

    # -- the spec ---------------------------------------------------------------------------

    def spec(self) -> RegistrationSpec:
        """What the pages hold now, as one spec."""
        spec = RegistrationSpec(group=self.target_page.group(), containers=self.containers_page.containers())
        spec = self.details_page.apply_to(self.inference_page.apply_to(spec))
        return self.advanced_page.apply_to(spec)

    def set_spec(self, spec: RegistrationSpec) -> None:
        """Fill every page from `spec` (a loaded file, or an existing version). When it sets an
        advanced field, Next on the details page leads to the Advanced page."""
        self.target_page.set_group(spec.group)
        self.containers_page.set_containers(spec.containers)
        self.inference_page.load(spec)
        self.details_page.load(spec)
        self.advanced_page.load(spec)
        self.details_page.show_advanced(self.advanced_page.set_titles(), tick=True)

    def new_group_description(self) -> str | None:
        """The description of the group to create first, or None when it exists (also when an
        earlier submit created it and then failed on the version)."""
        if self.created_group and self.created_group == self.target_page.group():
            return None
        return self.target_page.new_group_description()

    def _typed(self) -> tuple:
        """What someone could have typed (the group picked from the list does not count)."""
        page = self.target_page
        return (replace(self.spec(), group=""), page.new_name.text(), page.new_description.toPlainText(),
                page.arn_edit.text())

    def has_typed_input(self) -> bool:
        return self._typed() != self._untouched

    # -- submit -----------------------------------------------------------------------------

    def submit(self) -> None:
        """Register in the background; on failure every field stays as typed."""
        if self.registered_arn or self.submitting:
            return
        spec = self.spec()
        found = registration.problems(spec)
        if found:
            self.review_page.show_error(render(found[0].message))
            return
        self.review_page.set_busy(True)
        self._awaiting_answer = True
        self._lock_while_submitting(True)
        self.submit_runner.run(submit, self.connection, spec, self.new_group_description(), key="submit",
                               pass_report=True, on_yield=self._group_created, on_return=self._submitted,
                               on_error=self._submit_failed, on_finish=self._submit_done)

    @property
    def submitting(self) -> bool:
        """A submit was sent and its answer has not arrived."""
        return self._awaiting_answer

    def _group_created(self, name: str) -> None:
        self.created_group = name

    def _submitted(self, arn: str) -> None:
        self._awaiting_answer = False
        self.registered_arn = arn
        self.registered.emit(arn)
        if self._stopped_waiting:
            self._tell_late(self.tr("The version you stopped waiting for was registered after all:\n%1")
                            .replace("%1", arn), QMessageBox.Icon.Information)
            return
        self.review_page.set_registered(arn)
        self.next()

    def _submit_failed(self, error: BaseException) -> None:
        self._awaiting_answer = False
        if self._stopped_waiting:
            self._tell_late(self.tr("The version you stopped waiting for was not registered. %1")
                            .replace("%1", render(error)), QMessageBox.Icon.Warning)
            return
        self.review_page.show_error(render(error))
        self.review_page.set_busy(False)
        self._lock_while_submitting(False)  # Register again at once, as typed

    def _submit_done(self) -> None:
        self._awaiting_answer = False
        if self._stopped_waiting:
            _AWAITING.discard(self)
            return
        self.review_page.set_busy(False)
        self._lock_while_submitting(False)

    def _lock_while_submitting(self, locked: bool) -> None:
        """What is being sent cannot change under it: no Back, no Load spec, no second Register."""
        self.button(REGISTER_BUTTON).setEnabled(not locked and not self.registered_arn)
        for which in (QWizard.WizardButton.BackButton, LOAD_BUTTON):
            self.button(which).setEnabled(not locked)

    def _tell_late(self, text: str, icon: QMessageBox.Icon) -> None:
        """The outcome of a submit nobody waits for any more, in a box of its own."""
        box = QMessageBox(icon, self.tr("Register Model Version"), text, QMessageBox.StandardButton.Ok,
                          self.parentWidget())
        box.setAccessibleName(self.tr("Registration outcome"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _TOLD.add(box)  # without a parent window, nothing else holds it until it is read
        box.finished.connect(lambda _result: _TOLD.discard(box))
        box.open()

    # -- leaving ----------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc and the close button: ask before losing typed input or a submit's answer."""
        if self.submitting:
            if not self._ask(self.tr("Stop waiting for AWS?"),
                             self.tr("The version is being registered: the profile '%1' is still waiting for "
                                     "sagemaker:CreateModelPackage on %2 to answer.\n\nIf you stop waiting, "
                                     "AWS may still create the version. You will be told when the answer "
                                     "comes.").replace("%1", self.connection.display_name)
                             .replace("%2", self.spec().group),
                             self.tr("Stop waiting"), self.tr("Keep waiting")):
                return
            if self.submitting:
                self._stopped_waiting = True
                _AWAITING.add(self)  # kept alive to report the answer
            elif not self.registered_arn:
                return  # it failed while we asked: the page says so, and keeps what was typed
        elif not self.registered_arn and self.has_typed_input():
            if not self._ask(self.tr("Discard this version?"),
                             self.tr("Nothing has been registered. What you typed in this wizard will be "
                                     "lost; Save spec… keeps it in a file."),
                             self.tr("Discard"), self.tr("Keep editing")):
                return
        super().reject()

    def _ask(self, title: str, text: str, go: str, stay: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setAccessibleName(title)
        go_button = box.addButton(go, QMessageBox.ButtonRole.DestructiveRole)
        stay_button = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
        go_button.setAccessibleName(go.replace("&", ""))
        stay_button.setAccessibleName(stay.replace("&", ""))
        box.setDefaultButton(stay_button)
        box.setEscapeButton(stay_button)
        box.exec()
        answer = box.clickedButton() is go_button
        box.deleteLater()
        return answer

    # -- spec files -------------------------------------------------------------------------

    def save_spec_to(self, path: str) -> None:
        self.runner.run(write_spec, path, self.spec(), on_return=self.specSaved.emit,
                        on_error=lambda error: self._file_failed(self.tr("Cannot save the spec: %1"), error))

    def load_spec_from(self, path: str) -> None:
        self.runner.run(read_spec, path, on_return=lambda spec: self._loaded(path, spec),
                        on_error=lambda error: self._file_failed(self.tr("Cannot load the spec: %1"), error))

    def _loaded(self, path: str, spec: RegistrationSpec) -> None:
        self.set_spec(spec)
        self._untouched = self._typed()  # the file still holds it: leaving loses nothing
        self.specLoaded.emit(path)

    def _remember_folder(self, path: str) -> None:
        self.settings.set_last_folder("spec", os.path.dirname(path))

    def _file_failed(self, template: str, error: BaseException) -> None:
        page = self.currentPage()
        message = template.replace("%1", render(error))
        if page is self.review_page:
            self.review_page.show_error(message)
        else:
            page.setSubTitle(message)

    def _custom_button(self, which: int) -> None:
        which = QWizard.WizardButton(which)  # the signal carries a plain int
        if which == REGISTER_BUTTON:
            self.submit()
        elif which == SAVE_BUTTON:
            start = os.path.join(self.settings.last_folder("spec"), "registration.json")
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save registration spec"),
                                                        start, self.tr("Registration spec (*.json)"))
            if path:
                self.save_spec_to(path)
        elif which == LOAD_BUTTON:
            path, _filter = QFileDialog.getOpenFileName(self, self.tr("Load registration spec"),
                                                        self.settings.last_folder("spec"),
                                                        self.tr("Registration spec (*.json)"))
            if path:
                self.load_spec_from(path)

    # -- buttons per page -------------------------------------------------------------------

    def _page_changed(self, page_id: int) -> None:
        W = QWizard.WizardButton
        stretch = W.Stretch
        if page_id == PageId.REVIEW:
            layout = [SAVE_BUTTON, LOAD_BUTTON, stretch, W.BackButton, REGISTER_BUTTON, W.CancelButton]
        elif page_id == PageId.RESULT:
            layout = [stretch, W.FinishButton]
        else:
            layout = [SAVE_BUTTON, LOAD_BUTTON, stretch, W.BackButton, W.NextButton, W.CancelButton]
        for button in (REGISTER_BUTTON, SAVE_BUTTON, LOAD_BUTTON):
            self.setOption(_OPTION[button], button in layout)
        self.setButtonLayout(layout)
        self.button(REGISTER_BUTTON).setEnabled(not self.registered_arn)
        if page_id == PageId.REVIEW:
            self.button(REGISTER_BUTTON).setDefault(True)

    def done(self, result: int) -> None:
        self.runner.shutdown()
        if not self._stopped_waiting:
            self.submit_runner.shutdown()
        super().done(result)


# Wizards closed while their submit is under way, kept until AWS answers and the user is told.
_AWAITING: set[RegisterWizard] = set()
_TOLD: set[QMessageBox] = set()


_OPTION = {
    REGISTER_BUTTON: QWizard.WizardOption.HaveCustomButton1,
    SAVE_BUTTON: QWizard.WizardOption.HaveCustomButton2,
    LOAD_BUTTON: QWizard.WizardOption.HaveCustomButton3,
}
