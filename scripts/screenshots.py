"""Refresh the README screenshots: the real sandbox window, driven step by step.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]

Writes main-window.png (a pipeline's containers), versions-details.png (metrics of a version),
bulk-preview.png and bulk-result.png (a bulk approval), crossaccount-*.png (each page of the
cross-account setup wizard), accounts*.png and profile-dialog.png (a new user's accounts journey),
register-*.png, empty-group-*.png (Empty and Delete Group, light and dark), lifecycle-*.png and
delete-versions-*.png (Set Lifecycle and Delete Versions, light and dark) into OUT_DIR
(docs/screenshots).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton, QTabWidget  # noqa: E402

from app.cli import build_parser, create_application, create_window  # noqa: E402
from app.registry.versions.records import APPROVED, PENDING  # noqa: E402
from app.ui.versions.approval import ApprovalDialog  # noqa: E402
from app.ui.versions.model import PLACEHOLDER, VersionsModel  # noqa: E402
from tests.conftest import InMemoryKeyring  # noqa: E402


class Driver:
    """Runs steps one after another; each waits for a condition without blocking the loop."""

    def __init__(self, app: QApplication, out: Path):
        self.app, self.out = app, out
        self.steps: list[tuple[str, Callable[[], bool], Callable[[], None]]] = []
        self.deadline = 0.0

    def step(self, name: str, ready: Callable[[], bool], action: Callable[[], None]) -> None:
        self.steps.append((name, ready, action))

    def start(self) -> None:
        self.deadline = time.monotonic() + 30
        QTimer.singleShot(200, self._tick)

    def _tick(self) -> None:
        if not self.steps:
            self.app.quit()
            return
        name, ready, action = self.steps[0]
        if ready():
            self.steps.pop(0)
            action()
            self.deadline = time.monotonic() + 30
            QTimer.singleShot(400, self._tick)  # let paints settle
        elif time.monotonic() > self.deadline:
            print(f"timed out waiting for: {name}", file=sys.stderr)
            self.app.exit(1)
        else:
            QTimer.singleShot(50, self._tick)

    def save(self, widget, name: str) -> None:
        path = self.out / name
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def dark_palette():
    """A dark desktop theme, as Fusion draws it: the offscreen and xvfb platforms have none to ask."""
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, "#2b2d30"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1e1f22"),
                        (roles.AlternateBase, "#26282b"), (roles.Text, "#e6e6e6"), (roles.Button, "#3a3c40"),
                        (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#2f65ca"),
                        (roles.HighlightedText, "#ffffff"), (roles.PlaceholderText, "#8c8c8c"),
                        (roles.ToolTipBase, "#3a3c40"), (roles.ToolTipText, "#e6e6e6"), (roles.Mid, "#46484c"),
                        (roles.Dark, "#191a1c"), (roles.Light, "#505257")):
        p.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#787878"))
    return p


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)

    # A first run's look: no window state or column widths remembered from an earlier session.
    settings_dir = tempfile.TemporaryDirectory()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, settings_dir.name)
    # The profiles the accounts steps add go to a throwaway config dir and an in-memory keyring.
    os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = settings_dir.name
    keyring.set_keyring(InMemoryKeyring())
    app = create_application()
    window, runtime = create_window(build_parser().parse_args(["--sandbox"]))
    window.resize(1500, 900)
    window.show()
    groups, versions, details = window.groups_view, window.versions_view, window.details_pane
    drive = Driver(app, out)
    state: dict = {}

    def pick_group(name: str) -> Callable[[], None]:
        def act() -> None:
            arn = next(g.arn for g in groups.model.rows() if g.name == name)
            groups.select_arn(arn)
        return act

    def versions_ready(name: str) -> Callable[[], bool]:
        def ready() -> bool:
            model = versions.model
            group = versions.group()
            return (group is not None and group.name == name and model.rowCount() > 0 and not model.loading
                    and all(model.index(r, VersionsModel.IMAGES).data() != PLACEHOLDER
                            for r in range(model.rowCount())))
        return ready

    def details_of(predicate: Callable) -> Callable[[], bool]:
        return lambda: details.current_details() is not None and predicate(details.current_details())

    def tab(title: str) -> None:
        tabs = next(t for t in details.findChildren(QTabWidget) if t.accessibleName() == "Version details")
        tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == title))

    drive.step("groups", lambda: groups.model.rowCount() >= 5 and not groups.model.loading,
               pick_group("churn-prediction"))

    def pick_metrics_version() -> None:
        rows = versions.model.rows()
        approved = [v for v in rows if v.status == APPROVED]
        state["metrics"] = (approved or rows)[0].arn
        versions.select_arn(state["metrics"])

    drive.step("churn versions", versions_ready("churn-prediction"), pick_metrics_version)
    drive.step("churn details", details_of(lambda d: d.arn == state.get("metrics")), lambda: tab("Metrics"))
    drive.step("metrics shown", lambda: True, lambda: None)
    drive.step("screenshot details", lambda: True, lambda: drive.save(window, "versions-details.png"))
    drive.step("fraud", lambda: True, pick_group("fraud-detection"))

    def pick_pipeline() -> None:
        for v in versions.model.rows():
            spec = versions.model.brief_for(v.arn)
            if spec is not None and len(spec.images) > 1:
                state["pipeline"] = v.arn
                versions.select_arn(v.arn)
                return

    drive.step("fraud versions", versions_ready("fraud-detection"), pick_pipeline)
    drive.step("pipeline details", details_of(lambda d: d.arn == state.get("pipeline")), lambda: tab("Containers"))
    drive.step("screenshot main", lambda: True, lambda: drive.save(window, "main-window.png"))
    drive.step("back to churn", lambda: True, pick_group("churn-prediction"))

    def open_bulk() -> None:
        pending = [v for v in versions.model.rows() if v.status == PENDING][:5]
        selection = versions.table.selectionModel()
        selection.clearSelection()
        for v in pending:
            index = versions.proxy.mapFromSource(versions.model.index(versions.model.position_of(v.arn), 0))
            selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        dialog = ApprovalDialog(window.workspace.connection, pending, APPROVED, window)
        dialog.versionUpdated.connect(window.flows.version_updated)
        dialog.show()
        comment = next(w for w in dialog.findChildren(QPlainTextEdit) if w.accessibleName() == "Approval comment")
        comment.setPlainText("Passed the shadow test on 2026-11-24; AUC within 0.5% of production.")
        state["dialog"] = dialog

    drive.step("churn again", versions_ready("churn-prediction"), open_bulk)
    drive.step("screenshot preview", lambda: True, lambda: drive.save(state["dialog"], "bulk-preview.png"))

    def apply() -> None:
        button = next(b for b in state["dialog"].findChildren(QPushButton) if b.accessibleName() == "Apply")
        button.click()

    drive.step("apply", lambda: True, apply)
    drive.step("results", lambda: len(state["dialog"].results()) == 5, lambda: None)
    drive.step("screenshot result", lambda: True, lambda: drive.save(state["dialog"], "bulk-result.png"))
    drive.step("screenshot window after", lambda: True, lambda: (state["dialog"].close(),
                                                                 drive.save(window, "after-bulk.png")))
    audit_steps(drive, window, state)
    cross_account_steps(drive, window, state)
    register_steps(drive, window, state)
    empty_group_steps(drive, window, state)
    group_details_steps(drive, window, state)
    version_governance_steps(drive, window, state)
    governance_columns_steps(drive, window, state)
    accounts_steps(drive, window, state)  # last: it switches the window to the training account
    drive.start()
    code = app.exec()
    window.close()
    if runtime is not None:
        runtime.stop()
    return code


def register_steps(drive: Driver, window, state: dict) -> None:
    """Every page of the register wizard (a pipeline from fraud-detection), and one refusing input."""
    from app.registry.accounts.sessions import session_for
    from app.registry.versions.describe import describe_version
    from app.registry.versions.registration import spec_from_describe
    from app.ui.wizards.register import PageId, RegisterWizard

    def open_wizard(kind: str) -> None:
        connection = window.workspace.connection
        source = None
        if kind == "pipeline":
            source = spec_from_describe(describe_version(session_for(connection), state["pipeline"]).raw)
        wizard = RegisterWizard(connection, window.settings, source=source,
                                target_group=None if source else "churn-prediction", parent=window)
        wizard.resize(1100, 740)
        wizard.show()
        state["register"] = wizard

    def wizard() -> RegisterWizard:
        return state["register"]

    def shot(name: str) -> Callable[[], None]:
        return lambda: drive.save(wizard(), name)

    def bad_input() -> None:
        wizard().next()
        editor = wizard().containers_page.editor
        editor.image.setText("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1 ")
        editor.model_data.setText("s3://registry-desk-models-123456789012/churn-prediction/v99/model.tar.gz")
        editor.environment.add_row("MODEL-NAME", "churn")
        editor.environment.itemChanged.emit(None)

    drive.step("open pipeline wizard", lambda: True, lambda: open_wizard("pipeline"))
    drive.step("target ready", lambda: wizard().target_page.group() == "fraud-detection", shot("register-target.png"))
    drive.step("containers", lambda: True, lambda: wizard().next())
    drive.step("objects checked", lambda: wizard().containers_page.isComplete(), shot("register-containers.png"))
    for page, name in (("inference", "register-inference.png"), ("details", "register-details.png"),
                       ("review", "register-review.png")):
        drive.step(page, lambda: True, lambda: wizard().next())
        drive.step(f"screenshot {page}", lambda: True, shot(name))
    drive.step("submit", lambda: True, lambda: wizard().submit())
    drive.step("registered", lambda: wizard().currentId() == PageId.RESULT, shot("register-result.png"))
    drive.step("close pipeline wizard", lambda: True, lambda: wizard().close())
    drive.step("open single wizard", lambda: True, lambda: open_wizard("single"))
    drive.step("single target", lambda: wizard().target_page.group() == "churn-prediction", bad_input)
    drive.step("missing object", lambda: "no object" in wizard().containers_page.editor.model_data_status.text(),
               shot("register-problems.png"))
    drive.step("close single wizard", lambda: True, lambda: wizard().done(0))  # no "discard?" question
    picker_steps(drive, window, state)


def picker_steps(drive: Driver, window, state: dict) -> None:
    """The ECR picker on fraud-inference and the S3 browser inside a pipeline's folder."""
    from app.ui.wizards.register.pickers import ImagePickerDialog, S3BrowserDialog

    def open_picker(kind: str) -> None:
        connection = window.workspace.connection
        url = "s3://registry-desk-models-123456789012/fraud-detection/v6/xgboost/model.tar.gz"
        dialog = ImagePickerDialog(connection, window) if kind == "ecr" else S3BrowserDialog(connection, url, window)
        dialog.show()
        state["picker"] = dialog

    def choose_repository() -> None:
        repositories = state["picker"].repositories
        repositories.setCurrentItem(repositories.findItems("fraud-inference", Qt.MatchFlag.MatchExactly)[0])

    drive.step("open ECR picker", lambda: True, lambda: open_picker("ecr"))
    drive.step("repositories", lambda: bool(state["picker"].repositories.findItems(
        "fraud-inference", Qt.MatchFlag.MatchExactly)), choose_repository)
    drive.step("tags", lambda: state["picker"].tags.topLevelItemCount() == 3,
               lambda: drive.save(state["picker"], "register-pick-image.png"))
    drive.step("close ECR picker", lambda: True, lambda: state["picker"].reject())
    drive.step("open S3 browser", lambda: True, lambda: open_picker("s3"))
    drive.step("objects", lambda: state["picker"].entries.topLevelItemCount() > 0,
               lambda: drive.save(state["picker"], "register-browse-s3.png"))
    drive.step("close S3 browser", lambda: True, lambda: state["picker"].reject())


