"""AWS error codes sorted into the kinds of failure a person can act on, and service names."""

from __future__ import annotations

KINDS = (
    "no_credentials",
    "expired_token",
    "access_denied",
    "unreachable",
    "throttled",
    "not_found",
    "invalid",
    "conflict",
    "other",
)

_ACCESS_DENIED = {
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
    "AuthorizationError",
    "NotAuthorized",
    "Forbidden",
    "403",
}
_EXPIRED = {
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "TokenRefreshRequired",
}
# The keys exist but AWS does not accept them: still a credentials problem for the user.
_BAD_KEYS = {
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
    "InvalidAccessKeyId",
    "IncompleteSignature",
    "MissingAuthenticationToken",
}
_THROTTLED = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottled",
    "RequestThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "BandwidthLimitExceeded",
    "PriorRequestNotComplete",
}
_NOT_FOUND = {
    "ResourceNotFound",
    "ResourceNotFoundException",
    "NotFoundException",
    "NoSuchKey",
    "NoSuchBucket",
    "NoSuchEntity",
    "404",
}
# RepositoryNotFoundException, KeyNotFound..., InvalidVpcID.NotFound: one family, one kind.
_NOT_FOUND_SUFFIXES = ("NotFoundException", "NotFound", "NotFoundFault")
_CONFLICT = {"ConflictException", "ResourceInUse", "ResourceInUseException"}
_INVALID = {
    "ValidationException",
    "ValidationError",
    "InvalidParameterValue",
    "InvalidParameterValueException",
    "InvalidParameterException",
    "InvalidRequest",
    "InvalidArgument",
    "MalformedPolicyDocument",
    "MalformedPolicyDocumentException",
}
# SageMaker reports a missing resource as a ValidationException with one of these phrases.
_NOT_FOUND_PHRASES = ("does not exist", "not found", "cannot find", "could not find")

_SERVICE_NAMES = {
    "sagemaker": "SageMaker",
    "s3": "S3",
    "sts": "STS",
    "iam": "IAM",
    "ecr": "ECR",
    "kms": "KMS",
}
