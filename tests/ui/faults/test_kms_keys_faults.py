"""Listing the account's KMS keys on the register wizard's Advanced page meets each fault: the
section says for whom which call failed and to type the key instead, the key already typed stays
and may still be sent, and Reload lists the keys once the fault is gone."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWizard

from app.ui.settings import Settings
from app.ui.wizards.register import PageId, RegisterWizard
from tests.ui.faults.conftest import PROFILE
from tests.ui.faults.expectations import TIMEOUT, wait_idle
from tests.ui.faults.proxy import DEAD, FAULTS, ONE_5XX
from tests.ui.helpers import find_by_name
from tests.ui.test_register_wizard_advanced import KEY_ARN, common_spec

ACTION = "ListAliases"  # the lister's first call


@pytest.mark.parametrize("fault", FAULTS)
def test_list_the_accounts_keys(qtbot, lab, fault_proxy, qsettings, fault):
    fault_proxy.fail(ACTION, fault)
    wizard = RegisterWizard(lab, Settings("sandbox", backing=qsettings), source=common_spec(kms_key_id=KEY_ARN))
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=TIMEOUT)
        while wizard.currentId() != PageId.ADVANCED:
            qtbot.waitUntil(wizard.button(QWizard.WizardButton.NextButton).isEnabled, timeout=TIMEOUT)
            wizard.next()
        status = find_by_name(wizard, QLabel, "KMS keys status")
        keys = find_by_name(wizard, QComboBox, "KMS keys of the account")
        reload = find_by_name(wizard, QPushButton, "Reload KMS keys")
        qtbot.waitUntil(lambda: reload.isEnabled() and not status.text().startswith("Listing"), timeout=TIMEOUT)
        if fault == ONE_5XX:  # the client's retry answers it
            assert keys.count() > 1
        else:
            said = status.text()
            assert said.startswith("The keys could not be listed: ") and said.endswith("Type the key instead.")
            if fault != DEAD:  # a dead network is the endpoint's, whichever call met it
                assert f"'{PROFILE}'" in said and f"kms:{ACTION}" in said, said
            assert keys.count() == 1  # only "Pick a key…": nothing half-listed
        assert find_by_name(wizard, QLineEdit, "KMS key").text() == KEY_ARN  # typed, kept
        assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a typed key may be sent

        fault_proxy.heal()
        reload.click()
        qtbot.waitUntil(lambda: keys.count() > 1 and reload.isEnabled(), timeout=TIMEOUT)
        assert status.text().endswith("in this account.")
        wait_idle(qtbot, wizard)
    finally:
        fault_proxy.heal()
        wizard.done(0)
