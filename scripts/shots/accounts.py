"""Screenshot steps of the accounts view and the cross-account setup wizard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


from PySide6.QtCore import QCoreApplication  # noqa: E402

from scripts.shots.driver import Driver, named  # noqa: E402


def accounts_steps(drive: Driver, window, state: dict) -> None:
    """A new user's journey in the sandbox, Accounts dock open: profile-dialog.png (the sandbox hint,
    filled in as it suggests), accounts.png (whole window: every profile checked) and
    accounts-training.png (the training account's registry, reached through the added role)."""
    import re

    from PySide6.QtWidgets import QLabel

    view = window.accounts_view

    def hint() -> dict[str, str]:
        label = next(w for w in state["profile_dialog"].findChildren(QLabel)
                     if w.accessibleName() in named("Sandbox hint"))
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
        view._changed(name, QCoreApplication.translate("AccountsView", "Profile %1 added."))

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
