"""Counting the objects under a model data prefix meets each fault: the container says for whom
which call failed on which prefix, Next still lets the user go on (the check only informs), the
prefix typed stays, and coming back to the page counts again once the fault is gone."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from app.sandbox.catalog_assistant import ASSISTANT_GROUP
from app.sandbox.seed import MAIN_BUCKET
from app.ui.settings import Settings
from app.ui.wizards.register import PageId, RegisterWizard
from tests.ui.faults.conftest import PROFILE
from tests.ui.faults.expectations import TIMEOUT, wait_idle
from tests.ui.faults.proxy import DEAD, FAULTS, ONE_5XX, S3_LIST_OBJECTS
from tests.ui.helpers import find_by_name
from tests.ui.test_register_wizard import go_next, next_enabled

WEIGHTS = f"s3://{MAIN_BUCKET}/support-assistant/checkpoint-1000/weights/"


@pytest.mark.parametrize("fault", FAULTS)
def test_count_a_prefix(qtbot, lab, fault_proxy, qsettings, fault):
    wizard = RegisterWizard(lab, Settings("sandbox", backing=qsettings), target_group=ASSISTANT_GROUP)
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        qtbot.waitUntil(lambda: wizard.target_page.group() == ASSISTANT_GROUP, timeout=TIMEOUT)
        go_next(qtbot, wizard)
        qtbot.keyClicks(find_by_name(wizard, QLineEdit, "Image URI"),
                        "123456789012.dkr.ecr.us-east-1.amazonaws.com/support-assistant:tgi-2.4")
        kind = find_by_name(wizard, QComboBox, "Model data kind")
        kind.setCurrentIndex(kind.findText("S3 prefix or object"))
        fault_proxy.fail(S3_LIST_OBJECTS, fault)
        find_by_name(wizard, QLineEdit, "Model data S3 URI").setText(WEIGHTS)
        note = find_by_name(wizard, QLabel, "Model data check")
        qtbot.waitUntil(lambda: note.text() and not note.text().startswith("Counting"), timeout=TIMEOUT)
        if fault == ONE_5XX:  # the client's retry answers it
            assert note.text().startswith("8 objects, ")
        else:
            said = note.text()
            assert said.startswith("Could not list the prefix: "), said
            if fault != DEAD:  # a dead network is the endpoint's, whichever call met it
                assert f"'{PROFILE}'" in said and "s3:ListBucket" in said and WEIGHTS in said, said
            assert next_enabled(wizard)  # the count informs; it does not hold the user back
        assert find_by_name(wizard, QLineEdit, "Model data S3 URI").text() == WEIGHTS

        fault_proxy.heal()
        wizard.back()
        go_next(qtbot, wizard)  # back on the page: what could not be counted is counted now
        assert wizard.currentId() == PageId.CONTAINERS
        qtbot.waitUntil(lambda: note.text().startswith("8 objects, "), timeout=TIMEOUT)
        wait_idle(qtbot, wizard)
    finally:
        fault_proxy.heal()
        wizard.done(0)
