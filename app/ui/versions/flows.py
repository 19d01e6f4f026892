"""What the window's version actions do: approve and reject, copy ARNs, register, open a version.

The main window only connects actions to these; each flow reads the selection from the views,
opens its dialog or wizard, and puts the result into the window's version store, which every
view follows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QWidget

from app.registry.versions.records import ApprovalResult, VersionSummary, group_arn_of, is_version_of
from app.tasks import TaskRunner
from app.ui.groups.view import GroupsView
from app.ui.local_data import follow_in_index
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.versions.deployed import endpoint_cache
from app.ui.versions.details import DetailsPane
from app.ui.versions.operations import describe
from app.ui.versions.view import VersionsView
from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from app.ui.versions.bulk_change import BulkChangeDialog
    from app.ui.versions.delete_dialog import DeleteVersionsDialog
    from app.ui.versions.lifecycle_dialog import LifecycleDialog


class VersionFlows(QObject):
    """The version actions of one window. `tell` shows a status line, `fail` an error."""

    def __init__(
        self,
        window: QWidget,
        workspace: Workspace,
        settings: Settings,
        groups: GroupsView,
        versions: VersionsView,
        details: DetailsPane,
        *,
        tell: Callable[[str], None],
        fail: Callable[[str], None],
    ):
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._settings = settings
        self._groups = groups
        self._versions = versions
        self._details = details
        self._tell = tell
        self._fail = fail
        self.runner = TaskRunner(self, max_threads=1)
        # The comment of an approval that did not finish, per target status: typed input is
        # never lost to a failure, a Cancel or a Close; the next dialog for that status shows it.
        self._drafts: dict[str, str] = {}
        details.metadata_tab.editRequested.connect(self.edit_metadata)

    # -- approval --------------------------------------------------------------------------

    def change_approval(self, status: str) -> None:
        versions = self._versions.selected_versions()
        if not versions:
            self._tell(self.tr("Select one or more versions first."))
            return
        from app.ui.versions.approval import ApprovalDialog  # only when asked: not needed to paint

        dialog = ApprovalDialog(self._workspace.connection, versions, status, self._window,
                                comment=self._drafts.get(status, ""), endpoints=endpoint_cache(self._workspace))
        dialog.versionUpdated.connect(self.version_updated)
        dialog.versionMissing.connect(self.version_missing)
        follow_in_index(dialog, self._workspace.local)
        dialog.exec()
        if dialog.completed() or not dialog.comment():
            self._drafts.pop(status, None)
        else:
            self._drafts[status] = dialog.comment()
        for version in versions:
            self._details.invalidate(version.arn)
        self._details.show_versions(self._versions.selected_versions())

    def version_updated(self, result: ApprovalResult) -> None:
        if result.ok and result.new_status:
            # Into the one store: the table, the details and the cached rows of its group follow,
            # even when the user has moved to another group since.
            self._versions.store.apply_change(result.arn, status=result.new_status, comment=result.comment)
            # The summary of a multiple selection shows behind the dialog: keep its counts true.
            selected = self._versions.selected_versions()
            if len(selected) > 1 and any(v.arn == result.arn for v in selected):
                self._details.show_versions(selected)

    def version_missing(self, arn: str) -> None:
        """AWS says the version is gone (deleted elsewhere): it leaves the table and the details."""
        self._details.invalidate(arn, describe_again=False)
        self._versions.store.remove(arn)

    def follow_bulk(self, dialog: BulkChangeDialog, *, removes: bool = False) -> None:
        """What a bulk change lands goes into the store as it lands: each version read back
        (`apply_written`), each one AWS says is gone removed; with `removes` (a deletion),
        each success removes its version too."""
        dialog.versionWritten.connect(self._versions.store.apply_written)
        follow_in_index(dialog, self._workspace.local)
        dialog.versionMissing.connect(self.version_missing)
        if removes:
            dialog.versionChanged.connect(lambda result: self.version_missing(result.arn))

    # -- lifecycle and deletion (bulk change dialogs) ---------------------------------------

    def wire_governance(self, actions: dict[str, QAction]) -> None:
        """Set Lifecycle and Delete Versions: the Version menu's, and the versions list's own
        (its context actions; the Delete key works only there, and only opens the dialog)."""
        actions["set_lifecycle"].triggered.connect(self.set_lifecycle)
        actions["delete_versions"].triggered.connect(self.delete_versions)
        actions["delete_versions"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._versions.table.addActions([actions["set_lifecycle"], actions["delete_versions"]])

    def lifecycle_dialog(self, versions: list[VersionSummary]) -> LifecycleDialog:
        """Set Lifecycle for `versions`, wired: what lands goes into the store at once."""
        from app.ui.versions.lifecycle_dialog import LifecycleDialog  # only when asked: not needed to paint

        dialog = LifecycleDialog(self._workspace.connection, versions, self._window,
                                 group_rows=self._versions.model.rows(), store=self._versions.store)
        self.follow_bulk(dialog)
        return dialog

    def set_lifecycle(self) -> None:
        versions = self._versions.selected_versions()
        if not versions:
            self._tell(self.tr("Select one or more versions first."))
            return
        self.lifecycle_dialog(versions).exec()  # kept (parented to the window): closed mid-run, it still reports

    def deletion_dialog(self, versions: list[VersionSummary]) -> DeleteVersionsDialog | None:
        """Delete Versions for `versions`, wired: each one deleted leaves the store. None (and
        the reason said) for a group shared from another account."""
        from app.ui.versions.delete_dialog import DeleteVersionsDialog  # only when asked: not needed to paint

        group = self._versions.group()
        if group is None:
            return None
        if group.shared:
            self._tell(self.tr("Versions of a group shared from another account can only be deleted by that account."))
            return None
        dialog = DeleteVersionsDialog(self._workspace.connection, versions, group.name, self._window,
                                      endpoints=endpoint_cache(self._workspace))
        self.follow_bulk(dialog, removes=True)
        return dialog

    def delete_versions(self) -> None:
        """Never deletes without the dialog: the Delete key only opens it."""
        versions = self._versions.selected_versions()
        if not versions:
            self._tell(self.tr("Select one or more versions first."))
            return
        dialog = self.deletion_dialog(versions)
        if dialog is not None:
            dialog.exec()

    # -- metadata --------------------------------------------------------------------------

    def edit_metadata(self) -> None:
        """The metadata editor for the one selected version, as the store knows it (described
        first on a worker when it is not known yet)."""
        versions = self._versions.selected_versions()
        if len(versions) != 1:
            self._tell(self.tr("Select one version to edit its metadata."))
            return
        known = self._versions.store.details(versions[0].arn)
        if known is not None:
            self._open_metadata_editor(known)
            return
        stamp = self._versions.store.read_stamp()
        self.runner.run(describe, self._workspace.connection, versions[0].arn,
                        on_return=lambda details: self._described_for_edit(details, stamp),
                        on_error=lambda e: self._fail(render(e)))

    def _described_for_edit(self, details, read_at: int) -> None:
        self._versions.store.apply_read(details, read_at)
        self._open_metadata_editor(self._versions.store.details(details.arn) or details)

    def _open_metadata_editor(self, details) -> None:
        from app.ui.versions.metadata_editor import MetadataDialog  # only when asked

        dialog = MetadataDialog(self._workspace.connection, details, self._versions.store, self._window)
        dialog.written.connect(lambda d: self._tell(
            self.tr("Saved the metadata of version %1.").replace("%1", str(d.version))))
        dialog.exec()

    # -- copying ---------------------------------------------------------------------------

    def copy_arn(self) -> None:
        versions = self._versions.selected_versions()
        if versions:
            arns = [v.arn for v in versions]
        else:
            group = self._groups.current_group()
            if group is None:
                self._tell(self.tr("Select a group or a version first."))
                return
            arns = [group.arn]
        QGuiApplication.clipboard().setText("\n".join(arns))
        self._tell(self.tr("Copied %n ARN(s) to the clipboard.", "", len(arns)))

    # -- registering -----------------------------------------------------------------------

    def register_version(self, source=None) -> None:
        """The register wizard on the current connection, for the selected group."""
        from app.ui.wizards.register.wizard import RegisterWizard

        group = self._groups.current_group()
        target = (group.arn if group.shared else group.name) if group is not None else None
        wizard = RegisterWizard(self._workspace.connection, self._settings, target_group=target,
                                source=source, parent=self._window)
        wizard.registered.connect(self._version_registered)
        wizard.openRequested.connect(lambda arn: (wizard.accept(), self.open_version(arn)))
        wizard.exec()

    def new_version_from_selected(self) -> None:
        versions = self._versions.selected_versions()
        if not versions:
            self._tell(self.tr("Select a version first."))
            return
        self.runner.run(describe, self._workspace.connection, versions[0].arn,
                        on_return=self.register_version, on_error=lambda e: self._fail(render(e)))

    def _version_registered(self, arn: str) -> None:
        self._tell(self.tr("Registered %1").replace("%1", arn))
        group = self._groups.current_group()
        if group is not None and is_version_of(arn, group.arn):
            self._versions.reload()

    def open_version(self, arn: str) -> None:
        """Select the version `arn` in the versions view, once its group's list has loaded."""
        group_arn = group_arn_of(arn)

        def select_when_loaded() -> None:
            self._versions.loadFinished.disconnect(select_when_loaded)
            self._versions.select_arn(arn)

        self._versions.loadFinished.connect(select_when_loaded)
        current = self._groups.current_group()
        if current is not None and current.arn == group_arn:
            self._versions.reload()
        elif not self._groups.select_arn(group_arn):
            self._settings.set_last_group(self._workspace.connection_key, group_arn)
            self._groups.reload(keep_selection=False)

    # -- cross-account ---------------------------------------------------------------------

    def open_cross_account_setup(self) -> None:
        from app.ui.wizards.crossaccount.wizard import CrossAccountWizard

        wizard = CrossAccountWizard(self._workspace.choices(), registry=self._workspace.connection,
                                    hand_off=self._register_as, settings=self._settings, parent=self._window)
        wizard.exec()

    def _register_as(self, connection, group_arn: str) -> None:
        """Hand-off from the cross-account setup: register as the training profile."""
        from app.ui.wizards.register.wizard import RegisterWizard

        RegisterWizard(connection, self._settings, target_group=group_arn, parent=self._window).exec()

    def shutdown(self) -> None:
        self.runner.shutdown()
