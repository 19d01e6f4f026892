"""Teach moto's SageMaker classes the model registry operations the sandbox needs.

Attributes are set on moto's classes, not on instances: moto builds a response object
per request and looks methods up on its class, so one install serves ``mock_aws`` in
this process and the threaded server alike. An operation is only added while moto
lacks it, so an upgrade that brings its own shows up in the tests.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable
from typing import Any

from moto.cloudtrail.models import CloudTrailBackend
from moto.cloudtrail.responses import CloudTrailResponse
from moto.ram.models import ResourceAccessManagerBackend
from moto.ram.responses import ResourceAccessManagerResponse
from moto.sagemaker.models import ModelPackage, ModelPackageGroup, SageMakerModelBackend
from moto.sagemaker.responses import SageMakerResponse

from . import backend_ops, endpoint_fields, handlers, ram, search, trail, versionfields
from .added import ADDED_CLOUDTRAIL_OPERATIONS, ADDED_OPERATIONS, ADDED_RAM_OPERATIONS

# moto's own operations this module corrects (fidelity) or extends across accounts.
PATCHED_OPERATIONS: tuple[str, ...] = (
    "create_model_package",
    "update_model_package",
    "describe_model_package_group",
    "describe_model_package",
    "list_model_packages",
    "list_model_package_groups",
    # group tags: AddTags overwrites a key, another account's group needs its policy
    "add_tags",
    "list_tags",
    "delete_tags",
    # version tags: moto finds no resource by a version's ARN (the tag operations use this)
    "_get_resource_from_arn",
    # recorded for CloudTrail (with the ones above that write)
    "create_model_package_group",
    # endpoint configs keep their shadow variants (moto drops them)
    "create_endpoint_config",
    # Search of model package versions: pages, metadata keys, versions without a description
    "search",
)

_MARK = "_sandbox_patch"
_RECORDED_MARK = "_sandbox_recorded"  # outermost: the guard inside it has _MARK
_lock = threading.Lock()


def _mark(function: Callable[..., Any]) -> Callable[..., Any]:
    setattr(function, _MARK, True)
    return function


def _is_patched(cls: type, name: str) -> bool:
    return bool(getattr(getattr(cls, name, None), _MARK, False))


def _add(names, backend, response, methods, handlers_by_name) -> list[str]:
    """Add each named operation moto lacks: the backend method (unless moto has it) and the
    request handler; one moto already serves is left alone."""
    added = []
    for name in names:
        if hasattr(response, name):
            continue  # moto has it now, or we added it before
        if not hasattr(backend, name):
            setattr(backend, name, _mark(methods[name]))
        setattr(response, name, _mark(handlers_by_name[name]))
        added.append(name)
    return added


def _fix_operations() -> list[str]:
    fixed = []
    for name, fix in backend_ops.FIXES.items():
        if not _is_patched(SageMakerModelBackend, name):
            original = getattr(SageMakerModelBackend, name)
            setattr(SageMakerModelBackend, name, _mark(fix(original)))
            fixed.append(name)
    for name, (target, param, action) in handlers.GUARDS.items():
        if not _is_patched(SageMakerResponse, name):
            original = getattr(SageMakerResponse, name)
            wrapped = handlers.guarded(original, target, param, action)
            setattr(SageMakerResponse, name, _mark(wrapped))
            fixed.append(name)
    shadows = "create_endpoint_config"
    if not _is_patched(SageMakerResponse, shadows):
        original = getattr(SageMakerResponse, shadows)
        setattr(SageMakerResponse, shadows, _mark(endpoint_fields.keeps_shadow_variants(original)))
        fixed.append(shadows)
    listing = "list_model_package_groups"
    if not _is_patched(SageMakerResponse, listing):
        original = getattr(SageMakerResponse, listing)
        setattr(SageMakerResponse, listing, _mark(handlers.cross_account_listing(original)))
        fixed.append(listing)
    if not _is_patched(SageMakerResponse, "search"):
        original = SageMakerResponse.search
        SageMakerResponse.search = _mark(search.model_package_search(original))  # type: ignore[method-assign]
        fixed.append("search")
    return fixed


def _record_writes() -> list[str]:
    """Wrap each registry write (after its guard) so CloudTrail sees it; and describe the
    version fields moto does not know."""
    recorded = []
    for name in trail.RECORDED:
        handler = getattr(SageMakerResponse, name)
        if not getattr(handler, _RECORDED_MARK, False):
            wrapped = _mark(trail.recorder(handler, name))
            setattr(wrapped, _RECORDED_MARK, True)
            setattr(SageMakerResponse, name, wrapped)
            recorded.append(name)
    if not _is_patched(ModelPackage, "gen_response_object"):
        described = versionfields.described(ModelPackage.gen_response_object)
        ModelPackage.gen_response_object = _mark(described)  # type: ignore[method-assign]
    if not _is_patched(ModelPackageGroup, "gen_response_object"):
        group_described = versionfields.group_described(ModelPackageGroup.gen_response_object)
        ModelPackageGroup.gen_response_object = _mark(group_described)  # type: ignore[method-assign]
    return recorded


def _route_backend() -> None:
    """Let handlers pick another account's backend for one request."""
    current = SageMakerResponse.__dict__["sagemaker_backend"]
    if not getattr(current.fget, _MARK, False):
        # moto's method becomes a property that reads the account from each request
        SageMakerResponse.sagemaker_backend = property(  # type: ignore[method-assign,assignment]
            _mark(handlers.sagemaker_backend))


def _silence_unmodelled_errors() -> None:
    """SageMaker's model has no AccessDeniedException shape (AWS sends one anyway);
    moto serialises it fine but warns on every denial."""
    warnings.filterwarnings(
        "ignore",
        message=r"Exception\(AccessDeniedException\)",
        category=UserWarning,
        module=r"moto\.core\.serialize",
    )


def install() -> list[str]:
    """Patch moto once; the operations added or patched by this call, in order."""
    with _lock:
        _silence_unmodelled_errors()  # an identical filter replaces itself
        _route_backend()
        done = _add(ADDED_OPERATIONS, SageMakerModelBackend, SageMakerResponse,
                    backend_ops.NEW_METHODS, handlers.NEW_HANDLERS)
        done += _add(ADDED_CLOUDTRAIL_OPERATIONS, CloudTrailBackend, CloudTrailResponse,
                     trail.NEW_METHODS, trail.NEW_HANDLERS)
        added_ram = _add(ADDED_RAM_OPERATIONS, ResourceAccessManagerBackend, ResourceAccessManagerResponse,
                         ram.NEW_METHODS, ram.NEW_HANDLERS)
        ram.route(added_ram)
        done += added_ram
        done += _fix_operations() + _record_writes()
    every = (*ADDED_OPERATIONS, *ADDED_CLOUDTRAIL_OPERATIONS, *ADDED_RAM_OPERATIONS, *PATCHED_OPERATIONS)
    return [name for name in every if name in done]
