"""What the metadata editor does off the UI thread: a connection in, plain data out."""

from __future__ import annotations

from collections.abc import Mapping

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.governance import metadata as registry_metadata
from app.registry.governance.metadata import MetadataEdit
from app.registry.versions.records import VersionDetails


def load_metadata_rules() -> int:
    """Worker thread: botocore's model is a file; read it here once, so the checks the editor
    runs as the user types never read it on the UI thread. Returns the key limit (50)."""
    registry_metadata.check_key("k")
    registry_metadata.check_value("v")
    registry_metadata.check_source_uri("")
    return registry_metadata.metadata_key_limit()


def save_metadata(connection: Connection, arn: str, edit: MetadataEdit, seen: Mapping[str, str]) -> VersionDetails:
    """Worker thread: the keys set and removed, refused ("conflict") when an edited key changed
    since `seen` was read; the version as AWS describes it afterwards."""
    return registry_metadata.edit_metadata(session_for(connection), arn, edit, seen)


def save_source_uri(connection: Connection, arn: str, uri: str, seen: str) -> VersionDetails:
    """Worker thread: the version's SourceUri, refused ("conflict") when it changed since `seen`."""
    return registry_metadata.set_source_uri(session_for(connection), arn, uri, seen)
