"""The versions pane's filters: the status filter's choices; the stage filter ("All stages",
"No stage", then the stages present)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from app.registry.versions.records import APPROVED, PENDING, REJECTED

# The status filter: (label, status); the English label is also the remembered setting.
STATUS_FILTERS = ((QT_TRANSLATE_NOOP("VersionsView", "All"), ""),
                  (QT_TRANSLATE_NOOP("VersionsView", "Pending"), PENDING),
                  (QT_TRANSLATE_NOOP("VersionsView", "Approved"), APPROVED),
                  (QT_TRANSLATE_NOOP("VersionsView", "Rejected"), REJECTED))

# The usual lifecycle first in the stage filter; other stages follow by name.
STAGE_ORDER = ("Development", "Staging", "Production", "Archived")
ALL_STAGES, NO_STAGE = 0, 1  # positions in the stage filter


def fill_stage_filter(combo: QComboBox, chosen: str | None, present: set[str], listed: list[str]) -> list[str]:
    """List the stages of the loaded rows after "All stages" and "No stage" (the chosen one stays
    listed while this group shows, so the filter never changes under the user). Returns the
    stages now listed; `listed` are those listed before (nothing changes when they are the same)."""
    known = {name: n for n, name in enumerate(STAGE_ORDER)}
    stages = sorted(present | ({chosen} if chosen else set()),
                    key=lambda name: (known.get(name, len(known)), name.casefold()))
    if stages == listed:
        return listed
    combo.blockSignals(True)
    while combo.count() > NO_STAGE + 1:
        combo.removeItem(NO_STAGE + 1)
    for stage in stages:
        combo.addItem(stage)
    if chosen is None:
        combo.setCurrentIndex(ALL_STAGES)
    elif chosen == "":
        combo.setCurrentIndex(NO_STAGE)
    else:
        combo.setCurrentIndex(NO_STAGE + 1 + stages.index(chosen))
    combo.blockSignals(False)
    return stages


def filtered_text(status: str, stage: str | None) -> str:
    """Why no row shows: what the filters ask for (`status` "" for All), and how to see every version."""
    translate = QCoreApplication.translate
    if stage is None:
        return translate("VersionsView",
                         "No version has the status '%1'. Choose All to see every version.").replace("%1", status)
    if stage == "":
        if not status:
            return translate("VersionsView", "Every version has a stage. Choose All stages to see every version.")
        return translate("VersionsView", "No version without a stage has the status '%1'. Choose All and All "
                         "stages to see every version.").replace("%1", status)
    if not status:
        return translate("VersionsView",
                         "No version is in the stage '%1'. Choose All stages to see every version."
                         ).replace("%1", stage)
    return translate("VersionsView", "No version in the stage '%1' has the status '%2'. Choose All and All stages "
                     "to see every version.").replace("%1", stage).replace("%2", status)
