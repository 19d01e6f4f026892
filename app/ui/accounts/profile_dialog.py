"""Add or edit an application profile: keys for the keyring, and optionally a role to assume.

Every field is checked before anything is saved (app.registry.accounts.profiles.validate); each problem
shows under its field and says what to type. Saving runs in a task (the keyring may be slow or
locked); when it fails the dialog stays open with everything typed still in place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.registry.accounts.profiles import AppProfile, validate
from app.registry.accounts.secrets import AccessKeys
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.accounts.operations import save_profile
from app.ui.texts import render
from app.ui.widgets.banner import Banner


class ProfileDialog(QDialog):
    def __init__(
        self,
        *,
        taken_names: set[str],
        regions: list[str],
        source_profiles: list[str],
        editing: AppProfile | None = None,
        keyring_usable: bool = True,
        sandbox_role: str | None = None,
        notice: str = "",
        parent: QWidget | None = None,
    ):
        """`sandbox_role`: in the sandbox, the role that reaches its training account (None elsewhere).
        `notice`: a warning to read first (e.g. the keyring could not say whether it holds the keys)."""
        super().__init__(parent)
        self._taken = set(taken_names) - ({editing.name} if editing else set())
        self._regions = regions
        self._editing = editing
        self._keyring_usable = keyring_usable
        self.saved: AppProfile | None = None
        self._runner = TaskRunner(self, max_threads=1)
        self.setWindowTitle(self.tr("Edit profile") if editing else self.tr("Add profile"))
        self.setAccessibleName(self.tr("Profile dialog"))
        self.setMinimumWidth(560)

        self.banner = Banner()
        self.name_edit = self._line(self.tr("Profile name"), self.tr("e.g. training-admin"))
        self.region_box = QComboBox()
        self.region_box.setEditable(True)
        self.region_box.setAccessibleName(self.tr("Region"))
        self.region_box.addItem("")
        self.region_box.addItems(regions)
        self.key_id_edit = self._line(self.tr("Access key ID"), self.tr("AKIA…"))
        self.secret_edit = self._line(self.tr("Secret access key"), "")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if editing is not None and editing.has_keys:
            self.key_id_edit.setPlaceholderText(self.tr("kept in the keyring; type new keys to replace them"))
        keys_note = QLabel(self.tr("Keys are stored only in the OS keyring, never in a file."))
        keys_note.setWordWrap(True)

        self.role_group = QGroupBox(self.tr("Assume a role"))
        self.role_group.setCheckable(True)
        self.role_group.setChecked(False)
        self.role_group.setAccessibleName(self.tr("Assume a role"))
        self.role_edit = self._line(self.tr("Role ARN"), "arn:aws:iam::210987654321:role/ModelRegistryAdmin")
        self.source_box = QComboBox()
        self.source_box.setAccessibleName(self.tr("Source profile"))
        self.source_box.addItem(self.tr("(this profile's own keys)"), "")
        for name in source_profiles:
            if editing is None or name != editing.name:
                self.source_box.addItem(name, name)
        self.external_id_edit = self._line(self.tr("External ID"), self.tr("optional"))
        self.session_name_edit = self._line(self.tr("Session name"), "registry-desk")
        self.duration_spin = QSpinBox()
        self.duration_spin.setAccessibleName(self.tr("Duration in seconds"))
        self.duration_spin.setRange(1, 99999)
        self.duration_spin.setValue(3600)
        self.duration_spin.setSuffix(self.tr(" s"))
        self.mfa_edit = self._line(self.tr("MFA device"), self.tr("optional, e.g. arn:aws:iam::123456789012:mfa/alice"))

        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()
        self._row(form, self.tr("Name:"), self.name_edit, "name")
        self._row(form, self.tr("Region:"), self.region_box, "region")
        self._row(form, self.tr("Access key ID:"), self.key_id_edit, "access_key_id")
        self._row(form, self.tr("Secret access key:"), self.secret_edit, "secret_access_key")
        form.addRow("", keys_note)
        role_form = QFormLayout(self.role_group)
        self._row(role_form, self.tr("Role ARN:"), self.role_edit, "role_arn")
        self._row(role_form, self.tr("Source profile:"), self.source_box, "source_profile")
        self._row(role_form, self.tr("External ID:"), self.external_id_edit, "external_id")
        self._row(role_form, self.tr("Session name:"), self.session_name_edit, "role_session_name")
        self._row(role_form, self.tr("Duration:"), self.duration_spin, "duration_seconds")
        self._row(role_form, self.tr("MFA device:"), self.mfa_edit, "mfa_serial")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save profile"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        if sandbox_role is not None:
            layout.addWidget(self._sandbox_hint(sandbox_role))
            self.role_edit.setPlaceholderText(sandbox_role or self.role_edit.placeholderText())
        layout.addLayout(form)
        layout.addWidget(self.role_group)
        layout.addStretch(1)  # a taller dialog grows here, not inside the hint
        layout.addWidget(self.buttons)
        if not keyring_usable:
            self.banner.show_message(self.tr("No usable keyring: keys cannot be saved. A profile can still assume a "
                                             "role from a profile of the AWS config files."), "warning")
        elif notice:
            self.banner.show_message(notice, "warning")
        if editing is not None:
            self._fill(editing)

    def _sandbox_hint(self, role: str) -> QLabel:
        text = self.tr(
            "<b>Sandbox:</b> nothing here reaches AWS. Any access key ID of the right shape works, e.g. "
            "<code>AKIAIOSFODNN7EXAMPLE</code>, with any 40-character secret such as "
            "<code>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</code>: that profile is the registry account.")
        if role:
            text += " " + self.tr("To reach the training account, add a second profile that assumes the role "
                                  "<code>%1</code> with the first one as its source profile.").replace("%1", role)
        hint = QLabel(text)
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.RichText)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint.setAccessibleName(self.tr("Sandbox hint"))
        hint.setStyleSheet(palette.strip_style("info", extra="padding: 6px;"))
        return hint

    def _line(self, accessible_name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible_name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        problem = QLabel()
        problem.setWordWrap(True)
        problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        problem.setAccessibleName(self.tr("Problem with %1").replace("%1", widget.accessibleName()))
        problem.hide()
        self.problems[field] = problem
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(problem)
        form.addRow(label, holder)

    def _fill(self, profile: AppProfile) -> None:
        self.name_edit.setText(profile.name)
        self.region_box.setCurrentText(profile.region)
        if profile.role_arn:
            self.role_group.setChecked(True)
            self.role_edit.setText(profile.role_arn)
            position = self.source_box.findData(profile.source_profile)
            self.source_box.setCurrentIndex(max(position, 0))
            self.external_id_edit.setText(profile.external_id)
            self.session_name_edit.setText(profile.role_session_name)
            self.duration_spin.setValue(profile.duration_seconds)
            self.mfa_edit.setText(profile.mfa_serial)

    # -- reading the form ------------------------------------------------------------------

    def typed_keys(self) -> AccessKeys | None:
        key_id, secret = self.key_id_edit.text().strip(), self.secret_edit.text().strip()
        return AccessKeys(key_id, secret) if key_id or secret else None

    def profile(self) -> AppProfile:
        role = self.role_group.isChecked()
        keys = self.typed_keys()
        kept = self._editing is not None and self._editing.has_keys
        return AppProfile(
            name=self.name_edit.text().strip(),
            region=self.region_box.currentText().strip(),
            has_keys=keys is not None or kept,
            role_arn=self.role_edit.text().strip() if role else "",
            source_profile=(self.source_box.currentData() or "") if role else "",
            external_id=self.external_id_edit.text().strip() if role else "",
            role_session_name=self.session_name_edit.text().strip() if role else "",
            duration_seconds=self.duration_spin.value() if role else 3600,
            mfa_serial=self.mfa_edit.text().strip() if role else "",
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        for field, label in self.problems.items():
            text = render(problems.get(field, ""))
            label.setText(text)
            label.setVisible(bool(text))

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        profile, keys = self.profile(), self.typed_keys()
        problems = validate(profile, keys, taken_names=self._taken, regions=self._regions)
        if keys is not None and not self._keyring_usable:
            problems["access_key_id"] = self.tr("No usable keyring: keys cannot be saved. Fix the keyring, or "
                                                "assume a role from a profile of the AWS config files.")
        self.show_problems(problems)
        if problems:
            return
        self.banner.hide()
        self.save_button.setEnabled(False)
        replacing = self._editing.name if self._editing else None
        self._runner.run(save_profile, profile, keys, replacing, key="save",
                         on_return=self._saved, on_error=self._failed,
                         on_finish=lambda: self.save_button.setEnabled(True))

    def _saved(self, profile: AppProfile) -> None:
        self.saved = profile
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(render(error), "error")

    def done(self, result: int) -> None:
        self._runner.shutdown()
        super().done(result)
