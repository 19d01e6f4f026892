"""A container's model data in one compact row: none, a model archive (ModelDataUrl), or an S3
data source (ModelDataSource: a prefix or an object, compressed or not, with its EULA answer).

Only the chosen kind's fields show. What was typed for the other kinds stays in their fields
(and in `draft()`), so switching back and forth loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions.spec import GZIP, NO_COMPRESSION, S3_OBJECT, S3_PREFIX, ContainerSpec, ModelDataSourceSpec
from app.ui import palette
from app.ui.wizards.register.common import NOTE_STYLE, ProblemLabel

NONE, ARCHIVE, SOURCE = "none", "archive", "source"


@dataclass(frozen=True)
class ModelDataDraft:
    """What was typed for each kind, the chosen one or not: kept per container while the wizard is open."""

    kind: str = ""  # the kind chosen; "" when nothing was chosen yet
    url: str = ""
    source: ModelDataSourceSpec = ModelDataSourceSpec()


def is_archive(url: str) -> bool:
    """A gzip-compressed tar archive by its name: what ModelDataUrl must point at."""
    return url.lower().endswith((".tar.gz", ".tgz"))


class ModelDataEditor(QWidget):
    changed = Signal()
    browseRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self._source = ModelDataSourceSpec()  # what the fields edit; members not shown ride along
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Model data kind"))
        for text, data, tip in (
            (self.tr("Model archive"), ARCHIVE,
             self.tr("ModelDataUrl: one gzip-compressed tar archive (.tar.gz) that SageMaker unpacks.")),
            (self.tr("S3 prefix or object"), SOURCE,
             self.tr("ModelDataSource: every object under an S3 prefix, or one object, compressed or not "
                     "(large models are often stored this way).")),
            (self.tr("None"), NONE, self.tr("No model data: the image holds the model itself.")),
        ):
            self.kind.addItem(text, data)
            self.kind.setItemData(self.kind.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)

        self.url = QLineEdit()
        self.url.setAccessibleName(self.tr("Model data URL"))
        self.url.setPlaceholderText("s3://bucket/path/model.tar.gz")
        self.source_uri = QLineEdit()
        self.source_uri.setAccessibleName(self.tr("Model data S3 URI"))
        self.source_uri.setPlaceholderText("s3://bucket/path/model/")
        self.browse = QPushButton(self.tr("Browse S3…"))
        self.browse.setAccessibleName(self.tr("Browse S3 for model data"))

        self.data_type = QComboBox()
        self.data_type.setAccessibleName(self.tr("S3 data type"))
        self.data_type.addItem(self.tr("Prefix (every object under it)"), S3_PREFIX)
        self.data_type.addItem(self.tr("One object"), S3_OBJECT)
        self.compression = QComboBox()
        self.compression.setAccessibleName(self.tr("Compression"))
        self.compression.addItem(self.tr("Uncompressed"), NO_COMPRESSION)
        self.compression.addItem(self.tr("Gzip tar archive"), GZIP)
        self.accept_eula = QCheckBox(self.tr("Accept the model's EULA"))
        self.accept_eula.setAccessibleName(self.tr("Accept the model's EULA"))
        self.accept_eula.setToolTip(self.tr("ModelAccessConfig.AcceptEula: needed by models whose licence "
                                            "must be accepted before they are deployed."))
        self.source_options = QWidget()
        options = QHBoxLayout(self.source_options)
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.data_type)
        options.addWidget(self.compression)
        options.addWidget(self.accept_eula)
        options.addStretch(1)

        self.problem = ProblemLabel(self.tr("Model data problem"))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Model data check"))
        self.status.setStyleSheet(NOTE_STYLE)
        self.status.setWordWrap(True)
        self.status.hide()  # shown while it has something to say
        self.warning = QLabel()
        self.warning.setAccessibleName(self.tr("Model data warning"))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(palette.strip_style("warning", extra="padding: 3px;"))
        self.warning.hide()

        row = QHBoxLayout()
        for widget in (self.kind, self.browse):  # with None chosen, they keep their size at the left
            widget.setSizePolicy(QSizePolicy.Policy.Maximum, widget.sizePolicy().verticalPolicy())
        row.addWidget(self.kind)
        row.addWidget(self.url, 1)
        row.addWidget(self.source_uri, 1)
        row.addWidget(self.browse)
        row.addStretch(0)  # takes the room only while neither field shows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.source_options)
        layout.addWidget(self.problem)
        layout.addWidget(self.status)
        layout.addWidget(self.warning)

        self.kind.currentIndexChanged.connect(self._kind_chosen)
        for edit in (self.url, self.source_uri):
            edit.textChanged.connect(self._emit_changed)
        for combo in (self.data_type, self.compression):
            combo.currentIndexChanged.connect(self._emit_changed)
        self.accept_eula.toggled.connect(self._emit_changed)
        self.browse.clicked.connect(self.browseRequested)
        self._show_kind()

    # -- the values -------------------------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def apply_to(self, spec: ContainerSpec) -> ContainerSpec:
        """`spec` with the model data shown here (the other kinds' fields left out)."""
        kind = self.current_kind()
        return replace(spec, model_data_url=self.url.text() if kind == ARCHIVE else "",
                       model_data_source=self.source() if kind == SOURCE else None)

    def source(self) -> ModelDataSourceSpec:
        eula = self._source.accept_eula
        if self.accept_eula.isChecked():
            eula = True
        elif eula is not False:  # unticked: left out, unless the source said False in so many words
            eula = None
        return replace(self._source, s3_uri=self.source_uri.text(), s3_data_type=str(self.data_type.currentData()),
                       compression_type=str(self.compression.currentData()), accept_eula=eula)

    def draft(self) -> ModelDataDraft:
        return ModelDataDraft(self.current_kind(), self.url.text(), self.source())

    def load(self, spec: ContainerSpec, draft: ModelDataDraft | None = None) -> None:
        """Show `spec`'s model data; the other kinds' fields get what `draft` remembers of them.

        Without model data, a container shows None once it has an image (or None was chosen), and
        an empty archive URL while it is new: the common path.
        """
        draft = draft or ModelDataDraft()
        self._loading = True
        try:
            if spec.model_data_source is not None:
                kind = SOURCE
            elif spec.model_data_url:
                kind = ARCHIVE
            elif draft.kind:
                kind = draft.kind if draft.kind == NONE else ARCHIVE
            else:
                kind = NONE if spec.image else ARCHIVE
            self.set_kind(kind)
            self.url.setText(spec.model_data_url or draft.url)
            self._load_source(spec.model_data_source or draft.source)
            for edit in (self.url, self.source_uri):
                edit.setCursorPosition(0)  # long URIs show their start, where the meaning is
        finally:
            self._loading = False
        self._show_kind()

    def use_pick(self, url: str, folder: bool) -> None:
        """What the S3 browser gave: a folder is a prefix of uncompressed files; a .tar.gz object is a
        model archive, unless an S3 data source is being edited (then a gzip-compressed object);
        any other object is one uncompressed file."""
        if not folder and is_archive(url) and self.current_kind() != SOURCE:
            self.set_kind(ARCHIVE)
            self.url.setText(url)
            return
        self._loading = True
        try:
            self.set_kind(SOURCE)
            self.source_uri.setText(url)
            _select(self.data_type, S3_PREFIX if folder else S3_OBJECT)
            _select(self.compression, GZIP if not folder and is_archive(url) else NO_COMPRESSION)
        finally:
            self._loading = False
        self._emit_changed()

    def browse_start(self) -> str:
        return self.source_uri.text() if self.current_kind() == SOURCE else self.url.text()

    # -- what the checks found --------------------------------------------------------------

    def show_messages(self, problem: str | None, warning: str | None) -> None:
        self.problem.show_problem(problem)
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))

    def show_note(self, text: str, style: str) -> None:
        """What the background check found; the line takes no room while empty."""
        self.status.setText(text)
        self.status.setStyleSheet(style or NOTE_STYLE)
        self.status.setVisible(bool(text))

    # -- inside -----------------------------------------------------------------------------

    def _load_source(self, source: ModelDataSourceSpec) -> None:
        self._source = source
        self.source_uri.setText(source.s3_uri)
        _select(self.data_type, source.s3_data_type)
        _select(self.compression, source.compression_type)
        self.accept_eula.setChecked(source.accept_eula is True)

    def _kind_chosen(self) -> None:
        self._show_kind()
        self._emit_changed()

    def _show_kind(self) -> None:
        kind = self.current_kind()
        self.url.setVisible(kind == ARCHIVE)
        self.source_uri.setVisible(kind == SOURCE)
        self.source_options.setVisible(kind == SOURCE)

    def _emit_changed(self) -> None:
        if not self._loading:
            self.changed.emit()


def _select(combo: QComboBox, value: str) -> None:
    """Select the item holding `value`; a value the API does not know is shown as it is, so it
    is sent back unchanged and its problem shown, never silently replaced."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)

