"""Set Lifecycle through the window, as a person would: typed and checked, previewed, sent, shown."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.governance.lifecycle import LifeCycle, lifecycle_of
from app.sandbox.history import CHURN_DEVELOPMENT, CHURN_STAGING
from app.ui.versions.lifecycle_dialog import LifecycleDialog
from tests.ui.helpers import HeldCalls, find_by_name, spin_until, when_modal
from tests.ui.test_approval_window import select
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group

TARGET = LifeCycle("Production", "Approved", "Shadow test passed on 5% of traffic")


def texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def arn_of(window, version: int) -> str:
    return next(v.arn for v in window.versions_view.model.rows() if v.version == version)


def wait_rules(dialog: LifecycleDialog) -> None:
    assert spin_until(dialog.rules_loaded, TIMEOUT), "the lifecycle limits were never read"


def type_lifecycle(dialog, lifecycle: LifeCycle) -> None:
    find_by_name(dialog, QComboBox, "Stage").setEditText(lifecycle.stage)
    find_by_name(dialog, QComboBox, "Stage status").setEditText(lifecycle.status)
    find_by_name(dialog, QLineEdit, "Stage description").setText(lifecycle.description)


def test_bulk_lifecycle_lands_on_the_others_names_the_deleted_one_and_shows_at_once(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    sagemaker = session_for(connection).client("sagemaker")
    view = window.versions_view
    open_group(qtbot, window, "churn-prediction")
    staging, development, gone = arn_of(window, CHURN_STAGING), arn_of(window, CHURN_DEVELOPMENT[0]), arn_of(window, 42)
    select(qtbot, view, [staging, development, gone])
    sagemaker.delete_model_package(ModelPackageName=gone)  # behind the app's back
    assert window.actions_by_name["set_lifecycle"].isEnabled()
    seen: dict = {}

    def set_production(dialog):
        assert isinstance(dialog, LifecycleDialog)
        wait_rules(dialog)
        assert not find_by_name(dialog, QPushButton, "Apply").isEnabled()  # nothing typed yet
        type_lifecycle(dialog, TARGET)
        seen["preview"] = texts(find_by_name(dialog, QListWidget, "Changes"))
        apply = find_by_name(dialog, QPushButton, "Apply")
        seen["apply"] = apply.text()
        apply.click()
        assert spin_until(lambda: not dialog.is_running() and len(dialog.results()) == 3, TIMEOUT)
        # Before the dialog closes, the table already reads the new stage.
        seen["rows"] = {v.arn: (v.stage, v.stage_status) for v in view.model.rows()}
        seen["results"] = texts(find_by_name(dialog, QListWidget, "Results"))
        seen["summary"] = find_by_name(dialog, QLabel, "Summary").text()
        dialog.accept()

    modal = when_modal(qtbot, set_production)
    window.actions_by_name["set_lifecycle"].trigger()
    modal.check()

    assert seen["preview"] == ["Version 44  Staging / InProgress → Production / Approved",
                               "Version 43  Development / InProgress → Production / Approved",
                               "Version 42  (none) → Production / Approved"]
    assert seen["apply"] == "Set for 3 versions"
    assert seen["summary"] == "2 changed, 1 failed"
    assert seen["results"][:2] == ["✓ Version 44 → Production / Approved", "✓ Version 43 → Production / Approved"]
    assert seen["results"][2].startswith("✗ Version 42: ")
    # Read back with boto3, field by field.
    for arn in (staging, development):
        life = sagemaker.describe_model_package(ModelPackageName=arn)["ModelLifeCycle"]
        assert life["Stage"] == "Production"
        assert life["StageStatus"] == "Approved"
        assert life["StageDescription"] == TARGET.description
        assert seen["rows"][arn] == ("Production", "Approved")
        assert lifecycle_of(window.store.details(arn).raw) == TARGET  # what the details pane shows
    assert gone not in seen["rows"] and gone not in window.store  # it left the table

    # A revisited group shows its cached rows first: they read the new stage too.
    group_arn = view.group().arn
    open_group(qtbot, window, "fraud-detection")
    with HeldCalls(sagemaker, "ListModelPackages") as listing:
        assert window.groups_view.select_arn(group_arn)
        qtbot.waitUntil(lambda: view.group().arn == group_arn and view.model.row_for(staging) is not None,
                        timeout=TIMEOUT)
        qtbot.waitUntil(lambda: listing.count() >= 1, timeout=TIMEOUT)
        assert view.model.loading  # the cached view, not a fresh listing
        cached = {v.arn: (v.stage, v.stage_status) for v in view.model.rows()}
        assert cached[staging] == cached[development] == ("Production", "Approved")
        with qtbot.waitSignal(view.loadFinished, timeout=TIMEOUT):
            listing.release()
    close(window)


def test_an_invalid_stage_keeps_apply_disabled_says_what_to_type_and_calls_nothing(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    sagemaker = session_for(connection).client("sagemaker")
    open_group(qtbot, window, "churn-prediction")
    staging = arn_of(window, CHURN_STAGING)
    select(qtbot, window.versions_view, [staging])
    seen: dict = {}

    def type_badly(dialog):
        wait_rules(dialog)
        stage = find_by_name(dialog, QComboBox, "Stage")
        status = find_by_name(dialog, QComboBox, "Stage status")
        seen["prefilled"] = (stage.currentText(), status.currentText())
        seen["offered"] = [stage.itemText(i) for i in range(stage.count())]
        seen["statuses"] = [status.itemText(i) for i in range(status.count())]
        seen["nothing"] = find_by_name(dialog, QLabel, "Nothing to change").isVisible()
        apply = find_by_name(dialog, QPushButton, "Apply")
        stage.setEditText("Pre prod!")
        problem = find_by_name(dialog, QLabel, "Stage problem")
        seen["problem"] = problem.text() if problem.isVisible() else ""
        seen["enabled"] = apply.isEnabled()
        dialog.apply()  # even pressed another way, a disabled Apply sends nothing
        seen["running"] = dialog.is_running() or bool(dialog.results())
        stage.setEditText("Pre-prod")
        seen["fixed"] = (problem.isVisible(), apply.isEnabled())
        find_by_name(dialog, QPushButton, "Cancel").click()

    with HeldCalls(sagemaker, "UpdateModelPackage") as updates:
        modal = when_modal(qtbot, type_badly)
        window.actions_by_name["set_lifecycle"].trigger()
        modal.check()
        assert updates.count() == 0
    assert seen["prefilled"] == ("Staging", "InProgress")  # one version: its lifecycle to start from
    assert seen["nothing"]  # it already reads so
    # What this group uses first, most used first (Archived is no common stage), then the common ones.
    assert seen["offered"] == ["Development", "Archived", "Staging", "Production"]
    assert seen["statuses"] == ["InProgress", "Approved", "PendingApproval", "Rejected"]
    assert seen["problem"] == ("Use 1–63 letters, digits and hyphens for the stage, starting and ending "
                               "with a letter or digit, such as Staging or Production (got 'Pre prod!').")
    assert not seen["enabled"] and not seen["running"]
    assert seen["fixed"] == (False, True)
    assert sagemaker.describe_model_package(ModelPackageName=staging)["ModelLifeCycle"]["Stage"] == "Staging"
    close(window)
