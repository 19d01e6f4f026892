"""The versions table: `VersionSummary` rows streamed in page by page, with late-filled columns.

Images and model data come from `batch_describe_model_package` (one call per page of 100);
approval comments and who created and last changed a version from `describe_model_package` as
versions are looked at or changed; stages and package statuses come with the listing. Until a
cell's data has arrived it shows a placeholder, and an error text if its lookup failed.

A read never undoes what the user just did: each read takes a `read_stamp()` when it is sent,
each change made here records one too, and an answer to a read sent before the row's last
change is dropped for that row (it may describe the version as it was before the change).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRegularExpression, QSortFilterProxyModel, Qt

from app.registry.versions.records import APPROVED, PENDING, REJECTED, BriefSpec, VersionSummary
from app.registry.versions.store import VersionStore
from app.ui.widgets.formatting import format_datetime
from app.ui.widgets.rows_model import Column, RowsModel

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

if TYPE_CHECKING:
    from app.registry.versions.deployments import DeploymentScan

STATUS_ROLE = Qt.ItemDataRole.UserRole + 10
FILTER_ROLE = Qt.ItemDataRole.UserRole + 11  # "status\nstage": what the filters match, in C++
PLACEHOLDER = "…"


def status_label(status: str) -> str:
    return {APPROVED: translate("VersionsModel", "Approved"), REJECTED: translate("VersionsModel", "Rejected"),
            PENDING: translate("VersionsModel", "Pending")}.get(status, status)


class VersionsModel(RowsModel[VersionSummary]):
    (VERSION, STATUS, CREATED, DESCRIPTION, COMMENT, IMAGES, MODEL_DATA,
     STAGE, STAGE_STATUS, PACKAGE_STATUS, CREATED_BY, MODIFIED_BY, ENDPOINTS) = range(13)
    # Stable names of the columns, for the remembered choice of hidden ones (by position).
    COLUMN_IDS = ("version", "status", "created", "description", "comment", "images", "model_data",
                  "stage", "stage_status", "package_status", "created_by", "modified_by", "endpoints")
    extra_roles = frozenset({STATUS_ROLE, FILTER_ROLE})

    def __init__(self, parent=None, *, store: VersionStore | None = None):
        self._store = store if store is not None else VersionStore()
        self._comments_from = 0  # comments told by reads sent before this stamp are stale
        self._brief: dict[str, BriefSpec] = {}
        self._brief_errors: dict[str, str] = {}
        self._comments: dict[str, str] = {}
        self._stale_comments: dict[str, str] = {}  # shown until a fresh describe replaces them
        self._created_text: dict[str, str] = {}  # every repaint asks again; QLocale is not cheap
        self._actors: dict[str, tuple[str, str]] = {}  # (created by, last modified by), once described
        self._deployments: DeploymentScan | None = None  # the Endpoints column, once scanned
        self._deployments_error = ""
        columns = [
            Column(translate("VersionsModel", "Version"), lambda v: str(v.version), lambda v: v.version,
                   lambda v: v.arn, align_right=True),
            Column(translate("VersionsModel", "Status"), lambda v: status_label(v.status), lambda v: v.status),
            Column(translate("VersionsModel", "Created"), self._created, lambda v: v.created.timestamp()),
            Column(translate("VersionsModel", "Description"), lambda v: v.description, tooltip=lambda v: v.description),
            Column(translate("VersionsModel", "Approval comment"), self._comment_text, tooltip=self._comment_text),
            Column(translate("VersionsModel", "Image(s)"), self._images_text, tooltip=self._images_tooltip),
            Column(translate("VersionsModel", "Model data"), self._model_data_text, tooltip=self._model_data_tooltip),
            Column(translate("VersionsModel", "Stage"), lambda v: v.stage),
            Column(translate("VersionsModel", "Stage status"), lambda v: v.stage_status),
            Column(translate("VersionsModel", "Package status"), lambda v: v.package_status),
            Column(translate("VersionsModel",
                             "Created by"), lambda v: self._actor(v, 0), tooltip=lambda v: self._actor(v, 0)),
            Column(translate("VersionsModel",
                             "Last modified by"), lambda v: self._actor(v, 1), tooltip=lambda v: self._actor(v, 1)),
            Column(translate("VersionsModel", "Endpoints"), self._endpoints_text, tooltip=self._endpoints_tooltip),
        ]
        super().__init__(columns, key=lambda v: v.arn, parent=parent)
        self._unsubscribe = self._store.subscribe(self._store_changed)

    @property
    def store(self) -> VersionStore:
        return self._store

    # -- late-filled columns ---------------------------------------------------------------

    def release(self) -> None:
        super().release()
        self._unsubscribe()
        for cache in (self._brief, self._brief_errors, self._comments, self._stale_comments, self._created_text,
                      self._actors):
            cache.clear()

    def arns_missing_brief(self, arns: list[str]) -> list[str]:
        return [a for a in arns if a not in self._brief and a not in self._brief_errors]

    def apply_brief(self, specs: dict[str, BriefSpec], errors: dict[str, str]) -> None:
        self._brief.update(specs)
        self._brief_errors.update(errors)
        # Only the rows that got news: a whole-column change makes the proxy re-check 10k rows,
        # and a span over rows far apart repaints the screen for rows that are not on it.
        positions = [p for p in map(self.position_of, [*specs, *errors]) if p is not None]
        if positions:
            self.cells_changed(positions, self.IMAGES, self.MODEL_DATA)
            self.resort_if_sorted_on((self.IMAGES, self.MODEL_DATA))

    def brief_for(self, arn: str) -> BriefSpec | None:
        return self._brief.get(arn)

    def set_status(self, arn: str, status: str, comment: str | None) -> None:
        """A change the user made here (an approval that landed): no older read may undo it."""
        row = self.row_for(arn)
        if row is not None:
            self._store.know([row])
        self._store.apply_change(arn, status=status, comment=comment)

    def _store_changed(self, arns: frozenset[str]) -> None:
        """The store's news, wherever it came from: rows, comments and briefs of those ARNs."""
        from app.registry.governance.audit import user_of  # details come later than the first paint

        gone, touched, told_actors = [], [], False
        for arn in arns:
            position = self.position_of(arn)
            if arn not in self._store:
                if position is not None:
                    gone.append(arn)
                continue
            comment = self._store.comment_since(arn, self._comments_from)
            if comment is not None:
                self._comments[arn] = comment
            details = self._store.details(arn)
            if details is not None:
                self._brief[arn] = BriefSpec(
                    images=tuple(c.image for c in details.containers),
                    model_data_urls=tuple(c.model_data_url for c in details.containers),
                )
                actors = (user_of(details.raw.get("CreatedBy")), user_of(details.raw.get("LastModifiedBy")))
                told_actors = told_actors or self._actors.get(arn) != actors
                self._actors[arn] = actors
            if position is None:
                continue
            summary = self._store.summary(arn)
            if summary is not None and summary != self.row_at(position):
                self.replace_row(summary)
            else:
                touched.append(position)
        if touched:
            self.cells_changed(touched, self.COMMENT, self.MODIFIED_BY)
        if told_actors:
            self.resort_if_sorted_on((self.CREATED_BY, self.MODIFIED_BY))
        if gone:
            self.remove_keys(gone)

    def comment_for(self, arn: str) -> str | None:
        """The comment read since the last reload; None when it should be asked for (again)."""
        return self._comments.get(arn)

    def needs_describe(self, arn: str) -> bool:
        """Whether a describe of `arn` would tell the table something it does not show yet
        (its approval comment since the last reload, who created and changed it)."""
        return arn not in self._comments or arn not in self._actors

    def stages(self) -> set[str]:
        """The stages of the rows loaded (not "": a version without a lifecycle)."""
        return {v.stage for v in self._rows if v.stage}

    def mark_comments_stale(self) -> None:
        """A reload: someone may have changed a comment meanwhile. The ones shown stay on screen
        until each is read again, so the column does not blink empty."""
        self._stale_comments.update(self._comments)
        self._comments = {}
        self._comments_from = self._store.read_stamp()

    # -- cell texts ------------------------------------------------------------------------

    def _created(self, v: VersionSummary) -> str:
        text = self._created_text.get(v.arn)
        if text is None:
            text = self._created_text[v.arn] = format_datetime(v.created)
        return text

    def _comment_text(self, v: VersionSummary) -> str:
        comment = self._comments.get(v.arn)
        return comment if comment is not None else self._stale_comments.get(v.arn, "")

    def _actor(self, v: VersionSummary, which: int) -> str:
        actors = self._actors.get(v.arn)
        return PLACEHOLDER if actors is None else actors[which]

    def _images_text(self, v: VersionSummary) -> str:
        spec = self._brief.get(v.arn)
        if spec is None:
            return translate("VersionsModel", "(unavailable)") if v.arn in self._brief_errors else PLACEHOLDER
        if len(spec.images) > 1:
            return translate("VersionsModel", "Pipeline of %1: ").replace("%1", str(len(spec.images))) + " → ".join(
                _short_image(i) for i in spec.images)
        return spec.images[0] if spec.images else ""

    def _images_tooltip(self, v: VersionSummary) -> str:
        spec = self._brief.get(v.arn)
        if spec is None:
            return self._brief_errors.get(v.arn, "")
        return "\n".join(f"{n}. {image}" for n, image in enumerate(spec.images, 1))

    def _model_data_text(self, v: VersionSummary) -> str:
        spec = self._brief.get(v.arn)
        if spec is None:
            return translate("VersionsModel", "(unavailable)") if v.arn in self._brief_errors else PLACEHOLDER
        urls = [u for u in spec.model_data_urls if u]
        if len(urls) > 1:
            return translate("VersionsModel", "%n artifact(s)", "", len(urls))
        return urls[0] if urls else ""

    def _model_data_tooltip(self, v: VersionSummary) -> str:
        spec = self._brief.get(v.arn)
        if spec is None:
            return self._brief_errors.get(v.arn, "")
        return "\n".join(u for u in spec.model_data_urls if u)

    # -- the Endpoints column (shown on demand: one scan of the account-region fills it) ----

    def set_deployments(self, scan: DeploymentScan | None, error: str = "") -> None:
        """A scan of the connection's endpoints (or why there is none); None: not known yet."""
        self._deployments, self._deployments_error = scan, error
        self.columns_changed(self.ENDPOINTS, self.ENDPOINTS)
        self.resort_if_sorted_on((self.ENDPOINTS,))

    def _endpoints_text(self, v: VersionSummary) -> str:
        if self._deployments is None:
            return translate("VersionsModel", "(unavailable)") if self._deployments_error else PLACEHOLDER
        found = self._deployments.serving(v.arn)
        if not found and self._deployments.problems:
            return translate("VersionsModel", "(unavailable)")
        return ", ".join(dict.fromkeys(d.endpoint_name for d in found))

    def _endpoints_tooltip(self, v: VersionSummary) -> str:
        if self._deployments is None:
            return self._deployments_error
        found = self._deployments.serving(v.arn)
        if not found and self._deployments.problems:
            return str(self._deployments.problems[0])
        return "\n".join(f"{d.endpoint_name} · {d.status} · {d.variant}" for d in found)

    def extra_data(self, row: VersionSummary, column: int, role: int):
        if role == STATUS_ROLE:
            return row.status
        if role == FILTER_ROLE:
            return f"{row.status}\n{row.stage}"
        return None


