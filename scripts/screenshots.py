"""Refresh the README screenshots: the real sandbox window, driven step by step.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]

Writes main-window.png (a pipeline's containers), versions-details.png (metrics of a version),
bulk-preview.png and bulk-result.png (a bulk approval), crossaccount-*.png (each page of the
cross-account setup wizard), accounts*.png and profile-dialog.png (a new user's accounts journey)
and register-*.png into OUT_DIR (docs/screenshots).
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
    cross_account_steps(drive, window, state)
    register_steps(drive, window, state)
    card_steps(drive, window, state)
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



def card_steps(drive: Driver, window, state: dict) -> None:
    """The Card tab of churn v40 (an approved card; its last sections too), of v43 (none), the
    editor with a change and a problem named, then the tab and the editor of v45 (pending review)
    on a dark palette: card-*.png and card-*-dark.png."""
    from PySide6.QtGui import QColor, QPalette

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
        palette = QPalette()
        for role, colour in ((QPalette.ColorRole.Window, "#2b2d30"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                             (QPalette.ColorRole.Base, "#1e1f22"), (QPalette.ColorRole.AlternateBase, "#26282b"),
                             (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#3c3f41"),
                             (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#2f65ca"),
                             (QPalette.ColorRole.HighlightedText, "#ffffff"),
                             (QPalette.ColorRole.PlaceholderText, "#8c8c8c")):
            palette.setColor(role, QColor(colour))
        app.setPalette(palette)

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


if __name__ == "__main__":
    sys.exit(main())
