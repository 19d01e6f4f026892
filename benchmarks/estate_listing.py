"""The estate's listing without a window: app.registry.estate's refresh of the benchmark's
account-regions into the local index (each account-region's groups, each group's versions as
parallel creation-time ranges, with the estate's own bounds on calls in flight)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import boto3

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.estate.elsewhere import listing_processes, refresh_estate_elsewhere
from app.registry.estate.fanout import Target, TargetProgress
from app.registry.index.local import LocalIndex

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


def list_place(place: Place, index: LocalIndex, *, should_stop: Callable[[], bool] | None = None,
               report: Callable[[TargetProgress], None] | None = None) -> int:
    """Worker thread: one account-region refreshed into `index` by the estate's own refresh;
    how many versions were listed."""
    return list_estate([place], index, should_stop=should_stop, report=report)


def list_estate(places: list[Place], index: LocalIndex, *, should_stop: Callable[[], bool] | None = None,
                report: Callable[[TargetProgress], None] | None = None) -> int:
    """Every account-region at once, as the application lists them (app.registry.estate's
    bounded fan-out, in its worker processes); the versions listed in all. A target that failed
    fails the benchmark."""
    # The listing alone: the details a refresh reads afterwards (describes) are not the listing.
    outcome = refresh_estate_elsewhere([Target(p.key, p.connection) for p in places], index,
                             should_stop=should_stop or (lambda: False), report=report or (lambda _p: None),
                             describe_limit=0)
    if outcome.failed:
        raise RuntimeError("; ".join(f"{f.key}: {f.error}" for f in outcome.failed))
    return outcome.versions


def warm(places: list[Place]) -> None:
    """Each connection's client built and its connection pool opened, and the worker processes
    started, as after a first refresh."""
    listing_processes()
    threads = [threading.Thread(target=lambda p=p: session_for(p.connection).client("sagemaker")
                                .list_model_package_groups(MaxResults=1)) for p in places]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
