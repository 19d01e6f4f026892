"""Listing a group's versions again (F5) meets each fault: the rows and the selection stay, the
window says what failed for whom on which group, and F5 lists them again once the fault is gone."""

from __future__ import annotations

import pytest

from tests.ui.faults.expectations import TIMEOUT, assert_alive, assert_names, wait_idle
from tests.ui.faults.proxy import DEAD, FAULTS, ONE_5XX
from tests.ui.test_main_window import make_window, open_group

ACTION = "ListModelPackages"
GROUP = "churn-prediction"


@pytest.mark.parametrize("fault", FAULTS)
def test_listing_versions(qtbot, lab, fault_proxy, qsettings, sandbox, fault):
    _server, summary = sandbox
    window = make_window(qtbot, lab, qsettings)
    open_group(qtbot, window, GROUP)
    view = window.versions_view
    qtbot.waitUntil(lambda: view.model.rowCount() == summary.version_counts[GROUP], timeout=TIMEOUT)
    shown = sorted(v.arn for v in view.model.rows())
    picked = view.model.rows()[3].arn
    assert view.select_arn(picked)
    wait_idle(qtbot, window)
    calls = fault_proxy.calls_of(ACTION)

    fault_proxy.fail(ACTION, fault)
    window.actions_by_name["refresh"].trigger()
    if fault == ONE_5XX:  # the client's retry answers it: the list is fresh, nothing to tell
        qtbot.waitUntil(lambda: not view.model.loading and fault_proxy.calls_of(ACTION) >= calls + 2,
                        timeout=TIMEOUT)
        wait_idle(qtbot, window)
        assert not window.banner.isVisible()
    elif fault == DEAD:  # the groups and the group details fail too: the banner tells whichever was last
        qtbot.waitUntil(lambda: window.banner.isVisible() and not view.model.loading, timeout=TIMEOUT)
        assert "Cannot reach the SageMaker endpoint" in window.banner.text()
    else:
        qtbot.waitUntil(lambda: window.banner.isVisible() and ACTION in window.banner.text(), timeout=TIMEOUT)
        assert_names(window.banner.text(), f"sagemaker:{ACTION}", GROUP)
        qtbot.waitUntil(lambda: not view.model.loading, timeout=TIMEOUT)
    assert_alive(qtbot, window)
    assert sorted(v.arn for v in view.model.rows()) == shown
    assert [v.arn for v in view.selected_versions()] == [picked]

    fault_proxy.heal()
    window.actions_by_name["refresh"].trigger()
    qtbot.waitUntil(lambda: not view.model.loading, timeout=TIMEOUT)
    wait_idle(qtbot, window)
    assert not window.banner.isVisible()
    assert sorted(v.arn for v in view.model.rows()) == shown
    assert [v.arn for v in view.selected_versions()] == [picked]
    window.close()
