"""The inbox's rows: where each version lives, what it is, and how long it has waited."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication

from app.ui.inbox.operations import InboxRow
from app.ui.versions.model import status_label
from app.ui.widgets.formatting import format_datetime
from app.ui.widgets.rows_model import Column, RowsModel

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

HOUR, DAY = 3600, 86400


def account_text(row: InboxRow) -> str:
    """"123456789012 (training)": the account, and the profile that reaches it."""
    if not row.profile:
        return row.version.account
    return translate("inbox", "%1 (%2)").replace("%1", row.version.account).replace("%2", row.profile)


class InboxModel(RowsModel[InboxRow]):
    GROUP, VERSION, WAITED, CREATED, ACCOUNT, REGION, STAGE, STATUS = range(8)

    def __init__(self, parent=None):
        self.now = time.time()  # ages are told as of the last read, so a repaint never changes them
        columns = [
            Column(translate("inbox",
                             "Group"), lambda r: r.version.summary.group, tooltip=lambda r: r.version.group_arn),
            Column(translate("inbox",
                             "Version"), lambda r: str(r.version.summary.version), lambda r: r.version.summary.version,
                   lambda r: r.arn, align_right=True),
            Column(translate("inbox", "Waiting"), self._waited, lambda r: -r.version.summary.created.timestamp(),
                   align_right=True),
            Column(translate("inbox", "Created"), lambda r: format_datetime(r.version.summary.created),
                   lambda r: r.version.summary.created.timestamp()),
            Column(translate("inbox", "Account"), account_text, tooltip=self._account_tooltip),
            Column(translate("inbox", "Region"), lambda r: r.version.region),
            Column(translate("inbox", "Stage"), lambda r: r.version.summary.stage),
            Column(translate("inbox", "Status"), lambda r: status_label(r.version.summary.status)),
        ]
        super().__init__(columns, key=lambda r: r.arn, parent=parent)

    def _waited(self, row: InboxRow) -> str:
        return self.waited_text(self.now - row.version.summary.created.timestamp())

    def waited_text(self, seconds: float) -> str:
        """How long a version has waited, in the largest unit that reads well: "42 minutes",
        "5 hours" (under two days), "3 days"."""
        seconds = max(0.0, seconds)
        if seconds < HOUR:
            return self.tr("%Ln minute(s)", "", int(seconds // 60))
        if seconds < 2 * DAY:
            return self.tr("%Ln hour(s)", "", int(seconds // HOUR))
        return self.tr("%Ln day(s)", "", int(seconds // DAY))

    @staticmethod
    def _account_tooltip(row: InboxRow) -> str:
        if row.profile:
            return translate("inbox", "Reached through the profile '%1'").replace("%1", row.profile)
        return translate("inbox", "No profile of this window reaches account %1 in %2: "
                                  "add one to open or approve this version.") \
            .replace("%1", row.version.account).replace("%2", row.version.region)

    def show(self, rows: list[InboxRow], now: float) -> None:
        """Every row anew, in the order given (oldest first)."""
        self.now = now
        self.begin_load()
        self.append_page(rows)
        self.end_load()