def accounts_steps(drive: Driver, window, state: dict) -> None:
    """A new user's journey in the sandbox, Accounts dock open: profile-dialog.png (the sandbox hint,
    filled in as it suggests), accounts.png (whole window: every profile checked) and
    accounts-training.png (the training account's registry, reached through the added role)."""
    import re

    from PySide6.QtWidgets import QLabel

    view = window.accounts_view

    def hint() -> dict[str, str]:
        label = next(w for w in state["profile_dialog"].findChildren(QLabel) if w.accessibleName() == "Sandbox hint")
        text = label.text()
        return {"key": re.search(r"AKIA[A-Z0-9]{16}", text).group(0),
                "secret": re.search(r"<code>([A-Za-z0-9/+]{40})</code>", text).group(1),
                "role": re.search(r"arn:aws:iam::\d{12}:role/[\w+=,.@/-]+", text).group(0)}

    def open_dialog(fill: Callable[[object, dict[str, str]], None]) -> Callable[[], None]:
        def act() -> None:
            dialog = view._dialog()
            dialog.resize(700, dialog.sizeHint().height())
            dialog.show()
            state["profile_dialog"] = dialog
            fill(dialog, hint())
        return act

    def registry_profile(dialog, suggested: dict[str, str]) -> None:
        dialog.name_edit.setText("registry")
        dialog.region_box.setCurrentText("us-east-1")
        dialog.key_id_edit.setText(suggested["key"])
        dialog.secret_edit.setText(suggested["secret"])

    def training_profile(dialog, suggested: dict[str, str]) -> None:
        dialog.name_edit.setText("training")
        dialog.role_group.setChecked(True)
        dialog.role_edit.setText(suggested["role"])
        dialog.source_box.setCurrentIndex(dialog.source_box.findData("registry"))

    def save() -> None:
        state["profile_dialog"].save()

    def saved() -> bool:
        return state["profile_dialog"].saved is not None

    def after_save() -> None:
        name = state["profile_dialog"].saved.name
        view._changed(name, "Profile %1 added.")

    def checked(*names: str) -> Callable[[], bool]:
        return lambda: all(view.model.row_for(n) is not None and view.model.row_for(n).identity is not None
                           for n in names)

    def check(*names: str) -> Callable[[], None]:
        return lambda: [view.check(n) for n in names]

    def use_training() -> None:
        # Open on the training account's own group (as a returning user would).
        window.settings.set_last_group(
            "training@us-east-1", "arn:aws:sagemaker:us-east-1:210987654321:model-package-group/training-experiments")
        view.select("training")
        view.use_selected()

    def training_versions() -> bool:
        group = window.versions_view.group()
        return (window.workspace.connection.display_name == "training" and group is not None
                and group.name == "training-experiments" and window.versions_view.model.rowCount() > 0
                and not window.versions_view.model.loading)

    drive.step("open accounts", lambda: True, lambda: window.actions_by_name["accounts"].trigger())
    drive.step("accounts loaded", lambda: view.model.row_for("sandbox-training") is not None,
               check("sandbox", "sandbox-training"))
    drive.step("sandbox checked", checked("sandbox", "sandbox-training"), open_dialog(registry_profile))
    drive.step("screenshot profile dialog", lambda: True,
               lambda: drive.save(state["profile_dialog"], "profile-dialog.png"))
    drive.step("save registry", lambda: True, save)
    drive.step("registry saved", saved, after_save)
    drive.step("registry listed", lambda: view.model.row_for("registry") is not None, open_dialog(training_profile))
    drive.step("save training", lambda: True, save)
    drive.step("training saved", saved, after_save)
    drive.step("training listed", lambda: view.model.row_for("training") is not None,
               check("registry", "training"))
    drive.step("all checked", checked("registry", "training"), lambda: view.select("training"))
    drive.step("screenshot accounts", lambda: True, lambda: drive.save(window, "accounts.png"))
    drive.step("use training", lambda: True, use_training)
    drive.step("screenshot training registry", training_versions,
               lambda: drive.save(window, "accounts-training.png"))


