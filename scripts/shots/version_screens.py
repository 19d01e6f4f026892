"""Screenshot steps of a version's governance: audit, lifecycle, deletion, columns, metadata, card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtCore import QItemSelectionModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTabWidget  # noqa: E402

from app.ui.versions.model import PLACEHOLDER, VersionsModel  # noqa: E402
from scripts.shots.driver import Driver, dark_palette, named  # noqa: E402


def audit_steps(drive: Driver, window, state: dict) -> None:
    """The Audit tab of the version in Production (from CloudTrail) and of a version the trail
    knows nothing of (the fallback), light and dark: audit-tab*.png, audit-fallback*.png."""
    from app.sandbox.history import CHURN, CHURN_PRODUCTION, version_arn

    details, versions, groups = window.details_pane, window.versions_view, window.groups_view
    audit = details.audit_tab
    app = QApplication.instance()
    light = app.palette()
    dark = dark_palette()

    def pick_churn() -> None:
        groups.select_arn(next(g.arn for g in groups.model.rows() if g.name == CHURN))

    def select(arn: str) -> Callable[[], None]:
        def act() -> None:
            state["audit"] = arn
            versions.select_arn(arn)
        return act

    def shown() -> bool:
        timeline = audit.timeline()
        return timeline is not None and timeline.arn == state.get("audit") and not audit.progress.isVisible()

    def show_audit() -> None:
        tabs = next(t for t in details.findChildren(QTabWidget) if t.accessibleName() in named("Version details"))
        tabs.setCurrentWidget(audit)

    def scheme(is_dark: bool) -> Callable[[], None]:
        return lambda: app.setPalette(dark if is_dark else light)

    first = version_arn(CHURN, 1, window.workspace.connection.region)
    production = version_arn(CHURN, CHURN_PRODUCTION, window.workspace.connection.region)
    drive.step("audit group", lambda: True, pick_churn)
    drive.step("audit versions", lambda: versions.model.position_of(production) is not None
               and not versions.model.loading, select(production))
    drive.step("audit details", lambda: details.current_details() is not None, show_audit)
    for is_dark, suffix in ((False, ""), (True, "-dark")):
        drive.step(f"scheme{suffix}", lambda: True, scheme(is_dark))
        drive.step(f"production{suffix}", lambda: True, select(production))
        drive.step(f"screenshot audit{suffix}", shown, lambda s=suffix: drive.save(window, f"audit-tab{s}.png"))
        drive.step(f"fallback{suffix}", lambda: True, select(first))
        drive.step(f"screenshot fallback{suffix}", shown,
                   lambda s=suffix: drive.save(details, f"audit-fallback{s}.png"))
    drive.step("light again", lambda: True, scheme(False))


def version_governance_steps(drive: Driver, window, state: dict) -> None:
    """Set Lifecycle on three churn-prediction versions: lifecycle-preview.png (light), then in a
    dark palette lifecycle-problem-dark.png (a stage AWS would refuse) and lifecycle-result-dark.png;
    Delete Versions on a Production and an Archived version: delete-versions-preview.png (light,
    nothing typed) and delete-versions-preview-dark.png (the group name typed; not applied)."""
    from PySide6.QtWidgets import QComboBox, QLineEdit

    versions = window.versions_view
    light = QApplication.palette()

    def churn_ready() -> bool:
        group = versions.group()
        return (group is not None and group.name == "churn-prediction" and versions.model.rowCount() > 0
                and not versions.model.loading)

    def select(numbers: tuple[int, ...]) -> list:
        chosen = [v for v in versions.model.rows() if v.version in numbers]
        selection = versions.table.selectionModel()
        selection.clearSelection()
        for v in chosen:
            index = versions.proxy.mapFromSource(versions.model.index(versions.model.position_of(v.arn), 0))
            selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        return chosen

    def field(cls, name: str):
        return next(w for w in state["governance"].findChildren(cls) if w.accessibleName() in named(name))

    def open_lifecycle(palette) -> None:
        QApplication.setPalette(palette)
        dialog = window.flows.lifecycle_dialog(select((43, 44, 45)))
        dialog.resize(720, 560)
        dialog.show()
        state["governance"] = dialog

    def type_lifecycle(stage: str) -> Callable[[], None]:
        def act() -> None:
            field(QComboBox, "Stage").setEditText(stage)
            field(QComboBox, "Stage status").setEditText("Approved")
            field(QLineEdit, "Stage description").setText("Shadow test passed on 5% of traffic")
        return act

    def open_delete(palette) -> None:
        QApplication.setPalette(palette)
        dialog = window.flows.deletion_dialog(select((32, 40)))
        dialog.resize(720, 480)
        dialog.show()
        state["governance"] = dialog

    def shot(name: str) -> Callable[[], None]:
        return lambda: drive.save(state["governance"], name)

    groups = window.groups_view
    drive.step("churn again", lambda: True, lambda: groups.select_arn(
        next(g.arn for g in groups.model.rows() if g.name == "churn-prediction")))
    drive.step("churn for lifecycle", churn_ready, lambda: open_lifecycle(light))
    drive.step("lifecycle rules", lambda: state["governance"].rules_loaded(), type_lifecycle("Production"))
    drive.step("screenshot lifecycle preview", lambda: True, shot("lifecycle-preview.png"))
    drive.step("lifecycle dark", lambda: True, lambda: (state["governance"].reject(), open_lifecycle(dark_palette())))
    drive.step("lifecycle rules dark", lambda: state["governance"].rules_loaded(), type_lifecycle("Pre prod!"))
    drive.step("screenshot lifecycle problem", lambda: True, shot("lifecycle-problem-dark.png"))
    drive.step("fix the stage", lambda: True, type_lifecycle("Production"))
    drive.step("set lifecycle", lambda: True, lambda: state["governance"].apply())
    drive.step("lifecycle set", lambda: len(state["governance"].results()) == 3
               and not state["governance"].is_running(), shot("lifecycle-result-dark.png"))
    drive.step("delete light", lambda: True, lambda: (state["governance"].accept(), open_delete(light)))
    drive.step("screenshot delete preview", lambda: True, shot("delete-versions-preview.png"))
    drive.step("delete dark", lambda: True, lambda: (state["governance"].reject(), open_delete(dark_palette())))
    drive.step("type the name", lambda: True,
               lambda: field(QLineEdit, "Group name to confirm").setText("churn-prediction"))
    drive.step("screenshot delete preview dark", lambda: True, shot("delete-versions-preview-dark.png"))
    drive.step("delete closed", lambda: True, lambda: (state["governance"].reject(), QApplication.setPalette(light)))


def governance_columns_steps(drive: Driver, window, state: dict) -> None:
    """The versions table with its stage columns and the stage filter, a version's overview with its
    lifecycle and who changed it, and the metadata editor refusing a key: light, then dark
    (versions-stages*.png, versions-stage-filter*.png, metadata-editor*.png)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QComboBox

    from app.sandbox.history import CHURN, CHURN_PRODUCTION, CHURN_STAGING, version_arn
    from app.ui.versions.metadata_editor import KEY, MetadataDialog

    versions, details = window.versions_view, window.details_pane
    region = window.workspace.connection.region or "us-east-1"
    production, staging = version_arn(CHURN, CHURN_PRODUCTION, region), version_arn(CHURN, CHURN_STAGING, region)
    stage_filter = next(c for c in versions.findChildren(QComboBox) if c.accessibleName() in named("Stage filter"))

    def pick_churn() -> None:
        versions.columns.set_visible("modified_by", True)
        arn = next(g.arn for g in window.groups_view.model.rows() if g.name == CHURN)
        if not window.groups_view.select_arn(arn) or versions.group() is None or versions.group().name != CHURN:
            return
        versions.reload()

    def churn_ready() -> bool:
        group = versions.group()
        return group is not None and group.name == CHURN and not versions.model.loading and (
            versions.model.row_for(production) is not None)

    def show(arn: str, tab_title: str) -> Callable[[], None]:
        def act() -> None:
            stage_filter.setCurrentIndex(0)
            versions.select_arn(arn)
            tabs = details.tabs
            tabs.setCurrentIndex(next(i for i in range(tabs.count())
                                      if tabs.tabText(i).replace("&", "") in named(tab_title)))
        return act

    def described(arn: str) -> Callable[[], bool]:
        def ready() -> bool:
            current, model = details.current_details(), versions.model
            filled = model.index(model.position_of(arn), VersionsModel.MODIFIED_BY).data() != PLACEHOLDER
            return current is not None and current.arn == arn and filled
        return ready

    def filter_to(stage: str) -> None:
        stage_filter.setCurrentIndex(stage_filter.findText(stage))

    def open_editor() -> None:
        dialog = MetadataDialog(window.workspace.connection, window.store.details(staging), window.store, window)
        dialog.resize(860, 520)
        dialog.show()
        state["metadata"] = dialog

    def bad_key() -> None:
        dialog = state["metadata"]
        dialog.add_key()
        row = dialog.table.rowCount() - 1
        dialog.table.setCurrentCell(row, KEY + 2)  # the key's editor closes, as when the user moves on
        dialog.table.item(row, KEY).setText("owner#team")
        dialog.table.item(row, KEY + 1).setText("growth-ml")
        dialog.source_uri.setText("s3://registry-desk-models-123456789012/churn-prediction/v44/source.tar.gz")
        dialog.table.item(dialog.row_of("training_job"), KEY + 1).setText("churn-xgb-2024-11-w44-rerun")

    def set_dark(dark: bool) -> None:
        app = QGuiApplication.instance()
        if dark:
            state["light palette"] = app.palette()
            app.setPalette(dark_palette())
        elif "light palette" in state:
            app.setPalette(state.pop("light palette"))

    for suffix, dark in (("", False), ("-dark", True)):
        drive.step(f"theme{suffix}", lambda: True, lambda dark=dark: set_dark(dark))
        drive.step(f"churn{suffix}", lambda: True, pick_churn)
        drive.step(f"churn loaded{suffix}", churn_ready, show(production, "Overview"))
        drive.step(f"production{suffix}", described(production),
                   lambda suffix=suffix: drive.save(window, f"versions-stages{suffix}.png"))
        drive.step(f"filter{suffix}", lambda: True, lambda: filter_to("Development"))
        drive.step(f"filtered{suffix}", lambda: True,
                   lambda suffix=suffix: drive.save(window, f"versions-stage-filter{suffix}.png"))
        drive.step(f"staging{suffix}", lambda: True, show(staging, "Metadata"))
        drive.step(f"staging described{suffix}", described(staging), open_editor)
        drive.step(f"rules{suffix}", lambda: state["metadata"].hint.text() != "Reading the API's limits…", bad_key)
        drive.step(f"editor{suffix}", lambda: True,
                   lambda suffix=suffix: drive.save(state["metadata"], f"metadata-editor{suffix}.png"))
        drive.step(f"close editor{suffix}", lambda: True, lambda: state["metadata"].done(0))  # no question
    drive.step("theme back", lambda: True, lambda: set_dark(False))


