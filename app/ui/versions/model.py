"""The versions table: `VersionSummary` rows streamed in page by page, with late-filled columns.

Images and model data come from `batch_describe_model_package` (one call per page of 100);
approval comments from `describe_model_package` as versions are looked at or changed. Until a
cell's data has arrived it shows a placeholder, and an error text if its lookup failed.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from app.registry.versions import APPROVED, PENDING, REJECTED, BriefSpec, VersionDetails, VersionSummary
from app.ui.widgets.formatting import format_datetime
from app.ui.widgets.rows_model import ROW_ROLE, SORT_ROLE, Column, RowsModel

STATUS_ROLE = Qt.ItemDataRole.UserRole + 10
PLACEHOLDER = "…"


def _tr(text: str) -> str:
    return QCoreApplication.translate("VersionsModel", text)


def status_label(status: str) -> str:
    return {APPROVED: _tr("Approved"), REJECTED: _tr("Rejected"), PENDING: _tr("Pending")}.get(status, status)


class VersionsModel(RowsModel[VersionSummary]):
    VERSION, STATUS, CREATED, DESCRIPTION, COMMENT, IMAGES, MODEL_DATA = range(7)

    def __init__(self, parent=None):
        self._brief: dict[str, BriefSpec] = {}
        self._brief_errors: dict[str, str] = {}
        self._comments: dict[str, str] = {}
        columns = [
            Column(_tr("Version"), lambda v: str(v.version), lambda v: v.version, lambda v: v.arn, align_right=True),
            Column(_tr("Status"), lambda v: status_label(v.status), lambda v: v.status),
            Column(_tr("Created"), lambda v: format_datetime(v.created), lambda v: v.created.timestamp()),
            Column(_tr("Description"), lambda v: v.description, tooltip=lambda v: v.description),
            Column(_tr("Approval comment"), self._comment_text, tooltip=self._comment_text),
            Column(_tr("Image(s)"), self._images_text, tooltip=self._images_tooltip),
            Column(_tr("Model data"), self._model_data_text, tooltip=self._model_data_tooltip),
        ]
        super().__init__(columns, key=lambda v: v.arn, parent=parent)

    # -- late-filled columns ---------------------------------------------------------------

    def begin_load(self) -> int:
        # Late-filled caches survive a reload: the same ARN has the same images.
        return super().begin_load()

    def arns_missing_brief(self, arns: list[str]) -> list[str]:
        return [a for a in arns if a not in self._brief and a not in self._brief_errors]

    def apply_brief(self, specs: dict[str, BriefSpec], errors: dict[str, str]) -> None:
        self._brief.update(specs)
        self._brief_errors.update(errors)
        # Only the rows that got news: a whole-column change makes the proxy re-check 10k rows.
        positions = [p for p in map(self.position_of, [*specs, *errors]) if p is not None]
        if positions:
            self.dataChanged.emit(self.index(min(positions), self.IMAGES),
                                  self.index(max(positions), self.MODEL_DATA))

    def brief_for(self, arn: str) -> BriefSpec | None:
        return self._brief.get(arn)

    def apply_details(self, details: VersionDetails) -> None:
        """A fresh describe (after a selection or an approval) updates its row in place."""
        self._comments[details.arn] = details.approval_comment
        self._brief[details.arn] = BriefSpec(
            images=tuple(c.image for c in details.containers),
            model_data_urls=tuple(c.model_data_url for c in details.containers),
        )
        row = self.row_for(details.arn)
        if row is None:
            return
        updated = dataclasses.replace(row, status=details.status, description=details.description)
        self.replace_row(updated)

    def set_status(self, arn: str, status: str, comment: str | None) -> None:
        row = self.row_for(arn)
        if comment is not None:
            self._comments[arn] = comment
        if row is not None:
            self.replace_row(dataclasses.replace(row, status=status))

    def comment_for(self, arn: str) -> str | None:
        return self._comments.get(arn)

    # -- cell texts ------------------------------------------------------------------------

    def _comment_text(self, v: VersionSummary) -> str:
        return self._comments.get(v.arn, "")

    def _images_text(self, v: VersionSummary) -> str:
        spec = self._brief.get(v.arn)
        if spec is None:
            return _tr("(unavailable)") if v.arn in self._brief_errors else PLACEHOLDER
        if len(spec.images) > 1:
            return _tr("Pipeline of %1: ").replace("%1", str(len(spec.images))) + " → ".join(
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
            return _tr("(unavailable)") if v.arn in self._brief_errors else PLACEHOLDER
        urls = [u for u in spec.model_data_urls if u]
        if len(urls) > 1:
            return _tr("%1 artifacts").replace("%1", str(len(urls)))
        return urls[0] if urls else ""

    def _model_data_tooltip(self, v: VersionSummary) -> str:
        spec = self._brief.get(v.arn)
        if spec is None:
            return self._brief_errors.get(v.arn, "")
        return "\n".join(u for u in spec.model_data_urls if u)

    def extra_data(self, row: VersionSummary, column: int, role: int):
        if role == STATUS_ROLE:
            return row.status
        return None


def _short_image(uri: str) -> str:
    # "123.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1" -> "churn-xgboost:1.7-1"
    return uri.rsplit("/", 1)[-1]


class VersionsFilterProxy(QSortFilterProxyModel):
    """Filters by approval status; sorts every column on its natural value."""

    ALL = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._status = self.ALL

    def set_status(self, status: str) -> None:
        if status == self._status:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self._status = status
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._status = status
            self.invalidateFilter()

    def status(self) -> str:
        return self._status

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._status:
            return True
        row = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return row is not None and row.status == self._status

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        # Called ~15 times per inserted row on 10k rows: read the source rows directly
        # instead of two round trips through QModelIndex.data().
        source = self.sourceModel()
        if isinstance(source, RowsModel):
            a, b = source.sort_value(left.row(), left.column()), source.sort_value(right.row(), right.column())
        else:
            a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
