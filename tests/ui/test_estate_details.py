"""The estate's refresh reads comments and metadata after listing: the tree says so while it
does, and then a metadata value typed into Search everywhere finds its version in whichever
account and region it lives, with no group ever opened."""

from __future__ import annotations

import dataclasses

from app.registry.accounts.sessions import session_for
from app.sandbox.session import business_unit_credentials
from app.ui.workspace import ConnectionChoice
from tests.ui.helpers import HeldCalls
from tests.ui.test_estate import TIMEOUT, open_estate, region_text
from tests.ui.test_main_window import make_window
from tests.ui.test_search_everywhere import open_popup, shown, training_choice

UNIT = "345678901234"


def unit_choice(connection) -> ConnectionChoice:
    keys = business_unit_credentials(connection.endpoint_url)
    unit = dataclasses.replace(
        connection, access_key_id=keys["aws_access_key_id"], secret_access_key=keys["aws_secret_access_key"],
        session_token=keys["aws_session_token"], label="sandbox-lending")
    return ConnectionChoice("lending", unit)


def test_after_listing_three_accounts_in_two_regions_a_metadata_value_finds_its_version(
        qtbot, connection, qsettings):
    unit = unit_choice(connection)
    window = make_window(qtbot, connection, qsettings, [training_choice(connection), unit])
    qtbot.waitUntil(lambda: len(window.workspace.choices()) == 3, timeout=TIMEOUT)
    window.estate.set_chosen([(name, region) for name in ("sandbox", "sandbox-training", "sandbox-lending")
                              for region in ("us-east-1", "eu-west-1")])
    open_estate(qtbot, window)

    # The business unit's describes are held: its region says what it is doing meanwhile.
    with HeldCalls(session_for(unit.connection).client("sagemaker"), "DescribeModelPackage") as held:
        with qtbot.waitSignal(window.estate.refreshed, timeout=TIMEOUT) as done:
            assert window.estate.refresh()
            qtbot.waitUntil(lambda: held.count() > 0 and window.estate.dock.model.item_of(f"{UNIT}|us-east-1")
                            is not None and "reading details… 0 of 12" in region_text(window, UNIT, "us-east-1"),
                            timeout=TIMEOUT)
            held.release()
    assert not done.args[0].failed
    qtbot.waitUntil(lambda: region_text(window, UNIT, "us-east-1") == "us-east-1", timeout=TIMEOUT)

    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.field, "PRICE-118")  # a ticket in the business unit's version metadata
    qtbot.waitUntil(lambda: popup.tree.result_count() == 1, timeout=TIMEOUT)
    assert shown(popup) == [(f"{UNIT} › us-east-1  (sandbox-lending)", "pricing-elasticity", 5)]

    popup.field.clear()
    qtbot.keyClicks(popup.field, "eu-monotone")  # an experiment of the training account in eu-west-1
    qtbot.waitUntil(lambda: popup.tree.result_count() == 1, timeout=TIMEOUT)
    assert [(heading.split("  ")[0], group) for heading, group, _version in shown(popup)] == [
        ("210987654321 › eu-west-1", "training-experiments")]
    popup.hide()
    window.close()
