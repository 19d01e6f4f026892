"""Plan the cross-account setup: read what exists in both accounts, propose what to write.

A plan is plain data: one step per resource, training account first and registry account
last, each with the document captured now (kept byte for byte for rollback) and the one we
propose. Nothing is written here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.registry.accounts.identity import caller_identity
from app.registry.accounts.sessions import AccountSession, session_for
from app.registry.aws import Connection
from app.registry.crossaccount import policies, semantic, share
from app.registry.crossaccount.denies import deny_findings
from app.registry.crossaccount.policies import Finding, MalformedPolicy
from app.registry.crossaccount.semantic import DiffRow
from app.registry.errors import RegistryError, aws_call
from app.registry.texts import QT_TRANSLATE_NOOP, Text, joined
from app.registry.versions.artifacts import KeyChoice, list_buckets, list_keys, list_repositories
from app.registry.versions.groups import describe_group, iter_group_pages
from app.registry.versions.requests import check_group_name

ECR, S3, KMS, GROUP, RAM = "ecr", "s3", "kms", "group", "ram"
# Why the documented setup needs a key: said in the review and the export when there is none.
NO_KEY_WARNING = Text(QT_TRANSLATE_NOOP(
    "CrossAccount", "No KMS key: the documented cross-account setup encrypts the training artifacts with a "
    "customer-managed KMS key and grants the registry account Decrypt on it. Without one, "
    "artifacts encrypted with one of the training account's keys (or its AWS managed key "
    "aws/s3, which cannot be shared) cannot be decrypted by the registry account: deploying a "
    "version from the registry account fails when it reads the model data."))
_NO_POLICY_CODES = {"RepositoryPolicyNotFoundException", "NoSuchBucketPolicy"}


@dataclass(frozen=True)
class Choice:
    """What the person picked on the first page."""

    registry: Connection
    training: Connection
    group_name: str
    repositories: tuple[str, ...]
    bucket: str
    prefix: str = ""
    kms_key_id: str = ""  # key id or ARN in the training account; "" when none
    training_principal: str = ""  # "" = the training account's root
    without_key: bool = False  # no KMS key, chosen knowingly (NO_KEY_WARNING)
    deploy_read: bool = False  # the training account may also describe and list the versions


@dataclass
class Step:
    kind: str  # ECR, S3, KMS, GROUP or RAM
    title: str  # "ECR repository policy: churn-training"
    connection: Connection  # who applies it
    resource: str  # repository name, bucket, key id, group name (GROUP) or group ARN (RAM)
    current: str | None  # the document as read, exactly; None = there is none
    proposed: str | None  # what we would write; None when unreadable
    ours: list[dict[str, Any]] = field(default_factory=list)  # our statements (or grant)
    changed: bool = False
    findings: list[Finding] = field(default_factory=list)
    diff: list[DiffRow] = field(default_factory=list)  # current vs proposed, statement by statement

    @property
    def blocked(self) -> bool:
        return any(f.blocking for f in self.findings)

    @property
    def key(self) -> tuple[str, str]:
        """The resource, as the rollback record knows it."""
        return (self.kind, self.resource)


@dataclass
class Plan:
    choice: Choice
    registry_account: str
    training_account: str
    training_principal: str
    group_arn: str
    steps: list[Step]

    @property
    def changes(self) -> list[Step]:
        return [s for s in self.steps if s.changed]

    @property
    def blocking(self) -> list[Finding]:
        return [f for s in self.steps for f in s.findings if f.blocking]


def check_choice(choice: Choice, training_account: str = "") -> list[str]:
    """Messages that say what to type instead; empty when the choice can be planned.

    `training_account`, when known, is the example a message suggests."""
    problems = []
    name_problem = check_group_name(choice.group_name) if choice.group_name else Text(QT_TRANSLATE_NOOP(
        "CrossAccount", "Pick the model package group in the registry account."))
    if name_problem:
        problems.append(name_problem)
    if not choice.bucket:
        problems.append(Text(QT_TRANSLATE_NOOP("CrossAccount", "Pick the S3 bucket that holds the training "
                                               "artifacts.")))
    else:
        bucket_problem = policies.check_bucket(choice.bucket, choice.prefix)
        if bucket_problem:
            problems.append(bucket_problem)
    if choice.training_principal:
        principal_problem = policies.check_principal(choice.training_principal, training_account)
        if principal_problem:
            problems.append(principal_problem)
    if not choice.kms_key_id and not choice.without_key:
        problems.append(Text(QT_TRANSLATE_NOOP(
            "CrossAccount", "Pick the customer-managed KMS key that encrypts the training artifacts, or choose to "
            "go on without a key knowingly: the documented setup requires one.")))
    if choice.registry == choice.training:
        problems.append(Text(QT_TRANSLATE_NOOP("CrossAccount", "Pick two different profiles: the registry account "
                                               "and the training account.")))
    return problems


def choice_warnings(choice: Choice) -> list[str]:
    """What the choice grants beyond what it seems to (planning goes ahead)."""
    warning = policies.prefix_warning(choice.prefix)
    return [warning] if warning else []


@dataclass(frozen=True)
class RegistrySide:
    account_id: str
    groups: tuple[str, ...]  # this account's own groups, by name


@dataclass(frozen=True)
class TrainingSide:
    account_id: str
    repositories: tuple[str, ...]
    buckets: tuple[str, ...]
    keys: tuple[KeyChoice, ...]


def registry_side(connection: Connection) -> RegistrySide:
    """What the Choose page offers for the registry profile (worker thread)."""
    session = session_for(connection)
    account = caller_identity(session).account_id
    names = [g.name for page in iter_group_pages(session, include_shared=False) for g in page]
    return RegistrySide(account, tuple(sorted(names, key=str.lower)))


def training_side(connection: Connection) -> TrainingSide:
    """What the Choose page offers for the training profile (worker thread)."""
    session = session_for(connection)
    account = caller_identity(session).account_id
    repositories = tuple(r.name for r in list_repositories(session))
    return TrainingSide(account, repositories, tuple(list_buckets(session)), tuple(list_keys(session)))


def read_policy_text(session: AccountSession, kind: str, resource: str) -> str | None:
    """The resource's policy exactly as stored, or None when it has none."""
    read: Callable[[], Any]
    if kind == ECR:
        action, read = "ecr:GetRepositoryPolicy", lambda: session.client("ecr").get_repository_policy(
            repositoryName=resource)["policyText"]
    elif kind == S3:
        action, read = "s3:GetBucketPolicy", lambda: session.client("s3").get_bucket_policy(
            Bucket=resource)["Policy"]
    else:
        action, read = "sagemaker:GetModelPackageGroupPolicy", lambda: session.client(
            "sagemaker").get_model_package_group_policy(ModelPackageGroupName=resource)["ResourcePolicy"]
    try:
        with aws_call(session, action, resource):
            return str(read())
    except RegistryError as error:
        if error.code in _NO_POLICY_CODES or (error.kind == "not_found" and "polic" in error.detail.lower()):
            return None
        raise


