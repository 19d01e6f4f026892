"""Approving one version meets each fault: the dialog says for whom which call failed on which
version, keeps the comment, and retries the failed one once the fault is gone."""

from __future__ import annotations

import pytest

from tests.ui.faults.approval_flow import approve_under_fault
from tests.ui.faults.proxy import FAULTS


@pytest.mark.parametrize("fault", FAULTS)
def test_approve_one_version(qtbot, lab, connection, fault_proxy, qsettings, fault):
    approve_under_fault(qtbot, lab, connection, fault_proxy, qsettings, fault, count=1)
