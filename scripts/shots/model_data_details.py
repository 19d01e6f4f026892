"""Screenshot steps of the details of a version registered with the advanced fields: the support
assistant's third checkpoint (weights under an S3 prefix, KMS key, git metadata, drift baselines)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QTabWidget

from scripts.shots.driver import Driver, dark_palette, named


def model_data_details_steps(drive: Driver, window, state: dict) -> None:
    """details-llm-overview*.png, details-llm-containers*.png and details-llm-metrics.png."""
    from app.sandbox.catalog_assistant import ASSISTANT_GROUP

    details, versions, groups = window.details_pane, window.versions_view, window.groups_view
    app = QApplication.instance()
    light = app.palette()
    wanted: dict[str, str] = {}

    def pick_group() -> None:
        groups.select_arn(next(g.arn for g in groups.model.rows() if g.name == ASSISTANT_GROUP))

    def loaded() -> bool:
        group = versions.group()
        return (group is not None and group.name == ASSISTANT_GROUP and versions.model.rowCount() == 3
                and not versions.model.loading)

    def pick_version() -> None:
        arn = next(v.arn for v in versions.model.rows() if v.version == 3)
        wanted["arn"] = arn
        versions.select_arn(arn)

    def shown() -> bool:
        current = details.current_details()
        return current is not None and current.arn == wanted.get("arn")

    def tab(title: str) -> Callable[[], None]:
        def show() -> None:
            tabs = next(t for t in details.findChildren(QTabWidget) if t.accessibleName() in named("Version details"))
            tabs.setCurrentIndex(next(i for i in range(tabs.count())
                                      if tabs.tabText(i).replace("&", "") in named(title)))
        return show

    drive.step("llm group", lambda: True, pick_group)
    drive.step("llm versions", loaded, pick_version)
    for palette, suffix in ((light, ""), (dark_palette(), "-dark")):
        drive.step(f"llm palette{suffix}", shown, lambda p=palette: app.setPalette(p))
        for title, name in (("Overview", "details-llm-overview"), ("Containers", "details-llm-containers")):
            drive.step(f"{name}{suffix}", lambda: True, tab(title))
            drive.step(f"screenshot {name}{suffix}", lambda: True,
                       lambda n=f"{name}{suffix}.png": drive.save(details, n))
    drive.step("llm light again", lambda: True, lambda: (app.setPalette(light), tab("Metrics")()))
    drive.step("screenshot llm metrics", lambda: True, lambda: drive.save(details, "details-llm-metrics.png"))
    drive.step("llm overview again", lambda: True, tab("Overview"))