def _policy_step(kind: str, title: str, session: AccountSession, resource: str,
                 current: str | None, ours: list[dict[str, Any]]) -> Step:
    step = Step(kind, title, session.connection, resource, current, None, ours)
    step.findings.extend(policies.wildcard_findings(ours))
    try:
        document = policies.parse(current)
    except MalformedPolicy as malformed:
        step.findings.append(Finding(Text(QT_TRANSLATE_NOOP(
            "CrossAccount", "The existing {title} is {problem}. Registry Desk will not overwrite it: fix or "
            "remove it in the AWS console, then plan again."),
            title=title, problem=malformed.args[0] if malformed.args else str(malformed)), True))
        return step
    merged = policies.merge(document, ours)
    step.changed = merged != document
    step.proposed = policies.render(merged) if step.changed else current
    step.diff = semantic.semantic_diff(document, merged)
    step.findings.extend(deny_findings(document, ours))
    if kind == GROUP:
        step.findings.extend(policies.discoverability_findings(merged))
    return step


def _ecr_step(session: AccountSession, repository: str, registry_account: str) -> Step:
    current = read_policy_text(session, ECR, repository)
    title = Text(QT_TRANSLATE_NOOP("CrossAccount", "ECR repository policy of {repository}"), repository=repository)
    return _policy_step(ECR, title, session, repository,
                        current, policies.ecr_statements(registry_account))


