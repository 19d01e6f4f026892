"""Screenshot steps of "Deployed where?": the details' Deployed to with the Endpoints column, and
the reject dialog naming the endpoint, light and dark (deployed-details*.png, deployed-reject*.png)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from app.registry.versions.records import REJECTED  # noqa: E402
from app.ui.versions.model import PLACEHOLDER, VersionsModel  # noqa: E402
from scripts.shots.driver import Driver, dark_palette, named  # noqa: E402


def deployed_steps(drive: Driver, window, state: dict) -> None:
    from app.sandbox.history import CHURN, CHURN_PRODUCTION, version_arn
    from app.ui.versions.approval import ApprovalDialog
    from app.ui.versions.deployed import endpoint_cache

    versions, details, groups = window.versions_view, window.details_pane, window.groups_view
    production = version_arn(CHURN, CHURN_PRODUCTION, window.workspace.connection.region or "us-east-1")
    light = QApplication.palette()
    section = details.overview_tab.deployed

    def pick_churn() -> None:
        groups.select_arn(next(g.arn for g in groups.model.rows() if g.name == CHURN))

    def churn_ready() -> bool:
        group = versions.group()
        return (group is not None and group.name == CHURN and not versions.model.loading
                and versions.model.position_of(production) is not None)

    def show_production() -> None:
        versions.columns.set_visible("endpoints", True)
        versions.select_arn(production)
        details.tabs.setCurrentWidget(details.overview_tab)
        details.overview_tab.ensureWidgetVisible(section)

    def filled() -> bool:
        model = versions.model
        cell = model.index(model.position_of(production), VersionsModel.ENDPOINTS).data()
        return "churn-scoring-prod" in section.text() and cell not in (PLACEHOLDER, None)

    def open_reject(palette) -> None:
        QApplication.setPalette(palette)
        version = next(v for v in versions.model.rows() if v.arn == production)
        dialog = ApprovalDialog(window.workspace.connection, [version], REJECTED, window,
                                endpoints=endpoint_cache(window.workspace))
        dialog.resize(640, 480)
        dialog.show()
        state["reject"] = dialog

    def warned() -> bool:
        warning = next(w for w in state["reject"].findChildren(QLabel)
                       if w.accessibleName() in named("Deployed versions"))
        return any(word in warning.text() for word in ("serves", "sert"))  # English, French

    def shot(widget: Callable[[], object], name: str) -> Callable[[], None]:
        return lambda: drive.save(widget(), name)

    drive.step("deployed churn", lambda: True, pick_churn)
    drive.step("deployed version", churn_ready, show_production)
    for palette, suffix in ((light, ""), (dark_palette(), "-dark")):
        drive.step(f"deployed scheme{suffix}", lambda: True, lambda p=palette: QApplication.setPalette(p))
        drive.step(f"screenshot deployed{suffix}", filled, shot(lambda: window, f"deployed-details{suffix}.png"))
        drive.step(f"reject{suffix}", lambda: True, lambda p=palette: open_reject(p))
        drive.step(f"screenshot reject{suffix}", warned, shot(lambda: state["reject"], f"deployed-reject{suffix}.png"))
        drive.step(f"reject closed{suffix}", lambda: True, lambda: state["reject"].reject())
    drive.step("deployed done", lambda: True, lambda: (QApplication.setPalette(light),
                                                       versions.columns.set_visible("endpoints", False)))
