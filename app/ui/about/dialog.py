"""The About dialog: versions (to quote in a bug report) and the three places Registry Desk keeps
files (settings, log, local data), each copyable and with a button that opens its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.tasks import TaskRunner
from app.ui.about.operations import AboutFacts, about_facts
from app.ui.widgets.copy_field import CopyField

ICON_SIZE = 64


class AboutDialog(QDialog):
    def __init__(self, settings_file: str, scope: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Registry Desk"))
        self.setAccessibleName(self.tr("About Registry Desk"))
        self.setMinimumWidth(780)  # room for a usual path; the whole one is in its tool tip

        icon = QLabel()
        icon.setPixmap(QGuiApplication.windowIcon().pixmap(ICON_SIZE, ICON_SIZE))
        title = QLabel(self.tr("Registry Desk %1").replace("%1", __version__))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title = title
        summary = QLabel(self.tr("Administer Amazon SageMaker Model Registries: groups, versions, approvals."))
        summary.setWordWrap(True)
        heading = QGridLayout()
        heading.addWidget(icon, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(title, 0, 1)
        heading.addWidget(summary, 1, 1)
        heading.setColumnStretch(1, 1)

        self.versions_box = QGroupBox(self.tr("Versions"))
        self.versions = QFormLayout(self.versions_box)
        self.version_labels: dict[str, QLabel] = {}
        self.versions.addRow(QLabel(self.tr("Reading…")))

        files = QGroupBox(self.tr("Files"))
        grid = QGridLayout(files)
        self.fields: dict[str, CopyField] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        rows = [
            ("settings", self.tr("Settings file")),
            ("log", self.tr("Log file")),
            ("index", self.tr("Local data (index)")),
        ]
        for row, (name, what) in enumerate(rows):
            field = CopyField(what)
            button = QPushButton(self.tr("Open Folder"))
            button.setAccessibleName(self.tr("Open Folder (%1)").replace("%1", what))
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, n=name: self.open_folder(n))
            grid.addWidget(QLabel(what), row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(button, row, 2)
            self.fields[name], self.open_buttons[name] = field, button
        grid.setColumnStretch(1, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        grid.addWidget(self.problem, len(rows), 0, 1, 3)
        self._set_path("settings", Path(settings_file) if settings_file else None)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))  # Qt's own word would need Qt's catalogue for the language
        close.setAccessibleName(self.tr("Close"))
        close.setDefault(True)
        self.copy_all = buttons.addButton(self.tr("Copy Details"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_all.setAccessibleName(self.tr("Copy the versions and the file locations"))
        self.copy_all.setToolTip(self.tr("Copy the versions and the file locations, to paste into a bug report"))
        self.copy_all.setEnabled(False)
        self.copy_all.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.versions_box)
        layout.addWidget(files)
        footer = QHBoxLayout()
        footer.addWidget(buttons)
        layout.addLayout(footer)
        close.setFocus()

        self._runner = TaskRunner(self, max_threads=1)
        self._runner.run(about_facts, scope, qVersion(), on_return=self._show_facts, on_error=self._failed)
        self.finished.connect(lambda _code: self._runner.shutdown())

    # -- filling in ------------------------------------------------------------------------

    def _show_facts(self, facts: AboutFacts) -> None:
        while self.versions.rowCount():
            self.versions.removeRow(0)
        for what, version in facts.versions:
            label = QLabel(version or self.tr("not installed"))
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(self.tr("%1 version").replace("%1", what))
            self.versions.addRow(what, label)
            self.version_labels[what] = label
        self._set_path("log", facts.log_file)
        self._set_path("index", facts.index_file)
        self.copy_all.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self._tell(self.tr("Could not read the versions: %1").replace("%1", str(error)))

    def _set_path(self, name: str, path: Path | None) -> None:
        self.fields[name].set_text(str(path) if path else "")
        self.open_buttons[name].setEnabled(path is not None)

    def _tell(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    # -- the buttons -----------------------------------------------------------------------

    def folder_of(self, name: str) -> Path:
        return Path(self.fields[name].text()).parent

    def open_folder(self, name: str) -> None:
        folder = self.folder_of(name)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._tell(self.tr("Could not open the folder %1 (it is made when first needed). "
                               "Open it with a file manager.").replace("%1", str(folder)))

    def details(self) -> str:
        """What Copy Details puts on the clipboard: one "name: value" line each."""
        lines = [f"{what}: {label.text()}" for what, label in self.version_labels.items()]
        lines += [f"{field.accessibleName()}: {field.text()}" for field in self.fields.values()]
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