def card_steps(drive: Driver, window, state: dict) -> None:
    """The Card tab of churn v40 (an approved card; its last sections too), of v43 (none), the
    editor with a change and a problem named, then the tab and the editor of v45 (pending review)
    on a dark palette: card-*.png and card-*-dark.png."""
    from PySide6.QtGui import QPalette

    from app.ui.versions.details import DetailsPane

    groups, versions, details = window.groups_view, window.versions_view, window.details_pane
    app = QApplication.instance()

    def churn_loaded() -> bool:
        group = versions.group()
        return (group is not None and group.name == "churn-prediction" and versions.model.rowCount() > 0
                and not versions.model.loading)

    def pick(number: int) -> Callable[[], None]:
        def act() -> None:
            arn = next(v.arn for v in versions.model.rows() if v.version == number)
            state["card version"] = arn
            versions.select_arn(arn)
            details.tabs.setCurrentIndex(DetailsPane.CARD)
        return act

    def shown() -> bool:
        current = details.current_details()
        return (current is not None and current.arn == state.get("card version")
                and details.card_tab.schema is not None)

    def edit(kind: str) -> None:
        details.card_tab.edit_button.click()
        editor = details.card_tab.editor
        editor.resize(900, 820)
        state["card editor"] = editor
        if kind == "light":
            owner = editor.form.fields[("model_overview", "model_owner")]
            owner.setText("retention-ml@example.com")
            owner.textEdited.emit(owner.text())

    def json_problem() -> None:
        editor = state["card editor"]
        editor.tabs.setCurrentIndex(1)
        text = editor.json_text.toPlainText().replace('"risk_rating": "Low"', '"risk_rating": "Severe"')
        editor.json_text.setPlainText(text)

    def dark() -> None:
        state["light palette"] = QPalette(app.palette())
        app.setPalette(dark_palette())

    def close_editor() -> None:
        state["card editor"].reject()

    drive.step("card group", lambda: True, lambda: groups.select_arn(
        next(g.arn for g in groups.model.rows() if g.name == "churn-prediction")))
    drive.step("card versions", churn_loaded, pick(40))
    drive.step("approved card", shown, lambda: drive.save(window, "card-tab.png"))

    def scroll_down() -> None:
        bar = details.card_tab.pages.verticalScrollBar()
        bar.setValue(bar.maximum())

    drive.step("scroll card", lambda: True, scroll_down)
    drive.step("screenshot sections", lambda: True, lambda: drive.save(details, "card-tab-sections.png"))
    drive.step("edit card", lambda: True, lambda: edit("light"))
    drive.step("screenshot editor", lambda: True, lambda: drive.save(state["card editor"], "card-editor.png"))
    drive.step("json problem", lambda: True, json_problem)
    drive.step("screenshot problem", lambda: not state["card editor"].problems.isHidden(),
               lambda: drive.save(state["card editor"], "card-editor-json.png"))
    drive.step("close editor", lambda: True, close_editor)
    drive.step("no card", lambda: True, pick(43))
    drive.step("screenshot no card", shown, lambda: drive.save(details, "card-empty.png"))
    drive.step("dark", lambda: True, dark)
    drive.step("pending card", lambda: True, pick(45))
    drive.step("screenshot dark", shown, lambda: drive.save(window, "card-tab-dark.png"))
    drive.step("edit dark", lambda: True, lambda: edit("dark"))
    drive.step("screenshot editor dark", lambda: True,
               lambda: drive.save(state["card editor"], "card-editor-dark.png"))
    drive.step("light again", lambda: True, lambda: (close_editor(), app.setPalette(state["light palette"])))
