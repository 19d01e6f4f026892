"""Describing a version meets each fault: the table keeps its rows and the selection, the details
pane says which version could not be loaded, by whom and why, and F5 loads it once the fault is
gone."""

from __future__ import annotations

import pytest

from tests.ui.faults.expectations import TIMEOUT, assert_alive, assert_names, wait_idle
from tests.ui.faults.proxy import DENIED, FAULTS, ONE_5XX
from tests.ui.test_main_window import make_window, open_group

ACTION = "DescribeModelPackage"
GROUP = "fraud-detection"


def shows_details_of(pane, version) -> bool:
    return pane.stack.currentWidget() is pane.tabs and pane.title.text().endswith(f"version {version.version}")


@pytest.mark.parametrize("fault", FAULTS)
def test_describe_a_version(qtbot, lab, fault_proxy, qsettings, fault):
    window = make_window(qtbot, lab, qsettings)
    open_group(qtbot, window, GROUP)
    view, pane = window.versions_view, window.details_pane
    first, second = view.model.rows()[0], view.model.rows()[1]
    assert view.select_arn(first.arn)
    qtbot.waitUntil(lambda: pane.current_details() is not None, timeout=TIMEOUT)
    wait_idle(qtbot, window)
    assert shows_details_of(pane, first)
    shown = sorted(v.arn for v in view.model.rows())
    # The table's comment reads may have described the second version already; the pane would
    # show that without a call. Here it has not been described yet, so selecting it describes it.
    window.store.forget_details(second.arn)

    fault_proxy.fail(ACTION, fault)
    assert view.select_arn(second.arn)
    if fault == ONE_5XX:  # the client's retry answers it
        qtbot.waitUntil(lambda: pane.current_details() is not None
                        and pane.current_details().arn == second.arn, timeout=TIMEOUT)
        assert not pane.banner.isVisible()
    else:
        qtbot.waitUntil(lambda: pane.banner.isVisible(), timeout=TIMEOUT)
        assert f"Version {second.version}" in pane.banner.text()
        assert_names(pane.banner.text(), f"sagemaker:{ACTION}", second.arn)
        assert_names(window.banner.text(), f"sagemaker:{ACTION}", second.arn)
        # What the pane shows is not passed off as the selected version: no details of another.
        assert not shows_details_of(pane, first)
    wait_idle(qtbot, window)
    assert_alive(qtbot, window)
    assert sorted(v.arn for v in view.model.rows()) == shown
    assert [v.arn for v in view.selected_versions()] == [second.arn]

    fault_proxy.heal()
    window.actions_by_name["refresh"].trigger()
    qtbot.waitUntil(lambda: pane.current_details() is not None
                    and pane.current_details().arn == second.arn, timeout=TIMEOUT)
    assert not pane.banner.isVisible()
    assert pane.stack.currentWidget() is pane.tabs
    wait_idle(qtbot, window)
    assert sorted(v.arn for v in view.model.rows()) == shown
    window.close()


def test_a_failed_describe_after_a_multiple_selection_hides_its_summary(qtbot, lab, fault_proxy, qsettings):
    """The summary of the twenty rows selected before is not left under the error of the one."""
    window = make_window(qtbot, lab, qsettings)
    open_group(qtbot, window, "churn-prediction")
    view, pane = window.versions_view, window.details_pane
    rows = view.model.rows()[:20]
    selection = view.table.selectionModel()
    for v in rows:
        index = view.proxy.mapFromSource(view.model.index(view.model.position_of(v.arn), 0))
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: pane.message.text().startswith("20 versions selected"), timeout=TIMEOUT)

    wait_idle(qtbot, window)
    window.store.forget_details(rows[5].arn)  # not described yet by the table's reads: selecting it describes it
    fault_proxy.fail(ACTION, DENIED)
    assert view.select_arn(rows[5].arn)
    qtbot.waitUntil(lambda: pane.banner.isVisible(), timeout=TIMEOUT)
    assert "versions selected" not in pane.message.text()
    assert f"Version {rows[5].version} could not be loaded." in pane.message.text()
    fault_proxy.heal()
    wait_idle(qtbot, window)
    window.close()
