"""The group details: what a group is (overview), its tags and its resource policy, in tabs.

Shown in the details area when a group is selected and no version is (or with Group Details,
Alt+Enter). The overview fills at once from the groups list; who created the group, its tags
and its policy are read on a worker, and each part that cannot be read says why while the rest
still shows. A group shared from another account is read-only here, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from app.registry.governance.group_info import IAM_USER, ROLE, ROOT, STUDIO, UNKNOWN, Creator
from app.registry.governance.tags import TagConflict, TagEdit
from app.registry.versions.groups import GroupSummary
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.groups.details_ops import GroupDetails, KnownProfile, change_tags, read_group_details
from app.ui.groups.policy_tab import PolicyTab, account_text
from app.ui.groups.tags_tab import TagsTab
from app.ui.texts import render
from app.ui.versions.details_parts import DASH, form_layout, scrolled_into, selectable
from app.ui.widgets.copy_field import CopyField
from app.ui.widgets.formatting import format_datetime
from app.ui.workspace import Workspace


class GroupDetailsView(QWidget):
    errorOccurred = Signal(str)
    statusMessage = Signal(str)
    detailsLoaded = Signal(object)  # GroupDetails

    OVERVIEW, TAGS, POLICY = range(3)

    def __init__(self, workspace: Workspace, known: Callable[[], Sequence[KnownProfile]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._known = known
        self._runner = TaskRunner(self, max_threads=2)
        self._group: GroupSummary | None = None
        self._details: GroupDetails | None = None

        self.title = selectable(QLabel(), wrap=True)
        self.title.setAccessibleName(self.tr("Group title"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.shared_note = selectable(QLabel())
        self.shared_note.setAccessibleName(self.tr("Shared group note"))
        self.shared_note.setStyleSheet(palette.strip_style("info", extra="padding: 6px;"))
        self.shared_note.hide()

        overview = QWidget()
        form = form_layout()
        self.arn_field = CopyField(self.tr("ARN"))
        self.arn_field.copied.connect(lambda _t: self.statusMessage.emit(self.tr("Copied the group's ARN.")))
        self.owner = selectable(QLabel())
        self.owner.setAccessibleName(self.tr("Owner"))
        self.created_by = selectable(QLabel())
        self.created_by.setAccessibleName(self.tr("Created by"))
        self.created = selectable(QLabel(), wrap=False)
        self.created.setAccessibleName(self.tr("Created"))
        self.status = selectable(QLabel(), wrap=False)
        self.status.setAccessibleName(self.tr("Group status"))
        self.description = selectable(QLabel())
        self.description.setAccessibleName(self.tr("Group description"))
        self.problem = selectable(QLabel())
        self.problem.setAccessibleName(self.tr("Group details error"))
        self.problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.problem.hide()
        form.addRow(self.tr("ARN"), self.arn_field)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Created by"), self.created_by)
        form.addRow(self.tr("Created"), self.created)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Description"), self.description)
        page = QVBoxLayout(overview)
        page.addLayout(form)
        page.addWidget(self.problem)
        page.addStretch(1)

        self.tags_tab = TagsTab()
        self.tags_tab.editRequested.connect(self._edit_tags)
        self.policy_tab = PolicyTab()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Group details"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scrolled_into(QScrollArea(), overview), self.tr("Overview"))
        self.tabs.addTab(self.tags_tab, self.tr("Tags"))
        self.tabs.addTab(self.policy_tab, self.tr("Resource Policy"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.shared_note)
        layout.addWidget(self.tabs, 1)
        workspace.connectionChanged.connect(lambda _c: self.set_group(None))

    # -- public ----------------------------------------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    def group(self) -> GroupSummary | None:
        return self._group

    def details(self) -> GroupDetails | None:
        return self._details

    def tags_table_rows(self) -> list[tuple[str, str]]:
        """The tags as the Tags tab lists them."""
        return list(self.tags_tab.table.rows())

    def set_group(self, group: GroupSummary | None) -> None:
        """Show `group`: what the list knows at once, the rest when it has been read."""
        same = group is not None and self._group is not None and group.arn == self._group.arn
        self._group = group
        if same:
            return
        self._runner.cancel_all()
        self._details = None
        if group is None:
            self.title.setText(self.tr("No group selected"))
            self.shared_note.hide()
            return
        self._fill_summary(group)
        self.reload()

    def reload(self) -> None:
        group = self._group
        if group is None or not self._workspace.is_ready:
            return  # a group remembered from last time, shown before the sandbox is ready
        self.problem.hide()
        self._runner.run(read_group_details, self._workspace.connection, group, list(self._known()),
                         key="group-details", on_return=self._loaded,
                         on_error=lambda error: self._failed(group, error))

    def shutdown(self) -> None:
        self._runner.shutdown()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """A theme switched while the window is open: the strips and messages follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.shared_note.setStyleSheet(palette.strip_style("info", extra="padding: 6px;"))
            self.problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
            self.tags_tab.restyle()
            if self._details is not None:
                self.policy_tab.fill(self._details)

    # -- filling ---------------------------------------------------------------------------

    def _fill_summary(self, group: GroupSummary) -> None:
        self.title.setText(group.name)
        self.arn_field.set_text(group.arn)
        self.owner.setText(self.tr("Account %1").replace("%1", group.account_id))
        self.created_by.setText(self.tr("Reading…"))
        self.created_by.setToolTip("")
        self.created.setText(format_datetime(group.created))
        self.status.setText(group.status or DASH)
        self.description.setText(group.description or self.tr("No description."))
        self.description.setEnabled(bool(group.description))
        self.shared_note.setText(self._shared_reason(group))
        self.shared_note.setVisible(group.shared)
        self.tags_tab.show_reading()
        self.policy_tab.clear(self.tr("Reading the resource policy…"))

    def _shared_reason(self, group: GroupSummary) -> str:
        if not group.shared:
            return ""
        return self.tr("Shared with this account by account %1: this profile can read what the group's "
                       "policy lets it read, and nothing here can be changed from this account.").replace(
            "%1", group.account_id)

    def _loaded(self, details: GroupDetails) -> None:
        if self._group is None or details.info.arn != self._group.arn:
            return
        self._details = details
        info = details.info
        self.title.setText(info.name)
        self.arn_field.set_text(info.arn)
        self.owner.setText(account_text(self, info.account_id, details.profiles, details.own_account))
        self.created_by.setText(self.creator_text(info.creator))
        self.created_by.setToolTip(info.creator.arn)
        self.created_by.setEnabled(info.creator.kind != UNKNOWN)
        self.created.setText(format_datetime(info.created))
        self.status.setText(info.status or DASH)
        self.description.setText(info.description or self.tr("No description."))
        self.description.setEnabled(bool(info.description))
        readonly = ""
        if details.shared:
            readonly = self.tr("The tags of a shared group are changed from its own account (%1).").replace(
                "%1", info.account_id)
        error = ""
        if details.tags_error:
            error = self.tr("The tags could not be read. %1").replace("%1", details.tags_error)
        self.tags_tab.show_tags(details.tags, error, readonly)
        self.policy_tab.fill(details)
        self.detailsLoaded.emit(details)

    def creator_text(self, creator: Creator) -> str:
        if creator.kind == UNKNOWN:
            return self.tr("Not recorded by AWS for this group")
        if creator.kind == ROOT:
            return self.tr("The root user of account %1").replace("%1", creator.account_id)
        if creator.kind == IAM_USER:
            text = self.tr("%1 (IAM user in account %2)")
        elif creator.kind == ROLE:
            text = self.tr("%1 (assumed role in account %2)")
        elif creator.kind == STUDIO:
            return self.tr("%1 (SageMaker Studio user profile, domain %2)").replace(
                "%1", creator.name).replace("%2", creator.domain)
        else:
            text = self.tr("%1 (account %2)")
        return text.replace("%1", creator.name).replace("%2", creator.account_id)

    def _failed(self, group: GroupSummary, error: BaseException) -> None:
        if self._group is None or self._group.arn != group.arn:
            return
        message = self.tr("The details of group %1 could not be read. %2").replace("%1", group.name).replace(
            "%2", render(error))
        self.problem.setText(message + "\n" + self.tr("Press F5 to try again."))
        self.problem.show()
        self.created_by.setText(DASH)
        self.tags_tab.show_tags(None, render(error))
        self.policy_tab.clear(DASH)
        self.errorOccurred.emit(message)

    # -- tags ------------------------------------------------------------------------------

    def _edit_tags(self, edit: TagEdit, seen: dict[str, str]) -> None:
        group = self._group
        if group is None or group.shared:
            return
        arn = group.arn

        def done(tags: dict[str, str]) -> None:
            if self._group is None or self._group.arn != arn:
                return
            if edit.set:
                key = next(iter(edit.set))
                message = self.tr("Saved the tag '%1' on %2.").replace("%1", key).replace("%2", group.name)
            else:
                message = self.tr("Removed %n tag(s) from %1.", "", len(edit.remove)).replace("%1", group.name)
            self.tags_tab.saved(tags, message)
            self.statusMessage.emit(message)

        def failed(error: BaseException) -> None:
            if self._group is None or self._group.arn != arn:
                return
            current = error.current if isinstance(error, TagConflict) else None
            self.tags_tab.failed(render(error), current)
            self.errorOccurred.emit(render(error))

        self._runner.run(change_tags, self._workspace.connection, arn, edit, seen,
                         key="tags", on_return=done, on_error=failed)
