"""SageMaker's Search for model package versions, as the application sends it.

moto 5.2.5 answers Search with every match at once (no MaxResults, no NextToken), fails with a
server error when a Contains filter meets a version without a description, and refuses a
`CustomerMetadataProperties.<key>` filter. For Resource "ModelPackage" this handler filters the
account's versions itself (Equals, NotEquals, Contains, Exists, NotExists; text properties and
metadata keys; filters and one level of sub-expressions joined by And or Or), newest first, one
page of MaxResults (AWS's default 10) at a time. Any other resource goes to moto's own handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moto.core.responses import ActionResult
from moto.sagemaker.exceptions import ValidationError

_PROPERTIES = {  # Search's property name -> moto's attribute of a ModelPackage
    "ModelPackageGroupName": "model_package_group_name",
    "ModelPackageDescription": "model_package_description",
    "ModelPackageArn": "arn",
    "ModelApprovalStatus": "model_approval_status",
    "ModelPackageStatus": "model_package_status",
}
_METADATA = "CustomerMetadataProperties."
_DEFAULT_PAGE = 10


def _value(package: Any, name: str) -> str | None:
    if name.startswith(_METADATA):
        metadata = getattr(package, "customer_metadata_properties", None) or {}
        found = metadata.get(name[len(_METADATA):])
        return None if found is None else str(found)
    attribute = _PROPERTIES.get(name)
    if attribute is None:
        raise ValidationError(message=f"Unknown property name: {name}")
    found = getattr(package, attribute, None)
    return None if found is None else str(found)


def _holds(package: Any, condition: dict[str, Any]) -> bool:
    actual = _value(package, condition["Name"])
    operator = condition.get("Operator") or "Equals"
    expected = condition.get("Value")
    if operator == "Exists":
        return actual is not None
    if operator == "NotExists":
        return actual is None
    if operator == "NotEquals":
        return actual != expected
    if operator == "Contains":
        return actual is not None and expected is not None and expected in actual
    if operator == "Equals":
        return actual == expected
    raise ValidationError(message=f"The sandbox does not search with the operator {operator}")


def _matches(package: Any, expression: dict[str, Any]) -> bool:
    outcomes = [_holds(package, f) for f in expression.get("Filters") or []]
    outcomes += [_matches(package, sub) for sub in expression.get("SubExpressions") or []]
    if not outcomes:
        return True
    return any(outcomes) if expression.get("Operator") == "Or" else all(outcomes)


def model_package_search(original: Callable[[Any], ActionResult]) -> Callable[[Any], ActionResult]:
    def search(self: Any) -> ActionResult:
        if self._get_param("Resource") != "ModelPackage":
            return original(self)
        expression = self._get_param("SearchExpression") or {}
        packages = [p for p in self.sagemaker_backend.model_packages.values() if _matches(p, expression)]
        packages.sort(key=lambda p: (p.creation_time, p.arn), reverse=True)
        start = int(self._get_param("NextToken") or 0)
        size = int(self._get_param("MaxResults") or _DEFAULT_PAGE)
        result: dict[str, Any] = {
            "Results": [{"ModelPackage": p.gen_response_object()} for p in packages[start:start + size]]}
        if start + size < len(packages):
            result["NextToken"] = str(start + size)
        return ActionResult(result)

    return search
