"""Errors: every failure becomes one RegistryError whose text names profile, action, resource."""

from __future__ import annotations

import pickle
import socket

import botocore.retries.standard
import pytest
from botocore import exceptions as bx
from botocore.stub import Stubber

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.errors import RegistryError, aws_call, to_registry_error
from app.registry.versions.describe import describe_version
from app.registry.versions.groups import describe_group, iter_group_pages

PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"


def client_error(code: str, message: str, operation: str = "UpdateModelPackage", status=400):
    return bx.ClientError(
        {
            "Error": {"Code": code, "Message": message},
            "ResponseMetadata": {"HTTPStatusCode": status},
        },
        operation,
    )


def mapped(exc: BaseException, action="sagemaker:UpdateModelPackage", resource=PACKAGE):
    return to_registry_error(exc, profile="training", action=action, resource=resource)


def test_access_denied_names_profile_action_and_resource():
    error = mapped(client_error("AccessDeniedException", "User: x is not authorized"))
    assert error.kind == "access_denied"
    assert (error.code, error.action, error.resource, error.profile) == (
        "AccessDeniedException",
        "sagemaker:UpdateModelPackage",
        PACKAGE,
        "training",
    )
    assert str(error) == (
        "Access denied: the profile 'training' may not call sagemaker:UpdateModelPackage on "
        f"{PACKAGE}. Ask for that permission or switch profile. "
        "(AccessDeniedException: User: x is not authorized)"
    )


@pytest.mark.parametrize(
    ("code", "message", "kind"),
    [
        ("AccessDenied", "no", "access_denied"),
        (
            "ExpiredTokenException",
            "The security token included in the request is expired",
            "expired_token",
        ),
        ("ExpiredToken", "expired", "expired_token"),
        ("UnrecognizedClientException", "The security token is invalid", "no_credentials"),
        ("ThrottlingException", "Rate exceeded", "throttled"),
        ("TooManyRequestsException", "slow down", "throttled"),
        ("ResourceNotFound", "gone", "not_found"),
        ("ValidationException", "Model package group churn does not exist.", "not_found"),
        ("ValidationException", "1 validation error detected", "invalid"),
        ("ConflictException", "being updated", "conflict"),
        ("InternalFailure", "oops", "other"),
    ],
)
def test_client_error_codes(code, message, kind):
    error = mapped(client_error(code, message))
    assert error.kind == kind
    assert error.code == code
    assert error.detail == message
    assert "'training'" in str(error)


def test_throttling_message():
    error = mapped(
        client_error("Throttling", "Rate exceeded"), action="sagemaker:ListModelPackages"
    )
    assert str(error) == (
        f"AWS is throttling the profile 'training' on sagemaker:ListModelPackages on {PACKAGE}. "
        "Wait a moment and try again."
    )


def test_expired_token_message_says_how_to_sign_in():
    error = mapped(bx.UnauthorizedSSOTokenError())
    assert error.kind == "expired_token"
    assert "aws sso login --profile training" in str(error)
    assert mapped(bx.TokenRetrievalError(provider="sso", error_msg="x")).kind == "expired_token"


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (bx.NoCredentialsError(), "no_credentials"),
        (
            bx.PartialCredentialsError(provider="env", cred_var="AWS_SECRET_ACCESS_KEY"),
            "no_credentials",
        ),
        (bx.ProfileNotFound(profile="training"), "no_credentials"),
        (bx.SSOTokenLoadError(error_msg="no cache"), "expired_token"),
        (bx.EndpointConnectionError(endpoint_url="https://api.sagemaker.x"), "unreachable"),
        (bx.ConnectTimeoutError(endpoint_url="https://api.sagemaker.x"), "unreachable"),
        (bx.ReadTimeoutError(endpoint_url="https://api.sagemaker.x"), "unreachable"),
        (bx.ParamValidationError(report="Invalid length for parameter X"), "invalid"),
        (bx.NoRegionError(), "invalid"),
        (RuntimeError("boom"), "other"),
    ],
)
def test_botocore_exceptions(exc, kind):
    error = mapped(exc)
    assert error.kind == kind
    assert "'training'" in str(error)


def test_a_registry_error_passes_through_unchanged():
    original = RegistryError("conflict", "Already there.", profile="p")
    assert to_registry_error(original, profile="x", action="y") is original


def test_aws_call_chains_the_cause_and_survives_pickling():
    connection = Connection(profile="training", region="eu-west-1")
    with pytest.raises(RegistryError) as caught:
        with aws_call(connection, "sagemaker:DescribeModelPackage", PACKAGE):
            raise client_error("AccessDeniedException", "denied")
    assert isinstance(caught.value.__cause__, bx.ClientError)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert str(copy) == str(caught.value)
    assert copy.kind == "access_denied"


def test_no_credentials_for_the_default_profile(monkeypatch, tmp_path):
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_PROFILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    session = session_for(
        Connection(profile=None, region="us-east-1", endpoint_url="http://127.0.0.1:9")
    )

    with pytest.raises(RegistryError) as caught:
        next(iter_group_pages(session))

    assert caught.value.kind == "no_credentials"
    assert str(caught.value) == (
        "No credentials found for the profile 'default' to call sagemaker:ListModelPackageGroups on the "
        "model package groups in us-east-1. Run `aws configure` or pick another profile."
    )


