"""Checks of the advanced create_model_package fields, with limits read from botocore's model.

The companion of `requests.py` (the fields a first version needs): model data sources, digests,
KMS key, source URI and metadata, metrics files, drift baselines, additional inference
specifications, model card, lifecycle, tags and the JSON of members the wizard does not edit.
Each `check_*` returns None when the value is fine, else a sentence that says what to type.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from app.registry.aws import constraint, service_model
from app.registry.texts import QT_TRANSLATE_NOOP, Text
from app.registry.versions.cardschema import card_problems, load_schema
from app.registry.versions.javaregex import compile_java
from app.registry.versions.requests import _bad_chars, _check_url, _describe_chars, _quote, _them
from app.registry.versions.requests import _too_long as _longer

_CREATE = "CreateModelPackageInput"
_S3_SOURCE = "S3ModelDataSource"
_DIGEST_EXAMPLE = "sha256:" + "0123456789abcdef" * 4


def _too_long(text: str, high: int | None, what: str) -> str | None:
    if high is not None and len(text) > high:
        return _longer(what, high, len(text))
    return None


def _refused_chars(text: str, pattern: str, what: str, rule: str) -> str | None:
    if compile_java(pattern).fullmatch(text):
        return None
    bad = _bad_chars(text, pattern)
    if bad:
        return Text(QT_TRANSLATE_NOOP("Validation", "The {what} may not contain {chars}; {remove}. {rule}"),
                    what=what, chars=_describe_chars(bad), remove=_them(len(bad)), rule=rule)
    return Text(QT_TRANSLATE_NOOP("Validation", "{rule} (got {text})."), rule=rule, text=_quote(text))


def _pick(value: str, shape_path: str, what: str) -> str | None:
    allowed = tuple(constraint(shape_path).get("enum", ()))
    if value in allowed:
        return None
    return Text(QT_TRANSLATE_NOOP("Validation", "Pick the {what} from {allowed} (got {value})."),
                what=what, allowed=", ".join(allowed), value=_quote(value))


# -- containers -------------------------------------------------------------------------------


def _check_digest(text: str, shape_path: str, what: str) -> str | None:
    """Empty is fine (optional); else sha256: and 64 hexadecimal digits."""
    if not text:
        return None
    c = constraint(shape_path)
    if len(text) > c.get("max", 72) or not compile_java(c["pattern"]).fullmatch(text):
        return Text(QT_TRANSLATE_NOOP("Validation", "Type the {what} as sha256: followed by 64 hexadecimal digits, "
                                      "such as {example}… (got {text}, {length} characters)."),
                    what=what, example=_DIGEST_EXAMPLE[:20], text=_quote(text), length=len(text))
    return None


def check_image_digest(text: str) -> str | None:
    return _check_digest(text, "ModelPackageContainerDefinition.ImageDigest",
                         Text(QT_TRANSLATE_NOOP("Validation", "image digest")))


def check_content_digest(text: str) -> str | None:
    return _check_digest(text, "MetricsSource.ContentDigest", Text(QT_TRANSLATE_NOOP("Validation", "content digest")))


def check_model_data_uri(text: str) -> str | None:
    """ModelDataSource's S3 URI: required, s3:// or https://, at most 1024 characters."""
    if not text:
        return Text(QT_TRANSLATE_NOOP("Validation", "Type the S3 URI of the model data, such as "
                                      "s3://bucket/models/llm/ (a prefix) or an object."))
    return _check_url(text, f"{_S3_SOURCE}.S3Uri", Text(QT_TRANSLATE_NOOP("Validation", "model data S3 URI")))


def check_s3_data_type(text: str) -> str | None:
    return _pick(text, f"{_S3_SOURCE}.S3DataType", Text(QT_TRANSLATE_NOOP("Validation", "S3 data type")))


def check_compression_type(text: str) -> str | None:
    return _pick(text, f"{_S3_SOURCE}.CompressionType", Text(QT_TRANSLATE_NOOP("Validation", "compression")))


def check_data_layout(s3_data_type: str, compression_type: str) -> str | None:
    """Gzip means one .tar.gz object: SageMaker cannot decompress a prefix of objects."""
    if compression_type == "Gzip" and s3_data_type == "S3Prefix":
        return Text(QT_TRANSLATE_NOOP("Validation", "Gzip compression takes one .tar.gz object: pick S3Object for "
                                      "the archive, or compression None for the uncompressed files under the "
                                      "prefix."))
    return None


# -- the version's own fields ------------------------------------------------------------------


