"""The accounts view: every profile, what kind it is, and who it is once checked.

Profiles of the AWS config files are listed next to the application's own. Check runs STS
GetCallerIdentity per profile in the background; failures stay on that row. Application
profiles are added, edited and removed here; their keys go to the keyring only. In the sandbox
its two built-in connections are listed too (read-only), next to the sandbox's own profiles.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.registry.accounts.identity import CallerIdentity
from app.registry.accounts.profiles import SANDBOX, SSO, ProfileInfo
from app.registry.aws import Connection
from app.tasks import TaskRunner
from app.ui.accounts import operations
from app.ui.accounts.model import AccountRow, AccountsModel
from app.ui.accounts.profile_dialog import ProfileDialog
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
        self._note = ""  # shown once the next reload is done
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
                        on_return=self._loaded, on_error=lambda e: self.table.set_empty_text(str(e), error=True))

    def _loaded(self, snapshot: operations.ProfilesSnapshot) -> None:
        self.snapshot = snapshot
        self._show_rows()
        self.model.end_load(self.model.generation)
        self.table.set_empty_text(self.tr("No profiles yet. Add one, or run `aws configure`."))
        problem = "" if snapshot.keyring.usable else f"{snapshot.keyring.problem} {snapshot.keyring.remedy}"
        if snapshot.problem:
            self.banner.show_message(snapshot.problem, "error")
        elif self._note:
            self.banner.show_message(self._note, "info")
        else:
            self.banner.hide()
        self._note = ""
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
                        on_error=lambda error: self.model.update(name, checking=False, error=str(error),
                                                                 identity=None))

    def _checked(self, name: str, identity: CallerIdentity) -> None:
        self.model.update(name, checking=False, identity=identity, error="")
        self.statusMessage.emit(self.tr("%1 is account %2.").replace("%1", name).replace("%2", identity.account_id))

    def use_selected(self) -> None:
        row = self.selected_row()
        if row is not None and not row.disabled:
            self.useConnection.emit(self.connection_of(row.info))

    def _names(self) -> list[str]:
        return [r.name for r in self.model.rows()]

    def _dialog(self, editing=None) -> ProfileDialog:
        snapshot = self.snapshot
        return ProfileDialog(
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
        self.runner.run(operations.app_profile, row.name, key="edit", on_return=self._edit_loaded)

    def _edit_loaded(self, profile) -> None:
        if profile is None:
            return
        dialog = self._dialog(editing=profile)
        if dialog.exec() and dialog.saved is not None:
            self._changed(dialog.saved.name, self.tr("Profile %1 saved."))

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.info.managed:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove profile"),
            self.tr("Remove the profile '%1' and delete its keys from the keyring?").replace("%1", row.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.runner.run(operations.remove_profile, row.name, on_return=lambda name: self._changed(
            "", self.tr("Profile %1 removed.").replace("%1", name)), on_error=self._failed)

    def share_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.info.managed:
            return
        self.runner.run(operations.write_to_aws_config, row.name, on_error=self._failed,
                        on_return=lambda path: self._shared(row.name, path))

    def _shared(self, name: str, path: str) -> None:
        self._note = (self.tr("The profile '%1' in %2 now gets its credentials from Registry Desk "
                              "(credential_process); no key was written.").replace("%1", name).replace("%2", path))
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
        self.banner.show_message(str(error), "error")

    def shutdown(self) -> None:
        self.runner.shutdown()

