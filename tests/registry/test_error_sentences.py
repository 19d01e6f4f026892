"""Each kind of failure, as botocore raises it against the sandbox, read as a person reads it:
the profile, the action and the resource named, the resource once, and the advice that fits."""

from __future__ import annotations

import socket
from typing import Any

import botocore.retries.standard
import pytest

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.errors import RegistryError, aws_call
from app.registry.versions.describe import describe_version
from app.registry.versions.groups import describe_group, iter_group_pages

PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"
GROUP_ACTION = "sagemaker:DescribeModelPackageGroup"


def answer(client: Any, operation: str, code: str, message: str, status: int = 400) -> None:
    """The service answers `operation` with this error, as AWS would send it (moto cannot)."""
    from botocore.awsrequest import AWSResponse

    def respond(**_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        return AWSResponse("https://aws.example", status, {}, None), {
            "Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}

    service = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register(f"before-call.{service}.{operation}", respond)


def failure(call) -> RegistryError:
    with pytest.raises(RegistryError) as caught:
        call()
    return caught.value


def assert_names_once(text: str, *names: str) -> None:
    for name in names:
        assert text.count(name) == 1, f"{name!r} should appear once in: {text}"


def test_a_missing_version_names_it_once(session):
    error = failure(lambda: describe_version(session, PACKAGE))
    text = str(error)
    assert text == (
        f"Not found: {PACKAGE} does not exist or is not visible to the profile 'sandbox' "
        "(sagemaker:DescribeModelPackage). It may have been deleted, or it lives in another account or region."
    )
    assert len(text) < 250  # it was 409 characters, the ARN three times


def test_a_missing_group_is_named_as_the_user_typed_it_and_not_again_as_an_arn(session):
    text = str(failure(lambda: describe_group(session, "churn")))
    assert text.startswith("Not found: churn does not exist or is not visible to the profile 'sandbox' "
                           f"({GROUP_ACTION}).")
    assert "model-package-group/churn" not in text and "ValidationException" not in text


def test_access_denied_says_who_was_refused_and_why_without_repeating_the_arn(session, other_session):
    other_session.client("sagemaker").create_model_package_group(ModelPackageGroupName="secret")
    arn = "arn:aws:sagemaker:us-east-1:210987654321:model-package-group/secret"

    text = str(failure(lambda: describe_group(session, arn)))

    assert text == (
        f"Access denied: the profile 'sandbox' may not call {GROUP_ACTION} on {arn}. Ask for that "
        "permission or switch profile. (Signed in as arn:aws:iam::123456789012:root; no resource-based "
        "policy allows this action.)"
    )
    assert_names_once(text, arn, GROUP_ACTION)


def test_an_explicit_deny_is_named_as_the_reason(session):
    answer(session.client("sagemaker"), "DescribeModelPackageGroup", "AccessDeniedException",
           "User: arn:aws:sts::123456789012:assumed-role/Ops/me is not authorized to perform: "
           f"{GROUP_ACTION} on resource: arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn "
           "with an explicit deny in an identity-based policy")
    text = str(failure(lambda: describe_group(session, "churn")))
    assert text.endswith("(Signed in as arn:aws:sts::123456789012:assumed-role/Ops/me; an explicit deny in an "
                         "identity-based policy refuses it.)")
    assert_names_once(text, "churn", GROUP_ACTION)


def test_an_unreachable_endpoint_names_the_action_and_the_resource(make_connection, monkeypatch):
    monkeypatch.setattr(botocore.retries.standard.ExponentialBackoff, "delay_amount", lambda *a: 0)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    session = session_for(make_connection(endpoint_url=closed, label="offline"))

    text = str(failure(lambda: describe_group(session, "churn")))

    assert text == (
        f"Cannot reach the SageMaker endpoint ({closed}/) to call {GROUP_ACTION} on churn for the profile "
        "'offline': Connection refused. Check the network, proxy or the endpoint setting."
    )


def test_throttling_of_a_listing_names_the_region_it_lists(session):
    answer(session.client("sagemaker"), "ListModelPackageGroups", "ThrottlingException", "Rate exceeded")
    text = str(failure(lambda: next(iter_group_pages(session))))
    assert text == ("AWS is throttling the profile 'sandbox' on sagemaker:ListModelPackageGroups on the model package "
                    "groups in us-east-1. "
                    "Wait a moment and try again.")


def test_a_refused_request_quotes_the_server_and_names_the_resource_once(session):
    answer(session.client("sagemaker"), "DescribeModelPackageGroup", "ValidationException",
           "Value 'churn' at 'modelPackageGroupName' failed to satisfy constraint: Member must have length "
           "less than or equal to 63")
    text = str(failure(lambda: describe_group(session, "churn")))
    assert text == (
        f"AWS refused {GROUP_ACTION} for the profile 'sandbox': Value 'churn' at 'modelPackageGroupName' failed "
        "to satisfy constraint: Member must have length less than or equal to 63. Correct the request and try again."
    )


def test_a_conflict_names_action_and_resource(session):
    answer(session.client("sagemaker"), "DescribeModelPackageGroup", "ConflictException", "Try again later")
    text = str(failure(lambda: describe_group(session, "churn")))
    assert text == (f"Conflict: {GROUP_ACTION} on churn clashes with the current state for the profile "
                    "'sandbox'. Refresh and try again. (ConflictException: Try again later)")


def test_an_unknown_service_error_names_action_and_resource(session):
    answer(session.client("sagemaker"), "DescribeModelPackageGroup", "UnknownOperationException", "no such thing")
    text = str(failure(lambda: describe_group(session, "churn")))
    assert text == f"The call {GROUP_ACTION} on churn failed for the profile 'sandbox': no such thing."


# -- an expired token: the advice fits how the profile gets its credentials --------------------

EXPIRED = "The security token included in the request is expired"

FILES = {
    "credentials": "[static]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\n"
                   "aws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEYab\n",
    "config": "[profile static]\nregion = us-east-1\n"
              "[profile sso-dev]\nregion = us-east-1\nsso_session = corp\nsso_account_id = 111122223333\n"
              "sso_role_name = Admin\n"
              "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
              "[profile deployer]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/Deployer\n"
              "source_profile = static\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n",
}


@pytest.fixture
def aws_files(tmp_path, monkeypatch):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))


