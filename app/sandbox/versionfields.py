"""The version fields moto 5.2.5 does not keep: lifecycle, model card, source URI, KMS key,
validation setting, registration type, who changed it.

moto's request handlers never read ``ModelLifeCycle``, ``ModelCard``, ``SourceUri``,
``SecurityConfig``, ``SkipModelValidation`` or ``ModelPackageRegistrationType``;
``recorder`` reads them from the request, ``check`` refuses what AWS refuses before
anything changes, and ``apply`` stores them on moto's ``ModelPackage`` as attributes that
``described`` adds to every description.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from moto.core.utils import utcnow
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.models import ModelPackage

# Request field -> attribute on moto's ModelPackage.
FIELDS: dict[str, str] = {
    "ModelLifeCycle": "sandbox_model_life_cycle",
    "ModelCard": "sandbox_model_card",
    "SourceUri": "sandbox_source_uri",
    # Create only (UpdateModelPackage has no such members).
    "SecurityConfig": "sandbox_security_config",
    "SkipModelValidation": "sandbox_skip_model_validation",
    "ModelPackageRegistrationType": "sandbox_registration_type",
}

CARD_STATUSES = ("Draft", "PendingReview", "Approved", "Archived")
_STAGE = re.compile(r"^([a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$")
_MAX_STAGE_DESCRIPTION = 1024
_MAX_CARD_CONTENT = 100000
_MAX_SOURCE_URI = 1024
SKIP_VALIDATION = ("All", "None")
REGISTRATION_TYPES = ("Logged", "Registered")
_KMS_KEY = re.compile(r"^[a-zA-Z0-9:/_-]{0,2048}$")


def sent_fields(params: dict[str, Any]) -> dict[str, Any]:
    return {name: params[name] for name in FIELDS if params.get(name) is not None}


def check(fields: dict[str, Any]) -> None:
    """Raise ValidationError as SageMaker does for a malformed field; nothing is stored."""
    life = fields.get("ModelLifeCycle")
    if life is not None:
        for key in ("Stage", "StageStatus"):
            value = life.get(key)
            if not isinstance(value, str) or not _STAGE.match(value):
                raise ValidationError(
                    f"Value '{value}' at 'modelLifeCycle.{key[0].lower()}{key[1:]}' failed to "
                    f"satisfy constraint: Member must satisfy regular expression pattern: "
                    f"{_STAGE.pattern}"
                )
        if len(life.get("StageDescription") or "") > _MAX_STAGE_DESCRIPTION:
            raise ValidationError(
                "Value at 'modelLifeCycle.stageDescription' failed to satisfy constraint: "
                f"Member must have length less than or equal to {_MAX_STAGE_DESCRIPTION}"
            )
    card = fields.get("ModelCard")
    if card is not None:
        status = card.get("ModelCardStatus")
        if status is not None and status not in CARD_STATUSES:
            raise ValidationError(
                f"Value '{status}' at 'modelCard.modelCardStatus' failed to satisfy constraint: "
                f"Member must satisfy enum value set: [{', '.join(CARD_STATUSES)}]"
            )
        content = card.get("ModelCardContent")
        if content is not None:
            if len(content) > _MAX_CARD_CONTENT:
                raise ValidationError("ModelCardContent is longer than 100000 characters")
            try:
                parsed = json.loads(content)
            except ValueError:
                parsed = None
            # Never quote the content back: the API marks it sensitive.
            if not isinstance(parsed, dict):
                raise ValidationError("ModelCardContent is not a valid JSON object")
    _check_create_only(fields)
    uri = fields.get("SourceUri")
    if uri is not None and len(uri) > _MAX_SOURCE_URI:
        raise ValidationError(
            f"Value at 'sourceUri' failed to satisfy constraint: Member must have length less "
            f"than or equal to {_MAX_SOURCE_URI}"
        )


def _check_create_only(fields: dict[str, Any]) -> None:
    for name, key, allowed in (("SkipModelValidation", "skipModelValidation", SKIP_VALIDATION),
                               ("ModelPackageRegistrationType", "modelPackageRegistrationType",
                                REGISTRATION_TYPES)):
        value = fields.get(name)
        if value is not None and value not in allowed:
            raise ValidationError(
                f"Value '{value}' at '{key}' failed to satisfy constraint: Member must satisfy "
                f"enum value set: [{', '.join(allowed)}]"
            )
    key_id = (fields.get("SecurityConfig") or {}).get("KmsKeyId")
    if "SecurityConfig" in fields and (not isinstance(key_id, str) or not _KMS_KEY.match(key_id)):
        raise ValidationError(
            f"Value '{key_id}' at 'securityConfig.kmsKeyId' failed to satisfy constraint: "
            f"Member must satisfy regular expression pattern: {_KMS_KEY.pattern}"
        )


def card_sections_changed(package: ModelPackage | None, card: dict[str, Any]) -> list[str]:
    """The top-level sections of the card content that differ from the stored card."""
    content = card.get("ModelCardContent")
    if content is None:
        return []
    old_card = getattr(package, FIELDS["ModelCard"], None) or {}
    try:
        old = json.loads(old_card.get("ModelCardContent") or "{}")
    except ValueError:
        old = {}
    new = json.loads(content)
    return sorted(key for key in {*old, *new} if old.get(key) != new.get(key))


def apply(package: ModelPackage, fields: dict[str, Any]) -> None:
    """Store the sent fields; a card keeps the part (content or status) not sent."""
    if "ModelLifeCycle" in fields:
        life = {k: v for k, v in fields["ModelLifeCycle"].items() if v is not None}
        setattr(package, FIELDS["ModelLifeCycle"], life)
    if "ModelCard" in fields:
        old = getattr(package, FIELDS["ModelCard"], None) or {}
        sent = {k: v for k, v in fields["ModelCard"].items() if v is not None}
        setattr(package, FIELDS["ModelCard"], {**old, **sent})
    for name in ("SourceUri", "SecurityConfig", "SkipModelValidation", "ModelPackageRegistrationType"):
        if name in fields:
            setattr(package, FIELDS[name], fields[name])


def user_context(caller_arn: str, access_key: str) -> dict[str, Any]:
    """A UserContext as SageMaker writes it for a caller outside Studio."""
    return {"IamIdentity": {"Arn": caller_arn, "PrincipalId": access_key}}


def modified_by(package: ModelPackage, caller_arn: str, access_key: str) -> None:
    package.last_modified_time = utcnow()
    package.last_modified_by = user_context(caller_arn, access_key)


def described(original: Callable[[ModelPackage], dict[str, Any]]) -> Callable[..., Any]:
    """moto's description plus the fields it does not know."""

    def gen_response_object(self: ModelPackage) -> dict[str, Any]:
        response = original(self)
        for name, attribute in FIELDS.items():
            value = getattr(self, attribute, None)
            if value is not None:
                response[name] = value
        if response.get("CustomerMetadataProperties") == {}:
            del response["CustomerMetadataProperties"]  # AWS omits an emptied map
        return response

    gen_response_object.__name__ = original.__name__
    return gen_response_object



GROUP_CREATOR = "sandbox_created_by"  # attribute on moto's ModelPackageGroup


def group_created_by(group: Any, caller_arn: str, access_key: str) -> None:
    setattr(group, GROUP_CREATOR, user_context(caller_arn, access_key))


def group_described(original: Callable[[Any], dict[str, Any]]) -> Callable[..., Any]:
    """moto's group description plus CreatedBy, once the sandbox knows who created it."""

    def gen_response_object(self: Any) -> dict[str, Any]:
        response = original(self)
        creator = getattr(self, GROUP_CREATOR, None)
        if creator is not None:
            response["CreatedBy"] = creator
        return response

    gen_response_object.__name__ = original.__name__
    return gen_response_object
