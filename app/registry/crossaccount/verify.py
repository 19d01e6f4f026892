"""Verify a cross-account setup: re-read every resource, then try it as the training account
(describe the group by its ARN and, when its AWS RAM share was promoted, find it listed)."""

from __future__ import annotations

from dataclasses import dataclass

from app.registry.accounts.sessions import session_for
from app.registry.crossaccount import policies, share
from app.registry.crossaccount.denies import cancelling_denies
from app.registry.crossaccount.plan import KMS, RAM, Plan, Step, find_our_grant, read_grants, read_policy_text
from app.registry.crossaccount.policies import MalformedPolicy
from app.registry.errors import RegistryError
from app.registry.texts import QT_TRANSLATE_NOOP, Text, joined, text_of
from app.registry.versions.groups import describe_group


@dataclass(frozen=True)
class Check:
    title: str
    ok: bool
    detail: str


def check_step(step: Step) -> Check:
    """Whether our statements (or grant) are in place on the resource right now, and not
    cancelled by a Deny (one that applies only under a Condition is named, not failed)."""
    try:
        if step.kind == RAM:
            return check_share(step)
        if step.kind == KMS:
            found = find_our_grant(read_grants(session_for(step.connection), step.resource), step.ours[0])
            if found is None:
                return Check(step.title, False, Text(QT_TRANSLATE_NOOP("CrossAccount", "The grant {grant} is "
                                                                       "missing."), grant=policies.KMS_GRANT_NAME))
            return Check(step.title, True, Text(QT_TRANSLATE_NOOP("CrossAccount", "Grant {grant} is in place."),
                                                grant=found["GrantId"]))
        document = policies.parse(read_policy_text(session_for(step.connection), step.kind, step.resource))
    except (RegistryError, MalformedPolicy) as error:
        return Check(step.title, False, text_of(error))
    missing = policies.missing_statements(document, step.ours)
    if missing:
        return Check(step.title, False, Text(QT_TRANSLATE_NOOP("CrossAccount", "Missing or changed statement(s): "
                                                               "{sids}."), sids=", ".join(missing)))
    denies = cancelling_denies(document, step.ours)
    cancelling = [d.message for d in denies if not d.conditional]
    if cancelling:
        return Check(step.title, False, joined(cancelling))
    notes = [d.message for d in denies]
    return Check(step.title, True, joined([Text(QT_TRANSLATE_NOOP("CrossAccount", "Every statement is in place.")),
                                           *notes]))


def check_share(step: Step) -> Check:
    """The group's AWS RAM share is promoted and lists the training account."""
    found = share.find_share(session_for(step.connection), step.resource)
    training = step.ours[0].get("Principal", "") if step.ours else ""
    if found is None:
        return Check(step.title, False, Text(QT_TRANSLATE_NOOP("CrossAccount", "AWS RAM holds no share of the group: "
                                                               "nothing makes it discoverable.")))
    if found.feature_set == share.PROMOTING:
        return Check(step.title, False, Text(QT_TRANSLATE_NOOP("CrossAccount", "The share {share} is still being "
                                                               "promoted: verify again in a minute."), share=found.arn))
    if not found.promoted:
        return Check(step.title, False, Text(QT_TRANSLATE_NOOP("CrossAccount", "The share {share} is not promoted "
                                                               "(feature set {feature_set})."),
                                             share=found.arn, feature_set=found.feature_set))
    if training and not found.shares_with(training):
        return Check(step.title, False, Text(QT_TRANSLATE_NOOP("CrossAccount", "The promoted share {share} does not "
                                                               "list account {account}."),
                                             share=found.arn, account=training))
    return Check(step.title, True, Text(QT_TRANSLATE_NOOP("CrossAccount", "The share {share} is promoted."),
                                        share=found.arn))


def check_discoverable(plan: Plan) -> Check:
    """As the training profile, the group is in its "shared with me" list."""
    title = Text(QT_TRANSLATE_NOOP("CrossAccount", "List groups shared with {profile}"),
                 profile=plan.choice.training.display_name)
    try:
        listed = share.group_listed(session_for(plan.choice.training), plan.choice.group_name, plan.group_arn)
    except RegistryError as error:
        return Check(title, False, error.text)
    if not listed:
        return Check(title, False, Text(QT_TRANSLATE_NOOP(
            "CrossAccount", "The training account does not list the group (ListModelPackageGroups with "
            "CrossAccountFilterOption=CrossAccount): it can use it by ARN, but will not find it.")))
    return Check(title, True, Text(QT_TRANSLATE_NOOP("CrossAccount", "The training account lists the group among "
                                                     "those shared with it.")))


def check_cross_account(plan: Plan) -> Check:
    """As the training profile, describe the group by its ARN across accounts."""
    title = Text(QT_TRANSLATE_NOOP("CrossAccount", "Describe {group} as {profile}"),
                 group=plan.group_arn, profile=plan.choice.training.display_name)
    try:
        describe_group(session_for(plan.choice.training), plan.group_arn)
    except RegistryError as error:
        return Check(title, False, error.text)
    return Check(title, True, Text(QT_TRANSLATE_NOOP("CrossAccount", "The training account can see the group.")))


def verify(plan: Plan) -> list[Check]:
    """Every resource re-read, then the cross-account describe (worker thread)."""
    checks = [check_step(step) for step in plan.steps]
    checks.append(check_cross_account(plan))
    if any(step.kind == RAM for step in plan.steps):
        checks.append(check_discoverable(plan))
    return checks

