"""boto3 clients for the sandbox, sealed off from the user's AWS configuration.

No profile, config file, credentials file or proxy from the environment reaches
them: a sandbox client must never talk to real AWS or use real credentials.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import boto3
import botocore.session
from botocore.config import Config

from .server import SANDBOX_ACCESS_KEY_ID, SANDBOX_REGION, SANDBOX_SECRET_ACCESS_KEY

MAIN_ACCOUNT_ID = "123456789012"  # moto's default account
TRAINING_ACCOUNT_ID = "210987654321"
TRAINING_ROLE_NAME = "RegistryDeskTraining"  # the role the sandbox assumes there
BUSINESS_UNIT_ACCOUNT_ID = "345678901234"  # a second business unit's registry
BUSINESS_UNIT_ROLE_NAME = "RegistryDeskBusinessUnit"

# Settings botocore would otherwise read from the environment or ~/.aws.
_SEALED_VARIABLES = {
    "profile": (None, None, None, None),
    "config_file": (None, None, os.devnull, None),
    "credentials_file": (None, None, os.devnull, None),
    "data_path": (None, None, None, None),
}

_CONFIG = Config(
    proxies={},
    retries={"max_attempts": 1, "mode": "standard"},
    s3={"addressing_style": "path"},
)

# One botocore session shares its loaded service models; creating clients from it
# is not thread-safe, hence the lock.
_lock = threading.Lock()
_clients: dict[tuple[str, ...], Any] = {}  # kept for the next seeding, least recently used first
_MOST_CLIENTS = 64
_session: boto3.session.Session | None = None


def _shared_session() -> boto3.session.Session:
    global _session
    if _session is None:
        core = botocore.session.Session(session_vars=_SEALED_VARIABLES)
        _session = boto3.session.Session(
            aws_access_key_id=SANDBOX_ACCESS_KEY_ID,
            aws_secret_access_key=SANDBOX_SECRET_ACCESS_KEY,
            region_name=SANDBOX_REGION,
            botocore_session=core,
        )
    return _session


def sandbox_client(
    endpoint_url: str,
    service: str,
    region: str = SANDBOX_REGION,
    credentials: dict[str, str] | None = None,
) -> Any:
    """A client for ``service`` at the sandbox endpoint; main-account keys by default."""
    keys = credentials or {
        "aws_access_key_id": SANDBOX_ACCESS_KEY_ID,
        "aws_secret_access_key": SANDBOX_SECRET_ACCESS_KEY,
    }
    # Clients are thread-safe and building one costs ~8 ms: each seeding asked for two dozen.
    key = (endpoint_url, service, region, *(f"{name}={value}" for name, value in sorted(keys.items())))
    with _lock:
        client = _clients.pop(key, None)
        if client is None:
            client = _shared_session().client(
                service, region_name=region, endpoint_url=endpoint_url, config=_CONFIG, **keys
            )
        _clients[key] = client  # the most recently used last
        while len(_clients) > _MOST_CLIENTS:  # assumed-role keys change with every sandbox
            _clients.pop(next(iter(_clients)))
        return client


def main_client(endpoint_url: str, service: str, region: str = SANDBOX_REGION) -> Any:
    """A client acting in the main account with the sandbox's dummy keys."""
    return sandbox_client(endpoint_url, service, region)


def training_role_arn() -> str:
    return f"arn:aws:iam::{TRAINING_ACCOUNT_ID}:role/{TRAINING_ROLE_NAME}"


def business_unit_role_arn() -> str:
    return f"arn:aws:iam::{BUSINESS_UNIT_ACCOUNT_ID}:role/{BUSINESS_UNIT_ROLE_NAME}"


def assumed_credentials(endpoint_url: str, role_arn: str) -> dict[str, str]:
    """Temporary keys for the role's account, from sts.assume_role as on AWS."""
    sts = main_client(endpoint_url, "sts")
    issued = sts.assume_role(RoleArn=role_arn, RoleSessionName="registry-desk")
    keys = issued["Credentials"]
    return {
        "aws_access_key_id": keys["AccessKeyId"],
        "aws_secret_access_key": keys["SecretAccessKey"],
        "aws_session_token": keys["SessionToken"],
    }


def training_credentials(endpoint_url: str) -> dict[str, str]:
    """Temporary keys for the training account."""
    return assumed_credentials(endpoint_url, training_role_arn())


def business_unit_credentials(endpoint_url: str) -> dict[str, str]:
    """Temporary keys for the business unit's account."""
    return assumed_credentials(endpoint_url, business_unit_role_arn())
