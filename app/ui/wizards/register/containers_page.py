"""Page 2: the ordered containers (one model, or an inference pipeline of up to 15).

Each s3:// model data URL is looked up in the background (does the object exist, how big is
it); Next waits for those checks and stays disabled while an object is missing.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWizardPage

from app.registry.errors import RegistryError
from app.registry.versions import registration
from app.registry.versions.artifacts import ObjectInfo
from app.registry.versions.registration import ContainerSpec
from app.registry.versions.requests import container_limits
from app.ui import palette
from app.ui.widgets.formatting import format_datetime
from app.ui.wizards.register.common import problems_by_field
from app.ui.wizards.register.container_list import ContainerListEditor
from app.ui.wizards.register.operations import check_object

CHECK_DEBOUNCE_MS = 400  # typing a URL does not look up every prefix of it


class ContainersPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self._objects: dict[str, ObjectInfo | RegistryError | None] = {}  # None: being checked
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
            return found[0].message
        for url in self._s3_urls():
            state = self._objects.get(url)
            if state is None:
                return self.tr("Checking %1…").replace("%1", url)
            if isinstance(state, RegistryError) and state.kind == "not_found":
                return self._missing(url)
        return None

    def select(self, index: int) -> None:
        self.containers_editor.select(index)

    def _edited(self) -> None:
        self._check_timer.start()
        self._refresh()

    # -- checks -----------------------------------------------------------------------------
    def _s3_urls(self) -> list[str]:
        problems = problems_by_field(registration.container_problems(self.containers()))
        urls = []
        for i, c in enumerate(self.containers()):
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
        containers = self.containers()
        _low, high = container_limits()
        self.setSubTitle(self.tr("Each container is an image and its model data. Two or more "
                                 "containers make an inference pipeline (at most %1).").replace("%1", str(high)))
        found = problems_by_field(registration.container_problems(containers))
        missing = [i for i, c in enumerate(containers)
                   if isinstance(self._objects.get(c.model_data_url), RegistryError)
                   and self._objects[c.model_data_url].kind == "not_found"]
        self.containers_editor.show_problems(found, missing)
        current = self.containers_editor.current()
        note, is_problem = self._object_note(containers[current].model_data_url)
        if f"containers.{current}.model_data_url" in found:
            note, is_problem = "", False
        self.editor.show_model_data_note(note, palette.text_style(palette.ERROR_TEXT) if is_problem else "")
        self.completeChanged.emit()