def _s3_step(session: AccountSession, bucket: str, prefix: str, registry_account: str) -> Step:
    current = read_policy_text(session, S3, bucket)
    title = Text(QT_TRANSLATE_NOOP("CrossAccount", "S3 bucket policy of {bucket}"), bucket=bucket)
    step = _policy_step(S3, title, session, bucket, current,
                        policies.s3_statements(bucket, prefix, registry_account))
    warning = policies.prefix_warning(prefix)
    if warning:
        step.findings.append(Finding(warning, False))
    return step


def grant_spec(registry_account: str) -> dict[str, Any]:
    return {
        "Name": policies.KMS_GRANT_NAME,
        "GranteePrincipal": policies.account_root(registry_account),
        "Operations": list(policies.KMS_OPERATIONS),
    }


def shown_grants(grants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Grants as the review shows them (their ids mean nothing to a reviewer)."""
    return [{k: v for k, v in g.items() if k != "GrantId"} for g in grants]


def read_grants(session: AccountSession, key_id: str) -> list[dict[str, Any]]:
    """Every grant on the key, as Name/GranteePrincipal/Operations/GrantId."""
    kms = session.client("kms")
    grants = []
    with aws_call(session, "kms:ListGrants", key_id):
        for page in kms.get_paginator("list_grants").paginate(KeyId=key_id):
            for grant in page.get("Grants", []):
                grants.append({
                    "Name": grant.get("Name", ""),
                    "GranteePrincipal": grant.get("GranteePrincipal", ""),
                    "Operations": list(grant.get("Operations", [])),
                    "GrantId": grant.get("GrantId", ""),
                })
    return grants


def find_our_grant(grants: list[dict[str, Any]], spec: dict[str, Any]) -> dict[str, Any] | None:
    """Our grant: found by its name and grantee, and covering every operation we need."""
    for grant in grants:
        if (grant["Name"] == spec["Name"] and grant["GranteePrincipal"] == spec["GranteePrincipal"]
                and set(spec["Operations"]) <= set(grant["Operations"])):
            return grant
    return None


def _kms_step(session: AccountSession, key_id: str, registry_account: str) -> Step:
    grants = read_grants(session, key_id)
    spec = grant_spec(registry_account)
    shown = shown_grants(grants)
    current = json.dumps(shown, indent=2)
    title = Text(QT_TRANSLATE_NOOP("CrossAccount", "KMS grant on key {key}"), key=key_id)
    step = Step(KMS, title, session.connection, key_id, current, current, [spec])
    proposed = shown
    if find_our_grant(grants, spec) is None:
        step.changed = True
        proposed = [*shown, spec]
        step.proposed = json.dumps(proposed, indent=2)
    step.diff = semantic.grant_diff(shown, proposed)
    return step


def _group_step(session: AccountSession, group_arn: str, name: str, principal: str, read: bool) -> Step:
    current = read_policy_text(session, GROUP, name)
    title = Text(QT_TRANSLATE_NOOP("CrossAccount", "Model package group policy of {group}"), group=name)
    return _policy_step(GROUP, title, session, name, current,
                        policies.group_statements(group_arn, principal, read=read))


def _ram_step(session: AccountSession, group_arn: str, name: str, training_account: str) -> Step:
    """Promote the AWS RAM share made from the group policy, so the training account lists the
    group; the share is read now, and again (once the policy is written) when the step runs."""
    unreadable: RegistryError | None = None
    try:
        found = share.find_share(session, group_arn)
    except RegistryError as error:  # planning goes on: the step reads again when it runs
        found, unreadable = None, error
    current = share.render(found.document()) if found else None
    proposed = share.planned(group_arn, training_account, found)
    title = Text(QT_TRANSLATE_NOOP("CrossAccount", "AWS RAM share of {group}: promote"), group=name)
    step = Step(RAM, title, session.connection, group_arn, current,
                share.render(proposed), [{"Action": share.PROMOTE_ACTION, "Resource": group_arn,
                                                       "Principal": training_account}])
    step.changed = not (found and found.promoted and found.shares_with(training_account))
    if not step.changed:
        step.proposed = current
    status = semantic.KEPT if not step.changed else (semantic.CHANGED if found else semantic.ADDED)
    before = semantic.pretty(found.document()) if found else ""
    step.diff = [semantic.DiffRow(status, "Resource share", before,
                                  semantic.pretty(proposed) if step.changed else before)]
    step.findings.append(Finding(Text(QT_TRANSLATE_NOOP(
        "CrossAccount", "Writing the group policy makes AWS RAM create a resource share (feature set "
        "{feature_set}) that only this account sees. Promoting it ({promote}; first {permission} when no "
        "managed permission matches the policy) lists the group in account {account}'s \"shared with me\" "
        "list. A promoted share no longer follows the policy: Roll back deletes it "
        "(ram:DeleteResourceShare) and the permission its promotion made (ram:DeletePermission) "
        "before restoring the policy."), feature_set=share.CREATED_FROM_POLICY, promote=share.PROMOTE_ACTION,
        permission=share.PROMOTE_PERMISSION_ACTION, account=training_account), False))
    if unreadable is not None:
        step.findings.append(Finding(Text(QT_TRANSLATE_NOOP(
            "CrossAccount", "The AWS RAM shares could not be read ({error}); the step will look for the share "
            "again when it runs, and needs ram:GetResourceShareAssociations, ram:GetResourceShares "
            "and {promote}."), error=unreadable.text, promote=share.PROMOTE_ACTION), False))
    others = [p for p in proposed["Principals"] if p not in (training_account, policies.account_root(training_account))]
    if others:
        step.findings.append(Finding(Text(QT_TRANSLATE_NOOP(
            "CrossAccount", "The share holds every account the group policy names: promoting it lists the group "
            "for {accounts} as well."), accounts=", ".join(others)), False))
    return step


def make_plan(choice: Choice) -> Plan:
    """Read both accounts (worker thread) and propose every change; writes nothing."""
    problems = check_choice(choice)
    if problems:
        raise RegistryError("invalid", joined(problems))
    registry = session_for(choice.registry)
    training = session_for(choice.training)
    registry_account = registry.account_id()
    training_account = training.account_id()
    if registry_account == training_account:
        raise RegistryError("invalid", Text(QT_TRANSLATE_NOOP(
            "CrossAccount", "Both profiles belong to account {account}. Pick a training profile of "
            "another account; within one account no resource policy is needed."), account=registry_account))
    principal = choice.training_principal or policies.account_root(training_account)
    group_arn = str(describe_group(registry, choice.group_name)["ModelPackageGroupArn"])
    steps = [_ecr_step(training, repo, registry_account) for repo in choice.repositories]
    steps.append(_s3_step(training, choice.bucket, choice.prefix, registry_account))
    if choice.kms_key_id:
        steps.append(_kms_step(training, choice.kms_key_id, registry_account))
    steps.append(_group_step(registry, group_arn, choice.group_name, principal, choice.deploy_read))
    if principal == policies.account_root(training_account):  # RAM promotes whole accounts only
        steps.append(_ram_step(registry, group_arn, choice.group_name, training_account))
    return Plan(choice, registry_account, training_account, principal, group_arn, steps)
