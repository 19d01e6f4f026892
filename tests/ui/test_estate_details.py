"""The estate's refresh reads comments and metadata after listing: the tree says so while it
does, and then a metadata value typed into Search everywhere finds its version in whichever
account and region it lives, with no group ever opened."""

from __future__ import annotations

import dataclasses

import pytest

from app.registry.accounts.sessions import session_for
from app.sandbox.session import business_unit_credentials
from app.ui.workspace import ConnectionChoice
from tests.ui.faults.proxy import DENIED, FaultProxy
from tests.ui.helpers import HeldCalls
from tests.ui.test_estate import TIMEOUT, open_estate, region_text
from tests.ui.test_main_window import make_window
from tests.ui.test_search_everywhere import open_popup, shown, training_choice

UNIT, TRAINING = "345678901234", "210987654321"


def unit_choice(connection) -> ConnectionChoice:
    keys = business_unit_credentials(connection.endpoint_url)
    unit = dataclasses.replace(
        connection, access_key_id=keys["aws_access_key_id"], secret_access_key=keys["aws_secret_access_key"],
        session_token=keys["aws_session_token"], label="sandbox-lending")
    return ConnectionChoice("lending", unit)


@pytest.mark.usefixtures("listing_in_this_process")  # its calls are held in this process
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


def test_a_version_whose_details_are_refused_is_counted_on_its_region_and_the_rest_is_read(
        qtbot, connection, qsettings, sandbox_server):
    training = training_choice(connection)
    client = session_for(training.connection).client("sagemaker")
    refused = client.list_model_packages(ModelPackageGroupName="training-experiments")[
        "ModelPackageSummaryList"][0]["ModelPackageArn"]
    proxy = FaultProxy(sandbox_server.endpoint_url).start()
    try:
        proxy.fail("DescribeModelPackage", DENIED, only=refused)
        guarded = ConnectionChoice("training", dataclasses.replace(training.connection, endpoint_url=proxy.url))
        window = make_window(qtbot, connection, qsettings, [guarded])
        qtbot.waitUntil(lambda: len(window.workspace.choices()) == 2, timeout=TIMEOUT)
        window.estate.set_chosen([("sandbox-training", "us-east-1")])
        open_estate(qtbot, window)
        with qtbot.waitSignal(window.estate.refreshed, timeout=TIMEOUT) as done:
            assert window.estate.refresh()
    finally:
        proxy.close()

    assert not done.args[0].failed  # listed; only one version's details are missing
    qtbot.waitUntil(lambda: window.estate.dock.model.item_of(f"{TRAINING}|us-east-1") is not None, timeout=TIMEOUT)
    region = window.estate.dock.model.item_of(f"{TRAINING}|us-east-1")
    assert region.text() == "us-east-1"
    assert "The comments and metadata of 1 version could not be read" in region.toolTip()
    # The other versions' metadata is found; the refused one's is not known yet.
    runs = {int(arn.rsplit("/", 1)[1]): f"run-{int(arn.rsplit('/', 1)[1]) * 7919:05d}" for arn in (
        v["ModelPackageArn"] for v in client.list_model_packages(
            ModelPackageGroupName="training-experiments")["ModelPackageSummaryList"])}
    popup = open_popup(qtbot, window)
    for number, run in sorted(runs.items()):
        popup.field.clear()
        qtbot.keyClicks(popup.field, run)
        found = 0 if refused.endswith(f"/{number}") else 1
        qtbot.waitUntil(lambda found=found: popup.tree.result_count() == found and (
            found or "No version" in popup.message.text()), timeout=TIMEOUT)
    popup.hide()
    window.close()
