"""Page 5: the exact request (JSON, boto3, AWS CLI, SageMaker SDK, Pipelines step), then Register;
page 6: the new version."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.registry.versions import registration, renderings
from app.ui.widgets.banner import Banner
from app.ui.widgets.copy_field import CopyField


class _CodeTab(QWidget):
    """A read-only rendering and its Copy button, which copies the rendering itself: the text
    box's plain text is not it (a no-break space becomes a space there, U+2028 a newline)."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.rendered = ""
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(name)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.copy = QPushButton(self.tr("Copy"))
        self.copy.setAccessibleName(self.tr("Copy %1").replace("%1", name))
        self.copy.clicked.connect(self._copy)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)

    def set_rendered(self, text: str) -> None:
        self.rendered = text
        self.text.setPlainText(text)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.rendered)
        self.copy.setText(self.tr("Copied"))


class ReviewPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self._arn = ""
        self.setTitle(self.tr("Review"))
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Registration summary"))
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Request renderings"))
        self.json_tab = _CodeTab(self.tr("Request JSON"))
        self.boto3_tab = _CodeTab(self.tr("boto3 snippet"))
        self.cli_tab = _CodeTab(self.tr("AWS CLI command"))
        self.sdk_tab = _CodeTab(self.tr("SageMaker SDK code"))
        self.step_tab = _CodeTab(self.tr("Pipelines step code"))
        self.tabs.addTab(self.json_tab, self.tr("Request (JSON)"))
        self.tabs.addTab(self.boto3_tab, self.tr("boto3"))
        self.tabs.addTab(self.cli_tab, self.tr("AWS CLI"))
        self.tabs.addTab(self.sdk_tab, self.tr("SageMaker SDK"))
        self.tabs.addTab(self.step_tab, self.tr("Pipelines step"))
        self.error = Banner()
        self.error.label.setAccessibleName(self.tr("Registration error"))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Registration status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)

    def initializePage(self) -> None:
        self._arn = ""
        self.refresh()

    def refresh(self) -> None:
        spec = self._wizard.spec()
        request = registration.build_request(spec)
        connection = self._wizard.connection
        region = connection.region
        profile = connection.profile
        self.json_tab.set_rendered(registration.request_json(request))
        self.boto3_tab.set_rendered(registration.boto3_snippet(request, region=region, profile=profile))
        self.cli_tab.set_rendered(registration.cli_command(request, region=region, profile=profile))
        self.sdk_tab.set_rendered(renderings.sdk_snippet(request, region=region, profile=profile))
        self.step_tab.set_rendered(renderings.pipeline_step_snippet(request, region=region, profile=profile))
        kind = (self.tr("an inference pipeline of %1 containers").replace("%1", str(len(spec.containers)))
                if spec.is_pipeline else self.tr("a single-container model"))
        new_group = self._wizard.new_group_description() is not None
        what = self.tr("Register %1 in the %2 group <b>%3</b> as <b>%4</b>, with the profile %5.")
        self.summary.setText(
            what.replace("%1", kind).replace("%2", self.tr("new") if new_group else self.tr("existing"))
            .replace("%3", spec.group).replace("%4", spec.approval_status)
            .replace("%5", connection.display_name))
        for tab in (self.json_tab, self.boto3_tab, self.cli_tab, self.sdk_tab, self.step_tab):
            tab.copy.setText(self.tr("Copy"))

    def isComplete(self) -> bool:
        return bool(self._arn)

    def set_busy(self, busy: bool) -> None:
        self.status.setText(self.tr("Registering: waiting for AWS to answer sagemaker:CreateModelPackage. "
                                    "Cancel asks whether to stop waiting.") if busy else "")
        if busy:
            self.error.hide()

    def show_error(self, message: str) -> None:
        self.error.show_message(self.tr("The version was not registered. %1\nEvery field keeps what you "
                                        "typed: go Back to change it, then register again.").replace("%1", message))

    def set_registered(self, arn: str) -> None:
        self._arn = arn
        self.completeChanged.emit()


class ResultPage(QWizardPage):
    openRequested = Signal(str)

    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Registered"))
        self.setSubTitle(self.tr("The new version is in the registry."))
        self.arn = CopyField(self.tr("Version ARN"))
        self.open_button = QPushButton(self.tr("Open in versions view"))
        self.open_button.setAccessibleName(self.tr("Open in versions view"))
        self.open_button.clicked.connect(lambda: self.openRequested.emit(self.arn.text()))
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("ARN of the new version:")))
        layout.addWidget(self.arn)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.arn.set_text(self._wizard.registered_arn)