def cross_account_steps(drive: Driver, window, state: dict) -> None:
    """Every page of the cross-account wizard, from the two sandbox accounts: crossaccount-*.png."""
    from app.ui.wizards.crossaccount.wizard import CrossAccountWizard

    def open_wizard() -> None:
        wizard = CrossAccountWizard(window.workspace.choices(), registry=window.workspace.connection,
                                    hand_off=lambda *_: None, parent=window)
        wizard.resize(1150, 760)
        wizard.show()
        state["wizard"] = wizard

    def loaded() -> bool:
        page = state["wizard"].choose_page
        return page.training_account.text().isdigit() and page.repositories.count() > 0

    def wizard_step(name: str, ready: Callable[[], bool], action: Callable[[], None]) -> None:
        drive.step(name, ready, action)
        drive.step(f"screenshot {name}", lambda: True, lambda: drive.save(state["wizard"], f"crossaccount-{name}.png"))

    drive.step("open wizard", lambda: True, open_wizard)
    wizard_step("choose", loaded, lambda: state["wizard"].choose_page.prefix.setText("churn/"))
    drive.step("plan", lambda: True, lambda: state["wizard"].next())
    wizard_step("review", lambda: state["wizard"].plan is not None,
                lambda: state["wizard"].review_page.steps.setCurrentRow(1))
    drive.step("to apply", lambda: True, lambda: state["wizard"].next())
    drive.step("apply", lambda: True, lambda: state["wizard"].apply_page.start_apply())
    wizard_step("apply", lambda: state["wizard"].outcome is not None, lambda: None)
    drive.step("to verify", lambda: True, lambda: state["wizard"].next())
    wizard_step("verify", lambda: state["wizard"].verify_page.results() is not None, lambda: None)
    wizard_step("handoff", lambda: True, lambda: state["wizard"].next())
    # Keep the setup (closing asks whether to roll back what was written).
    drive.step("close wizard", lambda: True, lambda: state["wizard"].close_now())


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
        tabs = next(t for t in details.findChildren(QTabWidget) if t.accessibleName() == "Version details")
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
def empty_group_steps(drive: Driver, window, state: dict) -> None:
    """Empty and Delete Group on a scratch group of six versions: empty-group-preview.png (light,
    the name typed), then in a dark palette empty-group-preview-dark.png and empty-group-result-dark.png."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLineEdit

    from app.registry.accounts.sessions import session_for

    groups = window.groups_view
    light = QApplication.palette()

    def make_scratch() -> None:
        sagemaker = session_for(window.workspace.connection).client("sagemaker")
        arn = sagemaker.create_model_package_group(ModelPackageGroupName="old-experiments",
                                                   ModelPackageGroupDescription="Spring 2026 trials")[
            "ModelPackageGroupArn"]
        spec = {"Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1"}],
                "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}
        stages = [("Development", "InProgress"), ("Development", "Rejected"), ("Staging", "Approved"),
                  ("Production", "Approved"), None, None]
        for stage in stages:
            version = sagemaker.create_model_package(ModelPackageGroupName="old-experiments",
                                                     InferenceSpecification=spec)["ModelPackageArn"]
            if stage is not None:
                sagemaker.update_model_package(ModelPackageArn=version,
                                               ModelLifeCycle={"Stage": stage[0], "StageStatus": stage[1]})
            if stage == ("Production", "Approved"):
                sagemaker.update_model_package(ModelPackageArn=version, ModelApprovalStatus="Approved")
        state["scratch"] = arn
        groups.reload(keep_selection=True, select=arn)

    def open_dialog(palette: QPalette) -> None:
        QApplication.setPalette(palette)
        dialog = groups.emptying_dialog(groups.current_group())  # wired as the Group menu's
        dialog.resize(720, 640)
        dialog.show()
        state["empty"] = dialog

    def planned() -> bool:
        return state["empty"].plan is not None

    def type_name() -> None:
        next(w for w in state["empty"].findChildren(QLineEdit)
             if w.accessibleName() == "Group name to confirm").setText("old-experiments")

    def shot(name: str) -> Callable[[], None]:
        return lambda: drive.save(state["empty"], name)

    drive.step("make scratch group", lambda: True, make_scratch)
    drive.step("scratch selected", lambda: (groups.current_group() is not None
                                            and groups.current_group().name == "old-experiments"),
               lambda: open_dialog(light))
    drive.step("planned", planned, type_name)
    drive.step("screenshot empty preview", lambda: True, shot("empty-group-preview.png"))
    drive.step("close light", lambda: True, lambda: (state["empty"].reject(), open_dialog(dark_palette())))
    drive.step("planned dark", planned, type_name)
    drive.step("screenshot empty preview dark", lambda: True, shot("empty-group-preview-dark.png"))
    drive.step("delete", lambda: True, lambda: state["empty"].apply())
    drive.step("deleted", lambda: state["empty"].deletion is not None and not state["empty"].is_running(),
               shot("empty-group-result-dark.png"))
    drive.step("back to light", lambda: True, lambda: (state["empty"].accept(), QApplication.setPalette(light)))
    drive.step("group gone", lambda: groups.model.position_of(state["scratch"]) is None, lambda: groups.select_arn(
        next(g.arn for g in groups.model.rows() if g.name == "churn-prediction")))
def group_details_steps(drive: Driver, window, state: dict) -> None:
    """A group's details (the one whose policy the cross-account setup wrote), light
    and dark: group-details.png, group-tags.png, group-policy.png and their -dark twins; then a
    group shared from the training account, read-only: group-shared-*.png."""

    area, groups = window.details_area, window.groups_view
    view = area.group_details

    def show() -> None:
        wizard = state.get("wizard")  # the group the cross-account setup gave a policy
        state["group"] = wizard.choose_page.group_picker.currentText() if wizard else "churn-prediction"
        groups.select_arn(next(g.arn for g in groups.model.rows() if g.name == state["group"]))
        area.show_group_details()

    def loaded() -> bool:
        details = view.details()
        return area.currentWidget() is view and details is not None and details.info.name == state["group"]

    def on_tab(index: int, name: str) -> None:
        drive.step(f"tab {name}", lambda: True, lambda: view.tabs.setCurrentIndex(index))
        drive.step(f"screenshot {name}", lambda: True, lambda: drive.save(window, f"{name}.png"))

    def typed_bad_key() -> None:
        view.tags_tab.key.setText("cost#center")
        view.tags_tab.value.setText("cc-4471")

    def go_dark() -> None:
        state["light"] = QApplication.palette()
        QApplication.setPalette(dark_palette())

    drive.step("group details", lambda: True, show)
    drive.step("group details loaded", loaded, lambda: None)
    on_tab(view.OVERVIEW, "group-details")
    drive.step("bad tag", lambda: True, typed_bad_key)
    on_tab(view.TAGS, "group-tags")
    on_tab(view.POLICY, "group-policy")
    drive.step("dark", lambda: True, go_dark)
    on_tab(view.TAGS, "group-tags-dark")
    on_tab(view.POLICY, "group-policy-dark")
    drive.step("light again", lambda: True, lambda: QApplication.setPalette(state["light"]))

    def show_shared() -> None:
        state["group"] = "training-experiments"
        groups.select_arn(next(g.arn for g in groups.model.rows() if g.name == state["group"]))

    drive.step("shared group", lambda: True, show_shared)
    drive.step("shared group loaded", loaded, lambda: None)
    on_tab(view.TAGS, "group-shared-tags")
    on_tab(view.POLICY, "group-shared-policy")



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
        return next(w for w in state["governance"].findChildren(cls) if w.accessibleName() == name)

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
    stage_filter = next(c for c in versions.findChildren(QComboBox) if c.accessibleName() == "Stage filter")

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
            tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == tab_title))
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


if __name__ == "__main__":
    sys.exit(main())
