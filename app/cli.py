"""Command line: `registry-desk [--sandbox] [--profile NAME] [--region REGION]`.

The window paints first; everything slow (starting the sandbox, reading AWS config files)
runs in the window's startup task.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__

if TYPE_CHECKING:  # the GUI and the sandbox are imported only when they start
    from PySide6.QtWidgets import QApplication, QWidget

    from app.sandbox.server import SandboxServer
    from app.ui.main_window import MainWindow
    from app.ui.workspace import StartupResult

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="registry-desk",
        description="Administer Amazon SageMaker Model Registries: groups, versions, approvals.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--sandbox", action="store_true",
        help="run on an embedded moto server on 127.0.0.1 with sample data; no AWS account needed",
    )
    parser.add_argument("--profile", help="AWS profile to start with (default: AWS_PROFILE, then 'default')")
    parser.add_argument("--region", help="AWS Region to start with (default: AWS_DEFAULT_REGION or the profile's)")
    parser.add_argument("--log-level", type=str.upper, choices=("DEBUG", "INFO", "WARNING", "ERROR"),
                        help="also log to stderr at this level, and to the log file (default: "
                             "REGISTRY_DESK_LOG, else INFO to the file only); secrets are never logged")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    process = commands.add_parser(
        "credential-process",
        help="print the credentials of an application profile as AWS credential_process JSON",
    )
    process.add_argument("--profile", required=True, dest="process_profile", metavar="NAME",
                         help="the application profile whose keys (or role) to hand out")
    return parser


def credential_process(profile: str) -> int:
    """Print the credential_process JSON of an application profile; errors go to stderr."""
    import json

    from app.registry.accounts.credentials import credential_process_output, mfa_codes
    from app.registry.errors import RegistryError

    mfa_codes.set_asker(_ask_mfa_on_terminal)
    endpoint = os.environ.get("AWS_ENDPOINT_URL_STS") or os.environ.get("AWS_ENDPOINT_URL")
    try:
        document = credential_process_output(profile, endpoint_url=endpoint)
    except RegistryError as error:
        print(f"registry-desk: {error}", file=sys.stderr)
        return 1
    print(json.dumps(document))
    return 0


def _ask_mfa_on_terminal(device: str, profile: str) -> str | None:
    """MFA for credential-process: ask on the terminal, never on stdout (the caller reads it)."""
    import getpass

    try:
        with open("/dev/tty"):
            pass
    except OSError:
        return None
    return getpass.getpass(f"MFA code for {device} (profile {profile}): ")


class SandboxRuntime:
    """Owns the embedded server: started by the startup task, stopped when the window closes."""

    def __init__(self) -> None:
        self._server: SandboxServer | None = None
        self._lock = threading.Lock()

    def start(self) -> tuple[StartupResult, str]:
        """Worker thread: start moto, seed it, and describe the three sandbox accounts."""
        import time

        from app.registry.aws import Connection
        from app.sandbox import seed as sandbox_seed
        from app.sandbox.server import (
            SANDBOX_ACCESS_KEY_ID,
            SANDBOX_REGION,
            SANDBOX_REGIONS,
            SANDBOX_SECRET_ACCESS_KEY,
            SandboxServer,
        )
        from app.ui.workspace import ConnectionChoice, StartupResult

        started = time.perf_counter()
        with self._lock:
            server = SandboxServer()
            endpoint = server.start()
            self._server = server
        summary = sandbox_seed.seed(endpoint)
        main = Connection(
            profile=None, region=SANDBOX_REGION, endpoint_url=endpoint,
            access_key_id=SANDBOX_ACCESS_KEY_ID, secret_access_key=SANDBOX_SECRET_ACCESS_KEY,
            label="sandbox",
        )

        def assumed(keys: dict[str, str], label: str) -> Connection:
            return Connection(
                profile=None, region=SANDBOX_REGION, endpoint_url=endpoint,
                access_key_id=keys["aws_access_key_id"], secret_access_key=keys["aws_secret_access_key"],
                session_token=keys["aws_session_token"], label=label,
            )

        training = assumed(sandbox_seed.training_credentials(endpoint), "sandbox-training")
        unit = assumed(sandbox_seed.business_unit_credentials(endpoint), "sandbox-bu")
        groups = sum(len(names) for names in summary.places.values())
        versions = sum(sum(counts.values()) for counts in summary.places.values())
        seconds = time.perf_counter() - started
        from PySide6.QtCore import QCoreApplication, QLocale

        translate, locale = QCoreApplication.translate, QLocale()
        note = translate("SandboxRuntime", "Sandbox ready at %1: %2 groups, %3 versions in %4 accounts and %5 regions "
                                           "(%6 s).")
        for n, value in enumerate((endpoint, locale.toString(groups), locale.toString(versions),
                                   locale.toString(len(summary.accounts)), locale.toString(len(summary.regions)),
                                   locale.toString(seconds, "f", 1)), start=1):
            note = note.replace(f"%{n}", value)
        return StartupResult(
            choices=[
                ConnectionChoice(translate("SandboxRuntime", "sandbox — registry account %1")
                                 .replace("%1", sandbox_seed.MAIN_ACCOUNT_ID), main),
                ConnectionChoice(
                    translate("SandboxRuntime", "sandbox-training — training account %1 (assumed role)")
                    .replace("%1", sandbox_seed.TRAINING_ACCOUNT_ID),
                    training, role_arn=sandbox_seed.training_role_arn(), source="sandbox"),
                ConnectionChoice(
                    translate("SandboxRuntime", "sandbox-bu — business unit account %1 (assumed role)")
                    .replace("%1", sandbox_seed.BUSINESS_UNIT_ACCOUNT_ID),
                    unit, role_arn=sandbox_seed.business_unit_role_arn(), source="sandbox"),
            ],
            regions=list(SANDBOX_REGIONS),
            current=main,
            note=note,
        ), endpoint

    def stop(self) -> None:
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.stop()


def aws_startup(profile: str | None, region: str | None) -> StartupResult:
    """Worker thread: read profiles and regions through botocore (it reads the config files)."""
    from PySide6.QtCore import QCoreApplication

    from app.registry.accounts.sessions import available_profiles, default_region, sagemaker_regions
    from app.registry.aws import Connection
    from app.ui.accounts.operations import application_profile_choices
    from app.ui.workspace import ConnectionChoice, StartupResult

    translate = QCoreApplication.translate
    profiles = available_profiles()
    regions = sagemaker_regions()
    note = ""
    resolved = region or default_region(profile)
    if not resolved:
        resolved = "us-east-1"
        note = translate("aws_startup", "No region is configured for the profile '%1'; showing us-east-1. "
                                        "Pick a region in the toolbar, or set AWS_DEFAULT_REGION.").replace(
            "%1", profile or "default")
    choices = [ConnectionChoice(name, Connection(profile=name, region=resolved, label=name)) for name in profiles]
    choices += application_profile_choices(resolved)
    if profile is None and "default" not in profiles:
        # Credentials from the environment or an instance role, with no named profile.
        choices.insert(0, ConnectionChoice(translate("aws_startup", "default credential chain"),
                                           Connection(profile=None, region=resolved)))
    current = Connection(profile=profile, region=resolved, label=profile or "")
    return StartupResult(choices=choices, regions=regions, current=current, note=note)


def create_window(args: argparse.Namespace) -> tuple[MainWindow, SandboxRuntime | None]:
    """The main window as the command line asks for it; returns (window, sandbox runtime or None)."""
    from app.registry.aws import Connection
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings
    from app.ui.workspace import Workspace

    if args.sandbox:
        runtime = SandboxRuntime()
        workspace = Workspace(Connection(profile=None, region="us-east-1", label="sandbox"), sandbox_endpoint="")

        def startup() -> StartupResult:
            result, endpoint = runtime.start()
            workspace.set_sandbox_endpoint(endpoint)
            return result

        return MainWindow(workspace, Settings("sandbox"), startup=startup, on_close=runtime.stop), runtime

    settings = Settings("aws")
    profile = args.profile or os.environ.get("AWS_PROFILE") or settings.last_profile() or None
    region = args.region or os.environ.get("AWS_DEFAULT_REGION") or settings.last_region() or None
    workspace = Workspace(Connection(profile=profile, region=region, label=profile or ""))
    return MainWindow(workspace, settings, startup=lambda: aws_startup(profile, region)), None


def create_application(log_file: Path | None = None) -> QApplication:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from app.ui.settings import APPLICATION, ORGANIZATION

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APPLICATION)
    from app.ui import i18n
    from app.ui.settings import Settings

    language = Settings().language()  # View ▸ Language; "" follows the system's (LANG, LC_ALL)
    i18n.use_locale(language)
    i18n.install(app, language)
    from app.ui.collector import UiThreadCollector

    # Qt objects take Python attributes: these two live exactly as long as the application.
    app.collector = UiThreadCollector(app)  # type: ignore[attr-defined]
    from app.ui.error_reporter import ErrorReporter

    app.error_reporter = ErrorReporter(log_file)  # type: ignore[attr-defined]  # an error shows the log's path
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "credential-process":
        return credential_process(args.process_profile)
    from app import crashes, logs

    logged = logs.setup(logs.level_asked(args.log_level))
    crashes.install(logged.path.parent if logged.path else None)
    log.info("Registry Desk %s starting%s", __version__, " on the sandbox" if args.sandbox else "")
    app = create_application(logged.path)
    window, runtime = create_window(args)
    close_on_terminate(window)
    window.show()
    try:
        code = app.exec()
    finally:
        if runtime is not None:
            runtime.stop()
    return exit_within_budget(code)


# The window closes at once; the calls it abandoned get this long to end before the process
# leaves without them (closing to gone: at most 2 s, whatever is in flight).
EXIT_GRACE_S = 1.0


def exit_within_budget(code: int) -> int:
    """After the event loop: give abandoned calls EXIT_GRACE_S to end, then leave regardless.

    A call blocked on a server that never answers would keep the interpreter waiting for its
    thread (a worker pool's threads are joined at exit), for minutes. Then the process ends
    with os._exit, after the log is flushed: nothing else is left to save once the window has
    closed (settings are written as it closes)."""
    from app import tasks

    log.info("Registry Desk closing (exit code %d)", code)
    main = threading.main_thread()

    def others() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t is not main and t.is_alive()
                and (not t.daemon or t in tasks.running_threads())]

    end = time.monotonic() + EXIT_GRACE_S
    for thread in others():
        thread.join(max(0.0, end - time.monotonic()))
    left = others()
    if not left:
        return code
    log.warning("leaving %d call(s) abandoned at exit: %s", len(left), ", ".join(t.name for t in left))
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def close_on_terminate(window: QWidget) -> None:
    """SIGTERM (a logout, `kill`, a test) closes the window as its close button does.

    Python runs a signal handler only when it next runs code, which Qt's event loop may not do for
    a long while; the wake-up descriptor makes Qt call in at once."""
    import signal
    import socket

    if os.name != "posix":
        return
    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    signal.signal(signal.SIGTERM, lambda *_args: window.close())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:  # the handler itself runs as Python regains control here
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)
    window._terminate_wakeup = (reader, writer, notifier)  # type: ignore[attr-defined]  # kept alive with the window


if __name__ == "__main__":
    sys.exit(main())
