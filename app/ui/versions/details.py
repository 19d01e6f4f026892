"""The details pane: everything about the selected version, in tabs.

One selected version is described in a task (key "describe": a quicker click supersedes a
slower one) into the window's `VersionStore`, so going back to a version shows it at once, and
a change made anywhere (an approval) shows here as soon as the store has it. Several selected
versions get a one-line summary and no call. Metrics files are read from S3 only when the
Metrics tab is on screen, one report at a time, and cached per S3 URI.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions.records import APPROVED, PENDING, REJECTED, VersionDetails, VersionSummary
from app.registry.versions.store import VersionStore
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.local_data import index_of
from app.ui.settings import Settings
from app.ui.texts import render
from app.ui.versions.audit_tab import AuditTab
from app.ui.versions.card_tab import CardTab
from app.ui.versions.containers_tab import ContainersTab
from app.ui.versions.deployed import DeployedDetails
from app.ui.versions.details_parts import selectable
from app.ui.versions.inference_tab import InferenceTab
from app.ui.versions.json_tab import JsonTab
from app.ui.versions.metadata_tab import MetadataTab
from app.ui.versions.metrics_tab import MetricsTab
from app.ui.versions.operations import describe
from app.ui.versions.overview_tab import OverviewTab
from app.ui.widgets.formatting import format_count
from app.ui.workspace import Workspace

LOADING_DELAY_MS = 300  # a describe quicker than this never shows "Loading…"


class DetailsPane(QWidget):
    detailsLoaded = Signal(object, object)  # VersionDetails fresh from AWS (applied), the read's stamp
    errorOccurred = Signal(str)

    OVERVIEW, CONTAINERS, INFERENCE, METRICS, METADATA, CARD, JSON = range(7)

    def __init__(self, workspace: Workspace, settings: Settings, parent: QWidget | None = None, *,
                 store: VersionStore | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._settings = settings
        self._runner = TaskRunner(self, max_threads=3)
        self.store = store if store is not None else VersionStore()  # the window's, shared with the table
        self._unsubscribe = self.store.subscribe(self._store_changed)
        self._stale: set[str] = set()  # shown from the store, but to be described again
        self._wanted: VersionSummary | None = None  # the one selected version, if one
        self._shown: VersionDetails | None = None  # what the tabs are filled with

        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(LOADING_DELAY_MS)
        self._loading_timer.timeout.connect(self._show_loading)
        self._loading_shown = False  # "Loading version N…" is what the pane shows

        self.banner = selectable(QLabel())
        self.banner.setAccessibleName(self.tr("Details error"))
        self.banner.setStyleSheet(palette.strip_style("error", extra="padding: 6px;"))
        self.banner.hide()

        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Details message"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Version details"))
        self.tabs.setDocumentMode(True)
        self.overview_tab = OverviewTab()
        self.containers_tab = ContainersTab()
        self.inference_tab = InferenceTab()
        self.metrics_tab = MetricsTab(workspace, self._runner)
        self.metadata_tab = MetadataTab()
        self.card_tab = CardTab(workspace, self._runner, self.store)
        self.json_tab = JsonTab()
        self.tabs.addTab(self.overview_tab, self.tr("Overview"))
        self.tabs.addTab(self.containers_tab, self.tr("Containers"))
        self.tabs.addTab(self.inference_tab, self.tr("Inference"))
        self.tabs.addTab(self.metrics_tab, self.tr("Metrics"))
        self.tabs.addTab(self.metadata_tab, self.tr("Metadata"))
        self.tabs.addTab(self.card_tab, self.tr("Card"))
        self.tabs.addTab(self.json_tab, self.tr("JSON"))
        self.audit_tab = AuditTab(workspace, self._runner, settings)
        self.tabs.addTab(self.audit_tab, self.tr("Audit"))
        self.audit_tab.errorOccurred.connect(self.errorOccurred)
        self.title = self.overview_tab.title  # the pane's heading, named by tests and screenshots
        self.deployed = DeployedDetails(workspace, self.overview_tab.deployed)
        self.containers_area = self.containers_tab
        remembered = settings.details_tab()
        self.tabs.setCurrentIndex(remembered if 0 <= remembered < self.tabs.count() else 0)
        self.tabs.currentChanged.connect(self._tab_changed)

        # Two versions selected: their count, and the way to compare them.
        self.compare_button = QPushButton(self.tr("&Compare These Two Versions…"))
        self.compare_button.setAccessibleName(self.tr("Compare the two selected versions"))
        self.compare_button.hide()
        self.message_page = QWidget()
        message_layout = QVBoxLayout(self.message_page)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message)
        message_layout.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignHCenter)
        message_layout.addStretch(1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.message_page)
        self.stack.addWidget(self.tabs)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self._show_message(self.tr("Select a version to see its details."))
        workspace.connectionChanged.connect(lambda _c: self.clear_cache())

    # -- public ----------------------------------------------------------------------------

    def show_versions(self, versions: list[VersionSummary]) -> None:
        """Follow the selection of the versions table."""
        self._runner.cancel("describe")
        self._loading_timer.stop()
        self._hide_banner()
        if len(versions) != 1:
            self._wanted = None
            if versions:
                self._show_message(self._summary_text(versions), compare=len(versions) == 2)
            else:
                self._show_message(self.tr("Select a version to see its details."))
            return
        self._wanted = versions[0]
        known = self.store.details(versions[0].arn)
        if known is not None:
            self._render(known)
        if known is None or versions[0].arn in self._stale:
            self._describe(versions[0], quiet=known is not None)

    def set_details(self, details: VersionDetails) -> None:
        """Fresher details (after an approval): into the store, and shown if selected."""
        self.store.apply_read(details)
        self._stale.discard(details.arn)
        if self._wanted is not None and self._wanted.arn == details.arn:
            self._runner.cancel("describe")  # a describe sent earlier may predate the change
            self._loading_timer.stop()
            self._hide_banner()
            self._render(details)

    def invalidate(self, arn: str, *, describe_again: bool = True) -> None:
        """Describe one version again when next shown, at once if it is on screen; what the
        store knows meanwhile stays on screen. A version that is gone is only forgotten."""
        if not describe_again:
            self._stale.discard(arn)
            self.store.forget_details(arn)
            return
        self._stale.add(arn)
        if self._wanted is not None and self._wanted.arn == arn:
            self._describe(self._wanted, quiet=self.store.details(arn) is not None)

    def clear_cache(self) -> None:
        """Forget everything (another account): nothing of the old one may stay on screen."""
        self._runner.cancel_all()
        self._loading_timer.stop()
        self.store.forget_details()
        self._stale.clear()
        self.metrics_tab.clear()
        self.audit_tab.clear()
        self.deployed.clear()
        self._wanted = None
        self._shown = None
        self.metrics_tab.set_active(False)
        self._hide_banner()
        self._show_message(self.tr("Select a version to see its details."))

    def current_details(self) -> VersionDetails | None:
        """The details of the one selected version, once loaded (None otherwise)."""
        if self._wanted is None:
            return None
        return self.store.details(self._wanted.arn)

    def shutdown(self) -> None:
        self._loading_timer.stop()
        self._runner.shutdown()
        self.deployed.shutdown()
        self._unsubscribe()

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    # -- loading ---------------------------------------------------------------------------

    def _describe(self, version: VersionSummary, *, quiet: bool = False) -> None:
        """`quiet`: the store's details show meanwhile, so no "Loading…" replaces them. Not
        before the sandbox is ready: the versions view describes the selection again then."""
        if not self._workspace.is_ready:
            return
        if self._loading_shown:  # "Loading…" already shows: name the new one
            self.message.setText(self._loading_text(version))
        elif not quiet:
            self._loading_timer.start()
        stamp = self.store.read_stamp()
        self._runner.run(
            describe,
            self._workspace.connection,
            version.arn,
            index_of(self._workspace.local),
            key="describe",
            on_return=lambda details: self._described(details, stamp),
            on_error=lambda exc: self._describe_failed(version, exc),
            on_finish=self._loading_timer.stop,
        )

    def _loading_text(self, version: VersionSummary) -> str:
        return self.tr("Loading version %1…").replace("%1", str(version.version))

    def _show_loading(self) -> None:
        if self._wanted is None:
            return
        self._show_message(self._loading_text(self._wanted))
        self._loading_shown = True

    def _described(self, details: VersionDetails, read_at: int) -> None:
        self._loading_timer.stop()
        wanted = self._wanted is not None and self._wanted.arn == details.arn
        if not self.store.apply_read(details, read_at):
            # Sent before the user changed this version: it may describe it as it was before.
            if wanted and self._wanted is not None:
                self._describe(self._wanted, quiet=self.store.details(details.arn) is not None)
            return
        self._stale.discard(details.arn)
        if wanted:
            self._hide_banner()
            known = self.store.details(details.arn) or details
            if self._shown is not known or self.stack.currentWidget() is not self.tabs:
                self._render(known)
        self.detailsLoaded.emit(details, read_at)

    def _store_changed(self, arns: frozenset[str]) -> None:
        """A change made anywhere (an approval) shows here at once, if this version is on screen."""
        if self._shown is None or self._shown.arn not in arns or self.stack.currentWidget() is not self.tabs:
            return
        if self._wanted is None or self._wanted.arn != self._shown.arn:
            return
        known = self.store.details(self._shown.arn)
        if known is not None and known is not self._shown:
            self._render(known)

    def _describe_failed(self, version: VersionSummary, error: BaseException) -> None:
        self._loading_timer.stop()
        if self._wanted is None or self._wanted.arn != version.arn:
            return  # another selection owns the pane now
        # Only what belongs to this selection: the error, not the summary or the tabs of the
        # selection before it, which under the error would pass for this version's.
        self._shown = None
        self.metrics_tab.set_active(False)
        self.audit_tab.set_active(False)
        lead = self.tr("Version %1 could not be loaded.").replace("%1", str(version.version))
        self._show_message(f"{lead}\n" + self.tr("Press F5 to try again."))
        self.banner.setText(f"{lead} {render(error)}")
        self.banner.show()
        self.errorOccurred.emit(render(error))

    # -- states ----------------------------------------------------------------------------

    def _show_message(self, text: str, *, compare: bool = False) -> None:
        self._loading_shown = False
        self.message.setText(text)
        self.compare_button.setVisible(compare)
        self.stack.setCurrentWidget(self.message_page)

    def _hide_banner(self) -> None:
        self.banner.clear()
        self.banner.hide()

    def _summary_text(self, versions: list[VersionSummary]) -> str:
        counts = Counter(v.status for v in versions)
        parts = []
        for status, text in (
            (PENDING, self.tr("%1 pending")),
            (APPROVED, self.tr("%1 approved")),
            (REJECTED, self.tr("%1 rejected")),
        ):
            if counts.get(status):
                parts.append(text.replace("%1", format_count(counts.pop(status))))
            counts.pop(status, None)
        others = sum(counts.values())
        if others:
            parts.append(self.tr("%1 other").replace("%1", format_count(others)))
        head = self.tr("%n version(s) selected", "", len(versions))
        return self.tr("%1: %2").replace("%1", head).replace("%2", ", ".join(parts))

    def _render(self, details: VersionDetails) -> None:
        self._loading_timer.stop()
        self._loading_shown = False
        self._shown = details
        for tab in (self.overview_tab, self.containers_tab, self.inference_tab, self.metrics_tab,
                    self.metadata_tab, self.card_tab, self.json_tab, self.audit_tab):
            tab.fill(details)
        self.deployed.show(details.arn)
        self.stack.setCurrentWidget(self.tabs)
        self.metrics_tab.set_active(self.tabs.currentIndex() == self.METRICS)
        self.audit_tab.set_active(self.tabs.currentWidget() is self.audit_tab)

    def _tab_changed(self, index: int) -> None:
        self._settings.set_details_tab(index)
        self.metrics_tab.set_active(self._shown is not None and index == self.METRICS)
        self.audit_tab.set_active(self._shown is not None and self.tabs.widget(index) is self.audit_tab)
