"""Approving three versions at once meets each fault: every failed version is reported with who,
which call and which version, the comment is kept, and the failed ones are retried once the
fault is gone."""

from __future__ import annotations

import pytest

from tests.ui.faults.approval_flow import approve_under_fault
from tests.ui.faults.proxy import FAULTS


@pytest.mark.parametrize("fault", FAULTS)
def test_bulk_approve_three_versions(qtbot, lab, connection, fault_proxy, qsettings, fault):
    approve_under_fault(qtbot, lab, connection, fault_proxy, qsettings, fault, count=3)