def check_kms_key_id(text: str) -> str | None:
    """Empty is fine (no SecurityConfig); else a key ID, alias or ARN."""
    if not text:
        return None
    c = constraint("ModelPackageSecurityConfig.KmsKeyId")
    what = Text(QT_TRANSLATE_NOOP("Validation", "KMS key"))
    return _too_long(text, c.get("max"), what) or _refused_chars(
        text, c["pattern"], what,
        Text(QT_TRANSLATE_NOOP("Validation", "Type a key ID, an alias (alias/name) or a key ARN: letters, digits "
                               "and : / _ - only")))


def check_source_uri(text: str) -> str | None:
    c = constraint(f"{_CREATE}.SourceUri")
    what = SOURCE_URI
    return _too_long(text, c.get("max"), what) or _refused_chars(
        text, c["pattern"], what,
        Text(QT_TRANSLATE_NOOP("Validation", "Type the source URI on one line, such as an ARN or a URL")))


SOURCE_URI = Text(QT_TRANSLATE_NOOP("Validation", "source URI"))
_MEMBERS = {
    "CommitId": QT_TRANSLATE_NOOP("Validation", "commit ID"),
    "Repository": QT_TRANSLATE_NOOP("Validation", "repository"),
    "GeneratedBy": QT_TRANSLATE_NOOP("Validation", "generated by"),
    "ProjectId": QT_TRANSLATE_NOOP("Validation", "project ID"),
}


def check_source_metadata(text: str, member: str) -> str | None:
    """One MetadataProperties member ("CommitId", "Repository", "GeneratedBy", "ProjectId")."""
    what = Text(_MEMBERS[member]) if member in _MEMBERS else member
    c = constraint(f"MetadataProperties.{member}")
    found = _too_long(text, c.get("max"), what)
    if found:
        return found
    if c.get("pattern") and not compile_java(c["pattern"]).fullmatch(text):  # .*: one line
        return _one_line(what)
    return None


def _one_line(what: str) -> Text:
    return Text(QT_TRANSLATE_NOOP("Validation", "Write the {what} on one line; remove the line breaks."), what=what)


def check_metrics_content_type(text: str, *, required: bool = True) -> str | None:
    """A metrics file's content type (required for MetricsSource, optional for a FileSource)."""
    if not text:
        if not required:
            return None
        return Text(QT_TRANSLATE_NOOP("Validation", "Type the file's content type, such as application/json."))
    c = constraint("MetricsSource.ContentType")
    what = Text(QT_TRANSLATE_NOOP("Validation", "content type"))
    found = _too_long(text, c.get("max"), what)
    if found:
        return found
    if not compile_java(c["pattern"]).fullmatch(text):
        return _one_line(what)
    return None


def check_skip_model_validation(text: str) -> str | None:
    """Empty leaves SkipModelValidation out; else All or None."""
    return None if not text else _pick(text, f"{_CREATE}.SkipModelValidation",
                                       Text(QT_TRANSLATE_NOOP("Validation", "model validation setting")))


# -- additional inference specifications -------------------------------------------------------


def additional_spec_limit() -> int:
    """How many additional inference specifications one version may carry (15)."""
    return int(constraint(f"{_CREATE}.AdditionalInferenceSpecifications").get("max", 15))


def check_additional_spec_count(count: int) -> str | None:
    high = additional_spec_limit()
    if count > high:
        return Text(QT_TRANSLATE_NOOP("Validation", "A version takes at most {high} additional inference "
                                      "specifications; remove {extra}."), high=high, extra=count - high)
    return None


def check_inference_name(text: str) -> str | None:
    c = constraint("AdditionalInferenceSpecificationDefinition.Name")
    low, high = int(c.get("min", 1)), int(c.get("max", 63))
    rule = Text(QT_TRANSLATE_NOOP("Validation", "Name the specification with {low}–{high} letters, digits and "
                                  "hyphens, starting and ending with a letter or digit, such as gpu-inference"),
                low=low, high=high)
    return _ruled(text, rule, low, high, c["pattern"])


def _ruled(text: str, rule: Text, low: int, high: int, pattern: str) -> Text | None:
    if len(text) < low:
        return Text(QT_TRANSLATE_NOOP("Validation", "{rule}."), rule=rule)
    if len(text) > high:
        return Text(QT_TRANSLATE_NOOP("Validation", "{rule} (it has {length} characters; remove {extra})."),
                    rule=rule, length=len(text), extra=len(text) - high)
    if not compile_java(pattern).fullmatch(text):
        return Text(QT_TRANSLATE_NOOP("Validation", "{rule} (got {text})."), rule=rule, text=_quote(text))
    return None