def _short_image(uri: str) -> str:
    # "123.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1" -> "churn-xgboost:1.7-1"
    return uri.rsplit("/", 1)[-1]


class VersionsFilterProxy(QSortFilterProxyModel):
    """Filters by approval status and by stage in C++ (a role and a pattern, no Python per row);
    sorting is the source's own (`RowsModel.sort`), so the proxy never calls Python to compare rows."""

    ALL = ""  # every status
    ALL_STAGES = None  # every stage; "" is "no stage"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterRole(FILTER_ROLE)
        self._status = self.ALL
        self._stage: str | None = self.ALL_STAGES

    def set_status(self, status: str) -> None:
        if status != self._status:
            self._status = status
            self._update_pattern()

    def status(self) -> str:
        return self._status

    def set_stage(self, stage: str | None) -> None:
        """None: every version; "": the versions without a stage; else that stage only."""
        if stage != self._stage:
            self._stage = stage
            self._update_pattern()

    def stage(self) -> str | None:
        return self._stage

    def _update_pattern(self) -> None:
        if not self._status and self._stage is None:
            self.setFilterRegularExpression(QRegularExpression(""))
            return
        status = QRegularExpression.escape(self._status) if self._status else "[^\\n]*"
        stage = ".*" if self._stage is None else QRegularExpression.escape(self._stage)
        self.setFilterRegularExpression(QRegularExpression(f"^{status}\\n{stage}$"))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
