"""The estate's listing without a window: each account-region's groups, then each group's
versions as parallel creation-time ranges (the versions pane's listing), written to the local
index as they arrive. Each account-region lists one group at a time, so an account-region keeps
at most one listing's 16 calls in flight; account-regions run side by side.

Until the estate's own refresh exists in app.registry.estate, this is what it does, raw.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import boto3

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.index.local import LocalIndex
from app.registry.versions.groups import iter_group_pages
from app.registry.versions.listing import iter_version_ranges

KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@dataclass(frozen=True)
class Place:
    """One account-region of the estate and the connection that lists it."""

    account: str
    region: str
    connection: Connection

    @property
    def key(self) -> str:
        return f"{self.connection.display_name}@{self.region}"


def estate_places(info: dict) -> list[Place]:
    """The main account with the sandbox's keys; the second through sts.assume_role, as the
    sandbox reaches its training account."""
    proxy = info["proxy"]
    sts = boto3.client("sts", endpoint_url=proxy, region_name="us-east-1", **KEYS)
    issued = sts.assume_role(RoleArn=info["role"], RoleSessionName="benchmark")["Credentials"]
    places = []
    for target in info["targets"]:
        assumed = target["account"] not in ("123456789012",)
        connection = Connection(
            profile=None, region=target["region"], endpoint_url=proxy,
            access_key_id=issued["AccessKeyId"] if assumed else "testing",
            secret_access_key=issued["SecretAccessKey"] if assumed else "testing",
            session_token=issued["SessionToken"] if assumed else None,
            label="training" if assumed else "registry")
        places.append(Place(target["account"], target["region"], connection))
    return places


def list_place(place: Place, index: LocalIndex | None, *, should_stop: Callable[[], bool] | None = None,
               report: Callable[[int], None] | None = None) -> int:
    """Worker thread: every group and version of one account-region, into `index`; returns
    how many versions were listed. `report(n)` after each batch of n versions."""
    session = session_for(place.connection)
    groups = [g for page in iter_group_pages(session, include_shared=False) for g in page]
    if index is not None:
        index.record_groups(place.key, place.account, place.region, groups, complete=True)
    listed = 0
    for group in groups:
        seen: list[str] = []
        for batch in iter_version_ranges(session, group.name, should_stop=should_stop):
            if index is not None:
                index.record_versions(batch)
            seen.extend(v.arn for v in batch)
            if report is not None:
                report(len(batch))
            if should_stop is not None and should_stop():
                return listed + len(seen)
        if index is not None:
            index.finish_version_listing(group.arn, seen)
        listed += len(seen)
    return listed


def list_estate(places: list[Place], index: LocalIndex | None, **options) -> int:
    """Every account-region at once, one thread each; the versions listed in all."""
    with ThreadPoolExecutor(max_workers=len(places), thread_name_prefix="estate") as pool:
        return sum(pool.map(lambda place: list_place(place, index, **options), places))


def warm(places: list[Place]) -> None:
    """Each connection's client built and its connection pool opened, as after a first refresh."""
    threads = [threading.Thread(target=lambda p=p: session_for(p.connection).client("sagemaker")
                                .list_model_package_groups(MaxResults=1)) for p in places]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
