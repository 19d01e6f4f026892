"""Listing groups (F5) meets each fault: the pane keeps its rows and selection, says what failed
and for whom, and Retry lists them again once the fault is gone."""

from __future__ import annotations

import pytest

from tests.ui.faults.expectations import TIMEOUT, assert_alive, assert_names, wait_idle
from tests.ui.faults.proxy import DEAD, FAULTS, ONE_5XX
from tests.ui.test_main_window import make_window, open_group

ACTION = "ListModelPackageGroups"


@pytest.mark.parametrize("fault", FAULTS)
def test_listing_groups(qtbot, lab, fault_proxy, qsettings, fault):
    window = make_window(qtbot, lab, qsettings)
    open_group(qtbot, window, "churn-prediction")
    view = window.groups_view
    shown = [g.name for g in view.model.rows()]
    versions = window.versions_view.model.rowCount()
    calls = fault_proxy.calls_of(ACTION)

    fault_proxy.fail(ACTION, fault)
    window.actions_by_name["refresh"].trigger()
    if fault == ONE_5XX:  # the client's retry answers it: nothing to tell, the list is fresh
        qtbot.waitUntil(lambda: not view.model.loading and fault_proxy.calls_of(ACTION) >= calls + 3,
                        timeout=TIMEOUT)
        assert not view.problem.text()
    else:
        qtbot.waitUntil(lambda: bool(view.problem.text()), timeout=TIMEOUT)
        assert_names(view.problem.text(), f"sagemaker:{ACTION}", "model package groups")
        if fault == DEAD:  # the versions and the group details fail too: the banner tells whichever was last
            assert "Cannot reach the SageMaker endpoint" in window.banner.text()
        else:
            assert_names(window.banner.text(), f"sagemaker:{ACTION}", "model package groups")
    assert_alive(qtbot, window)
    assert [g.name for g in view.model.rows()] == shown
    assert view.current_group().name == "churn-prediction"
    assert window.versions_view.model.rowCount() == versions

    fault_proxy.heal()
    view.problem.retry_button.click() if view.problem.text() else window.actions_by_name["refresh"].trigger()
    qtbot.waitUntil(lambda: not view.problem.text() and not view.model.loading, timeout=TIMEOUT)
    assert sorted(g.name for g in view.model.rows()) == sorted(shown)
    assert view.current_group().name == "churn-prediction"
    wait_idle(qtbot, window)
    window.close()