def test_an_unreachable_endpoint_names_it(make_connection, monkeypatch):
    # No backoff between the retries: the test checks the message, not the waiting.
    monkeypatch.setattr(botocore.retries.standard.ExponentialBackoff, "delay_amount", lambda *a: 0)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    session = session_for(make_connection(endpoint_url=closed, label="offline"))

    with pytest.raises(RegistryError) as caught:
        describe_group(session, "churn")

    error = caught.value
    assert error.kind == "unreachable"
    assert str(error).startswith(
        f"Cannot reach the SageMaker endpoint ({closed}/) to call "
        "sagemaker:DescribeModelPackageGroup on churn for the profile 'offline': "
    )
    assert "Connection refused" in str(error)
    assert str(error).endswith("Check the network, proxy or the endpoint setting.")


def test_the_sandbox_answers_not_found_for_a_missing_version(session):
    with pytest.raises(RegistryError) as caught:
        describe_version(session, PACKAGE)
    assert caught.value.kind == "not_found"
    assert PACKAGE in str(caught.value)
    assert "'sandbox'" in str(caught.value)


def test_an_unshared_group_of_another_account_is_access_denied(session, other_session):
    other_session.client("sagemaker").create_model_package_group(ModelPackageGroupName="secret")
    arn = "arn:aws:sagemaker:us-east-1:210987654321:model-package-group/secret"

    with pytest.raises(RegistryError) as caught:
        describe_group(session, arn)

    error = caught.value
    assert error.kind == "access_denied"
    assert str(error).startswith(
        f"Access denied: the profile 'sandbox' may not call "
        f"sagemaker:DescribeModelPackageGroup on {arn}."
    )


def test_throttling_from_the_service_is_reported_with_the_action(session):
    client = session.client("sagemaker")
    with Stubber(client) as stub:
        stub.add_client_error(
            "list_model_package_groups",
            service_error_code="ThrottlingException",
            service_message="Rate exceeded",
            http_status_code=400,
        )
        with pytest.raises(RegistryError) as caught:
            next(iter_group_pages(session))
    assert caught.value.kind == "throttled"
    assert "sagemaker:ListModelPackageGroups" in str(caught.value)
    assert "'sandbox'" in str(caught.value)


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        RegistryError("nope")


@pytest.mark.parametrize(
    "code",
    ["RepositoryNotFoundException", "ImageNotFoundException", "NoSuchBucketPolicy",
     "InvalidVpcID.NotFound", "DBInstanceNotFoundFault"],
)
def test_every_not_found_family_code_says_missing(code):
    error = mapped(client_error(code, "gone"))
    assert error.kind == "not_found"
    assert str(error).startswith(f"Not found: {PACKAGE} does not exist")


def test_a_missing_ecr_repository_in_the_sandbox_is_not_found(session):
    ecr = session.client("ecr")
    with pytest.raises(RegistryError) as caught, aws_call(session, "ecr:DescribeImages", "churn-nothing"):
        ecr.describe_images(repositoryName="churn-nothing")
    error = caught.value
    assert (error.kind, error.code) == ("not_found", "RepositoryNotFoundException")
    assert str(error) == (
        "Not found: churn-nothing does not exist or is not visible to the profile 'sandbox' "
        "(ecr:DescribeImages). It may have been deleted, or it lives in another account or region.")


# -- only AWS failing is an AWS error ----------------------------------------------------------


def test_a_mistake_in_our_code_during_a_call_is_reported_as_itself(session):
    """A KeyError raised while botocore makes the call (here by an event handler of ours) is a
    programming error: it must not be reported as "AWS error" of kind "other"."""

    def broken_handler(**_):
        return {}["ModelPackageGroupName"]

    session.client("sagemaker").meta.events.register(
        "before-call.sagemaker.DescribeModelPackageGroup", broken_handler
    )
    with pytest.raises(KeyError):
        describe_group(session, "churn")


@pytest.mark.parametrize("mistake", [TypeError("unsupported operand"), KeyError("Arn"), FileNotFoundError(2, "x")])
def test_aws_call_lets_our_own_exceptions_through(mistake):
    with pytest.raises(type(mistake)) as caught:
        with aws_call(Connection(profile="p", region="us-east-1"), "sagemaker:ListModelPackages", "churn"):
            raise mistake
    assert caught.value is mistake


@pytest.mark.parametrize(
    "failure",
    [
        ConnectionResetError(104, "Connection reset by peer"),
        TimeoutError("timed out"),
        socket.gaierror(-2, "Name or service not known"),
        OSError(101, "Network is unreachable"),
    ],
)
def test_a_network_failure_outside_botocore_is_still_unreachable(failure):
    import urllib3.exceptions

    for exc in (failure, urllib3.exceptions.ProtocolError("Connection broken", failure)):
        with pytest.raises(RegistryError) as caught:
            with aws_call(Connection(profile="p", region="us-east-1"), "s3:GetObject", "s3://models/m.json"):
                raise exc
        assert caught.value.kind == "unreachable"
        assert "s3:GetObject on s3://models/m.json" in str(caught.value)
