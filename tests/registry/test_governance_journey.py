"""The governance journey against the sandbox itself, no stub: a version moved to Production, a
metadata key removed, the version deleted after its group's name is typed, and each change in
the audit timeline CloudTrail answers, in order, with who made it, and in its CSV."""

from __future__ import annotations

import csv
import io

import pytest

from app.registry.errors import RegistryError
from app.registry.governance.audit import CLOUDTRAIL, deleted_version_arns, timeline_csv, version_timeline
from app.registry.governance.deletion import delete_versions
from app.registry.governance.lifecycle import LifeCycle, set_lifecycle
from app.registry.governance.metadata import MetadataEdit, edit_metadata


def test_a_versions_life_reads_back_in_its_cloudtrail_timeline(session, sagemaker, add_group):
    (arn,) = add_group("governed", versions=1)
    sagemaker.update_model_package(ModelPackageArn=arn, CustomerMetadataProperties={"owner": "ml", "ticket": "T-1"})
    sagemaker.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")

    moved = set_lifecycle(session, arn, LifeCycle("Production", "Approved", "Serving since Monday"))
    assert moved.raw["ModelLifeCycle"]["Stage"] == "Production"
    edited = edit_metadata(session, arn, MetadataEdit(remove=("ticket",)), seen={"owner": "ml", "ticket": "T-1"})
    assert edited.raw.get("CustomerMetadataProperties") == {"owner": "ml"}

    with pytest.raises(RegistryError) as refused:  # approved and in Production: the name is asked for
        delete_versions(session, [arn], typed="wrong-name")
    assert "governed" in str(refused.value)
    assert sagemaker.describe_model_package(ModelPackageName=arn)["ModelPackageArn"] == arn  # still there

    timeline = version_timeline(session, arn)
    assert timeline.source == CLOUDTRAIL
    actions = [e.action for e in timeline.events]
    assert actions[0] == "CreateModelPackage" and actions.count("UpdateModelPackage") == 4
    assert all(e.actor for e in timeline.events)
    assert [e.time for e in timeline.events] == sorted(e.time for e in timeline.events)
    said = " ".join(e.summary for e in timeline.events)
    assert "Production" in said and "ticket" in said and "T-1" not in said  # keys, never values

    (result,) = delete_versions(session, [arn], typed="governed")
    assert result.ok
    after = version_timeline(session, arn)
    assert after.events[-1].action == "DeleteModelPackage"
    rows = list(csv.reader(io.StringIO(timeline_csv([after]))))
    assert len(rows) == 1 + len(after.events) == 1 + len(timeline.events) + 1


def test_a_groups_deleted_versions_are_found_in_cloudtrail(session, sagemaker, add_group):
    arns = add_group("pruned", versions=3)
    (other,) = add_group("pruned-too", versions=1)  # a name that starts like it: not its version
    delete_versions(session, [arns[2]])
    delete_versions(session, [arns[0], other])  # one call deletes several at once, in any order

    group_arn = arns[0].replace(":model-package/", ":model-package-group/").rsplit("/", 1)[0]
    assert deleted_version_arns(session, group_arn) == [arns[2], arns[0]]  # oldest deletion first
    assert version_timeline(session, arns[2]).events[-1].action == "DeleteModelPackage"
