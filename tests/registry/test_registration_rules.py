"""Each rule of a registration, one bad input at a time: its message says what to type instead."""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.registry.versions import registration
from app.registry.versions.registration import ContainerSpec, RegistrationSpec
from app.registry.versions.requests import ENV_VARS_PER_CONTAINER

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1"
GOOD = RegistrationSpec(group="churn", containers=(ContainerSpec(IMAGE, "s3://models/m.tar.gz"),),
                        content_types=("text/csv",), response_types=("text/csv",))
ENV_KEY = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")


def metadata_chars_ok(text: str) -> bool:
    """AWS's rule: letters, separators (spaces), numbers and _ . : / = + - @."""
    return all(unicodedata.category(ch)[0] in "LZN" or ch in "_.:/=+-@" for ch in text)


def problems_of(spec: RegistrationSpec) -> dict[str, str]:
    return {p.where: p.message for p in registration.problems(spec)}


def with_container(**fields) -> RegistrationSpec:
    return replace(GOOD, containers=(replace(GOOD.containers[0], **fields),))


def test_a_good_spec_has_no_problem():
    assert problems_of(GOOD) == {}


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=80, deadline=None)
def test_environment_names_follow_the_pattern(key):
    found = problems_of(with_container(environment=((key, "v"),)))
    if ENV_KEY.fullmatch(key):
        assert "containers.0.environment.0.key" not in found
    else:
        assert "Start the variable name with a letter or underscore" in found["containers.0.environment.0.key"]


@given(st.integers(min_value=0, max_value=30))
@settings(max_examples=20, deadline=None)
def test_at_most_sixteen_environment_variables(count):
    pairs = tuple((f"VAR_{n}", "x") for n in range(count))
    found = problems_of(with_container(environment=pairs))
    if count <= ENV_VARS_PER_CONTAINER:
        assert "containers.0.environment" not in found
    else:
        assert found["containers.0.environment"] == (
            f"A container takes at most 16 environment variables; remove {count - 16}.")


@given(st.integers(min_value=1000, max_value=1100))
@settings(max_examples=20, deadline=None)
def test_environment_values_of_at_most_1024_characters(length):
    found = problems_of(with_container(environment=(("A", "x" * length),)))
    if length <= 1024:
        assert found == {}
    else:
        assert f"remove {length - 1024}" in found["containers.0.environment.0.value"]


def test_a_repeated_variable_is_flagged_on_its_second_row():
    found = problems_of(with_container(environment=(("A", "1"), ("A", "2"))))
    assert found == {"containers.0.environment.1.key": "The variable 'A' is already set above; keep one."}


@given(st.integers(min_value=0, max_value=20))
@settings(max_examples=21, deadline=None)
def test_one_to_fifteen_containers(count):
    spec = replace(GOOD, containers=tuple(ContainerSpec(IMAGE) for _ in range(count)))
    found = problems_of(spec)
    if count == 0:
        assert found["containers"] == "Add a container: a version needs at least one image."
    elif count > 15:
        assert found["containers"] == f"An inference pipeline has at most 15 containers; remove {count - 15}."
    else:
        assert "containers" not in found


def test_hostnames_must_differ_across_the_pipeline():
    spec = replace(GOOD, containers=(ContainerSpec(IMAGE, hostname="model"), ContainerSpec(IMAGE),
                                     ContainerSpec(IMAGE, hostname="model")))
    assert problems_of(spec) == {
        "containers.2.hostname": "Container 1 already uses the hostname 'model'; each container needs its own."}


