"""Delete Versions: the selected versions, each with its approval status and stage, then gone.

When any of them is Approved or in a production-like stage, a warning names those versions and
Delete stays disabled until the group's name is typed exactly (`needs_typed_confirmation`);
otherwise the button itself says what it does ("Delete 3 versions"). `delete_versions` checks
again as the versions read when it runs, and refuses an unconfirmed delete before any call.
Each version deleted leaves the store (`VersionFlows.follow_bulk(removes=True)`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from app.registry.aws import Connection
from app.registry.governance.deletion import (
    Deletable,
    delete_versions,
    needs_typed_confirmation,
)
from app.registry.governance.lifecycle import is_production_like
from app.registry.versions.records import APPROVED, VersionSummary
from app.ui.versions.bulk_change import BulkChangeDialog, PlannedChange
from app.ui.versions.deployed import DeployedWarning, EndpointCache
from app.ui.versions.model import status_label
from app.ui.versions.typed_confirmation import TypedConfirmation


def guarded(versions: Sequence[VersionSummary]) -> list[VersionSummary]:
    """The versions whose deletion asks for the typed group name: approved or in production."""
    return [v for v in versions if needs_typed_confirmation([Deletable(v.arn, v.status, v.stage)])]


class DeleteVersionsDialog(BulkChangeDialog):
    retry_cancelled = True  # "Retry" deletes whatever a Stop left too

    def __init__(self, connection: Connection, versions: Sequence[VersionSummary], group: str,
                 parent: QWidget | None = None, *, endpoints: EndpointCache | None = None):
        super().__init__(connection, parent, title="", apply_text="", done_text="", change=delete_versions)
        self.group = group
        self._count = len(versions)
        self._guarded = guarded(versions)
        self.set_title(self.tr("Delete %n version(s) of '%1'", "", len(versions)).replace("%1", group))
        self.set_done_text(self.tr("%1 deleted"))
        self.set_plan([PlannedChange(v.arn, v.version, self._reads(v), self.tr("deleted")) for v in versions])
        self.confirmation: TypedConfirmation | None = None
        # Whether any of them serves an endpoint: checked on a worker, said when it lands.
        self.deployed_warning = DeployedWarning(self._runner, connection, [(v.arn, v.version) for v in versions],
                                                "delete", endpoints)
        self.add_to_preview(self.deployed_warning, above=True)
        if self._guarded:
            self.set_warning(self._guarded_warning())
            self.confirmation = TypedConfirmation(group)
            self.confirmation.changed.connect(self.set_ready)
            self.add_to_preview(self.confirmation)
            self.set_ready(False)
            self.confirmation.typed.setFocus()
        else:
            # Nothing stops a plain delete but this dialog: Enter (or a repeated Delete) must not
            # carry it out; the button that deletes is pressed on purpose.
            self.apply_button.setDefault(False)
            self.close_button.setDefault(True)
            self.close_button.setFocus()
            self.set_warning(self.tr(
                "This cannot be undone: each version goes with its model card, metadata and lifecycle. "
                "Pipelines or endpoints that refer to them stop finding them."))

    def _reads(self, v: VersionSummary) -> str:
        return f"{status_label(v.status)} · {v.stage}" if v.stage else status_label(v.status)

    def _guarded_warning(self) -> str:
        lines = []
        for v in self._guarded:
            why = [status_label(APPROVED)] if v.status == APPROVED else []
            if is_production_like(v.stage):
                why.append(self.tr("in %1").replace("%1", v.stage))
            lines.append(self.tr("Version %1 is %2").replace("%1", str(v.version)).replace("%2", ", ".join(why)))
        return self.tr(
            "Approved or in production: %1. Deleting cannot be undone; what serves or deploys "
            "them stops finding them.").replace("%1", "; ".join(lines))

    def needs_typed_name(self) -> bool:
        return bool(self._guarded)

    def apply_label(self) -> str:
        count = getattr(self, "_count", 0)  # 0 while the base class builds the buttons
        return self.tr("Delete %n version(s)", "", count) if count else self.tr("Delete")

    def job(self) -> tuple[Any, dict[str, Any]]:
        return delete_versions, {"typed": self.confirmation.text() if self.confirmation is not None else ""}
