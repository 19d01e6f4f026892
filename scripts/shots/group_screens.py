"""Screenshot steps of a group: Empty and Delete Group, the group details."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette, named  # noqa: E402


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
             if w.accessibleName() in named("Group name to confirm")).setText("old-experiments")

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
