"""What the register wizard and its pickers do off the UI thread: groups, ECR, S3, KMS, specs, submit.

Every function runs on a worker thread and returns plain data the pages apply on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.versions import artifacts, groups, registration
from app.registry.versions.artifacts import ImageTag, KeyChoice, ObjectInfo, ObjectPage, PrefixSummary, Repository
from app.registry.versions.groups import GroupSummary
from app.registry.versions.registration import RegistrationSpec


def list_groups(connection: Connection) -> list[GroupSummary]:
    """Every group of the account (own ones; shared ones are picked by ARN)."""
    session = session_for(connection)
    found: list[GroupSummary] = []
    for page in groups.iter_group_pages(session, include_shared=False):
        found.extend(page)
    return sorted(found, key=lambda g: g.name.lower())


def check_object(connection: Connection, url: str) -> ObjectInfo:
    return artifacts.head_object(session_for(connection), url)


def check_prefix(connection: Connection, url: str, should_stop: Callable[[], bool]) -> PrefixSummary:
    """How many objects SageMaker would find under the prefix `url`, and their total size."""
    return artifacts.summarize_prefix(session_for(connection), url, should_stop=should_stop)


def submit(connection: Connection, spec: RegistrationSpec, new_group_description: str | None,
           report: Callable[[str], None]) -> str:
    """Register the version (creating its group first when it is new); returns the ARN.

    `report(group)` once a new group exists, before the version is asked for.
    """
    return registration.register(session_for(connection), spec, new_group=new_group_description,
                                 group_created=report)


def write_spec(path: str, spec: RegistrationSpec) -> str:
    registration.save_spec(path, spec)
    return path


def read_spec(path: str) -> RegistrationSpec:
    return registration.load_spec(Path(path))


def list_repositories(connection: Connection) -> list[Repository]:
    return artifacts.list_repositories(session_for(connection))


def list_image_tags(connection: Connection, name: str) -> list[ImageTag]:
    return artifacts.list_image_tags(session_for(connection), name)


def list_buckets(connection: Connection) -> list[str]:
    return artifacts.list_buckets(session_for(connection))


def list_object_pages(connection: Connection, bucket: str, prefix: str) -> Iterator[ObjectPage]:
    yield from artifacts.iter_object_pages(session_for(connection), bucket, prefix)



def list_kms_keys(connection: Connection) -> list[KeyChoice]:
    """The account's KMS keys with their aliases, aliased keys first."""
    return artifacts.list_keys(session_for(connection))
