"""Pick an image from the account's ECR repositories, or an object (or a folder) from its S3 buckets."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.aws import Connection
from app.registry.versions import artifacts
from app.registry.versions.artifacts import ImageTag, ObjectPage, Repository
from app.tasks import TaskRunner
from app.ui.texts import render
from app.ui.widgets.formatting import format_datetime
from app.ui.wizards.register.common import NOTE_STYLE, ProblemLabel
from app.ui.wizards.register.operations import list_buckets, list_image_tags, list_object_pages, list_repositories

_DATA = Qt.ItemDataRole.UserRole
_DIGEST = Qt.ItemDataRole.UserRole + 1


class _PickerDialog(QDialog):
    def __init__(self, connection: Connection, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.connection = connection
        self.runner = TaskRunner(self, max_threads=2)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(760, 460)
        self.problem = ProblemLabel(self.tr("Picker problem"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Use"))
        self.ok_button.setAccessibleName(self.tr("Use selection"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _failed(self, error: BaseException) -> None:
        self.problem.show_problem(render(error))

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)


class ImagePickerDialog(_PickerDialog):
    """Repositories on the left, their tags on the right; `image_uri()` is the choice."""

    def __init__(self, connection: Connection, parent: QWidget | None = None):
        super().__init__(connection, self.tr("Pick an image from ECR"), parent)
        self.repositories = QListWidget()
        self.repositories.setAccessibleName(self.tr("Repositories"))
        self.tags = QTreeWidget()
        self.tags.setAccessibleName(self.tr("Image tags"))
        self.tags.setHeaderLabels([self.tr("Tag"), self.tr("Pushed"), self.tr("Digest")])
        self.tags.setRootIsDecorated(False)
        self.tags.setColumnWidth(0, 180)
        self.tags.setColumnWidth(1, 140)
        splitter = QSplitter()
        splitter.addWidget(self.repositories)
        splitter.addWidget(self.tags)
        splitter.setSizes([250, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.repositories.currentItemChanged.connect(self._repository_chosen)
        self.tags.currentItemChanged.connect(lambda *_: self.ok_button.setEnabled(bool(self.image_uri())))
        self.tags.itemDoubleClicked.connect(lambda *_: self.accept())
        self.repositories.addItem(self.tr("Loading repositories…"))
        self.runner.run(list_repositories, connection, on_return=self._repositories_arrived, on_error=self._failed)

    def image_uri(self) -> str:
        item = self.tags.currentItem()
        return item.data(0, _DATA) if item is not None else ""

    def image_digest(self) -> str:
        """The chosen tag's digest (sha256:…), as ECR gave it."""
        item = self.tags.currentItem()
        return (item.data(0, _DIGEST) or "") if item is not None else ""

    def _repositories_arrived(self, found: list[Repository]) -> None:
        self.repositories.clear()
        if not found:
            self.problem.show_problem(self.tr("This account has no ECR repositories."))
        for repository in found:
            item = QListWidgetItem(repository.name)
            item.setData(_DATA, repository)
            item.setToolTip(repository.uri)
            self.repositories.addItem(item)

    def _repository_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        self.tags.clear()
        repository = item.data(_DATA) if item is not None else None
        if repository is None:
            return
        self.runner.run(list_image_tags, self.connection, repository.name, key="tags",
                        on_return=lambda found: self._tags_arrived(repository, found), on_error=self._failed)

    def _tags_arrived(self, repository: Repository, found: list[ImageTag]) -> None:
        self.tags.clear()
        for tag in found:
            item = QTreeWidgetItem([tag.tag, format_datetime(tag.pushed_at), tag.digest])
            item.setData(0, _DATA, tag.image_uri(repository))
            item.setData(0, _DIGEST, tag.digest)
            self.tags.addTopLevelItem(item)
        if found:
            self.tags.setCurrentItem(self.tags.topLevelItem(0))


