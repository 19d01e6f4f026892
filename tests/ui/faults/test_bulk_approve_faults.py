"""Approving three versions at once meets each fault: every failed version is reported with who,
which call and which version, the comment is kept, and the failed ones are retried once the
fault is gone."""

from __future__ import annotations

import pytest

from tests.ui.faults.approval_flow import approve_under_fault, xfail_reason
from tests.ui.faults.proxy import FAULTS, ONE_5XX


@pytest.mark.parametrize("fault", [f if f == ONE_5XX else pytest.param(f, marks=xfail_reason(f)) for f in FAULTS])
def test_bulk_approve_three_versions(qtbot, lab, connection, fault_proxy, qsettings, fault):
    approve_under_fault(qtbot, lab, connection, fault_proxy, qsettings, fault, count=3)
