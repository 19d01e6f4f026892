"""What the Card tab and the card editor do off the UI thread: a connection in, plain data out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.governance.cards import ModelCard, content_limit, set_model_card
from app.registry.governance.cardschema import load_schema
from app.registry.versions.records import VersionDetails


def load_card_schema() -> dict[str, Any]:
    """Worker thread: the shipped schema and botocore's model are files; read them once here,
    the checks made as the user types are then cached."""
    content_limit()
    return load_schema()


def save_card(connection: Connection, arn: str, content: Mapping[str, Any] | None, status: str,
              seen: ModelCard | None) -> VersionDetails:
    """Worker thread: save the card (None content: move its status only), read back."""
    return set_model_card(session_for(connection), arn, content, status, seen=seen)
