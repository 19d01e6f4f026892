"""Lifecycle stages: checked against botocore's model before any call; set one or many."""

from __future__ import annotations

import pytest

from app.registry.errors import RegistryError
from app.registry.governance.lifecycle import (
    LifeCycle,
    bulk_set_lifecycle,
    check_stage,
    check_stage_description,
    check_stage_status,
    is_production_like,
    lifecycle_of,
    lifecycle_problems,
    lifecycle_request,
    set_lifecycle,
    stages_in_use,
)
from app.registry.versions.describe import list_page

from .governance_helpers import Sent


def test_a_good_lifecycle_passes_every_check():
    assert lifecycle_problems(LifeCycle("Production", "Approved", "Signed off by risk.")) == {}
    assert check_stage("pre-prod-2") is None


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("", "Type the stage."),
        ("Pre Prod", "(got 'Pre Prod')"),
        ("-staging", "starting and ending with a letter or digit"),
        ("staging-", "(got 'staging-')"),
        ("s" * 64, "remove 1"),
    ],
)
def test_a_stage_aws_would_refuse_says_what_to_type(stage, expected):
    problem = check_stage(stage)
    assert problem is not None and expected in problem
    assert "letters, digits and hyphens" in problem  # the rule, from the model's pattern


def test_the_limits_come_from_botocores_model():
    # 63 characters is the model's maximum for an EntityName; 64 is refused.
    assert check_stage_status("a" * 63) is None
    assert "remove 1" in (check_stage_status("a" * 64) or "")
    assert check_stage_description("x" * 1024) is None
    assert "remove 1" in (check_stage_description("x" * 1025) or "")
    assert "one line" in (check_stage_description("first\nsecond") or "")


def test_an_invalid_lifecycle_is_refused_before_any_call(session, calls, add_group):
    (arn,) = add_group("churn", versions=1)
    with pytest.raises(RegistryError) as raised:
        set_lifecycle(session, arn, LifeCycle("Prod uction", "", ""))
    assert raised.value.kind == "invalid"
    assert "stage" in str(raised.value) and "Type the stage status" in str(raised.value)
    assert calls.count("UpdateModelPackage") == 0
    with pytest.raises(RegistryError):
        bulk_set_lifecycle(session, [arn], LifeCycle("Production", "Approved", "a\nb"))
    assert calls.count("UpdateModelPackage") == 0


def test_the_request_names_the_model_lifecycle_and_leaves_an_empty_description_out():
    arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"
    assert lifecycle_request(arn, LifeCycle("Staging", "In-Review")) == {
        "ModelPackageArn": arn,
        "ModelLifeCycle": {"Stage": "Staging", "StageStatus": "In-Review"},
    }


def test_setting_a_lifecycle_sends_it_to_aws(session, sagemaker, add_group):
    (arn,) = add_group("churn", versions=1)
    sent = Sent(sagemaker)
    details = set_lifecycle(session, arn, LifeCycle("Production", "Approved", "Go live"))
    assert sent.requests == [{
        "ModelPackageArn": arn,
        "ModelLifeCycle": {"Stage": "Production", "StageStatus": "Approved", "StageDescription": "Go live"},
    }]
    assert details.arn == arn
    assert details.stage == "Production"
    stored = lifecycle_of(sagemaker.describe_model_package(ModelPackageName=arn))
    assert stored == LifeCycle("Production", "Approved", "Go live")


def test_bulk_lifecycle_changes_the_others_and_names_the_version_deleted_behind_the_apps_back(
    session, sagemaker, add_group
):
    arns = add_group("churn", versions=3)
    sagemaker.delete_model_package(ModelPackageName=arns[1])  # someone else, elsewhere
    sent = Sent(sagemaker)
    seen = []
    results = bulk_set_lifecycle(session, arns, LifeCycle("Staging", "Approved"), max_workers=2, on_result=seen.append)

    assert [r.arn for r in results] == arns and len(seen) == 3
    assert [r.ok for r in results] == [True, False, True]
    gone = results[1]
    assert gone.error_kind == "not_found" and "churn/2" in (gone.error or "")
    assert "UpdateModelPackage" in (gone.error or "")
    assert results[0].after == "Staging / Approved"
    assert sorted(r["ModelPackageArn"] for r in sent.requests if "ModelLifeCycle" in r) == sorted(arns)


def test_bulk_lifecycle_stopped_before_the_start_sends_nothing(session, calls, add_group):
    arns = add_group("churn", versions=2)
    results = bulk_set_lifecycle(session, arns, LifeCycle("Staging", "Approved"), should_stop=lambda: True)
    assert [r.error for r in results] == ["Cancelled", "Cancelled"]
    assert calls.count("UpdateModelPackage") == 0


def test_stages_already_used_in_a_group_come_first_by_use():
    raws = [
        {"ModelLifeCycle": {"Stage": "Staging", "StageStatus": "Approved"}},
        {"ModelLifeCycle": {"Stage": "Production", "StageStatus": "Approved"}},
        {"ModelLifeCycle": {"Stage": "Staging", "StageStatus": "In-Review"}},
        {},
    ]
    assert stages_in_use(raws) == (["Staging", "Production"], ["Approved", "In-Review"])


def test_production_like_stages():
    assert is_production_like("Production") and is_production_like("prod-eu") and is_production_like("Live")
    assert not is_production_like("Staging") and not is_production_like("") and not is_production_like(None)


def test_the_listing_tells_each_versions_stage(session, add_group):
    arns = add_group("churn", versions=2)
    set_lifecycle(session, arns[0], LifeCycle("Staging", "InProgress", "load test"))

    listed = {v.arn: v for v in list_page(session, "churn")[0]}

    assert (listed[arns[0]].stage, listed[arns[0]].stage_status) == ("Staging", "InProgress")
    assert (listed[arns[1]].stage, listed[arns[1]].stage_status) == ("", "")