def check_inference_description(text: str) -> str | None:
    c = constraint("AdditionalInferenceSpecificationDefinition.Description")
    what = Text(QT_TRANSLATE_NOOP("Validation", "description"))
    return _too_long(text, c.get("max"), what) or _refused_chars(
        text, c["pattern"], what, Text(QT_TRANSLATE_NOOP("Validation", "Use letters, digits, punctuation and spaces")))


def check_unique_names(names: list[str]) -> dict[int, str]:
    """Position -> message, for every specification named like an earlier one."""
    seen: dict[str, int] = {}
    found: dict[int, str] = {}
    for position, name in enumerate(names):
        if name and name in seen:
            found[position] = Text(QT_TRANSLATE_NOOP("Validation", "Specification {number} is already named "
                                                     "{name}; each needs its own name."),
                                   number=seen[name] + 1, name=_quote(name))
        seen.setdefault(name, position)
    return found


# -- model card and lifecycle ------------------------------------------------------------------


def card_statuses() -> tuple[str, ...]:
    return tuple(constraint("ModelPackageModelCard.ModelCardStatus").get("enum", ()))


def check_card_status(text: str) -> str | None:
    """Empty leaves the status out; else one of Draft, PendingReview, Approved, Archived."""
    return None if not text else _pick(text, "ModelPackageModelCard.ModelCardStatus",
                                       Text(QT_TRANSLATE_NOOP("Validation", "card status")))


def check_card_content(text: str) -> str | None:
    """Empty sends no content; else a JSON object the model card schema accepts.

    Messages never quote the content (the API marks it sensitive, and refusals reach the log).
    The schema is a file read once (`prepare()` reads it on a worker thread at start-up)."""
    if not text:
        return None
    high = constraint("ModelPackageModelCard.ModelCardContent").get("max")
    found = _too_long(text, high, Text(QT_TRANSLATE_NOOP("Validation", "card content")))
    if found:
        return found
    try:
        content = json.loads(text)
    except json.JSONDecodeError as exc:
        return Text(QT_TRANSLATE_NOOP("Validation", "The card content is not JSON ({reason}, line {line}); fix it or "
                                      "clear it."), reason=exc.msg, line=exc.lineno)
    if not isinstance(content, dict):
        return Text(QT_TRANSLATE_NOOP("Validation", "The card content must be a JSON object ({…}) of card sections."))
    problems = card_problems(content, load_schema())
    if problems:
        more = Text(QT_TRANSLATE_NOOP("Validation", " (and %n more)", None, 1), n=len(problems) - 1) \
            if len(problems) > 1 else ""
        return Text(QT_TRANSLATE_NOOP("Validation", "The card content does not follow the model card schema: "
                                      "{problem}{more}."), problem=problems[0].safe_message, more=more)
    return None


def _check_stage_name(text: str, member: str, what: str, example: str) -> str | None:
    c = constraint(f"ModelLifeCycle.{member}")
    low, high = int(c.get("min", 1)), int(c.get("max", 63))
    rule = Text(QT_TRANSLATE_NOOP("Validation", "Use {low}–{high} letters, digits and hyphens for the {what}, "
                                  "starting and ending with a letter or digit, such as {example}"),
                low=low, high=high, what=what, example=example)
    if not text.strip():
        return Text(QT_TRANSLATE_NOOP("Validation", "Type the {what}. {rule}."), what=what, rule=rule)
    return _ruled(text, rule, 0, high, c["pattern"])


def check_stage(text: str) -> str | None:
    return _check_stage_name(text, "Stage", Text(QT_TRANSLATE_NOOP("Validation", "stage")),
                             Text(QT_TRANSLATE_NOOP("Validation", "Staging or Production")))


def check_stage_status(text: str) -> str | None:
    return _check_stage_name(text, "StageStatus", Text(QT_TRANSLATE_NOOP("Validation", "stage status")),
                             Text(QT_TRANSLATE_NOOP("Validation", "Approved or In-Review")))


def check_stage_description(text: str) -> str | None:
    c = constraint("ModelLifeCycle.StageDescription")
    what = Text(QT_TRANSLATE_NOOP("Validation", "stage description"))
    found = _too_long(text, int(c.get("max", 1024)), what)
    if found:
        return found
    # The model's pattern is .{0,1024}: Java's dot stops at a line break.
    if c.get("pattern") and not compile_java(str(c["pattern"])).fullmatch(text):
        return _one_line(what)
    return None


