"""The AWS config edits of "Write to AWS config" and Remove: minimal, byte for byte, reversible."""

from __future__ import annotations

import pytest

from app.registry.accounts import awsconfig
from app.registry.accounts.awsconfig import (
    ConfigChanged,
    credential_process_command,
    read_section,
    remove_credential_process,
    write_credential_process,
)

CRLF_CONFIG = (b"# team notes\r\n[default]\r\nregion = eu-west-1 ; inline\r\n\r\n"
               b"[profile shared]\r\nregion = us-east-1\r\n")


def test_crlf_line_endings_are_kept(tmp_path):
    config = tmp_path / "config"
    config.write_bytes(CRLF_CONFIG)

    write_credential_process("ci", config)

    command = credential_process_command("ci").encode()
    assert config.read_bytes() == CRLF_CONFIG + b"\r\n[profile ci]\r\ncredential_process = " + command + b"\r\n"


def test_crlf_kept_when_a_line_joins_an_existing_section(tmp_path):
    config = tmp_path / "config"
    config.write_bytes(CRLF_CONFIG)

    write_credential_process("shared", config)

    command = credential_process_command("shared").encode()
    assert config.read_bytes() == CRLF_CONFIG + b"credential_process = " + command + b"\r\n"


@pytest.mark.parametrize("original", [
    b"",
    b"# notes\n[default]\nregion = eu-west-1\n",
    b"# notes\n[default]\nregion = eu-west-1",  # no newline at the end
    b"[default]\nregion = eu-west-1\n\n\n",
    CRLF_CONFIG,
])
def test_remove_takes_out_exactly_the_section_it_wrote(tmp_path, original):
    config = tmp_path / "config"
    config.write_bytes(original)
    write_credential_process("ci", config)
    section = read_section("ci", config)
    assert section is not None and section.ours and section.only_ours

    remove_credential_process("ci", section)

    # A last line without its newline got one, so the next section could start: that stays.
    assert config.read_bytes() == (original + b"\n" if original and not original.endswith(b"\n") else original)
    assert read_section("ci", config) is None


def test_remove_between_sections_keeps_the_neighbours(tmp_path):
    config = tmp_path / "config"
    config.write_bytes(b"[default]\nregion = eu-west-1\n\n")
    write_credential_process("ci", config)
    with config.open("ab") as out:
        out.write(b"\n[profile later]\n# mine\nregion = us-west-2\n")
    expected = b"[default]\nregion = eu-west-1\n\n[profile later]\n# mine\nregion = us-west-2\n"

    remove_credential_process("ci", read_section("ci", config))

    assert config.read_bytes() == expected


def test_a_section_with_other_settings_loses_only_our_line(tmp_path):
    config = tmp_path / "config"
    original = b"[profile ci]\r\n# set by hand\r\nregion = eu-west-1\r\n\r\n[default]\r\nregion = us-east-1\r\n"
    config.write_bytes(original)
    write_credential_process("ci", config)
    section = read_section("ci", config)
    assert section.ours and not section.only_ours
    assert "# set by hand" in section.text and "region = eu-west-1" in section.text

    remove_credential_process("ci", section)

    assert config.read_bytes() == original


def test_a_credential_process_that_is_not_ours_is_never_touched(tmp_path):
    config = tmp_path / "config"
    original = b"[profile ci]\ncredential_process = /usr/local/bin/get-creds --json\n"
    config.write_bytes(original)
    section = read_section("ci", config)
    assert section is not None and not section.ours
    with pytest.raises(ValueError):
        remove_credential_process("ci", section)
    assert config.read_bytes() == original


def test_remove_refuses_when_the_section_changed_since_it_was_shown(tmp_path):
    config = tmp_path / "config"
    write_credential_process("ci", config)
    shown = read_section("ci", config)
    with config.open("a") as out:
        out.write("region = eu-west-1\n")

    with pytest.raises(ConfigChanged) as caught:
        remove_credential_process("ci", shown)

    assert "region = eu-west-1" in caught.value.now and caught.value.now != shown.text
    assert read_section("ci", config).text == caught.value.now  # left as it is


def test_an_older_install_of_the_program_still_counts_as_ours(tmp_path):
    config = tmp_path / "config"
    config.write_text("[profile ci]\ncredential_process = /opt/old/bin/registry-desk credential-process --profile ci\n")
    assert read_section("ci", config).ours
    config.write_text("[profile ci]\ncredential_process = /usr/bin/python3 -m app.cli credential-process "
                      "--profile ci\n")
    assert read_section("ci", config).ours
    config.write_text("[profile ci]\ncredential_process = /opt/x/registry-desk credential-process --profile other\n")
    assert not read_section("ci", config).ours
    assert awsconfig.config_path().name == "config"
