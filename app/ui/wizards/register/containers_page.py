"""Page 2: the ordered containers (one model, or an inference pipeline of up to 15).

Each container's s3:// model data is looked up in the background: an object (does it exist, how
big is it) or a prefix (how many objects, how many bytes). Next waits for those checks and stays
disabled while an object is missing or a prefix is empty. A container without model data is
allowed, with a warning.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWizardPage

from app.registry.errors import RegistryError
from app.registry.versions import registration
from app.registry.versions.artifacts import ObjectInfo, PrefixSummary
from app.registry.versions.registration import ContainerSpec, RegistrationSpec
from app.registry.versions.requests import container_limits
from app.registry.versions.spec import S3_OBJECT, S3_PREFIX
from app.ui import palette
from app.ui.texts import render
from app.ui.widgets.formatting import format_datetime
from app.ui.wizards.register.common import problems_by_field
from app.ui.wizards.register.container_list import ContainerListEditor
from app.ui.wizards.register.operations import check_object, check_prefix

CHECK_DEBOUNCE_MS = 400  # typing a URL does not look up every prefix of it
OBJECT, PREFIX = "object", "prefix"
Check = tuple[str, str]  # (OBJECT or PREFIX, s3:// URL)
Outcome = ObjectInfo | PrefixSummary | RegistryError | None  # None: being checked


class ContainersPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self._objects: dict[Check, Outcome] = {}
        self.setTitle(self.tr("Containers"))
        # Without this the wizard gives the page its preferred height and leaves the rest empty.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.containers_editor = ContainerListEditor(wizard.connection)
        shared = self.containers_editor
        self.kind, self.list, self.editor = shared.kind, shared.list, shared.editor
        self.count_problem = shared.count_problem
        self.add_button, self.duplicate_button, self.remove_button = (
            shared.add_button, shared.duplicate_button, shared.remove_button)
        self.up_button, self.down_button = shared.up_button, shared.down_button
        layout = QVBoxLayout(self)
        layout.addWidget(self.containers_editor)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DEBOUNCE_MS)
        self._check_timer.timeout.connect(self._check_objects)
        self.containers_editor.changed.connect(self._edited)
        self.containers_editor.currentChanged.connect(lambda _row: self._refresh())
        self._edited()

    # -- the wizard's view of the page ------------------------------------------------------

    def containers(self) -> tuple[ContainerSpec, ...]:
        return self.containers_editor.containers()

    def set_containers(self, containers: tuple[ContainerSpec, ...]) -> None:
        self.containers_editor.set_containers(containers)
        self._edited()

    def initializePage(self) -> None:
        self._check_objects()
        self._refresh()

    def isComplete(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        found = registration.container_problems(self.containers())
        if found:
            return render(found[0].message)
        for check in self._checks():
            state = self._objects.get(check)
            if state is None:
                return self.tr("Checking %1…").replace("%1", check[1])
            refusal = self._refusal(check, state)
            if refusal:
                return refusal
        return None

    def select(self, index: int) -> None:
        self.containers_editor.select(index)

    def _edited(self) -> None:
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
        found = (self._check_of(i, c, problems) for i, c in enumerate(self.containers()))
        return list(dict.fromkeys(check for check in found if check is not None))

    def _check_objects(self) -> None:
        for check in self._checks():
            if check in self._objects and not _worth_asking_again(self._objects[check]):
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
            return self.tr("Could not list the prefix: %1 It is counted again when you come back to this "
                           "page.").replace("%1", str(state)), False
        return self.tr("Could not check the object: %1 It is checked again when you come back to this "
                       "page.").replace("%1", str(state)), False

    def _warnings(self) -> dict[str, str]:
        return problems_by_field(registration.warnings(RegistrationSpec(containers=self.containers())))

    # -- what the page shows ----------------------------------------------------------------

    def _refresh(self) -> None:
        containers = self.containers()
        _low, high = container_limits()
        self.setSubTitle(self.tr("Each container is an image and its model data. Two or more "
                                 "containers make an inference pipeline (at most %1).").replace("%1", str(high)))
        found = problems_by_field(registration.container_problems(containers))
        checks = [self._check_of(i, c, found) for i, c in enumerate(containers)]
        refused = [i for i, check in enumerate(checks)
                   if check is not None and self._refusal(check, self._objects.get(check)) is not None]
        self.containers_editor.show_problems(found, refused, self._warnings())
        note, is_problem = self._note(checks[self.containers_editor.current()])
        self.editor.show_model_data_note(note, palette.text_style(palette.ERROR_TEXT) if is_problem else "")
        self.completeChanged.emit()


def _worth_asking_again(state: Outcome) -> bool:
    """A check that failed for a reason other than the answer itself (throttled, denied, no
    network) is made again the next time the checks run; an answer, or one in flight, is kept."""
    return isinstance(state, RegistryError) and state.kind != "not_found"