@given(st.text(alphabet=string.ascii_letters + string.digits + "-_. ", min_size=1, max_size=70))
@settings(max_examples=80, deadline=None)
def test_hostnames_follow_the_pattern(hostname):
    found = problems_of(with_container(hostname=hostname))
    ok = re.fullmatch(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", hostname)
    assert ("containers.0.hostname" in found) == (not ok)


def is_blank(ch: str) -> bool:
    """Any kind of space, line break or invisible character: none belongs in an image reference."""
    return ch.isspace() or not ch.isprintable()


@given(st.text(min_size=0, max_size=30))
@example("0\xa00")  # a no-break space: the model's Java [\S]+ lets it through, a registry would not
@example("churn:1\u2003")
@example("churn\u200b:1")
@settings(max_examples=60, deadline=None)
def test_images_are_required_and_have_no_spaces(image):
    message = problems_of(with_container(image=image)).get("containers.0.image")
    if not image.strip():
        assert message.startswith("Type the image URI, for example")
    elif image != image.strip():
        assert message == "Remove the spaces around the image URI."
    elif any(is_blank(ch) for ch in image):
        assert message.startswith("The image URI may not contain ")
        assert message.endswith(("; remove it.", "; remove them."))
    else:
        assert message is None


def test_a_no_break_space_in_an_image_is_named():
    found = problems_of(with_container(image=IMAGE.replace(":", "\xa0:")))
    assert found["containers.0.image"] == "The image URI may not contain a space (U+00A0); remove it."


@given(st.sampled_from(["s3://", "https://", "http://", "s3:/", "file://", "", "gs://"]),
       st.text(alphabet=string.ascii_lowercase + "/.", min_size=0, max_size=20))
@settings(max_examples=60, deadline=None)
def test_model_data_is_an_s3_or_https_url(scheme, rest):
    url = scheme + rest
    found = problems_of(with_container(model_data_url=url))
    ok = not url or re.fullmatch(r"(s3|https)://[^/]+.*", url)
    if ok:
        assert "containers.0.model_data_url" not in found
    else:
        assert "s3://bucket/path" in found["containers.0.model_data_url"]


@given(st.text(alphabet="abcxyz/+-.;= 0123456789", min_size=1, max_size=25))
@settings(max_examples=80, deadline=None)
def test_content_types_are_mime_types(text):
    found = problems_of(replace(GOOD, content_types=(text,), response_types=(text,)))
    shaped = re.fullmatch(r"[a-z0-9][a-z0-9+.-]*/[a-z0-9][a-z0-9+.-]*(\s*;\s*[^;\s]+=[^;]+)*", text)
    assert ("content_types.0" not in found) == bool(shaped)
    # response types must also match the model's own pattern, [-\w]+/.+
    assert ("response_types.0" not in found) == bool(shaped and re.fullmatch(r"[-\w]+/.+", text))
    if not shaped:
        assert found["content_types.0"].startswith("Type a MIME type as type/subtype")


@given(st.integers(min_value=40, max_value=60))
@settings(max_examples=21, deadline=None)
def test_at_most_fifty_metadata_properties(count):
    found = problems_of(replace(GOOD, customer_metadata=tuple((f"k{n}", "v") for n in range(count))))
    assert ("customer_metadata" in found) == (count > 50)


@given(st.text(min_size=0, max_size=140), st.text(min_size=0, max_size=270))
@settings(max_examples=80, deadline=None)
def test_metadata_keys_and_values_within_lengths_and_characters(key, value):
    found = problems_of(replace(GOOD, customer_metadata=((key, value),)))
    key_ok = 1 <= len(key) <= 128 and metadata_chars_ok(key)
    value_ok = 1 <= len(value) <= 256 and metadata_chars_ok(value)
    assert ("customer_metadata.0.key" not in found) == bool(key_ok)
    assert ("customer_metadata.0.value" not in found) == bool(value_ok)
    if len(key) > 128:
        assert "at most 128 characters" in found["customer_metadata.0.key"]
    if len(value) > 256:
        assert "at most 256 characters" in found["customer_metadata.0.value"]


@given(st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=0, max_size=70))
@settings(max_examples=60, deadline=None)
def test_group_names_follow_the_api_pattern(name):
    found = problems_of(replace(GOOD, group=name))
    ok = re.fullmatch(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", name)
    assert ("group" not in found) == bool(ok)


def test_a_group_in_another_account_is_given_by_its_arn():
    arn = "arn:aws:sagemaker:us-east-1:210987654321:model-package-group/churn-training"
    assert problems_of(replace(GOOD, group=arn)) == {}
    bad = problems_of(replace(GOOD, group="arn:aws:sagemaker:us-east-1:2109:model-package-group/x"))
    assert bad["group"].startswith("Type a group ARN such as arn:aws:sagemaker:")


def test_framework_version_and_description_limits():
    assert "containers.0.framework_version" in problems_of(with_container(framework_version="latest"))
    found = problems_of(replace(GOOD, description="x" * 1030))
    assert found["description"] == "Shorten the description to at most 1024 characters (it has 1030; remove 6)."


def test_instance_types_are_ones_sagemaker_offers():
    ok = replace(GOOD, realtime_instance_types=("ml.m5.large",), transform_instance_types=("ml.m5.large",))
    assert problems_of(ok) == {}
    found = problems_of(replace(GOOD, realtime_instance_types=("ml.m5.huge",)))
    assert found["realtime_instance_types.0"].startswith(
        "'ml.m5.huge' is not an instance type SageMaker offers for real-time inference")
    assert "Did you mean ml.m5." in found["realtime_instance_types.0"]
