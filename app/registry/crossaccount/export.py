"""Export a cross-account plan for teams that apply changes through review.

Every proposed document as JSON, plus one boto3 script that applies the same statements:
it re-reads each policy when run, keeps every statement that is not ours, replaces ours by
Sid, creates the KMS grant only when no grant of ours is there yet, and promotes the AWS RAM
share made from the group policy unless it is promoted already.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

from app.registry.crossaccount.plan import ECR, GROUP, KMS, NO_KEY_WARNING, RAM, S3, Plan
from app.registry.crossaccount.share import permission_name

SCRIPT_NAME = "apply_cross_account.py"

_SCRIPT = '''#!/usr/bin/env python3
"""Cross-account setup for model package group {group_arn}.

Registry account {registry_account}; training account {training_account}.
Run:  python {script_name} --registry-profile REGISTRY --training-profile TRAINING
Each policy is re-read first; statements that are not ours (Sid prefix RegistryDesk) are kept.
{key_note}"""

import argparse
import json
import time

import boto3
from botocore.exceptions import ClientError

STEPS = json.loads({steps!r})
REGION = {region!r}
PERMISSION_NAME = {permission_name!r}


def merged(current_text, ours):
    document = json.loads(current_text) if current_text else {{"Version": "2012-10-17"}}
    statements = document.get("Statement", [])
    statements = statements if isinstance(statements, list) else [statements]
    by_sid = {{s["Sid"]: s for s in ours}}
    kept = [s for s in statements if not (isinstance(s, dict) and s.get("Sid") in by_sid)]
    document["Statement"] = kept + ours
    return json.dumps(document, indent=2)


def current_policy(read, missing_codes):
    try:
        return read()
    except ClientError as error:
        code = error.response["Error"]["Code"]
        message = error.response["Error"].get("Message", "")
        if code in missing_codes or (code == "ValidationException" and "policy" in message.lower()):
            return None
        raise


def apply(step, session):
    kind, resource, ours = step["kind"], step["resource"], step["ours"]
    if kind == "ecr":
        ecr = session.client("ecr")
        text = current_policy(lambda: ecr.get_repository_policy(repositoryName=resource)["policyText"],
                              {{"RepositoryPolicyNotFoundException"}})
        ecr.set_repository_policy(repositoryName=resource, policyText=merged(text, ours))
    elif kind == "s3":
        s3 = session.client("s3")
        text = current_policy(lambda: s3.get_bucket_policy(Bucket=resource)["Policy"], {{"NoSuchBucketPolicy"}})
        s3.put_bucket_policy(Bucket=resource, Policy=merged(text, ours))
    elif kind == "kms":
        kms = session.client("kms")
        grant = ours[0]
        for page in kms.get_paginator("list_grants").paginate(KeyId=resource):
            for existing in page["Grants"]:
                if (existing.get("Name") == grant["Name"]
                        and existing.get("GranteePrincipal") == grant["GranteePrincipal"]
                        and set(grant["Operations"]) <= set(existing.get("Operations", []))):
                    return
        kms.create_grant(KeyId=resource, **grant)
    elif kind == "group":
        sagemaker = session.client("sagemaker")
        text = current_policy(
            lambda: sagemaker.get_model_package_group_policy(ModelPackageGroupName=resource)["ResourcePolicy"],
            set())
        sagemaker.put_model_package_group_policy(ModelPackageGroupName=resource, ResourcePolicy=merged(text, ours))
    elif kind == "ram":
        promote_share(session.client("ram"), resource)


def promote_share(ram, group_arn):
    """Promote the share AWS RAM made from the group policy (it may take a moment to appear)."""
    for _attempt in range(6):
        arns = [a["resourceShareArn"]
                for page in ram.get_paginator("get_resource_share_associations").paginate(
                    associationType="RESOURCE", resourceArn=group_arn)
                for a in page["resourceShareAssociations"]]
        shares = [s for page in ram.get_paginator("get_resource_shares").paginate(
                      resourceOwner="SELF", resourceShareArns=arns)
                  for s in page["resourceShares"]
                  if s["resourceShareArn"] in arns and s["status"] == "ACTIVE"] if arns else []
        if shares:
            break
        time.sleep(2)
    else:
        raise SystemExit(f"AWS RAM has made no resource share from the policy of {{group_arn}}.")
    if any(s.get("featureSet") in ("STANDARD", "PROMOTING_TO_STANDARD") for s in shares):
        return
    share = shares[0]["resourceShareArn"]
    try:
        ram.promote_resource_share_created_from_policy(resourceShareArn=share)
        return
    except ClientError as error:
        if error.response["Error"]["Code"] != "UnmatchedPolicyPermissionException":
            raise
    # No managed permission matches the one RAM made from the policy: promote that one first.
    request = {{"resourceShareArn": share}}
    while True:
        page = ram.list_resource_share_permissions(**request)
        for permission in page["permissions"]:
            if permission.get("featureSet") == "CREATED_FROM_POLICY":
                ram.promote_permission_created_from_policy(permissionArn=permission["arn"], name=PERMISSION_NAME)
        if not page.get("nextToken"):
            break
        request["nextToken"] = page["nextToken"]
    ram.promote_resource_share_created_from_policy(resourceShareArn=share)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry-profile", required=True, help="profile of account {registry_account}")
    parser.add_argument("--training-profile", required=True, help="profile of account {training_account}")
    parser.add_argument("--region", default=REGION)
    parser.add_argument("--endpoint-url", default=None, help="another endpoint (testing only)")
    args = parser.parse_args()
    sessions = {{
        "registry": boto3.Session(profile_name=args.registry_profile, region_name=args.region),
        "training": boto3.Session(profile_name=args.training_profile, region_name=args.region),
    }}
    for account, expected in (("registry", {registry_account!r}), ("training", {training_account!r})):
        found = sessions[account].client("sts", endpoint_url=args.endpoint_url).get_caller_identity()["Account"]
        if found != expected:
            raise SystemExit(f"The {{account}} profile is account {{found}}, not {{expected}}.")
    for step in STEPS:  # training account first, registry account last
        session = sessions[step["account"]]
        session_with_endpoint = _Endpoint(session, args.endpoint_url)
        print(f"{{step['title']}} ...", flush=True)
        apply(step, session_with_endpoint)
    print("Done.")


class _Endpoint:
    def __init__(self, session, endpoint_url):
        self.session, self.endpoint_url = session, endpoint_url

    def client(self, service):
        return self.session.client(service, endpoint_url=self.endpoint_url)


if __name__ == "__main__":
    main()
'''


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:60]


def document_files(plan: Plan) -> dict[str, str]:
    """File name -> proposed document (JSON), one per step, numbered in apply order."""
    files = {}
    for number, step in enumerate(plan.steps, start=1):
        if step.kind == KMS:
            text = json.dumps({"KeyId": step.resource, **step.ours[0]}, indent=2)
            name = f"{number:02d}-kms-grant-{_slug(step.resource)}.json"
        elif step.kind == RAM:
            text = step.proposed or ""
            name = f"{number:02d}-ram-share-promotion-{_slug(step.resource.rsplit('/', 1)[-1])}.json"
        else:
            text = step.proposed or ""
            label = {ECR: "ecr-repository-policy", S3: "s3-bucket-policy", GROUP: "group-policy"}[step.kind]
            name = f"{number:02d}-{label}-{_slug(step.resource)}.json"
        files[name] = text
    return files


def boto3_script(plan: Plan) -> str:
    """One runnable script applying the same statements and grant, in the same order."""
    steps = [
        {
            "kind": step.kind,
            "title": step.title,
            "resource": step.resource,
            "account": "registry" if step.kind in (GROUP, RAM) else "training",
            "ours": step.ours,
        }
        for step in plan.steps
    ]
    key_note = ""
    if not plan.choice.kms_key_id:
        key_note = "\n" + textwrap.fill(NO_KEY_WARNING + " This was chosen knowingly.", width=92) + "\n"
    return _SCRIPT.format(
        key_note=key_note,
        group_arn=plan.group_arn,
        registry_account=plan.registry_account,
        training_account=plan.training_account,
        script_name=SCRIPT_NAME,
        steps=json.dumps(steps),
        region=plan.group_arn.split(":")[3],
        permission_name=permission_name(plan.group_arn),
    )


def export_files(plan: Plan) -> dict[str, str]:
    files = document_files(plan)
    files[SCRIPT_NAME] = boto3_script(plan)
    return files


def write_export(plan: Plan, folder: str) -> list[str]:
    """Write every file into `folder` (worker thread); the paths written."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in export_files(plan).items():
        path = target / name
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        written.append(str(path))
    return written
