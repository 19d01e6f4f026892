"""The log file: where it is, who may read it, what level, and that no secret ever reaches it."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app import logs
from app.cli import build_parser
from app.registry.accounts.secrets import AccessKeys, load_keys, save_keys, service

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("registry_desk.test")

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
TEMPORARY_KEY_ID = "ASIATCH6YDSYS4WLQRVQ"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
OTHER_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
THIRD_SECRET = "Zq3sT7vYk1LmN0pQrS9uVwXyZ2aBcDeFgHiJkLmN"
# moto hands out tokens like AWS's: a few hundred characters of base64.
TOKEN = "FQoGZXIvYXdzEBYaD" + "Kx9mQ2+vB7/zR4tLw8NcJ" * 16
SHORT_TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVz"
# What a keyring holds needs no particular shape: it is known, so it is taken out.
KEYRING_SECRET = "kr#not-shaped-like-any-key!42"


@pytest.fixture
def logged(tmp_path, monkeypatch):
    """The log set up as the application does, in a temporary platform log directory."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    setups: list[logs.LogSetup] = []

    def start(level: str | None = None) -> logs.LogSetup:
        setups.append(logs.setup(level))
        return setups[-1]

    yield start
    for setup in setups:
        setup.close()


def written(setup: logs.LogSetup) -> str:
    for handler in setup.handlers:
        handler.flush()
    return setup.path.read_text(encoding="utf-8")


def test_the_log_is_in_the_platform_log_directory_and_only_its_owner_reads_it(logged, tmp_path):
    setup = logged()
    log.info("started")
    assert setup.path == tmp_path / "state" / "registry-desk" / "log" / "registry-desk.log"
    assert "INFO registry_desk.test [MainThread]: started" in written(setup)
    assert stat.S_IMODE(setup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(setup.path.parent.stat().st_mode) == 0o700


def test_info_goes_to_the_file_and_only_warnings_to_stderr_unless_a_level_is_asked_for(logged, capsys):
    setup = logged()
    log.debug("a debug line")
    log.info("an info line")
    log.warning("a warning line")
    text = written(setup)
    assert "an info line" in text and "a warning line" in text and "a debug line" not in text
    stderr = capsys.readouterr().err
    assert "a warning line" in stderr and "an info line" not in stderr
    setup.close()

    asked = logged("debug")
    log.debug("asked for debug")
    assert "asked for debug" in written(asked)
    assert "asked for debug" in capsys.readouterr().err


def test_the_level_comes_from_the_option_or_else_the_environment(monkeypatch):
    monkeypatch.setenv("REGISTRY_DESK_LOG", "DEBUG")
    assert logs.level_asked(build_parser().parse_args(["--log-level", "warning"]).log_level) == "WARNING"
    assert logs.level_asked(build_parser().parse_args([]).log_level) == "DEBUG"
    monkeypatch.delenv("REGISTRY_DESK_LOG")
    assert logs.level_asked(build_parser().parse_args([]).log_level) is None


def test_an_unknown_level_in_the_environment_is_said_and_not_fatal(logged, monkeypatch, capsys):
    setup = logged("LOUD")
    assert "Unknown log level 'LOUD'" in capsys.readouterr().err
    log.info("still logging")
    assert "still logging" in written(setup)


def test_no_secret_reaches_the_log(logged, in_memory_keyring, capsys):
    save_keys("written", AccessKeys(KEY_ID, KEYRING_SECRET))
    in_memory_keyring.set_password(service(), "read", json.dumps(
        {"aws_access_key_id": KEY_ID, "aws_secret_access_key": THIRD_SECRET + "-kept-in-the-keyring"}))
    assert load_keys("read") is not None
    setup = logged("DEBUG")

    log.info("keys %s and %s in use", KEY_ID, TEMPORARY_KEY_ID)
    log.info("aws_secret_access_key = %s", SECRET)
    log.info('Response body: {"Credentials": {"AccessKeyId": "%s", "SecretAccessKey": "%s", "SessionToken": "%s"}}',
             TEMPORARY_KEY_ID, OTHER_SECRET, TOKEN)
    log.debug("<SecretAccessKey>%s</SecretAccessKey><SessionToken>%s</SessionToken>", SECRET, SHORT_TOKEN)
    log.debug("headers={'X-Amz-Security-Token': b'%s', 'Authorization': b'AWS4-HMAC-SHA256 Credential=%s/20261204'}",
              SHORT_TOKEN, KEY_ID)
    log.info("a JSON value: %s", json.dumps({"value": THIRD_SECRET}))
    log.info("a bare token %s", TOKEN)
    log.info("the keyring gave %s", KEYRING_SECRET)
    log.info("and %s", THIRD_SECRET + "-kept-in-the-keyring")
    try:
        raise RuntimeError(f"failed with {KEYRING_SECRET} and secret_key={SECRET}")
    except RuntimeError:
        log.exception("a traceback")

    text = written(setup)
    for secret in (KEY_ID, TEMPORARY_KEY_ID, SECRET, OTHER_SECRET, THIRD_SECRET, TOKEN, TOKEN[:60], SHORT_TOKEN,
                   KEYRING_SECRET):
        assert secret not in text
        assert secret not in capsys.readouterr().err
    assert text.count("[redacted]") >= 15
    # What is not a secret is still there to read.
    assert "keys AKIA[redacted] and ASIA[redacted] in use" in text
    assert "RuntimeError: failed with [redacted] and secret_key=[redacted]" in text
    assert "Credential=AKIA[redacted]/20261204" in text


def test_ordinary_text_is_left_alone():
    text = ("Listed 40 groups in us-east-1 for the profile 'sandbox' (testing); commit "
            "3f16455aa0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5, ARN arn:aws:sagemaker:us-east-1:123456789012:"
            "model-package-group/churn-prediction-model-v2")
    assert logs.redact(text) == text


def test_the_log_rotates_and_every_file_stays_private(tmp_path):
    handler = logs.PrivateRotatingFileHandler(tmp_path / "x.log", max_bytes=2000, backups=2)
    logger = logging.getLogger("registry_desk.rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for n in range(200):
            logger.warning("line %d %s", n, "." * 50)
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.propagate = True
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["x.log", "x.log.1", "x.log.2"]
    assert all(stat.S_IMODE((tmp_path / f).stat().st_mode) == 0o600 for f in files)
    assert "line 199" in (tmp_path / "x.log").read_text()
    assert all((tmp_path / f).stat().st_size < 2200 for f in files)


def test_the_environment_variable_still_logs_to_stderr_and_to_the_file(tmp_path):
    code = ("import logging; from app import logs; logs.setup(logs.level_asked(None)); "
            "logging.getLogger('registry_desk.child').debug('hello from the child')")
    env = dict(os.environ, REGISTRY_DESK_LOG="DEBUG", XDG_STATE_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "DEBUG registry_desk.child [MainThread]: hello from the child" in result.stderr
    assert "hello from the child" in (tmp_path / "registry-desk" / "log" / "registry-desk.log").read_text()
