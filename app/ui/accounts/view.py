"""The accounts view: every profile, what kind it is, and who it is once checked.

Profiles of the AWS config files are listed next to the application's own. Check runs STS
GetCallerIdentity per profile in the background; failures stay on that row. Application
profiles are added, edited and removed here; their keys go to the keyring only. In the sandbox
its two built-in connections are listed too (read-only), next to the sandbox's own profiles.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.registry.accounts.awsconfig import ConfigChanged
from app.registry.accounts.identity import CallerIdentity
from app.registry.accounts.profiles import SANDBOX, SSO, ProfileInfo
from app.registry.aws import Connection
from app.tasks import TaskRunner
from app.ui.accounts import operations
from app.ui.accounts.model import AccountRow, AccountsModel
from app.ui.accounts.profile_dialog import ProfileDialog
from app.ui.accounts.removal import confirm_removal
from app.ui.texts import render
from app.ui.widgets.banner import Banner
from app.ui.widgets.rows_model import ROW_ROLE
from app.ui.widgets.table_view import StatefulTableView
from app.ui.workspace import Workspace


class AccountsView(QWidget):
    useConnection = Signal(object)  # Connection: show this profile in the main views
    profilesChanged = Signal()  # an application profile was added, edited or removed
    keyringProblem = Signal(str)  # empty when the keyring is usable; the window's banner shows it
    statusMessage = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self.runner = TaskRunner(self, max_threads=4)
        self.snapshot: operations.ProfilesSnapshot | None = None
        self._sandbox_connections: dict[str, Connection] = {}
        self._note = ("", "info")  # (text, kind) shown once the next reload is done
        self.setAccessibleName(self.tr("Accounts"))

        self.banner = Banner()
        self.model = AccountsModel(self)
        self.table = StatefulTableView(self.tr("Profiles"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.setSelectionMode(StatefulTableView.SelectionMode.SingleSelection)
        for column, width in ((0, 130), (1, 170), (2, 95), (3, 110), (4, 200), (5, 110), (6, 250)):
            self.table.setColumnWidth(column, width)
        self.table.set_empty_text(self.tr("Reading profiles…"))
        self.table.doubleClicked.connect(lambda _index: self.use_selected())

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, tip, slot in (
            ("add", self.tr("&Add…"), self.tr("Add an application profile (keys in the keyring)"), self.add_profile),
            ("edit", self.tr("&Edit…"), self.tr("Edit the selected application profile"), self.edit_selected),
            ("remove", self.tr("Re&move…"), self.tr("Remove the selected application profile and its keys"),
             self.remove_selected),
            ("check", self.tr("&Check"), self.tr("Ask STS who this profile is"), self.check_selected),
            ("use", self.tr("&Use"), self.tr("Show this profile's registry in the main views"), self.use_selected),
            ("share", self.tr("Write to AWS &config"),
             self.tr("Let the AWS CLI and SDKs use this profile through credential_process"), self.share_selected),
            ("sso", self.tr("SSO &sign in"), self.tr("Run aws sso login for the selected SSO profile"),
             self.sso_login_selected),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        workspace.choicesChanged.connect(self._show_rows)

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.runner.run(operations.load_profiles, not self._workspace.is_sandbox, key="load",
                        on_return=self._loaded, on_error=self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        # With rows on screen the empty-table text would not show: the banner always does.
        self.table.set_empty_text(render(error), error=True)
        self.banner.show_message(self.tr("Could not read the profiles: %1").replace("%1", render(error)), "error")

    def _loaded(self, snapshot: operations.ProfilesSnapshot) -> None:
        self.snapshot = snapshot
        self._show_rows()
        self.model.end_load()
        self.table.set_empty_text(self.tr("No profiles yet. Add one, or run `aws configure`."))
        keyring = snapshot.keyring
        problem = "" if keyring.usable else f"{render(keyring.problem)} {render(keyring.remedy)}"
        if snapshot.problem:
            self.banner.show_message(snapshot.problem, "error")
        elif self._note[0]:
            self.banner.show_message(*self._note)
        else:
            self.banner.hide()
        self._note = ("", "info")
        self.keyringProblem.emit(problem)
        self._update_buttons()

    def _sandbox_rows(self) -> list[AccountRow]:
        """The sandbox's own connections (registry and training account), checkable, never edited."""
        self._sandbox_connections = {}
        rows = []
        for choice in self._workspace.choices() if self._workspace.is_sandbox else []:
            connection = choice.connection
            if connection.managed:
                continue
            self._sandbox_connections[connection.display_name] = connection
            rows.append(AccountRow(ProfileInfo(
                name=connection.display_name, kind=SANDBOX, region=connection.region,
                source_profile=choice.source or None, role_arn=choice.role_arn or None)))
        return rows

    def _show_rows(self) -> None:
        """Rows from the last snapshot and the workspace's connections; a check's result stays."""
        if self.snapshot is None:
            return
        snapshot = self.snapshot
        disabled = "" if snapshot.keyring.usable else self.tr("Disabled: no usable keyring")
        rows = self._sandbox_rows() + [
            AccountRow(info, sso=snapshot.sso.get(info.name), disabled=disabled if info.managed and not info.role_arn
                       else "")
            for info in snapshot.profiles]
        kept = []
        for row in rows:
            old = self.model.row_for(row.name)
            kept.append(old if old is not None and old.info == row.info and old.disabled == row.disabled
                        and old.sso == row.sso else row)
        selected = self.selected_row()
        self.model.replace_all(kept)
        if selected is not None:
            self.select(selected.name)  # new rows (the workspace's connections arriving) keep the user's pick
        self._update_buttons()

    # -- selection -------------------------------------------------------------------------

    def selected_row(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select(self, name: str) -> None:
        position = self.model.position_of(name)
        if position is not None:
            self.table.selectRow(position)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        managed = row is not None and row.info.managed
        self.buttons["edit"].setEnabled(managed)
        self.buttons["remove"].setEnabled(managed)
        self.buttons["share"].setEnabled(managed and not row.disabled and not self._workspace.is_sandbox)
        usable = row is not None and not row.disabled
        self.buttons["check"].setEnabled(usable)
        self.buttons["use"].setEnabled(usable)
        self.buttons["sso"].setEnabled(row is not None and row.info.kind == SSO)

    def connection_of(self, info: ProfileInfo) -> Connection:
        if info.kind == SANDBOX:
            return self._sandbox_connections[info.name]
        region = self._workspace.connection.region if self._workspace.is_sandbox else None
        return operations.connection_for(info, region or info.region or self._workspace.connection.region,
                                   self._workspace.sandbox_endpoint)

    # -- actions ---------------------------------------------------------------------------

    def check_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.check(row.name)

    def check(self, name: str) -> None:
        row = self.model.row_for(name)
        if row is None:
            return
        self.model.update(name, checking=True, error="")
        self.runner.run(operations.check_profile, self.connection_of(row.info), key=f"check:{name}",
                        on_return=lambda identity: self._checked(name, identity),
                        on_error=lambda error: self.model.update(name, checking=False, error=render(error),
                                                                 identity=None))

    def _checked(self, name: str, identity: CallerIdentity) -> None:
        self.model.update(name, checking=False, identity=identity, error="")
        self.statusMessage.emit(self.tr("%1 is account %2.").replace("%1", name).replace("%2", identity.account_id))

    def use_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.disabled:  # a double-click reaches here even though Use is disabled
            self.banner.show_message(self.tr("The profile '%1' cannot be used now: %2.").replace("%1", row.name)
                                     .replace("%2", row.disabled), "warning")
            return
        self.useConnection.emit(self.connection_of(row.info))

    def _names(self) -> list[str]:
        return [r.name for r in self.model.rows()]

    def _dialog(self, editing=None, notice: str = "") -> ProfileDialog:
        snapshot = self.snapshot
        return ProfileDialog(
            notice=notice,
            taken_names=set(self._names()),
            regions=snapshot.regions if snapshot else [],
            source_profiles=self._names(),
            editing=editing,
            keyring_usable=snapshot.keyring.usable if snapshot else False,
            sandbox_role=self._sandbox_role(),
            parent=self,
        )

    def _sandbox_role(self) -> str | None:
        if not self._workspace.is_sandbox:
            return None
        return next((c.role_arn for c in self._workspace.choices() if c.role_arn), "")

    def add_profile(self) -> None:
        dialog = self._dialog()
        if dialog.exec() and dialog.saved is not None:
            self._changed(dialog.saved.name, self.tr("Profile %1 added."))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.info.managed:
            return
        name = row.name
        self.runner.run(operations.edit_target, name, key="edit", on_return=lambda target: self._edit(name, target),
                        on_error=lambda error: self._edit_failed(name, error))

    def _edit_failed(self, name: str, error: BaseException) -> None:
        if isinstance(error, operations.ProfilesUnreadable):
            text = (self.tr("Cannot edit the profile '%1': the application's profiles file %2 cannot be read (%3). "
                            "Restore or remove that file, then try again.")
                    .replace("%2", error.path).replace("%3", error.detail))
        else:
            text = self.tr("Cannot edit the profile '%1': %2").replace("%2", render(error))
        self.banner.show_message(text.replace("%1", name), "error")

    def _edit(self, name: str, target: operations.EditTarget) -> None:
        profile = target.profile
        if profile is None:
            text = (self.tr("The profile '%1' is no longer among the application's profiles "
                            "(removed in another window?); the list is read again.").replace("%1", name))
            self.banner.show_message(text, "warning")
            self._note = (text, "warning")  # the reload's end must not hide it
            self.reload()
            return
        notice = ""
        if target.keys == "unreadable":
            notice = (self.tr("Could not read the keys of '%1' from the keyring: %2 You can change the other "
                              "settings now; to keep the keys, save without typing any. To check them, unlock "
                              "the keyring and open Edit again.").replace("%2", target.keyring_problem))
        elif target.keys == "missing":
            notice = self.tr("The keyring holds no keys for '%1' any more (removed outside Registry Desk?): "
                             "type its access key ID and secret again.")
            profile = dataclasses.replace(profile, has_keys=False)
        dialog = self._dialog(editing=profile, notice=notice.replace("%1", name))
        if dialog.exec() and dialog.saved is not None:
            self._changed(dialog.saved.name, self.tr("Profile %1 saved."))

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.info.managed:
            return
        self.runner.run(operations.plan_removal, row.name, key="remove", on_return=self._confirm_removal,
                        on_error=self._failed)

    def _confirm_removal(self, plan: operations.RemovalPlan) -> None:
        choice = confirm_removal(self, plan)
        if not choice.confirmed:
            return
        section = choice.section

        def removed(result: operations.Removal) -> None:
            if result.config_problem:
                self._note = (self.tr("Profile %1 removed, but its AWS config section was not: %2 "
                                      "Remove it by hand.").replace("%1", result.name)
                              .replace("%2", result.config_problem), "warning")
            message = self.tr("Profile %1 removed.")
            if section is not None and not result.config_problem:
                message = self.tr("Profile %1 removed, and taken out of %2.").replace("%2", str(section.path))
            self._changed(result.name, message)

        self.runner.run(operations.remove_profile, plan.name, section, on_return=removed,
                        on_error=lambda error: self._removal_failed(plan.name, error))

    def _removal_failed(self, name: str, error: BaseException) -> None:
        text = self.tr("Could not remove the profile '%1': %2").replace("%1", name).replace("%2", render(error))
        if isinstance(error, ConfigChanged):
            text = (self.tr("Nothing was removed: %1").replace("%1", render(error)) + "\n\n"
                    + self.tr("Shown before:\n%1\nNow:\n%2").replace("%1", error.shown.rstrip())
                    .replace("%2", error.now.rstrip() or self.tr("(no such section)")) + "\n\n"
                    + self.tr("Press Remove again to see it as it is now."))
        self.banner.show_message(text, "error")

    def share_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.info.managed:
            return
        self.runner.run(operations.write_to_aws_config, row.name, on_error=self._failed,
                        on_return=lambda path: self._shared(row.name, path))

    def _shared(self, name: str, path: str) -> None:
        text = self.tr("The profile '%1' in %2 now gets its credentials from Registry Desk "
                       "(credential_process); no key was written.")
        self._note = (text.replace("%1", name).replace("%2", path), "info")
        self.reload()

    def sso_login_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.sso is None:
            return
        command = row.sso.login_command
        self.statusMessage.emit(self.tr("Running %1; finish the sign-in in your browser.").replace("%1", command))
        self.runner.run(operations.sso_login, row.name, key=f"sso:{row.name}", on_error=self._failed,
                        on_return=lambda ran: self._signed_in(ran, command))

    def _signed_in(self, ran: bool, command: str) -> None:
        if not ran:
            self.banner.show_message(self.tr("The AWS CLI is not installed. Install it, then run: %1")
                                     .replace("%1", command), "warning")
            return
        self.reload()

    def _changed(self, name: str, message: str) -> None:
        self.statusMessage.emit(message.replace("%1", name))
        self.profilesChanged.emit()
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(render(error), "error")

    def shutdown(self) -> None:
        self.runner.shutdown()

