"""Choose: the two profiles, the group, and where the training artifacts live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.registry.aws import Connection
from app.registry.crossaccount.plan import (
    Choice,
    RegistrySide,
    TrainingSide,
    check_choice,
    choice_warnings,
    registry_side,
    training_side,
)
from app.ui import palette
from app.ui.texts import render, render_all
from app.ui.widgets.banner import Banner
from app.ui.workspace import ConnectionChoice


def _combo(name: str, *, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setEditable(editable)
    combo.setMinimumContentsLength(30)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class ChoosePage(QWizardPage):
    def __init__(self, choices: list[ConnectionChoice], registry: Connection | None):
        super().__init__()
        self.setTitle(self.tr("Choose the accounts and resources"))
        self.setSubTitle(self.tr(
            "The training account will register versions into a group of the registry account. "
            "The lists show what each profile can see."))
        self.banner = Banner()
        self.registry_picker = _combo(self.tr("Registry profile"))
        self.training_picker = _combo(self.tr("Training profile"))
        for choice in choices:
            self.registry_picker.addItem(choice.title, choice.connection)
            self.training_picker.addItem(choice.title, choice.connection)
        self.registry_account = QLabel()
        self.registry_account.setAccessibleName(self.tr("Registry account"))
        self.training_account = QLabel()
        self.training_account.setAccessibleName(self.tr("Training account"))
        self.group_picker = _combo(self.tr("Model package group"), editable=True)
        self.repositories = QListWidget()
        self.repositories.setAccessibleName(self.tr("ECR repositories"))
        self.repositories.setMaximumHeight(90)
        self.bucket_picker = _combo(self.tr("S3 bucket"), editable=True)
        self.prefix = QLineEdit()
        self.prefix.setAccessibleName(self.tr("Key prefix"))
        self.prefix.setPlaceholderText(self.tr("optional, e.g. models/churn/"))
        self.prefix_warning = QLabel()
        self.prefix_warning.setAccessibleName(self.tr("Key prefix warning"))
        self.prefix_warning.setWordWrap(True)
        self.prefix_warning.setStyleSheet(palette.strip_style("warning", extra="padding: 3px;"))
        self.prefix_warning.hide()
        self.prefix.textChanged.connect(lambda _text: self._check_prefix())
        self.key_picker = _combo(self.tr("KMS key"))
        self.key_picker.currentIndexChanged.connect(lambda _i: self._check_key())
        self.key_warning = QLabel(self.tr(
            "The documented cross-account setup requires a customer-managed KMS key for the training "
            "artifacts, with a grant for the registry account. Without one, the registry account cannot "
            "decrypt artifacts encrypted with the training account's keys (its AWS managed key aws/s3 "
            "cannot be shared at all): deploying a version from the registry account fails when it "
            "reads the model data."))
        self.key_warning.setAccessibleName(self.tr("KMS key warning"))
        self.key_warning.setWordWrap(True)
        self.key_warning.setStyleSheet(palette.strip_style("warning", extra="padding: 3px;"))
        self.without_key = QCheckBox(self.tr("Go on without a KMS key: the artifacts are not encrypted with "
                                             "a KMS key, or the registry account will not deploy"))
        self.without_key.setAccessibleName(self.tr("Go on without a KMS key"))
        self.deploy_read = QCheckBox(self.tr("Also let the training account read the versions, to deploy them"))
        self.deploy_read.setAccessibleName(self.tr("Read access for deploying"))
        self.deploy_read.setToolTip(self.tr(
            "Adds sagemaker:DescribeModelPackage and sagemaker:ListModelPackages on the group and its "
            "versions for the training account, in a statement of its own. Off: the training account "
            "can register versions and describe the group, nothing more."))
        deploy_note = QLabel(self.tr(
            "Off by default: registering needs none of it. Deploying a version from the training "
            "account also needs to describe and list the versions (sagemaker:DescribeModelPackage, "
            "sagemaker:ListModelPackages)."))
        deploy_note.setWordWrap(True)
        deploy_note.setAccessibleName(self.tr("Read access explanation"))
        self.deploy_note = deploy_note
        self.principal = QLineEdit()
        self.principal.setAccessibleName(self.tr("Training principal"))
        self.principal.setPlaceholderText(self.tr("the whole training account (recommended)"))

        form = QFormLayout()
        form.addRow(self.tr("Registry profile:"), self.registry_picker)
        form.addRow(self.tr("Registry account:"), self.registry_account)
        form.addRow(self.tr("Model package group:"), self.group_picker)
        form.addRow(self.tr("Training profile:"), self.training_picker)
        form.addRow(self.tr("Training account:"), self.training_account)
        form.addRow(self.tr("ECR repositories:"), self.repositories)
        form.addRow(self.tr("S3 bucket:"), self.bucket_picker)
        prefix_field = QVBoxLayout()
        prefix_field.setSpacing(4)
        prefix_field.addWidget(self.prefix)
        prefix_field.addWidget(self.prefix_warning)
        form.addRow(self.tr("Key prefix:"), prefix_field)
        key_field = QVBoxLayout()
        key_field.setSpacing(4)
        for widget in (self.key_picker, self.key_warning, self.without_key):
            key_field.addWidget(widget)
        form.addRow(self.tr("KMS key:"), key_field)
        form.addRow(self.tr("Grant to:"), self.principal)
        deploy_field = QVBoxLayout()
        deploy_field.setSpacing(2)
        deploy_field.addWidget(self.deploy_read)
        deploy_field.addWidget(self.deploy_note)
        form.addRow(self.tr("Deploying:"), deploy_field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addStretch(1)

        self._check_key()
        self._pick(self.registry_picker, registry, avoid=None)
        self._pick(self.training_picker, None, avoid=self.registry_picker.currentData())
        self.registry_picker.currentIndexChanged.connect(lambda _i: self._load_registry())
        self.training_picker.currentIndexChanged.connect(lambda _i: self._load_training())

    @staticmethod
    def _pick(combo: QComboBox, wanted: Connection | None, avoid: Connection | None) -> None:
        for position in range(combo.count()):
            candidate = combo.itemData(position)
            if (wanted is not None and candidate == wanted) or (wanted is None and candidate != avoid):
                combo.setCurrentIndex(position)
                return

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        if not self.registry_account.text():
            self._load_registry()
            self._load_training()

    # -- loading the pickers (off the UI thread) ---------------------------------------

    def _load_registry(self) -> None:
        connection = self.registry_picker.currentData()
        if connection is None:
            return
        self.registry_account.setText(self.tr("looking up…"))
        self.wizard().runner.run(registry_side, connection, key="registry-side",
                                 on_return=self._registry_loaded, on_error=self._failed)

    def _load_training(self) -> None:
        connection = self.training_picker.currentData()
        if connection is None:
            return
        self.training_account.setText(self.tr("looking up…"))
        self.wizard().runner.run(training_side, connection, key="training-side",
                                 on_return=self._training_loaded, on_error=self._failed)

    def _registry_loaded(self, side: RegistrySide) -> None:
        self.registry_account.setText(side.account_id)
        typed = self.group_picker.currentText()
        self.group_picker.clear()
        self.group_picker.addItems(list(side.groups))
        self.group_picker.setCurrentText(typed or (side.groups[0] if side.groups else ""))

    def _training_loaded(self, side: TrainingSide) -> None:
        self.training_account.setText(side.account_id)
        self.repositories.clear()
        for name in side.repositories:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if len(side.repositories) == 1 else Qt.CheckState.Unchecked)
            self.repositories.addItem(item)
        typed = self.bucket_picker.currentText()
        self.bucket_picker.clear()
        self.bucket_picker.addItems(list(side.buckets))
        self.bucket_picker.setCurrentText(typed or (side.buckets[0] if side.buckets else ""))
        self.key_picker.clear()
        for key in side.keys:
            self.key_picker.addItem(key.title, key.key_id)
        self.key_picker.addItem(self.tr("No KMS key (not the documented setup: see below)"), "")
        self.key_picker.setCurrentIndex(0)
        self._check_key()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(render(error), "error")

    # -- the choice --------------------------------------------------------------------

    def choice(self) -> Choice:
        repositories = tuple(
            self.repositories.item(i).text() for i in range(self.repositories.count())
            if self.repositories.item(i).checkState() == Qt.CheckState.Checked)
        return Choice(
            registry=self.registry_picker.currentData(),
            training=self.training_picker.currentData(),
            group_name=self.group_picker.currentText().strip(),
            repositories=repositories,
            bucket=self.bucket_picker.currentText().strip(),
            prefix=self.prefix.text().strip(),
            kms_key_id=self.key_picker.currentData() or "",
            training_principal=self.principal.text().strip(),
            without_key=not self.key_picker.currentData() and self.without_key.isChecked(),
            deploy_read=self.deploy_read.isChecked(),
        )

    def _check_key(self) -> None:
        """No key: the warning, and the choice to go on knowingly."""
        none = self.key_picker.count() > 0 and not self.key_picker.currentData()
        self.key_warning.setVisible(none)
        self.without_key.setVisible(none)

    def _check_prefix(self) -> None:
        """What the prefix grants beyond its folder, said while typing (planning still goes ahead)."""
        warnings = choice_warnings(self.choice())
        self.prefix_warning.setText("\n".join(render_all(warnings)))
        self.prefix_warning.setVisible(bool(warnings))

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        """Local checks only (no AWS call here); the plan is read on the next page."""
        if self.registry_picker.currentData() is None or self.training_picker.currentData() is None:
            self.banner.show_message(self.tr("Pick a registry profile and a training profile."), "error")
            return False
        problems = check_choice(self.choice(), self.training_account.text())
        if problems:
            self.banner.show_message("\n".join(render_all(problems)), "error")
            return False
        self.banner.hide()
        return True
