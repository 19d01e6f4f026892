"""The command line: real-AWS startup reads profiles through botocore; the sandbox stops on close."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.cli import SandboxRuntime, aws_startup, build_parser, create_window

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """\
[default]
region = eu-west-1

[profile training]
region = us-west-2
role_arn = arn:aws:iam::210987654321:role/Registry
source_profile = default

[profile noregion]
credential_process = /bin/false
"""


def test_real_aws_startup_lists_profiles_and_regions(tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text(CONFIG)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)

    result = aws_startup("training", None)

    assert [c.title for c in result.choices] == ["default", "noregion", "training"]
    assert result.current.profile == "training" and result.current.region == "us-west-2"
    assert "eu-west-1" in result.regions and "us-east-1" in result.regions
    assert result.note == ""


def test_a_profile_without_a_region_falls_back_and_says_so(tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text(CONFIG)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)
    result = aws_startup("noregion", None)
    assert result.current.region == "us-east-1"
    assert "No region is configured" in result.note and "noregion" in result.note


def test_the_sandbox_window_says_sandbox_and_frees_its_port_on_close(qtbot, qsettings, sandbox_server):
    sandbox_server.reset()  # moto's state is per process: start empty, as a fresh launch does
    window, runtime = create_window(build_parser().parse_args(["--sandbox"]))
    qtbot.addWidget(window)
    window.show()
    assert "SANDBOX" in window.windowTitle()
    qtbot.waitUntil(lambda: window.groups_view.model.rowCount() >= 4 and not window.groups_view.model.loading,
                    timeout=20000)
    endpoint = window.workspace.sandbox_endpoint
    assert endpoint.startswith("http://127.0.0.1:")
    port = int(endpoint.rsplit(":", 1)[1])
    assert window.connection_picker.count() == 3  # the registry, training and business unit accounts
    assert listening_here(port)
    window.close()
    # The port is free again once the window closed: no socket of this process listens on it.
    # (Binding it to prove that fails now and then: another test process may be given it at once.)
    assert not listening_here(port)
    assert isinstance(runtime, SandboxRuntime)


def listed_groups(window) -> set[tuple[str, str, str]]:
    """(account, region, name) of each group the groups view lists, from its ARN."""
    return {(g.arn.split(":")[4], g.arn.split(":")[3], g.name) for g in window.groups_view.model.rows()}


def test_the_sandbox_pickers_reach_each_account_in_each_region(qtbot, qsettings, sandbox_server):
    """The sandbox's accounts and regions as a user picks them in the toolbar: a region picked
    stays picked when the user then picks another account."""
    sandbox_server.reset()
    window, runtime = create_window(build_parser().parse_args(["--sandbox"]))
    qtbot.addWidget(window)
    window.show()
    model = window.groups_view.model

    def shows(expected: set[tuple[str, str, str]]):
        return lambda: not model.loading and listed_groups(window) == expected

    main, training, unit = "123456789012", "210987654321", "345678901234"
    qtbot.waitUntil(lambda: window.connection_picker.count() == 3 and not model.loading and model.rowCount() > 0,
                    timeout=20000)
    assert [window.connection_picker.itemText(i) for i in range(3)] == [
        f"sandbox — registry account {main}",
        f"sandbox-training — training account {training} (assumed role)",
        f"sandbox-bu — business unit account {unit} (assumed role)",
    ]
    assert [window.region_picker.itemText(i) for i in range(window.region_picker.count())] == [
        "us-east-1", "eu-west-1"]
    assert window.region_picker.currentText() == "us-east-1"
    assert (main, "us-east-1", "fraud-detection") in listed_groups(window)

    window.region_picker.setCurrentIndex(1)
    qtbot.waitUntil(shows({(main, "eu-west-1", "churn-prediction"), (main, "eu-west-1", "customer-lifetime-value")}),
                    timeout=20000)
    window.connection_picker.setCurrentIndex(2)
    qtbot.waitUntil(shows({(unit, "eu-west-1", "credit-risk-scoring")}), timeout=20000)
    assert window.region_picker.currentText() == "eu-west-1"
    window.region_picker.setCurrentIndex(0)
    qtbot.waitUntil(shows({(unit, "us-east-1", "credit-risk-scoring"), (unit, "us-east-1", "pricing-elasticity")}),
                    timeout=20000)
    window.close()
    assert isinstance(runtime, SandboxRuntime)


def listening_here(port: int) -> bool:
    """Whether a socket of this process listens on the loopback TCP `port` (Linux's /proc)."""
    ours = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            ours.add(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue  # closed meanwhile
    with open("/proc/net/tcp") as table:
        rows = [line.split() for line in table.readlines()[1:]]
    return any(row[3] == "0A" and int(row[1].rsplit(":", 1)[1], 16) == port and f"socket:[{row[9]}]" in ours
               for row in rows)  # 0A: LISTEN


def test_command_line_help_and_version():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0 and "--sandbox" in result.stdout and "--profile" in result.stdout


def test_sandbox_without_its_optional_dependencies_says_how_to_install_them():
    # As in an installation without the [sandbox] extra: moto cannot be imported.
    script = "import sys; sys.modules['moto'] = None; from app.cli import main; sys.exit(main(['--sandbox']))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    assert "pip install 'registry-desk[sandbox]'" in result.stderr
