"""The details pane: everything about the selected version, in tabs.

One selected version is described in a task (key "describe": a quicker click supersedes a
slower one) into the window's `VersionStore`, so going back to a version shows it at once, and
a change made anywhere (an approval) shows here as soon as the store has it. Several selected
versions get a one-line summary and no call. Metrics files are read from S3 only when the
Metrics tab is on screen, one report at a time, and cached per S3 URI.
"""

from __future__ import annotations

import json
from collections import Counter

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.registry.versions.records import APPROVED, PENDING, REJECTED, ContainerInfo, VersionDetails, VersionSummary
from app.registry.versions.store import VersionStore
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.settings import Settings
from app.ui.versions.details_parts import StatusBadge, form_layout, scrolled, selectable, short_image
from app.ui.versions.metrics_tab import MetricsTab
from app.ui.versions.operations import describe
from app.ui.widgets.copy_field import CopyField
from app.ui.widgets.formatting import format_count, format_datetime
from app.ui.widgets.plain_table import PlainTable
from app.ui.widgets.rows_model import Column
from app.ui.workspace import Workspace

LOADING_DELAY_MS = 300  # a describe quicker than this never shows "Loading…"
DASH = "—"


class DetailsPane(QWidget):
    detailsLoaded = Signal(object, object)  # VersionDetails fresh from AWS (applied), the read's stamp
    errorOccurred = Signal(str)

    OVERVIEW, CONTAINERS, INFERENCE, METRICS, METADATA, JSON = range(6)

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
        self.tabs.addTab(self._build_overview(), self.tr("Overview"))
        self.tabs.addTab(self._build_containers(), self.tr("Containers"))
        self.tabs.addTab(self._build_inference(), self.tr("Inference"))
        self.metrics_tab = MetricsTab(workspace, self._runner)
        self.tabs.addTab(self.metrics_tab, self.tr("Metrics"))
        self.tabs.addTab(self._build_metadata(), self.tr("Metadata"))
        self.tabs.addTab(self._build_json(), self.tr("JSON"))
        remembered = settings.details_tab()
        self.tabs.setCurrentIndex(remembered if 0 <= remembered < self.tabs.count() else 0)
        self.tabs.currentChanged.connect(self._tab_changed)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
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
                self._show_message(self._summary_text(versions))
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
        self._unsubscribe()

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    # -- loading ---------------------------------------------------------------------------

    def _describe(self, version: VersionSummary, *, quiet: bool = False) -> None:
        """`quiet`: the store's details show meanwhile, so no "Loading…" replaces them."""
        if self._loading_shown:  # "Loading…" already shows: name the new one
            self.message.setText(self._loading_text(version))
        elif not quiet:
            self._loading_timer.start()
        stamp = self.store.read_stamp()
        self._runner.run(
            describe,
            self._workspace.connection,
            version.arn,
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
        lead = self.tr("Version %1 could not be loaded.").replace("%1", str(version.version))
        self._show_message(f"{lead}\n" + self.tr("Press F5 to try again."))
        self.banner.setText(f"{lead} {error}")
        self.banner.show()
        self.errorOccurred.emit(str(error))

    # -- states ----------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self._loading_shown = False
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

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
        return f"{head}: {', '.join(parts)}"

    def _render(self, details: VersionDetails) -> None:
        self._loading_timer.stop()
        self._loading_shown = False
        self._shown = details
        self._fill_overview(details)
        self._fill_containers(details)
        self._fill_inference(details)
        self.metrics_tab.fill(details)
        self._fill_metadata(details)
        self._fill_json(details)
        self.stack.setCurrentWidget(self.tabs)
        self.metrics_tab.set_active(self.tabs.currentIndex() == self.METRICS)

    def _tab_changed(self, index: int) -> None:
        self._settings.set_details_tab(index)
        self.metrics_tab.set_active(self._shown is not None and index == self.METRICS)

    # -- Overview --------------------------------------------------------------------------

    def _build_overview(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.title = selectable(QLabel(), wrap=True)
        self.title.setAccessibleName(self.tr("Version title"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        form = form_layout()
        self.arn_field = CopyField(self.tr("ARN"))
        self.badge = StatusBadge()
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        self.description = selectable(QLabel())
        self.description.setAccessibleName(self.tr("Description"))
        self.created = selectable(QLabel(), wrap=False)
        self.created.setAccessibleName(self.tr("Created"))
        self.modified = selectable(QLabel(), wrap=False)
        self.modified.setAccessibleName(self.tr("Last modified"))
        self.comment = selectable(QLabel())
        self.comment.setAccessibleName(self.tr("Approval comment"))
        form.addRow(self.tr("ARN"), self.arn_field)
        form.addRow(self.tr("Status"), badge_row)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Created"), self.created)
        form.addRow(self.tr("Modified"), self.modified)
        form.addRow(self.tr("Approval comment"), self.comment)
        layout.addLayout(form)
        layout.addStretch(1)
        return scrolled(page)

    def _fill_overview(self, d: VersionDetails) -> None:
        self.title.setText(
            self.tr("%1 — version %2").replace("%1", d.group).replace("%2", str(d.version))
        )
        self.arn_field.set_text(d.arn)
        self.badge.set_status(d.status)
        self._set_optional(self.description, d.description, self.tr("No description."))
        self.created.setText(format_datetime(d.created))
        self.modified.setText(format_datetime(d.modified) if d.modified else DASH)
        self._set_optional(self.comment, d.approval_comment, self.tr("No approval comment."))

    def _set_optional(self, label: QLabel, text: str, empty: str) -> None:
        label.setText(text or empty)
        label.setEnabled(bool(text))  # the placeholder reads greyed out

    # -- Containers ------------------------------------------------------------------------

    def _build_containers(self) -> QWidget:
        self.containers_area = scrolled(QWidget())
        self.containers_area.setAccessibleName(self.tr("Containers"))
        return self.containers_area

    def _fill_containers(self, d: VersionDetails) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        if d.is_pipeline:
            heading = QLabel(
                self.tr("Inference pipeline of %1 containers (run in this order)").replace(
                    "%1", format_count(len(d.containers))
                )
            )
            heading.setAccessibleName(self.tr("Pipeline"))
            heading.setStyleSheet("font-weight: 600;")
            layout.addWidget(heading)
        if not d.containers:
            layout.addWidget(QLabel(self.tr("This version declares no inference containers.")))
        for number, container in enumerate(d.containers, 1):
            if number > 1:
                arrow = QLabel("↓")
                arrow.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                arrow.setAccessibleName(self.tr("then"))
                layout.addWidget(arrow)
            layout.addWidget(self._container_box(number, container))
        layout.addStretch(1)
        old = self.containers_area.takeWidget()
        self.containers_area.setWidget(page)
        if old is not None:
            old.deleteLater()

    def _container_box(self, number: int, c: ContainerInfo) -> QGroupBox:
        n = str(number)
        box = QGroupBox(f"{n}. {c.hostname or short_image(c.image)}")
        box.setAccessibleName(self.tr("Container %1").replace("%1", n))
        form = form_layout()
        box.setLayout(form)
        image = CopyField(self.tr("Container %1 image").replace("%1", n), c.image)
        form.addRow(self.tr("Image"), image)
        if c.model_data_url:
            model_data: QWidget = CopyField(
                self.tr("Container %1 model data").replace("%1", n), c.model_data_url
            )
        else:
            model_data = QLabel(self.tr("None (the image holds the model)"))
            model_data.setEnabled(False)
        form.addRow(self.tr("Model data"), model_data)
        hostname = selectable(QLabel(c.hostname or DASH), wrap=False)
        hostname.setAccessibleName(self.tr("Container %1 hostname").replace("%1", n))
        form.addRow(self.tr("Hostname"), hostname)
        framework = " ".join(part for part in (c.framework, c.framework_version) if part)
        framework_label = selectable(QLabel(framework or DASH), wrap=False)
        framework_label.setAccessibleName(self.tr("Container %1 framework").replace("%1", n))
        form.addRow(self.tr("Framework"), framework_label)
        if c.environment:
            columns = [
                Column(self.tr("Name"), lambda kv: kv[0]),
                Column(self.tr("Value"), lambda kv: kv[1]),
            ]
            environment: QWidget = PlainTable(
                self.tr("Container %1 environment").replace("%1", n), columns
            )
            environment.set_rows(list(c.environment.items()))
        else:
            environment = QLabel(self.tr("None"))
            environment.setAccessibleName(self.tr("Container %1 environment").replace("%1", n))
            environment.setEnabled(False)
        form.addRow(self.tr("Environment"), environment)
        return box

    # -- Inference -------------------------------------------------------------------------

    def _build_inference(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = form_layout()
        layout.addLayout(form)
        layout.addStretch(1)
        self.content_types = QListWidget()
        self.content_types.setAccessibleName(self.tr("Content types"))
        self.response_types = QListWidget()
        self.response_types.setAccessibleName(self.tr("Response MIME types"))
        for widget in (self.content_types, self.response_types):
            widget.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        form.addRow(self.tr("Supported content types"), self.content_types)
        form.addRow(self.tr("Response MIME types"), self.response_types)
        return scrolled(page)

    def _fill_inference(self, d: VersionDetails) -> None:
        pairs = ((self.content_types, d.content_types), (self.response_types, d.response_types))
        for widget, values in pairs:
            widget.clear()
            widget.addItems(list(values))
            if not values:
                item = QListWidgetItem(self.tr("None declared"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(item)
            # As tall as its rows (a few MIME types), up to eight before it scrolls.
            rows = min(widget.count(), 8)
            widget.setFixedHeight(rows * widget.sizeHintForRow(0) + 2 * widget.frameWidth() + 4)

    # -- Metadata --------------------------------------------------------------------------

    def _build_metadata(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = form_layout()
        self.domain = selectable(QLabel(), wrap=False)
        self.domain.setAccessibleName(self.tr("Domain"))
        self.task = selectable(QLabel(), wrap=False)
        self.task.setAccessibleName(self.tr("Task"))
        self.sample_payload = CopyField(self.tr("Sample payload URL"))
        form.addRow(self.tr("Domain"), self.domain)
        form.addRow(self.tr("Task"), self.task)
        form.addRow(self.tr("Sample payload"), self.sample_payload)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Customer metadata")))
        self.customer_metadata = PlainTable(
            self.tr("Customer metadata"),
            [Column(self.tr("Key"), lambda kv: kv[0]), Column(self.tr("Value"), lambda kv: kv[1])],
        )
        self.customer_metadata.set_empty_text(self.tr("No customer metadata."))
        layout.addWidget(self.customer_metadata)
        layout.addStretch(1)
        return scrolled(page)

    def _fill_metadata(self, d: VersionDetails) -> None:
        self.domain.setText(d.domain or DASH)
        self.task.setText(d.task or DASH)
        self.sample_payload.set_text(d.sample_payload_url)
        self.customer_metadata.set_rows(sorted(d.customer_metadata.items()))

    # -- JSON ------------------------------------------------------------------------------

    def _build_json(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.json_text = QPlainTextEdit()
        self.json_text.setReadOnly(True)
        self.json_text.setAccessibleName(self.tr("Describe response (JSON)"))
        self.json_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.json_text.setFont(mono)
        self.copy_json = QPushButton(self.tr("Copy JSON"))
        self.copy_json.setAccessibleName(self.tr("Copy JSON"))
        # The rendered string itself: the text box's contents turn a no-break space into a space
        # and U+2028/U+2029 into line breaks, and the copy would no longer be the response.
        self._json = ""
        self.copy_json.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._json))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy_json)
        layout.addWidget(self.json_text, 1)
        layout.addLayout(row)
        return page

    def _fill_json(self, d: VersionDetails) -> None:
        self._json = json.dumps(d.raw, indent=2, sort_keys=True, default=str, ensure_ascii=False)
        self.json_text.setPlainText(self._json)  # as written: "équipe", not "\u00e9quipe"
