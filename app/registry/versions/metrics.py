"""Read a metrics JSON file from S3 and flatten it into rows for a table.

SageMaker's model-quality reports nest metrics by problem type:
    {"binary_classification_metrics": {"auc": {"value": 0.93, "standard_deviation": 0.01}}}
which becomes the row ("binary_classification_metrics / auc", 0.93, 0.01). Plain documents
({"accuracy": 0.91}) work too. Lists (curves, per-feature arrays) are not table rows and are
left out, and so is the top-level "version" of such a report: it numbers the report's format,
it is not a metric.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.texts import QT_TRANSLATE_NOOP, Text

MAX_METRICS_BYTES = 10 * 1024 * 1024  # a metrics report is small; refuse anything huge


@dataclass(frozen=True)
class MetricRow:
    name: str
    value: float | str
    std_dev: float | None


def split_s3_uri(uri: str) -> tuple[str, str] | None:
    """("bucket", "key") for "s3://bucket/key", None if it is not such a URI."""
    # Taken literally, like the AWS CLI does: keys may hold "%", "?" or "#".
    if not uri.startswith("s3://"):
        return None
    bucket, _, key = uri[len("s3://") :].partition("/")
    if not bucket or not key:
        return None
    return bucket, key


def _scalar(value: Any) -> float | str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return value
    return None


def flatten_metrics(document: Any) -> list[MetricRow]:
    """Rows for every scalar metric in `document`, in the document's own order."""
    rows: list[MetricRow] = []

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        for key, value in node.items():
            name = (*path, str(key))
            if isinstance(value, dict) and "value" in value:
                scalar = _scalar(value["value"])
                if scalar is not None:
                    std = value.get("standard_deviation")
                    numeric = isinstance(std, int | float) and not isinstance(std, bool)
                    std_dev = float(std) if numeric and std is not None else None
                    rows.append(MetricRow(" / ".join(name), scalar, std_dev))
                    continue
            if isinstance(value, dict):
                walk(value, name)
                continue
            scalar = _scalar(value)
            if scalar is not None:
                rows.append(MetricRow(" / ".join(name), scalar, None))

    if isinstance(document, dict):
        if any(isinstance(value, dict) for value in document.values()):
            document = {key: value for key, value in document.items() if key != "version"}
        walk(document, ())
    return rows


def read_metrics(session: AccountSession, s3_uri: str) -> list[MetricRow]:
    """Download a metrics JSON document and return its rows."""
    action = "s3:GetObject"
    profile = session.connection.display_name
    location = split_s3_uri(s3_uri)
    if location is None:
        raise RegistryError(
            "invalid",
            Text(QT_TRANSLATE_NOOP("Errors", "The metrics location {uri} is not an S3 URI; expected "
                                   "s3://bucket/key."), uri=repr(s3_uri)),
            action=action,
            resource=s3_uri,
            profile=profile,
        )
    bucket, key = location
    client = session.client("s3")
    with aws_call(session, action, s3_uri):
        response = client.get_object(Bucket=bucket, Key=key)
        body = response["Body"]
        try:
            data = body.read(MAX_METRICS_BYTES + 1)
        finally:
            body.close()
    if len(data) > MAX_METRICS_BYTES:
        raise RegistryError(
            "invalid",
            Text(QT_TRANSLATE_NOOP("Errors", "The metrics file {uri} is larger than {megabytes} MB; open it with "
                                   "another tool."), uri=s3_uri, megabytes=MAX_METRICS_BYTES // (1024 * 1024)),
            action=action,
            resource=s3_uri,
            profile=profile,
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RegistryError(
            "invalid",
            Text(QT_TRANSLATE_NOOP("Errors", "The metrics file {uri} is not JSON, so it cannot be shown as a table "
                                   "({reason}). Download it to read it."), uri=s3_uri, reason=str(exc)),
            action=action,
            resource=s3_uri,
            profile=profile,
            detail=str(exc),
        ) from exc
    if not isinstance(document, dict):
        raise RegistryError(
            "invalid",
            Text(QT_TRANSLATE_NOOP("Errors", "The metrics file {uri} holds a JSON {kind}, not an object of metrics. "
                                   "Download it to read it."), uri=s3_uri, kind=type(document).__name__),
            action=action,
            resource=s3_uri,
            profile=profile,
        )
    return flatten_metrics(document)
