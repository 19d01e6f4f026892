"""Approving one version meets each fault: the dialog says for whom which call failed on which
version, keeps the comment, and retries the failed one once the fault is gone."""

from __future__ import annotations

import pytest

from tests.ui.faults.approval_flow import approve_under_fault, xfail_reason
from tests.ui.faults.proxy import FAULTS, ONE_5XX


@pytest.mark.parametrize("fault", [f if f == ONE_5XX else pytest.param(f, marks=xfail_reason(f)) for f in FAULTS])
def test_approve_one_version(qtbot, lab, connection, fault_proxy, qsettings, fault):
    approve_under_fault(qtbot, lab, connection, fault_proxy, qsettings, fault, count=1)