# -- tags --------------------------------------------------------------------------------------


def tag_limit() -> int:
    return int(constraint(f"{_CREATE}.Tags").get("max", 50))


def check_tag_count(count: int) -> str | None:
    high = tag_limit()
    if count > high:
        return Text(QT_TRANSLATE_NOOP("Validation", "A version takes at most {high} tags; remove {extra}."),
                    high=high, extra=count - high)
    return None


def _check_tag_text(text: str, member: str, what: str) -> str | None:
    c = constraint(f"Tag.{member}")
    if len(text) < c.get("min", 0):
        return Text(QT_TRANSLATE_NOOP("Validation", "Type a {what}; it may not be empty."), what=what)
    found = _too_long(text, c.get("max"), what)
    if found:
        return found
    if not compile_java(c["pattern"]).fullmatch(text):
        bad = _bad_chars(text, c["pattern"])
        listed = _describe_chars(bad) if bad else Text(QT_TRANSLATE_NOOP("Validation", "characters AWS refuses"))
        return Text(QT_TRANSLATE_NOOP("Validation", "The {what} may use letters, digits, spaces and _ . : / = + - @ "
                                      "only; remove {chars}."), what=what, chars=listed)
    return None


def check_tag_key(key: str) -> str | None:
    found = _check_tag_text(key, "Key", Text(QT_TRANSLATE_NOOP("Validation", "tag key")))
    if found:
        return found
    if key.lower().startswith("aws:"):
        return Text(QT_TRANSLATE_NOOP("Validation", "Tag keys starting with aws: are reserved for AWS; choose another "
                                      "key."))
    return None


def check_tag_value(value: str) -> str | None:
    return _check_tag_text(value, "Value", Text(QT_TRANSLATE_NOOP("Validation", "tag value")))


# -- members sent as typed ---------------------------------------------------------------------

# Request members a spec never sends, and why.
NEVER_SENT = {
    "ModelPackageName": QT_TRANSLATE_NOOP("Validation", "A version in a group is named by its group and number; "
                                          "remove ModelPackageName (it makes an unversioned package instead)."),
    "ClientToken": QT_TRANSLATE_NOOP("Validation", "Remove ClientToken: each call gets a fresh one, and a repeated "
                                     "token would return the earlier version instead of creating a new one."),
}


def check_extra_members(text: str, shape_name: str, edited: Collection[str], what: str,
                        alongside: dict[str, Any] | None = None) -> str | None:
    """`text` (JSON) must be an object of members of `shape_name` other than `edited`, of the
    types and required members botocore's model gives, once sent `alongside` the edited members
    (which have their own checks). Empty is fine (nothing extra)."""
    if not text.strip():
        return None
    try:
        value: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        return Text(QT_TRANSLATE_NOOP("Validation", "The {what} are not JSON ({reason}, line {line}); type an object "
                                      "such as {\"Member\": …}."), what=what, reason=exc.msg, line=exc.lineno)
    if not isinstance(value, dict):
        return Text(QT_TRANSLATE_NOOP("Validation", "The {what} must be a JSON object of member names and values "
                                      "({\"Member\": …})."), what=what)
    shape = service_model().shape_for(shape_name)
    unknown = [key for key in value if key not in shape.members]
    if unknown:
        return Text(QT_TRANSLATE_NOOP("Validation", "AWS knows no member {member} here; the {what} may use "
                                      "{members}."), member=_quote(unknown[0]), what=what,
                    members=", ".join(m for m in shape.members if m not in edited))
    taken = [key for key in value if key in edited]
    if taken:
        if taken[0] in NEVER_SENT:
            return Text(NEVER_SENT[taken[0]])
        return Text(QT_TRANSLATE_NOOP("Validation", "{member} has its own field; set it there and remove it from the "
                                      "{what}."), member=taken[0], what=what)
    from botocore.validate import ParamValidator

    report = ParamValidator().validate({**(alongside or {}), **value}, shape)
    if report.has_errors():
        first = report.generate_report().splitlines()[0]
        return Text(QT_TRANSLATE_NOOP("Validation", "The {what} are not what AWS accepts: {reason}."),
                    what=what, reason=first.strip())
    return None


def prepare() -> None:
    """Compile the patterns and read the card schema (call from a worker thread at start-up)."""
    check_image_digest("a")
    check_kms_key_id("a")
    check_source_uri("a")
    check_tag_key("a")
    check_tag_value("a")
    check_inference_name("a")
    load_schema()
