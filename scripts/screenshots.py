"""Refresh the README screenshots: the real sandbox window, driven step by step.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py [OUT_DIR] [--language fr]

Writes main-window.png (a pipeline's containers), versions-details.png (metrics of a version),
bulk-preview.png and bulk-result.png (a bulk approval), crossaccount-*.png (each page of the
cross-account setup wizard; crossaccount-nokey*.png and crossaccount-ram-*.png, light and dark,
for the KMS warning and the AWS RAM promotion), accounts*.png and profile-dialog.png (a new user's
accounts journey), register-*.png (the Advanced page light, dark and at 1280x720 too;
register-additional-specs*.png: the additional inference specifications editor),
empty-group-*.png (Empty and Delete Group, light and dark), lifecycle-*.png and
delete-versions-*.png (Set Lifecycle and Delete Versions, light and dark), search-everywhere*.png
(Search Everywhere with results from two accounts, light and dark), estate.png,
estate-targets.png and estate-dark.png (the Estate dock and its choice of accounts and regions),
inbox.png and inbox-dark.png (the versions waiting for approval), compare-versions*.png and
compare-metrics*.png (Compare Versions, light and dark; compare-metrics-problem.png), trends.png,
trends-dark.png and trends-time-dark.png (the metric trends of lead-scoring), toolbar*.png,
menu-view*.png and menu-version*.png (the bundled action icons, light and dark) into OUT_DIR
(docs/screenshots; with --language fr, the French window into docs/screenshots/fr).

With --dark, the whole set is made with a dark desktop palette from the start, each screen saved
as NAME-dark.png (a screen the light set already shows dark is made once):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py --dark [OUT_DIR]

Each scripts/shots/NAME.py run alone takes --dark and --language too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from PySide6.QtCore import QItemSelectionModel, QSettings  # noqa: E402
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QTabWidget  # noqa: E402

from app.cli import build_parser, create_application, create_window  # noqa: E402
from app.registry.versions.records import APPROVED, PENDING  # noqa: E402
from app.ui.settings import Settings  # noqa: E402
from app.ui.versions.approval import ApprovalDialog  # noqa: E402
from app.ui.versions.model import PLACEHOLDER, VersionsModel  # noqa: E402
from scripts.shots.about import about_steps  # noqa: E402
from scripts.shots.accounts import accounts_steps, cross_account_steps  # noqa: E402
from scripts.shots.additional_specs import additional_specs_steps  # noqa: E402
from scripts.shots.compare import compare_steps  # noqa: E402
from scripts.shots.crossaccount import cross_account_finished_steps  # noqa: E402
from scripts.shots.deployed_screens import deployed_steps  # noqa: E402
from scripts.shots.driver import Driver, dark_palette, named, show_language  # noqa: E402
from scripts.shots.estate import estate_steps  # noqa: E402
from scripts.shots.group_screens import empty_group_steps, group_details_steps  # noqa: E402
from scripts.shots.inbox import inbox_steps  # noqa: E402
from scripts.shots.menus import menus_steps  # noqa: E402
from scripts.shots.model_data_details import model_data_details_steps  # noqa: E402
from scripts.shots.preferences import preferences_steps  # noqa: E402
from scripts.shots.registration import register_steps  # noqa: E402
from scripts.shots.search import search_steps  # noqa: E402
from scripts.shots.trends import trends_steps  # noqa: E402
from scripts.shots.version_screens import (  # noqa: E402
    audit_steps,
    card_steps,
    governance_columns_steps,
    version_governance_steps,
)
from tests.conftest import InMemoryKeyring  # noqa: E402


def open_sandbox(language: str = "", dark: bool = False):
    """(settings folder, application, window, runtime): the sandbox window, shown, as a first run
    sees it, in `language` ("" for the system's, "en", "fr"), on a dark desktop when `dark`. Keep
    the settings folder while the window lives."""
    # A first run's look: no window state or column widths remembered from an earlier session.
    settings_dir = tempfile.TemporaryDirectory()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, settings_dir.name)
    Settings().set_language(language)  # as View ▸ Language leaves it
    show_language(language or "en")
    # The profiles the accounts steps add go to a throwaway config dir and an in-memory keyring.
    os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = os.environ["XDG_CACHE_HOME"] = settings_dir.name
    keyring.set_keyring(InMemoryKeyring())
    app = create_application()
    if dark:
        app.setPalette(dark_palette())
    window, runtime = create_window(build_parser().parse_args(["--sandbox"]))
    window.resize(1500, 900)
    window.show()
    window.complete()  # every view and dock now: the shots drive them all
    return settings_dir, app, window, runtime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", help="default: docs/screenshots, or docs/screenshots/LANGUAGE")
    parser.add_argument("--language", default="en", choices=("en", "fr"),
                        help="the window's language (View ▸ Language); fr writes into docs/screenshots/fr/")
    parser.add_argument("--dark", action="store_true", help="every screen on a dark palette, as NAME-dark.png")
    args = parser.parse_args()
    default = ROOT / "docs" / "screenshots"
    out = Path(args.out) if args.out else (default if args.language == "en" else default / args.language)
    out.mkdir(parents=True, exist_ok=True)

    settings_dir, app, window, runtime = open_sandbox(args.language, args.dark)
    groups, versions, details = window.groups_view, window.versions_view, window.details_pane
    drive = Driver(app, out, "-dark" if args.dark else "")
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
        tabs = next(t for t in details.findChildren(QTabWidget) if t.accessibleName() in named("Version details"))
        tabs.setCurrentIndex(next(i for i in range(tabs.count())
                                  if tabs.tabText(i).replace("&", "") in named(title)))

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
            if spec is not None and len(spec.images) >= 3:  # v6, not v5 (two containers)
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
        comment = next(w for w in dialog.findChildren(QPlainTextEdit)
                       if w.accessibleName() in named("Approval comment"))
        comment.setPlainText("Passed the shadow test on 2026-11-24; AUC within 0.5% of production.")
        state["dialog"] = dialog

    drive.step("churn again", versions_ready("churn-prediction"), open_bulk)
    drive.step("screenshot preview", lambda: True, lambda: drive.save(state["dialog"], "bulk-preview.png"))

    def apply() -> None:
        button = next(b for b in state["dialog"].findChildren(QPushButton) if b.accessibleName() in named("Apply"))
        button.click()

    drive.step("apply", lambda: True, apply)
    drive.step("results", lambda: len(state["dialog"].results()) == 5, lambda: None)
    drive.step("screenshot result", lambda: True, lambda: drive.save(state["dialog"], "bulk-result.png"))
    drive.step("screenshot window after", lambda: True, lambda: (state["dialog"].close(),
                                                                 drive.save(window, "after-bulk.png")))
    menus_steps(drive, window, state)  # with versions selected: their actions enabled
    audit_steps(drive, window, state)
    model_data_details_steps(drive, window, state)
    cross_account_steps(drive, window, state)
    cross_account_finished_steps(drive, window, state)
    register_steps(drive, window, state)
    additional_specs_steps(drive, window, state)
    preferences_steps(drive, window, state)
    about_steps(drive, window, state)
    empty_group_steps(drive, window, state)
    group_details_steps(drive, window, state)
    governance_columns_steps(drive, window, state)  # before Set Lifecycle moves the Development versions
    version_governance_steps(drive, window, state)
    card_steps(drive, window, state)
    deployed_steps(drive, window, state)
    search_steps(drive, window, state)
    estate_steps(drive, window, state)
    inbox_steps(drive, window, state)  # after the estate: every account and region it chose
    compare_steps(drive, window, state)
    trends_steps(drive, window, state)
    accounts_steps(drive, window, state)  # last: it switches the window to the training account
    return run(app, window, runtime, drive)


def run(app, window, runtime, drive: Driver) -> int:
    """Play the steps queued on `drive` over the sandbox window, then close it all."""
    drive.start()
    code = app.exec()
    window.close()
    if runtime is not None:
        runtime.stop()
    return code


def run_alone(steps) -> int:
    """One module's screens alone (`python -m scripts.shots.NAME [OUT_DIR] [--language fr] [--dark]`),
    over a fresh sandbox."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?")
    parser.add_argument("--language", default="en", choices=("en", "fr"))
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    default = ROOT / "docs" / "screenshots"
    out = Path(args.out) if args.out else (default if args.language == "en" else default / args.language)
    out.mkdir(parents=True, exist_ok=True)
    _settings_dir, app, window, runtime = open_sandbox(args.language, args.dark)
    drive = Driver(app, out, "-dark" if args.dark else "")
    steps(drive, window, {})
    return run(app, window, runtime, drive)


if __name__ == "__main__":
    sys.exit(main())
