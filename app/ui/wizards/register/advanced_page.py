"""The Advanced page: the request fields a first version rarely needs, in collapsible sections.

The wizard goes here from the details page only when the user asks for it, or when a loaded
spec (a file, or the version a new one is made from) sets one of these fields. Each section
follows the `Section` protocol (sections.py); the page knows them only through it. Every edit
re-checks the whole spec with registration.problems() (no AWS call); each section shows the
messages of its fields, a section with a problem opens, and Next stays disabled until none is left.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget, QWizardPage

from app.registry.versions import registration
from app.registry.versions.spec import InferenceSpec, LifeCycleSpec, MetricSpec, RegistrationSpec, SourceMetadata
from app.ui.wizards.register.common import PageId, ProblemLabel, problems_by_field
from app.ui.wizards.register.sections import Section, owned

# The `where` keys of the fields this page edits; problems of other keys belong to other pages.
ADVANCED_FIELDS = ("kms_key_id", "source_uri", "source_metadata", "metrics", "drift_baselines",
                   "skip_model_validation", "additional_specs", "model_card_content", "model_card_status",
                   "life_cycle", "tags", "extra")
_EMPTY = RegistrationSpec()


class SectionHeader(QToolButton):
    """A header that takes the width it is given and elides its text to it (the full text is
    its tooltip): a long summary never widens the page."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(self.width() - self.iconSize().width() - 24, 40)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room))

    def sizeHint(self) -> QSize:
        return QSize(80, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())


class SectionBox(QWidget):
    """A header button that opens and closes one section, and says what the section holds."""

    def __init__(self, title: str, section: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.section = section
        self.header = SectionHeader()
        self.header.setAccessibleName(title)
        self.header.setCheckable(True)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.toggled.connect(self.set_open)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(section)
        layout.addWidget(line)
        section.setContentsMargins(18, 0, 0, 6)
        self.has_problem = False
        self.problems: dict[str, str] = {}  # the section's problems at the last check
        self.fields: tuple[str, ...] = ()  # the spec fields the section edits
        self.set_open(False)

    def is_open(self) -> bool:
        return self.header.isChecked()

    def set_open(self, opened: bool) -> None:
        if self.header.isChecked() != opened:
            self.header.setChecked(opened)  # comes back here through toggled
            return
        self.header.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.section.setVisible(opened)

    def refresh(self, has_problem: bool) -> None:
        self.has_problem = has_problem
        summary = self.section.summary() or self.tr("not set")  # type: ignore[attr-defined]
        text = self.tr("%1: %2").replace("%1", self.title).replace("%2", summary)
        if has_problem:
            text = self.tr("%1 (to fix)").replace("%1", text)
        self.header.set_full_text(text)

    def header_text(self) -> str:
        """What the header says, in full ("Encryption: key alias/registry-artifacts")."""
        return self.header.full_text


class AdvancedPage(QWizardPage):
    setsChanged = Signal(list)  # the titles of the sections that hold something, after each check

    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self._loading = False
        self._problems: dict[str, str] = {}
        self._loaded = _EMPTY  # the spec last loaded: a section added later starts from it
        self.boxes: list[SectionBox] = []
        self.setTitle(self.tr("Advanced"))
        self.setSubTitle(self.tr("Everything here is optional. Open a section to set its fields; "
                                 "its header says what is set."))
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 6, 0)
        self.body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName(self.tr("Advanced sections"))
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        self.other_problem = ProblemLabel(self.tr("Advanced fields problem"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.other_problem)

    # -- sections ---------------------------------------------------------------------------

    def add_section(self, title: str, section: Section) -> SectionBox:
        """Add `section` (a QWidget following the Section protocol) under a header `title`."""
        assert isinstance(section, QWidget) and isinstance(section, Section), section
        box = SectionBox(title, section)
        box.fields = fields_of(section)
        section.load(self._loaded)
        box.set_open(_holds(box))
        box.refresh(False)
        self.boxes.append(box)
        self.body_layout.insertWidget(self.body_layout.count() - 1, box)  # above the stretch
        section.changed.connect(self._changed)
        return box

    def box(self, title: str) -> SectionBox:
        return next(b for b in self.boxes if b.title == title)

    # -- the wizard's view of the page ------------------------------------------------------

    def load(self, spec: RegistrationSpec) -> None:
        """Show `spec`'s advanced fields; the sections that hold something open."""
        self._loaded = spec
        self._loading = True
        try:
            for box in self.boxes:
                box.section.load(spec)  # type: ignore[attr-defined]
        finally:
            self._loading = False
        for box in self.boxes:
            box.set_open(_holds(box))
        self._changed()

    def apply_to(self, spec: RegistrationSpec) -> RegistrationSpec:
        for box in self.boxes:
            spec = box.section.apply_to(spec)  # type: ignore[attr-defined]
        return spec

    def holds_anything(self) -> bool:
        """Whether any advanced field is set."""
        return any(_holds(box) for box in self.boxes)

    def set_titles(self) -> list[str]:
        """The titles of the sections that hold something, in page order."""
        return [box.title for box in self.boxes if _holds(box)]

    def has_problems(self) -> bool:
        return bool(self._problems)

    def initializePage(self) -> None:
        self._changed()

    def isComplete(self) -> bool:
        return not self._problems

    def nextId(self) -> int:
        return PageId.REVIEW

    # -- checking ---------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading:
            return
        spec = self._wizard.spec()
        found = owned(problems_by_field(registration.problems(spec)), *ADVANCED_FIELDS)
        warnings = owned(problems_by_field(registration.warnings(spec)), *ADVANCED_FIELDS)
        self._problems = found
        for box in self.boxes:
            box.section.show_problems(found, warnings)  # type: ignore[attr-defined]
        for box in self.boxes:
            mine = owned(found, *box.fields)
            if mine and mine != box.problems:
                box.set_open(True)  # a new problem never hides in a closed section
            box.problems = mine
            box.refresh(bool(mine))
        self.other_problem.show_problem(found.get("extra"))
        self.completeChanged.emit()
        self.setsChanged.emit(self.set_titles())


def _holds(box: SectionBox) -> bool:
    return box.section.apply_to(_EMPTY) != _EMPTY  # type: ignore[attr-defined]


# Every advanced field set to a value no widget would hold: the fields a section's apply_to
# changes in it are the fields the section owns.
_MARK = "\u0000"
_MARKED = RegistrationSpec(
    kms_key_id=_MARK, source_uri=_MARK, source_metadata=SourceMetadata(_MARK, _MARK, _MARK, _MARK),
    metrics=(MetricSpec(_MARK, _MARK),), drift_baselines=(MetricSpec(_MARK, _MARK),),
    skip_model_validation=_MARK, additional_specs=(InferenceSpec(name=_MARK),), model_card_content=_MARK,
    model_card_status=_MARK, life_cycle=LifeCycleSpec(_MARK, _MARK, _MARK), tags=((_MARK, _MARK),), extra=_MARK)


def fields_of(section: Section) -> tuple[str, ...]:
    """The spec fields `section` edits ("kms_key_id", "tags"…), as problem keys start."""
    probe = section.apply_to(_MARKED)
    return tuple(name for name in ADVANCED_FIELDS if getattr(probe, name) != getattr(_MARKED, name))


