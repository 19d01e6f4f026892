"""No metadata value and no model card content in the log, even at DEBUG."""

from __future__ import annotations

import pytest
from botocore.stub import Stubber

from app import logs
from app.registry.errors import RegistryError
from app.registry.governance.audit import version_timeline
from app.registry.governance.lifecycle import LifeCycle, bulk_set_lifecycle
from app.registry.governance.metadata import MetadataEdit, edit_metadata

from .test_governance_audit import ARN, HISTORY, lookup_request

VALUE = "confidential-value-7731"
OTHER_VALUE = "someone-elses-value-4410"


@pytest.fixture
def debug_log(tmp_path):
    """The log as the application sets it up with --log-level DEBUG."""
    setup = logs.setup("DEBUG", directory=tmp_path)
    yield setup
    setup.close()


def written(setup: logs.LogSetup) -> str:
    for handler in setup.handlers:
        handler.flush()
    assert setup.path is not None
    return setup.path.read_text(encoding="utf-8")


def test_governance_work_leaves_no_metadata_value_or_card_content_in_the_debug_log(
    debug_log, session, sagemaker, add_group, add_version
):
    add_group("churn")
    arn = add_version("churn", CustomerMetadataProperties={"team": VALUE, "old": VALUE})
    edit_metadata(session, arn, MetadataEdit({"team": f"{VALUE}-2"}, ("old",)), {"team": VALUE, "old": VALUE})
    sagemaker.update_model_package(ModelPackageArn=arn, CustomerMetadataProperties={"team": OTHER_VALUE})
    with pytest.raises(RegistryError):  # refused as changed since read: its message is logged by callers
        edit_metadata(session, arn, MetadataEdit({"team": VALUE}), {"team": VALUE})
    bulk_set_lifecycle(session, [arn, arn.replace("/1", "/9")], LifeCycle("Staging", "Approved"))
    with Stubber(session.client("cloudtrail")) as stub:
        stub.add_response("lookup_events", {"Events": HISTORY}, lookup_request())
        version_timeline(session, ARN)

    text = written(debug_log)
    assert "UpdateModelPackage" in text  # the DEBUG log did record the calls
    for secret in (VALUE, OTHER_VALUE, "secret-owner-value", "HIDDEN_DUE_TO_SECURITY_REASONS"):
        assert secret not in text


def test_model_card_work_leaves_no_card_content_in_the_debug_log(debug_log, session, sagemaker, add_group, add_version):
    import json
    import logging

    from app.registry.governance.cards import set_model_card
    from app.sandbox.history import churn_card

    add_group("churn")
    arn = add_version("churn")
    content = json.loads(churn_card(1, "0.9"))
    content["model_overview"]["model_description"] = VALUE
    content["additional_information"]["custom_details"] = {OTHER_VALUE: "x"}
    set_model_card(session, arn, content, "Draft", seen=None)
    set_model_card(session, arn, None, "PendingReview")
    content["intended_uses"]["risk_rating"] = OTHER_VALUE
    content["additional_information"]["custom_details"] = {OTHER_VALUE: "y" * 2000}
    with pytest.raises(RegistryError) as by_schema:
        set_model_card(session, arn, content, "PendingReview")
    with pytest.raises(RegistryError) as changed:
        set_model_card(session, arn, {"model_overview": {"model_owner": VALUE}}, "PendingReview", seen=None)
    for refused in (by_schema, changed):  # as the task runner logs a refusal (app/tasks.py)
        logging.getLogger("app.tasks").info("task 1 (set_card) failed: %s", refused.value)

    text = written(debug_log)
    assert "UpdateModelPackage" in text
    assert VALUE not in text and OTHER_VALUE not in text
