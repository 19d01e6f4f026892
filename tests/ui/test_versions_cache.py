"""A group visited before shows at once from what was seen last time, then the fresh listing replaces it."""

from __future__ import annotations

import dataclasses

import pytest

from app.registry.accounts.sessions import session_for
from app.registry.versions.groups import GroupSummary
from app.ui.settings import Settings
from app.ui.versions.view import VersionsView
from app.ui.workspace import Workspace
from tests.ui.helpers import image_of, make_group, version_spec

SPEC = version_spec(image_of("cached"))


@pytest.fixture
def small_group(connection) -> GroupSummary:
    return make_group(connection, "cached-group", 5, image_of("cached"))


@pytest.fixture
def workspace(connection) -> Workspace:
    return Workspace(connection)


@pytest.fixture
def view(qtbot, workspace, qsettings):
    widget = VersionsView(workspace, Settings("test", qsettings))
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    yield widget
    widget.shutdown()


def load(qtbot, view: VersionsView, group: GroupSummary | None) -> None:
    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(group)


def shown(view: VersionsView) -> dict[int, str]:
    return {v.version: v.status for v in view.model.rows()}


def arn_of(group: GroupSummary, version: int) -> str:
    return group.arn.replace(":model-package-group/", ":model-package/") + f"/{version}"


def test_a_revisited_group_shows_at_once_then_fresh_data_replaces_it(qtbot, view, small_group, connection):
    load(qtbot, view, small_group)
    assert view.count_label.text() == "5 versions"
    view.set_group(None)
    # Meanwhile, someone else approves one version, registers one and deletes one.
    client = session_for(connection).client("sagemaker")
    client.update_model_package(ModelPackageArn=arn_of(small_group, 2), ModelApprovalStatus="Approved")
    client.create_model_package(ModelPackageGroupName=small_group.name, InferenceSpecification=SPEC)
    client.delete_model_package(ModelPackageName=arn_of(small_group, 3))
    row_counts: list[int] = []
    view.model.modelReset.connect(lambda: row_counts.append(view.model.rowCount()))
    view.model.rowsRemoved.connect(lambda *_: row_counts.append(view.model.rowCount()))

    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(small_group)
        # What was seen last time, before the listing has answered.
        assert shown(view) == {1: "PendingManualApproval", 2: "PendingManualApproval",
                               3: "PendingManualApproval", 4: "PendingManualApproval", 5: "PendingManualApproval"}
        assert view.count_label.text() == "5 versions (refreshing…)"
        assert view.select_arn(arn_of(small_group, 5))

    assert shown(view) == {1: "PendingManualApproval", 2: "Approved", 4: "PendingManualApproval",
                           5: "PendingManualApproval", 6: "PendingManualApproval"}
    assert view.count_label.text() == "5 versions"
    assert [v.version for v in view.selected_versions()] == [5]
    # The cached rows went in within one call (a reset, then the rows); nothing emptied the table after.
    assert row_counts[0] == 0 and 0 not in row_counts[1:]
    assert [view.proxy.index(r, 0).data() for r in range(5)] == ["6", "5", "4", "2", "1"]


def test_reload_keeps_the_rows_and_the_selection_while_it_refreshes(qtbot, view, small_group, connection):
    load(qtbot, view, small_group)
    assert view.select_arn(arn_of(small_group, 4))
    client = session_for(connection).client("sagemaker")
    client.update_model_package(ModelPackageArn=arn_of(small_group, 4), ModelApprovalStatus="Rejected")

    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.reload()
        assert len(shown(view)) == 5
        assert view.count_label.text() == "5 versions (refreshing…)"

    assert shown(view)[4] == "Rejected"
    assert [v.arn for v in view.selected_versions()] == [arn_of(small_group, 4)]
    assert view.count_label.text() == "5 versions"


def test_an_approval_here_is_remembered(qtbot, view, small_group):
    load(qtbot, view, small_group)
    view.apply_status(arn_of(small_group, 1), "Approved", "looks good")
    view.set_group(None)

    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(small_group)
        assert shown(view)[1] == "Approved"


def test_another_connection_never_shows_these_rows(qtbot, view, workspace, small_group, connection):
    load(qtbot, view, small_group)
    other = dataclasses.replace(connection, label="elsewhere", region="eu-west-1")
    workspace.set_connection(other)

    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(small_group)
        assert view.model.rowCount() == 0
        assert "refreshing" not in view.count_label.text()
    assert view.model.rowCount() == 0  # that region has no such group

    workspace.set_connection(connection)
    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(small_group)
        assert view.model.rowCount() == 5  # back home, what was seen there shows again


def test_a_load_left_half_way_is_not_remembered(qtbot, view, connection):
    group = make_group(connection, "big-cached-group", 150, image_of("cached"))

    left_with: list[int] = []

    def leave_at_first_rows(*_args) -> None:
        view.model.rowsInserted.disconnect(leave_at_first_rows)
        left_with.append(view.model.rowCount())
        view.set_group(None)

    view.model.rowsInserted.connect(leave_at_first_rows)
    view.set_group(group)
    qtbot.waitUntil(lambda: view.group() is None, timeout=60000)
    assert view.runner.wait_for_done(10000)
    assert 0 < left_with[0] < 150

    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(group)
        assert view.model.rowCount() == 0  # no partial list passed off as the group
    assert view.model.rowCount() == 150


def test_a_refresh_left_half_way_leaves_the_cache_as_it_was(qtbot, view, small_group, connection):
    load(qtbot, view, small_group)
    view.set_group(None)
    client = session_for(connection).client("sagemaker")
    client.delete_model_package(ModelPackageName=arn_of(small_group, 5))

    view.set_group(small_group)
    view.set_group(None)  # left before the listing answered
    assert view.runner.wait_for_done(10000)

    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(small_group)
        assert sorted(shown(view)) == [1, 2, 3, 4, 5]
    assert sorted(shown(view)) == [1, 2, 3, 4]