def expired(session) -> str:
    answer(session.client("sagemaker"), "DescribeModelPackageGroup", "ExpiredTokenException", EXPIRED)
    error = failure(lambda: describe_group(session, "churn"))
    assert error.kind == "expired_token"
    text = str(error)
    assert text.startswith(f"The credentials of the profile '{session.connection.display_name}' have expired: "
                           f"{GROUP_ACTION} on churn could not be called. ")
    assert EXPIRED not in text  # it says nothing ours does not
    return text


@pytest.mark.parametrize(
    ("profile", "advice"),
    [
        ("static", "Rotate or refresh its keys in the AWS credentials file (`aws configure --profile static`"),
        ("sso-dev", "Sign in again with `aws sso login --profile sso-dev`, then try again."),
        ("deployer", "with a new MFA code if the role asks for one"),
    ],
)
def test_an_expired_token_gets_advice_for_its_kind_of_credentials(aws_files, endpoint, profile, advice):
    session = session_for(Connection(profile=profile, region="us-east-1", endpoint_url=endpoint, label=profile))
    text = expired(session)
    assert advice in text
    if profile != "sso-dev":
        assert "aws sso login" not in text


def test_an_expired_token_in_the_sandbox_says_restart_it(session):
    assert expired(session).endswith("Restart the sandbox: close Registry Desk and start it again with --sandbox.")


def test_an_expired_sso_sign_in_says_how_to_sign_in_even_before_any_call():
    from botocore import exceptions as bx

    with pytest.raises(RegistryError) as caught:
        with aws_call(Connection(profile="sso-dev", region="us-east-1"), "sagemaker:ListModelPackages", "churn"):
            raise bx.UnauthorizedSSOTokenError()
    assert str(caught.value).endswith("Sign in again with `aws sso login --profile sso-dev`, then try again.")
    assert "sagemaker:ListModelPackages on churn" in str(caught.value)
