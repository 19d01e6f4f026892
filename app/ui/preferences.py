"""Preferences (Edit › Preferences…, Ctrl+,): the local index (where it is, its size, "Clear
local data") and the background refresh (interval, desktop notifications).

The refresh settings are written at once through `Settings` (`inbox_refresh_minutes`,
`notifications_enabled`); `Preferences.changed` tells whoever follows them (the inbox's
background refresh). The index is cleared and measured on a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.registry.index.local import LocalIndex
from app.registry.index.schema import index_path
from app.tasks import TaskRunner
from app.ui.local_data import LocalData
from app.ui.settings import Settings
from app.ui.texts import render

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

MAX_REFRESH_MINUTES = 24 * 60


def measure(index: LocalIndex) -> tuple[int, int]:
    """Worker thread: bytes on disk and versions held."""
    return index.size_on_disk(), index.version_count()


def clear_and_measure(index: LocalIndex) -> tuple[int, int]:
    """Worker thread: "Clear local data", then the size left."""
    index.clear()
    return measure(index)


class PreferencesDialog(QDialog):
    preferencesChanged = Signal()  # the refresh interval or the notifications setting changed

    def __init__(self, settings: Settings, local: LocalData | None, scope: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self._local = local
        self._runner = TaskRunner(self, max_threads=1)
        self.setWindowTitle(self.tr("Preferences"))
        self.setAccessibleName(self.tr("Preferences"))

        data = QGroupBox(self.tr("Local data"))
        explained = QLabel(self.tr(
            "What the window has seen (groups, versions, images, approval comments and metadata; never a "
            "secret or a model card) is kept on this computer, readable by you only, so the window opens "
            "on it at once and search works across every account and region."))
        explained.setWordWrap(True)
        self.path_label = QLabel(str(local.index.path if local is not None and local.index is not None
                                     else index_path(scope)))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setAccessibleName(self.tr("Local index file"))
        self.path_label.setWordWrap(True)
        self.size_label = QLabel(self.tr("Measuring…"))
        self.size_label.setAccessibleName(self.tr("Local index size"))
        self.clear_button = QPushButton(self.tr("Clear Local Data…"))
        self.clear_button.setAccessibleName(self.tr("Clear local data"))
        self.clear_button.clicked.connect(self._ask_to_clear)
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_label, 1)
        size_row.addWidget(self.clear_button)
        data_form = QFormLayout()
        data_form.addRow(self.tr("File:"), self.path_label)
        data_form.addRow(self.tr("Size:"), size_row)
        data_layout = QVBoxLayout(data)
        data_layout.addWidget(explained)
        data_layout.addLayout(data_form)

        refresh = QGroupBox(self.tr("Background refresh"))
        self.interval = QSpinBox()
        self.interval.setRange(0, MAX_REFRESH_MINUTES)
        self.interval.setSpecialValueText(self.tr("Off"))
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setAccessibleName(self.tr("Refresh interval in minutes"))
        self.interval.setValue(settings.inbox_refresh_minutes())
        self.notifications = QCheckBox(self.tr("Show desktop &notifications"))
        self.notifications.setAccessibleName(self.tr("Show desktop notifications"))
        self.notifications.setChecked(settings.notifications_enabled())
        hint = QLabel(self.tr("Lists the estate again at this interval and announces each version that "
                              "arrives waiting for approval, once. 0 turns it off."))
        hint.setWordWrap(True)
        refresh_form = QFormLayout(refresh)
        label = QLabel(self.tr("&Refresh every:"))
        label.setBuddy(self.interval)
        refresh_form.addRow(label, self.interval)
        refresh_form.addRow("", self.notifications)
        refresh_form.addRow("", hint)
        self.interval.valueChanged.connect(self._interval_changed)
        self.notifications.toggled.connect(self._notifications_changed)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(data)
        layout.addWidget(refresh)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        self._measure()

    # -- local data ------------------------------------------------------------------------

    def _index(self) -> LocalIndex | None:
        return None if self._local is None else self._local.index

    def _measure(self) -> None:
        index = self._index()
        if index is None:
            self.size_label.setText(self.tr("Not open (nothing is remembered yet)."))
            self.clear_button.setEnabled(False)
            return
        self._runner.run(measure, index, key="measure", on_return=self._measured, on_error=self._failed)

    def _measured(self, measured: tuple[int, int]) -> None:
        size, versions = measured
        self.size_label.setText(self.tr("%1 on disk, %n version(s)", "", versions).replace(
            "%1", QLocale().formattedDataSize(size)))
        self.clear_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.size_label.setText(render(error))
        self.clear_button.setEnabled(self._index() is not None)

    def _ask_to_clear(self) -> None:
        index = self._index()
        if index is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Clear local data"),
            self.tr("Forget every group and version remembered on this computer?\n\nNothing changes in AWS. "
                    "The next start opens empty until the listings have run; the rows on screen stay."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.clear_button.setEnabled(False)
        self.size_label.setText(self.tr("Clearing…"))
        self._runner.run(clear_and_measure, index, key="measure", on_return=self._cleared, on_error=self._failed)

    def _cleared(self, measured: tuple[int, int]) -> None:
        self._measured(measured)
        if self._local is not None:
            self._local.changed()

    # -- background refresh ----------------------------------------------------------------

    def _interval_changed(self, minutes: int) -> None:
        self._settings.set_inbox_refresh_minutes(minutes)
        self.preferencesChanged.emit()

    def _notifications_changed(self, enabled: bool) -> None:
        self._settings.set_notifications_enabled(enabled)
        self.preferencesChanged.emit()

    def done(self, result: int) -> None:
        self._runner.shutdown()
        super().done(result)


class Preferences(QObject):
    """The window's Preferences: opens the dialog; `changed` follows every dialog's changes, so
    a feature connects once (`window.preferences.changed`) and re-reads the settings."""

    changed = Signal()

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self.dialog: PreferencesDialog | None = None

    def open_dialog(self) -> PreferencesDialog:
        window = self._window
        dialog = PreferencesDialog(window.settings, window.local_data, window.workspace.settings_scope, window)
        dialog.preferencesChanged.connect(self.changed)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog


def install_preferences(window: MainWindow) -> Preferences:
    preferences = Preferences(window)
    window.preferences = preferences
    action: QAction = window.actions_by_name["preferences"]
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.triggered.connect(preferences.open_dialog)
    return preferences