class S3BrowserDialog(_PickerDialog):
    """Buckets, then folders and objects one listing page at a time; `s3_url()` is the choice.

    With `folders`, a folder can be chosen too ("Use this folder": the selected folder, or else
    the one shown); `picked_folder()` then says so and `s3_url()` ends with "/".
    """

    def __init__(self, connection: Connection, start_url: str = "", parent: QWidget | None = None,
                 *, folders: bool = False):
        title = self.tr("Pick model data from S3") if folders else self.tr("Pick an object from S3")
        super().__init__(connection, title, parent)
        self._start = start_url
        self._start_key = ""  # the object already chosen: selected when its folder lists it
        self._prefix = ""
        self._folder_choice = ""  # s3://bucket/prefix/ once "Use this folder" was clicked
        self.use_folder = QPushButton(self.tr("Use this folder"))
        self.use_folder.setAccessibleName(self.tr("Use this folder"))
        self.use_folder.setVisible(folders)
        self.use_folder.setEnabled(False)
        self.buttons.addButton(self.use_folder, QDialogButtonBox.ButtonRole.ActionRole)
        self.hint = QLabel(self.tr(
            "A folder is used as an S3 prefix: SageMaker copies every object under it, uncompressed. "
            "A .tar.gz object is a model archive (ModelDataUrl); any other object is one uncompressed file."))
        self.hint.setAccessibleName(self.tr("What can be picked"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(NOTE_STYLE)
        self.hint.setVisible(folders)
        self.bucket = QComboBox()
        self.bucket.setAccessibleName(self.tr("Bucket"))
        self.bucket.setMinimumContentsLength(30)
        self.up = QPushButton(self.tr("Up"))
        self.up.setAccessibleName(self.tr("Up one folder"))
        self.location = QLineEdit()
        self.location.setReadOnly(True)
        self.location.setAccessibleName(self.tr("Current folder"))
        self.entries = QTreeWidget()
        self.entries.setAccessibleName(self.tr("Objects"))
        self.entries.setHeaderLabels([self.tr("Name"), self.tr("Size"), self.tr("Modified")])
        self.entries.setRootIsDecorated(False)
        self.entries.setColumnWidth(0, 380)
        self.entries.setColumnWidth(1, 120)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Bucket:")))
        top.addWidget(self.bucket, 1)
        top.addWidget(self.up)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.location)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.bucket.currentIndexChanged.connect(lambda *_: self._open(""))
        self.up.clicked.connect(self._go_up)
        self.entries.itemActivated.connect(self._activated)
        self.entries.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.use_folder.clicked.connect(self._use_folder)
        self.runner.run(list_buckets, connection, on_return=self._buckets_arrived, on_error=self._failed)

    def s3_url(self) -> str:
        if self._folder_choice:
            return self._folder_choice
        item = self.entries.currentItem()
        key = item.data(0, _DATA) if item is not None else None
        if not key or key.endswith("/"):
            return ""
        return f"s3://{self.bucket.currentText()}/{key}"

    def picked_folder(self) -> bool:
        return bool(self._folder_choice)

    def folder_url(self) -> str:
        """The folder "Use this folder" would give: the selected one, or else the one shown."""
        bucket = self.bucket.currentText()
        if not bucket:
            return ""
        item = self.entries.currentItem()
        key = item.data(0, _DATA) if item is not None else None
        prefix = key if key and key.endswith("/") else self._prefix
        return f"s3://{bucket}/{prefix}" if prefix else ""

    def _selection_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.s3_url()))
        folder = self.folder_url()
        self.use_folder.setEnabled(bool(folder))
        name = folder.rstrip("/").rsplit("/", 1)[-1]
        self.use_folder.setText(self.tr("Use folder %1").replace("%1", name + "/") if folder
                                else self.tr("Use this folder"))
        self.use_folder.setToolTip(folder)

    def _use_folder(self) -> None:
        self._folder_choice = self.folder_url()
        if self._folder_choice:
            self.accept()

    def _buckets_arrived(self, names: list[str]) -> None:
        start_bucket, start_key = "", ""
        if self._start.startswith("s3://"):
            start_bucket, start_key = artifacts.split_s3_url(self._start)
        blocked = self.bucket.blockSignals(True)
        self.bucket.addItems(names)
        if start_bucket in names:
            self.bucket.setCurrentText(start_bucket)
        self.bucket.blockSignals(blocked)
        if not names:
            self.problem.show_problem(self.tr("This account has no S3 buckets."))
            return
        folder = start_key.rsplit("/", 1)[0] + "/" if "/" in start_key and start_bucket in names else ""
        self._start_key = start_key if start_bucket in names else ""
        self._open(folder)

    def _open(self, prefix: str) -> None:
        self._prefix = prefix
        self.entries.clear()
        self.problem.show_problem(None)
        bucket = self.bucket.currentText()
        self.location.setText(f"s3://{bucket}/{prefix}")
        self.up.setEnabled(bool(prefix))
        self._selection_changed()
        self.runner.run(list_object_pages, self.connection, bucket, prefix, key="objects",
                        on_yield=self._page_arrived, on_error=self._failed)

    def _page_arrived(self, page: ObjectPage) -> None:
        for prefix in page.prefixes:
            item = QTreeWidgetItem([prefix[len(page.prefix):], self.tr("folder"), ""])
            item.setData(0, _DATA, prefix)
            self.entries.addTopLevelItem(item)
        for obj in page.objects:
            item = QTreeWidgetItem([obj.key[len(page.prefix):], QLocale().formattedDataSize(obj.size),
                                    format_datetime(obj.last_modified)])
            item.setData(0, _DATA, obj.key)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.entries.addTopLevelItem(item)
            if obj.key == self._start_key:
                self.entries.setCurrentItem(item)

    def _activated(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, _DATA)
        if key and key.endswith("/"):
            self._open(key)
        elif key:
            self.accept()

    def _go_up(self) -> None:
        parent = self._prefix.rstrip("/").rpartition("/")[0]
        self._open(parent + "/" if parent else "")
