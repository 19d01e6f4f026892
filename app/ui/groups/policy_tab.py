"""The group details' Resource policy tab: read-only, pretty-printed, with the accounts it names.

Each account the policy names is listed with the profile the application knows for it, if
any, so "210987654321" reads as "210987654321 (sandbox-training)". No policy is a plain
state, not an error: only this account can use the group then.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.registry.crossaccount.grants import EVERYONE, Grant
from app.ui import palette
from app.ui.groups.details_ops import POLICY_FAILED, POLICY_NONE, POLICY_OWNER_ONLY, GroupDetails
from app.ui.versions.details_parts import selectable


def account_text(widget: QWidget, account: str, profiles: dict[str, list[str]], own: str) -> str:
    """"210987654321 (profile sandbox-training)", "123456789012 (this account, profile sandbox)"."""
    names = ", ".join(profiles.get(account, []))
    translate = QCoreApplication.translate
    if account == own:
        extra = (translate("PolicyTab", "this account, profile %1").replace("%1", names) if names
                 else translate("PolicyTab", "this account"))
    elif names:
        extra = translate("PolicyTab", "profile %1").replace("%1", names)
    else:
        extra = translate("PolicyTab", "no profile known for it")
    return f"{account} ({extra})"


class PolicyTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = selectable(QLabel())
        self.state.setAccessibleName(self.tr("Policy state"))
        self.grants = selectable(QLabel())
        self.grants.setAccessibleName(self.tr("Accounts the policy grants"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Resource policy"))
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.grants)
        layout.addWidget(self.text, 1)
        layout.addStretch(0)  # without a policy, the message stays at the top
        self.clear(self.tr("Reading the resource policy…"))

    def clear(self, message: str) -> None:
        self._show_state(message)
        self.grants.hide()
        self.text.hide()
        self.text.clear()

    def _show_state(self, message: str, kind: str = "") -> None:
        self.state.setText(message)
        self.state.setStyleSheet(palette.text_style(palette.ERROR_TEXT) if kind == "error" else "")
        self.state.show()

    def fill(self, details: GroupDetails) -> None:
        owner = details.info.account_id
        if details.policy_state == POLICY_OWNER_ONLY:
            self.clear(self.tr(
                "Only account %1 can read this group's resource policy: it is the owner, and "
                "GetModelPackageGroupPolicy takes a group name, not another account's ARN.")
                .replace("%1", account_text(self, owner, details.profiles, details.own_account)))
            return
        if details.policy_state == POLICY_FAILED:
            self.clear(self.tr("The resource policy could not be read. %1").replace("%1", details.policy_error))
            self._show_state(self.state.text(), "error")
            return
        if details.policy_state == POLICY_NONE or details.policy is None:
            self.clear(self.tr("No resource policy: no other account can see or use this group; "
                               "within this account, IAM permissions alone decide."))
            return
        policy = details.policy
        lines = [self._grant_line(g, details) for g in policy.grants]
        lines += [self.tr("Service %1").replace("%1", s) for s in policy.services]
        if policy.problem:
            self._show_state(self.tr("The policy is not valid JSON policy text (%1); shown as stored.")
                             .replace("%1", policy.problem), "error")
        elif lines:
            self._show_state(self.tr("This policy names %n account(s) or principal(s):", "", len(lines)))
        else:
            self._show_state(self.tr("This policy names no account."))
        self.grants.setText("\n".join(lines))
        self.grants.setVisible(bool(lines))
        self.text.setPlainText(policy.text)
        self.text.show()

    def _grant_line(self, grant: Grant, details: GroupDetails) -> str:
        if grant.account_id == EVERYONE:
            who = self.tr("Anyone (\"*\")")
        else:
            who = account_text(self, grant.account_id, details.profiles, details.own_account)
        verb = self.tr("denied") if grant.effect == "Deny" else self.tr("allowed")
        return "• " + self.tr("%1: %2 %3").replace("%1", who).replace("%2", verb).replace(
            "%3", ", ".join(grant.actions) or self.tr("no action"))
