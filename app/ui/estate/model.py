"""The estate tree: account › region › group, with counts per approval status and per stage.

Built from plain data (the targets, an `EstateSnapshot` read from the index, and each target's
latest progress) and updated in place by key, so the selection and the expanded branches stay
put while the counts change under them. Each region row is where one or more targets list, and
shows their progress or their error; the rest of the tree keeps loading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from app.registry.estate.fanout import ACCOUNT, DETAILS, FAILED, GROUPS, VERSIONS, WAITING, TargetProgress
from app.registry.index.records import GroupCounts
from app.registry.versions.records import APPROVED, PENDING, REJECTED
from app.ui import palette
from app.ui.estate.operations import EstateSnapshot, Target
from app.ui.texts import render
from app.ui.widgets.formatting import format_count

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the node's key: account, (account, region) or group ARN
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "account", "region" or "group"
TARGET_ROLE = Qt.ItemDataRole.UserRole + 3  # group nodes: the target key to open it through
ACCOUNT_NODE, REGION_NODE, GROUP_NODE, MESSAGE_NODE = "account", "region", "group", "message"
NAME, VERSIONS_COLUMN, APPROVED_COLUMN, PENDING_COLUMN, REJECTED_COLUMN, STAGES = range(6)


@dataclass
class _Node:
    key: str
    kind: str
    texts: list[str]
    tip: str = ""
    error: bool = False
    muted: bool = False
    target: str = ""
    children: list[_Node] = field(default_factory=list)
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_stage: dict[str, int] = field(default_factory=dict)
    counted: bool = True  # False: nothing is known of its counts (a failed listing, never listed before)


def _count_texts(total: int, by_status: dict[str, int], by_stage: dict[str, int]) -> list[str]:
    stages = ", ".join(f"{stage} {format_count(n)}" for stage, n in sorted(by_stage.items()) if stage)
    return [format_count(total), format_count(by_status.get(APPROVED, 0)), format_count(by_status.get(PENDING, 0)),
            format_count(by_status.get(REJECTED, 0)), stages]


def _add(into: dict[str, int], counts: dict[str, int]) -> None:
    for name, number in counts.items():
        into[name] = into.get(name, 0) + number


def first_line(text: str, limit: int = 70) -> str:
    line = text.split(". ")[0].split("\n")[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


class EstateModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(0, 6, parent)
        self.setHorizontalHeaderLabels([self.tr("Account, region, group"), self.tr("Versions"),
                                        self.tr("Approved"), self.tr("Pending"), self.tr("Rejected"),
                                        self.tr("Stages")])
        self._items: dict[str, QStandardItem] = {}
        self.added: list[QStandardItem] = []  # the rows the last `show` added (the view expands them)
        self._shown: dict[str, tuple] = {}  # key -> what its row shows, so an unchanged row is not touched

    # -- reading -----------------------------------------------------------------------------

    def item_of(self, key: str) -> QStandardItem | None:
        return self._items.get(key)

    def keys(self, kind: str | None = None) -> list[str]:
        return [k for k, item in self._items.items() if kind is None or item.data(KIND_ROLE) == kind]

    # -- building ----------------------------------------------------------------------------

    def show(self, targets: Sequence[Target], snapshot: EstateSnapshot, progress: dict[str, TargetProgress],
             names: dict[str, str], group_errors: dict[tuple[str, str], str] | None = None) -> None:
        """Lay the tree out for `targets` (names: target key -> the profile's name; group_errors:
        (target key, group ARN) -> why that target could not list that group's versions)."""
        errors = group_errors or {}
        accounts = dict(snapshot.accounts)
        accounts.update({k: p.account for k, p in progress.items() if p.account})
        by_place: dict[tuple[str, str], list[GroupCounts]] = {}
        for group in snapshot.groups:
            by_place.setdefault((group.account, group.region), []).append(group)
        opener: dict[str, str] = {}  # group ARN -> target key to open it through
        for t in targets:
            for arn in snapshot.seen_by.get(t.key, ()):
                opener.setdefault(arn, t.key)
        account_nodes: dict[str, _Node] = {}
        region_nodes: dict[tuple[str, str], _Node] = {}
        region_targets: dict[tuple[str, str], list[str]] = {}
        account_profiles: dict[str, list[str]] = {}
        for t in targets:
            account = accounts.get(t.key, "")
            account_key = account or f"?{t.key}"
            region = (progress[t.key].region if t.key in progress and progress[t.key].region
                      else t.connection.region or "")
            account_profiles.setdefault(account_key, [])
            if names.get(t.key, "") not in account_profiles[account_key]:
                account_profiles[account_key].append(names.get(t.key, ""))
            account_nodes.setdefault(account_key, _Node(account_key, ACCOUNT_NODE, []))
            region_targets.setdefault((account_key, region), []).append(t.key)
            for arn in (g.arn for g in by_place.get((account, region), [])):
                opener[arn] = t.key  # its own account's target first
        for group in snapshot.groups:  # shared groups whose owner (in that region) is not a target
            if group.arn in opener:
                account_nodes.setdefault(group.account, _Node(group.account, ACCOUNT_NODE, []))
                region_targets.setdefault((group.account, group.region), [])
        for (account_key, region), keys in region_targets.items():
            node = _Node(f"{account_key}|{region}", REGION_NODE, [region])
            if keys:
                self._describe_region(node, [progress[k] for k in keys if k in progress],
                                      [snapshot.listed_at.get(k) for k in keys])
            else:
                node.muted = True
                node.tip = self.tr("Groups this account shares with a chosen profile")
            account = "" if account_key.startswith("?") else account_key
            node.counted = bool(by_place.get((account, region))) or not node.error
            for group in by_place.get((account, region), []):
                if group.arn in opener:
                    node.children.append(self._group_node(group, opener[group.arn], errors))
            partly = sum(1 for child in node.children if child.kind == GROUP_NODE and child.error)
            if partly:
                node.error = True
                node.tip = "\n".join(filter(None, [node.tip, self.tr("%n group(s) could not be listed", "", partly)]))
            region_nodes[(account_key, region)] = node
            account_nodes[account_key].children.append(node)
        for account_key, node in account_nodes.items():
            profiles = ", ".join(p for p in account_profiles.get(account_key, []) if p)
            if account_key.startswith("?"):
                node.texts = [self.tr("%1 — account not known yet").replace("%1", profiles)]
            elif profiles:
                node.texts = [self.tr("%1 — %2", "profiles — account id").replace("%1", profiles).replace(
                    "%2", account_key)]
            else:
                node.texts = [self.tr("Account %1 (shares groups with you)").replace("%1", account_key)]
                node.muted = True
        for node in account_nodes.values():
            self._sum(node)
        self.added = []
        self._sync(self.invisibleRootItem(), list(account_nodes.values()))

    def _describe_region(self, node: _Node, reports: list[TargetProgress], listed: list[float | None]) -> None:
        region = node.texts[0]
        failed = [p for p in reports if p.phase == FAILED]
        busy = [p for p in reports if p.phase in (WAITING, ACCOUNT, GROUPS, VERSIONS, DETAILS)]
        if failed:
            node.error = True
            node.texts = [self.tr("%1 — failed").replace("%1", region)]
            node.tip = "\n\n".join(render(p.error or "") for p in failed)
            # The reason, on a row of its own across the whole width (the tooltip has all of it).
            reason = first_line(render(failed[0].error or ""), 160)
            node.children.append(_Node(f"{node.key}|error", MESSAGE_NODE, [reason],
                                       tip=node.tip, error=True, counted=False))
        elif busy:
            p = busy[0]
            if p.phase == VERSIONS and p.groups_total:
                status = self.tr("listing… %1 of %2 groups").replace("%1", str(p.groups_done)).replace(
                    "%2", str(p.groups_total))
            elif p.phase == DETAILS:
                status = self.tr("reading details… %1 of %2").replace("%1", str(p.details_done)).replace(
                    "%2", str(p.details_total))
            elif p.phase == WAITING:
                status = self.tr("waiting…")
            else:
                status = self.tr("listing groups…")
            node.texts = [self.tr("%1 — %2", "region — what its listing is doing").replace("%1", region).replace(
                "%2", status)]
        stamps = [t for t in listed if t]
        if stamps and not failed:
            when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(min(stamps))), QLocale.FormatType.ShortFormat)
            node.tip = self.tr("As of %1").replace("%1", when)
        elif not stamps and not reports:
            node.tip = self.tr("Not listed yet: press F5 to list it")
            node.muted = True
        unread = sum(p.details_failed for p in reports if p.phase != FAILED)
        if unread:
            node.tip = "\n".join(filter(None, [node.tip, self.tr(
                "The comments and metadata of %n version(s) could not be read; the next refresh tries again.",
                "", unread)]))

    def _group_node(self, group: GroupCounts, target: str, errors: dict[tuple[str, str], str]) -> _Node:
        node = _Node(group.arn, GROUP_NODE, [group.name], target=target, total=group.total,
                     by_status=dict(group.by_status), by_stage=dict(group.by_stage))
        node.tip = group.arn
        error = errors.get((target, group.arn))
        if error:
            node.error = True
            node.tip = render(error)
        if group.versions_listed_at is None:
            node.muted = True
        return node

    def _sum(self, node: _Node) -> None:
        """Accounts and regions count what their groups hold."""
        if node.kind == MESSAGE_NODE:
            return
        if node.kind != GROUP_NODE:
            node.total, node.by_status, node.by_stage = 0, {}, {}
            for child in node.children:
                self._sum(child)
                node.total += child.total
                _add(node.by_status, child.by_status)
                _add(node.by_stage, child.by_stage)
            if node.kind == ACCOUNT_NODE:
                node.counted = any(child.counted for child in node.children)
        counts = _count_texts(node.total, node.by_status, node.by_stage) if node.counted else []
        node.texts = [node.texts[0], *counts]

    # -- applying in place -------------------------------------------------------------------

    def _sync(self, parent: QStandardItem, wanted: list[_Node]) -> None:
        keys = [n.key for n in wanted]
        for row in reversed(range(parent.rowCount())):
            child = parent.child(row, 0)
            if child is not None and child.data(KEY_ROLE) not in keys:
                self._forget(child)
                parent.removeRow(row)
        for row, node in enumerate(wanted):
            current = parent.child(row, 0) if row < parent.rowCount() else None
            if current is None or current.data(KEY_ROLE) != node.key:
                existing = self._items.get(node.key)
                if existing is not None and existing.index().parent() == parent.index():
                    parent.insertRow(row, parent.takeRow(existing.row()))
                else:
                    parent.insertRow(row, [QStandardItem() for _ in range(self.columnCount())])
                    item = parent.child(row, 0)
                    item.setData(node.key, KEY_ROLE)
                    item.setData(node.kind, KIND_ROLE)
                    self._items[node.key] = item
                    self._shown.pop(node.key, None)
                    self.added.append(item)
            self._fill(parent, row, node)
            self._sync(parent.child(row, 0), node.children)

    def _forget(self, item: QStandardItem) -> None:
        key = item.data(KEY_ROLE)
        mapped = self._items.get(key)
        if mapped is not None and mapped.index() == item.index():  # not a newer row of the same key
            del self._items[key]
            self._shown.pop(key, None)
        for row in range(item.rowCount()):
            child = item.child(row, 0)
            if child is not None:
                self._forget(child)

    def _fill(self, parent: QStandardItem, row: int, node: _Node) -> None:
        look = (tuple(node.texts), node.tip, node.error, node.muted, node.target, palette.is_dark())
        if self._shown.get(node.key) == look:
            return
        self._shown[node.key] = look
        foreground = palette.ERROR_TEXT if node.error else palette.MUTED_TEXT if node.muted else None
        for column in range(self.columnCount()):
            item = parent.child(row, column)
            text = node.texts[column] if column < len(node.texts) else ""
            if item.text() != text:
                item.setText(text)
            item.setEditable(False)
            if item.toolTip() != node.tip:
                item.setToolTip(node.tip)
            palette.tint_text(item, foreground)
            if column:
                side = Qt.AlignmentFlag.AlignLeft if column == STAGES else Qt.AlignmentFlag.AlignRight
                item.setTextAlignment(side | Qt.AlignmentFlag.AlignVCenter)
        first = parent.child(row, 0)
        first.setData(node.target or None, TARGET_ROLE)
        first.setIcon(_warning_icon() if node.error and node.kind != MESSAGE_NODE else QIcon())


def _warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
