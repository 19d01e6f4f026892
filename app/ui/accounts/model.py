"""Rows of the accounts view: a profile, and what the last check or SSO cache said about it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont

from app.registry.accounts.identity import CallerIdentity
from app.registry.accounts.profiles import (
    ACCESS_KEYS,
    ASSUME_ROLE,
    CREDENTIAL_PROCESS,
    MANAGED,
    NO_CREDENTIALS,
    SANDBOX,
    SSO,
    WEB_IDENTITY,
    ProfileInfo,
    SsoStatus,
)
from app.ui import palette
from app.ui.widgets.formatting import format_count
from app.ui.widgets.rows_model import Column, RowsModel

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


@dataclass(frozen=True)
class AccountRow:
    info: ProfileInfo
    identity: CallerIdentity | None = None
    error: str = ""
    checking: bool = False
    sso: SsoStatus | None = None
    disabled: str = ""  # why the profile cannot be used now (no keyring)

    @property
    def name(self) -> str:
        return self.info.name


def time_left(expires_at: datetime | None, now: datetime | None = None) -> str:
    if expires_at is None:
        return ""
    minutes = int((expires_at - (now or datetime.now(UTC))).total_seconds() // 60)
    if minutes < 0:
        return translate("AccountsModel", "expired")
    if minutes < 120:
        return translate("AccountsModel", "expires in %1 min").replace("%1", format_count(minutes))
    return translate("AccountsModel", "expires in %1 h").replace("%1", format_count(minutes // 60))


def status_text(row: AccountRow) -> str:
    if row.disabled:
        return row.disabled
    if row.checking:
        return translate("AccountsModel", "Checking…")
    if row.error:
        return row.error
    if row.identity is not None:
        left = time_left(row.identity.expires_at)
        how = row.identity.method
        return ", ".join(part for part in (translate("AccountsModel", "OK"), how, left) if part)
    if row.sso is not None:
        if row.sso.valid:
            return translate("AccountsModel", "SSO token valid, %1").replace("%1", time_left(row.sso.expires_at))
        return translate("AccountsModel", "SSO token expired or missing: run %1").replace("%1", row.sso.login_command)
    return ""


# How each kind of profile reads (the registry's words are its keys).
KIND_TEXTS = {
    ACCESS_KEYS: QT_TRANSLATE_NOOP("AccountsModel", "access keys"),
    SSO: QT_TRANSLATE_NOOP("AccountsModel", "SSO"),
    ASSUME_ROLE: QT_TRANSLATE_NOOP("AccountsModel", "assume role"),
    CREDENTIAL_PROCESS: QT_TRANSLATE_NOOP("AccountsModel", "credential_process"),
    WEB_IDENTITY: QT_TRANSLATE_NOOP("AccountsModel", "web identity"),
    MANAGED: QT_TRANSLATE_NOOP("AccountsModel", "application-managed"),
    NO_CREDENTIALS: QT_TRANSLATE_NOOP("AccountsModel", "region only"),
}


def kind_text(info: ProfileInfo) -> str:
    if info.kind == SANDBOX:
        return translate("AccountsModel", "sandbox (built in, read-only)")
    if info.managed and info.role_arn:
        return translate("AccountsModel", "%1 (assume role)").replace(
            "%1", translate("AccountsModel", KIND_TEXTS[MANAGED]))
    return translate("AccountsModel", KIND_TEXTS[info.kind]) if info.kind in KIND_TEXTS else info.kind


class AccountsModel(RowsModel[AccountRow]):
    NAME, KIND, REGION, SOURCE, ROLE, ACCOUNT, ARN, STATUS = range(8)

    def __init__(self, parent=None):
        columns = [
            Column(translate("AccountsModel", "Profile"), lambda r: r.name),
            Column(translate("AccountsModel", "Kind"), lambda r: kind_text(r.info)),
            Column(translate("AccountsModel", "Region"), lambda r: r.info.region or ""),
            Column(translate("AccountsModel", "Source profile"), lambda r: r.info.source_profile or ""),
            Column(translate("AccountsModel",
                             "Role"), lambda r: r.info.role_arn or "", tooltip=lambda r: r.info.role_arn or ""),
            Column(translate("AccountsModel", "Account"), lambda r: r.identity.account_id if r.identity else ""),
            Column(translate("AccountsModel", "ARN"), lambda r: r.identity.arn if r.identity else "",
                   tooltip=lambda r: r.identity.arn if r.identity else ""),
            Column(translate("AccountsModel", "Status"), status_text, tooltip=status_text),
        ]
        super().__init__(columns, key=lambda r: r.name, parent=parent)

    def update(self, name: str, **changes) -> AccountRow | None:
        row = self.row_for(name)
        if row is None:
            return None
        updated = replace(row, **changes)
        self.replace_row(updated)
        return updated

    def extra_data(self, row: AccountRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.disabled:
                return palette.brush(palette.MUTED_TEXT)
            if column == self.STATUS and (row.error or (row.sso is not None and not row.sso.valid)):
                return palette.brush(palette.ERROR_TEXT)
        if role == Qt.ItemDataRole.FontRole and column == self.NAME and row.info.managed:
            font = QFont()
            font.setBold(True)
            return font
        return None
