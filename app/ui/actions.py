"""Every window-level action and its shortcut, declared as data in one table.

Views do not create their own QActions for these; the main window builds them from this table
and connects them to view slots, so a shortcut is defined once and shown the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QToolBar

if TYPE_CHECKING:
    from app.registry.versions.groups import GroupSummary

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


@dataclass(frozen=True)
class ActionSpec:
    name: str  # stable id; also the QAction's objectName
    text: str  # untranslated (marked for lupdate); passed through translate() when built
    shortcut: str | QKeySequence.StandardKey | None
    tip: str
    icon: str = ""  # a bundled icon: resources/icons/actions/<icon>.svg (app/ui/icons.py)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("refresh", QT_TRANSLATE_NOOP("actions", "&Refresh"), QKeySequence.StandardKey.Refresh,
               QT_TRANSLATE_NOOP("actions", "Reload groups and versions from AWS (F5)"), "refresh"),
    ActionSpec("find", QT_TRANSLATE_NOOP("actions", "&Find…"), QKeySequence.StandardKey.Find,
               QT_TRANSLATE_NOOP("actions", "Search groups by name (Ctrl+F)"), "find"),
    ActionSpec("approve", QT_TRANSLATE_NOOP("actions", "&Approve…"), "Ctrl+Shift+A",
               QT_TRANSLATE_NOOP("actions", "Approve the selected versions (Ctrl+Shift+A)"), "approve"),
    ActionSpec("reject", QT_TRANSLATE_NOOP("actions", "Re&ject…"), "Ctrl+Shift+R",
               QT_TRANSLATE_NOOP("actions", "Reject the selected versions (Ctrl+Shift+R)"), "reject"),
    ActionSpec("pending", QT_TRANSLATE_NOOP("actions", "Return to &Pending…"), "Ctrl+Shift+P",
               QT_TRANSLATE_NOOP("actions", "Set the selected versions back to pending manual approval (Ctrl+Shift+P)"),
               "pending"),
    ActionSpec("set_lifecycle", QT_TRANSLATE_NOOP("actions", "Set &Lifecycle…"), "Ctrl+Shift+L",
               QT_TRANSLATE_NOOP("actions", "Set the stage, stage status and description of the selected versions "
                                            "(Ctrl+Shift+L)"), "lifecycle"),
    ActionSpec("delete_versions", QT_TRANSLATE_NOOP("actions", "&Delete Versions…"), QKeySequence.StandardKey.Delete,
               QT_TRANSLATE_NOOP("actions", "Delete the selected versions, after a preview (Delete in the versions "
                                            "list)"), "delete"),
    ActionSpec("compare_versions", QT_TRANSLATE_NOOP("actions", "Compare &Versions…"), "Ctrl+Shift+D",
               QT_TRANSLATE_NOOP("actions", "Compare the two selected versions side by side: what changed, and whether "
                                            "metrics improved (Ctrl+Shift+D)"), "compare"),
    ActionSpec("copy_arn", QT_TRANSLATE_NOOP("actions", "&Copy ARN"), "Ctrl+Shift+C",
               QT_TRANSLATE_NOOP("actions", "Copy the ARN of the selected version, or else of the selected group"),
               "copy"),
    ActionSpec("new_group", QT_TRANSLATE_NOOP("actions", "&New Group…"), QKeySequence.StandardKey.New,
               QT_TRANSLATE_NOOP("actions", "Create a model package group (Ctrl+N)"), "new-group"),
    ActionSpec("delete_group", QT_TRANSLATE_NOOP("actions", "&Delete Group…"), None,
               QT_TRANSLATE_NOOP("actions", "Delete the selected group; only an empty group can be deleted"),
               "delete-group"),
    ActionSpec("export_group_timeline", QT_TRANSLATE_NOOP("actions", "Export Group &Timeline…"), None,
               QT_TRANSLATE_NOOP("actions", "Save the audit timeline of every version of the selected group as a CSV "
                                            "file"), "export"),
    ActionSpec("empty_delete_group", QT_TRANSLATE_NOOP("actions", "&Empty and Delete Group…"), None,
               QT_TRANSLATE_NOOP("actions", "Delete every version of the selected group, then the group (asks for its "
                                            "name first)"), "empty-group"),
    ActionSpec("group_details", QT_TRANSLATE_NOOP("actions", "Group &Details"), "Alt+Return",
               QT_TRANSLATE_NOOP("actions", "Show the selected group's details: ARN, creator, tags and resource policy "
                                            "(Alt+Enter)"), "details"),
    ActionSpec("register_version", QT_TRANSLATE_NOOP("actions", "Re&gister Version…"), "Ctrl+Shift+N",
               QT_TRANSLATE_NOOP("actions", "Register a new model version (one model or an inference pipeline) "
                                            "(Ctrl+Shift+N)"), "register"),
    ActionSpec("new_version_from", QT_TRANSLATE_NOOP("actions", "New Version &From Selected…"), None,
               QT_TRANSLATE_NOOP("actions", "Register a new version prefilled from the selected version"), "new-from"),
    ActionSpec("edit_metadata", QT_TRANSLATE_NOOP("actions", "Edit &Metadata…"), None,
               QT_TRANSLATE_NOOP("actions", "Add, change or remove the selected version's metadata keys, or change its "
                                            "source URI"), "edit"),
    ActionSpec("choose_columns", QT_TRANSLATE_NOOP("actions", "Version &Columns…"), None,
               QT_TRANSLATE_NOOP("actions", "Show or hide columns of the versions table (also on the table header's "
                                            "right-click menu)"), "columns"),
    ActionSpec("search_everywhere", QT_TRANSLATE_NOOP("actions", "Search &Everywhere…"), "Ctrl+K",
               QT_TRANSLATE_NOOP("actions", "Search every account and region seen: names, descriptions, images, "
                                            "comments, stages and metadata (Ctrl+K)"), "search-everywhere"),
    ActionSpec("focus_versions", QT_TRANSLATE_NOOP("actions", "Go to &Versions"), "Ctrl+2",
               QT_TRANSLATE_NOOP("actions", "Move the focus to the versions list")),
    ActionSpec("focus_groups", QT_TRANSLATE_NOOP("actions", "Go to &Groups"), "Ctrl+1",
               QT_TRANSLATE_NOOP("actions", "Move the focus to the groups list")),
    ActionSpec("cross_account", QT_TRANSLATE_NOOP("actions", "&Cross-account setup…"), None,
               QT_TRANSLATE_NOOP("actions", "Let a training account register versions into this registry account"),
               "cross-account"),
    ActionSpec("accounts", QT_TRANSLATE_NOOP("actions", "&Accounts"), "Ctrl+Shift+U",
               QT_TRANSLATE_NOOP("actions", "Show or hide the accounts: profiles, keys in the keyring, roles "
                                            "(Ctrl+Shift+U)"), "accounts"),
    ActionSpec("estate", QT_TRANSLATE_NOOP("actions", "&Estate"), "Ctrl+Shift+E",
               QT_TRANSLATE_NOOP("actions", "Show or hide the estate: every chosen account and region at once, with "
                                            "counts (Ctrl+Shift+E)"), "estate"),
    ActionSpec("inbox", QT_TRANSLATE_NOOP("actions", "&Inbox"), "Ctrl+Shift+I",
               QT_TRANSLATE_NOOP("actions", "Show or hide the versions waiting for approval in every listed account "
                                            "and region (Ctrl+Shift+I)"), "inbox"),
    ActionSpec("trends", QT_TRANSLATE_NOOP("actions", "&Metric Trends"), "Ctrl+Shift+M",
               QT_TRANSLATE_NOOP("actions", "Show or hide the metric trends of the selected group: each metric over "
                                            "its versions, by approval status (Ctrl+Shift+M)"), "trends"),
    ActionSpec("preferences", QT_TRANSLATE_NOOP("actions", "&Preferences…"), "Ctrl+,",
               QT_TRANSLATE_NOOP("actions", "The local index, background refresh and notifications"),
               "preferences"),
    ActionSpec("quit", QT_TRANSLATE_NOOP("actions", "&Quit"), QKeySequence.StandardKey.Quit,
               QT_TRANSLATE_NOOP("actions", "Close Registry Desk"), "quit"),
    ActionSpec("open_log_folder", QT_TRANSLATE_NOOP("actions", "Open &Log Folder"), None,
               QT_TRANSLATE_NOOP("actions", "Open the folder of Registry Desk's log files (what failed, and why)"),
               "folder-open"),
    ActionSpec("about", QT_TRANSLATE_NOOP("actions", "&About Registry Desk"), None,
               QT_TRANSLATE_NOOP("actions", "The versions, and where the settings, the log and the local data are"),
               "about"),
)


# Where each action shows: the menus in order (None is a separator), then the toolbar.
MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    (QT_TRANSLATE_NOOP("actions", "&File"), ("quit",)),
    (QT_TRANSLATE_NOOP("actions", "&Edit"), ("preferences",)),
    (QT_TRANSLATE_NOOP("actions", "&View"), ("refresh", "find", "search_everywhere", "focus_groups", "focus_versions",
                                            None, "choose_columns", None, "accounts", "estate", "inbox", "trends")),
    (QT_TRANSLATE_NOOP("actions", "&Group"), ("new_group", "delete_group", "empty_delete_group",
                                             None, "group_details", "export_group_timeline", "trends")),
    (QT_TRANSLATE_NOOP("actions", "V&ersion"), ("register_version", "new_version_from", "compare_versions", None,
                                               "approve", "reject", "pending", "copy_arn", None, "set_lifecycle",
                                               "edit_metadata", "delete_versions")),
    (QT_TRANSLATE_NOOP("actions", "&Tools"), ("cross_account",)),
    (QT_TRANSLATE_NOOP("actions", "&Help"), ("open_log_folder", None, "about")),
)
TOOLBAR: tuple[str | None, ...] = (
    "refresh", "new_group", "delete_group", None, "register_version", "approve", "reject", "pending", "copy_arn",
    "set_lifecycle",
)


def fill_menus(menus: QMenuBar, actions: dict[str, QAction]) -> None:
    for title, names in MENUS:
        menu = menus.addMenu(translate("actions", title))
        menu.setObjectName("menu_" + title.replace("&", "").casefold())  # menu_view: for features adding items
        for name in names:
            menu.addSeparator() if name is None else menu.addAction(actions[name])


def fill_toolbar(bar: QToolBar, actions: dict[str, QAction]) -> None:
    for name in TOOLBAR:
        bar.addSeparator() if name is None else bar.addAction(actions[name])


def main_toolbar(window: QMainWindow, add_connection: Callable[[QToolBar], None],
                 actions: dict[str, QAction]) -> QToolBar:
    """The window's toolbar: the profile and region pickers, then the actions of TOOLBAR."""
    bar = QToolBar(translate("MainWindow", "Main toolbar"))
    bar.setObjectName("main-toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    add_connection(bar)
    bar.addSeparator()
    fill_toolbar(bar, actions)
    window.addToolBar(bar)
    return bar


def build_actions(parent: QObject) -> dict[str, QAction]:
    """One QAction per spec, parented to `parent` and keyed by name."""
    from app.ui import icons

    built: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(translate("actions", spec.text), parent)
        action.setObjectName(spec.name)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setToolTip(translate("actions", spec.tip))
        action.setStatusTip(translate("actions", spec.tip))
        if spec.icon:
            icons.set_icon(action, spec.icon)
        built[spec.name] = action
    return built


def enable_for_selection(actions: dict[str, QAction], versions: int, group: GroupSummary | None) -> None:
    """What the selection allows: version actions need versions, Delete Group an own group."""
    for name in ("approve", "reject", "pending", "new_version_from"):
        actions[name].setEnabled(bool(versions))
    actions["copy_arn"].setEnabled(bool(versions) or group is not None)
    actions["edit_metadata"].setEnabled(versions == 1)
    enable_compare(actions, versions)
    actions["delete_group"].setEnabled(group is not None and not group.shared)
    actions["export_group_timeline"].setEnabled(group is not None)
    actions["empty_delete_group"].setEnabled(group is not None and not group.shared)
    actions["group_details"].setEnabled(group is not None)
    enable_governance(actions, versions, group)


def enable_governance(actions: dict[str, QAction], versions: int, group: GroupSummary | None) -> None:
    """Set Lifecycle needs versions; Delete Versions versions of an own group, and says why not."""
    actions["set_lifecycle"].setEnabled(bool(versions))
    delete = actions["delete_versions"]
    shared = group is not None and group.shared
    delete.setEnabled(bool(versions) and not shared)
    tip = (translate("actions",
                     "Versions of a group shared from another account can only be deleted by that account") if shared
           else translate("actions", "Delete the selected versions, after a preview (Delete in the versions list)"))
    delete.setToolTip(tip)
    delete.setStatusTip(tip)


def enable_compare(actions: dict[str, QAction], versions: int) -> None:
    """Compare needs exactly two versions, and says so when it has another number."""
    compare = actions["compare_versions"]
    compare.setEnabled(versions == 2)
    tip = (translate("actions",
                     "Compare the two selected versions side by side: what changed, and whether metrics improved "
                     "(Ctrl+Shift+D)") if versions == 2
           else translate("actions", "Select exactly two versions to compare them (Ctrl+Shift+D)"))
    compare.setToolTip(tip)
    compare.setStatusTip(tip)
