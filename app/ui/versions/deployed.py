"""Deployed where? The endpoints serving a version, in the details, the table and the warnings.

One scan of an account-region (`scan_endpoints`, on a worker) answers for every version in it,
so the details pane, the Endpoints column and the reject and delete dialogs share the scans of
their window for a short while (`EndpointCache`, per connection, UI thread only). A scan that
failed says so with its error: "not deployed" is only ever said when every endpoint was read.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.registry.aws import Connection
from app.registry.versions.deployments import Deployment, DeploymentScan
from app.tasks import TaskRunner
from app.ui import palette
from app.ui.texts import render
from app.ui.versions.details_parts import selectable
from app.ui.versions.operations import scan_endpoints
from app.ui.workspace import Workspace

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

CACHE_SECONDS = 60.0  # endpoints change rarely; a deploy elsewhere shows after this long at most


class EndpointCache:
    """The scans of one window, per connection, for CACHE_SECONDS. UI thread only."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._scans: dict[Connection, tuple[float, DeploymentScan]] = {}

    def get(self, connection: Connection) -> DeploymentScan | None:
        found = self._scans.get(connection)
        if found is None or self._clock() - found[0] > CACHE_SECONDS:
            return None
        return found[1]

    def put(self, connection: Connection, scan: DeploymentScan) -> None:
        self._scans[connection] = (self._clock(), scan)

    def clear(self) -> None:
        self._scans.clear()


_caches: weakref.WeakKeyDictionary[Workspace, EndpointCache] = weakref.WeakKeyDictionary()


def endpoint_cache(workspace: Workspace) -> EndpointCache:
    """The window's cache (one per workspace)."""
    if workspace not in _caches:
        _caches[workspace] = EndpointCache()
    return _caches[workspace]


def request_scan(runner: TaskRunner, connection: Connection, cache: EndpointCache | None, *, key: str,
                 on_scan: Callable[[DeploymentScan], None],
                 on_error: Callable[[BaseException], None]) -> bool:
    """The scan of `connection`: from the cache at once (True), or from a worker later (False)."""
    known = cache.get(connection) if cache is not None else None
    if known is not None:
        on_scan(known)
        return True

    def scanned(scan: DeploymentScan) -> None:
        if cache is not None:
            cache.put(connection, scan)
        on_scan(scan)

    runner.run(scan_endpoints, connection, key=key, on_return=scanned, on_error=on_error)
    return False


def place_of(arn: str) -> tuple[str, str]:
    """(account, region) of an ARN."""
    parts = arn.split(":")
    return (parts[4], parts[3]) if len(parts) > 5 else ("", "")


def deployment_text(d: Deployment) -> str:
    """"churn-scoring-prod · InService · variant AllTraffic" (shadow, pending update noted)."""
    text = translate("Deployed", "%1 · %2 · variant %3").replace("%1", d.endpoint_name).replace(
        "%2", d.status).replace("%3", d.variant)
    if d.shadow:
        text += " " + translate("Deployed", "(shadow)")
    if d.pending:
        text += " " + translate("Deployed", "(update in progress)")
    return text


def endpoint_names(deployments: Sequence[Deployment]) -> list[str]:
    return list(dict.fromkeys(d.endpoint_name for d in deployments))


class DeployedSection(QLabel):
    """The details' "Deployed to": checking, the endpoints, none, or why it is not known."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        selectable(self)
        self.setAccessibleName(self.tr("Deployed to"))

    def show_checking(self) -> None:
        self._show(self.tr("Checking endpoints…"), "", enabled=False)

    def show_scan(self, arn: str, scan: DeploymentScan) -> None:
        found = scan.serving(arn)
        account, region = scan.account or place_of(arn)[0], scan.region or place_of(arn)[1]
        if found:
            lines = [deployment_text(d) for d in found]
            if scan.problems:
                lines.append(self.tr("Some endpoints could not be read: %1").replace("%1", str(scan.problems[0])))
            self._show("\n".join(lines), "warning" if scan.problems else "")
        elif scan.problems:
            self.show_error(scan.problems[0])
        else:
            self._show(self.tr("Not deployed to any endpoint in %1 %2").replace("%1", account).replace(
                "%2", region), "", enabled=False)

    def show_error(self, error: BaseException) -> None:
        self._show(self.tr("Could not check the endpoints: %1").replace("%1", render(error)), "error")

    def clear(self) -> None:
        self._show("", "")

    def _show(self, text: str, kind: str, *, enabled: bool = True) -> None:
        self.setText(text)
        self.setEnabled(enabled)
        self.setStyleSheet(palette.strip_style(kind, extra="padding: 4px;") if kind else "")


class DeployedDetails(QObject):
    """Fills the details' section for the version shown, on a runner of its own (a describe is
    never queued behind a scan). One scan in flight per connection: clicking through versions
    waits for it instead of starting over."""

    KEY = "deployed"

    def __init__(self, workspace: Workspace, section: DeployedSection):
        super().__init__(section)
        self._runner = TaskRunner(self, max_threads=1)
        self._workspace = workspace
        self._section = section
        self._arn = ""
        self._scanning: Connection | None = None  # the connection of the scan in flight

    def show(self, arn: str) -> None:
        """The version on screen (again: a re-render of the same version asks only once)."""
        if arn == self._arn:
            return
        self._arn = arn
        connection = self._workspace.connection
        known = endpoint_cache(self._workspace).get(connection)
        if known is not None:
            self._section.show_scan(arn, known)
            return
        self._section.show_checking()
        if self._scanning == connection and self._runner.is_running(self.KEY):
            return  # the scan in flight answers for this version too
        self._scanning = connection
        self._runner.run(scan_endpoints, connection, key=self.KEY,
                         on_return=lambda scan: self._landed(connection, scan),
                         on_error=lambda e: self._failed(connection, e))

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    def shutdown(self) -> None:
        self._runner.shutdown()

    def clear(self) -> None:
        self._arn = ""
        self._scanning = None
        self._runner.cancel(self.KEY)
        self._section.clear()

    def _landed(self, connection: Connection, scan: DeploymentScan) -> None:
        self._scanning = None
        endpoint_cache(self._workspace).put(connection, scan)
        if self._arn and connection == self._workspace.connection:
            self._section.show_scan(self._arn, scan)

    def _failed(self, connection: Connection, error: BaseException) -> None:
        self._scanning = None
        if self._arn and connection == self._workspace.connection:
            self._section.show_error(error)
            self._arn = ""  # showing it again asks again


class DeployedWarning(QLabel):
    """A reject or delete dialog's warning: the check runs when the dialog opens, and the
    warning names the endpoints serving the versions when it lands (or says it failed)."""

    changed = Signal()  # its text changed or it hid: the dialog may need another height

    def __init__(self, runner: TaskRunner, connection: Connection, versions: Sequence[tuple[str, int]],
                 action: str, cache: EndpointCache | None = None, parent: QWidget | None = None):
        """`versions`: (ARN, version number); `action`: "reject" or "delete"."""
        super().__init__(parent)
        selectable(self)
        self.setAccessibleName(self.tr("Deployed versions"))
        self._versions = list(versions)
        self._action = action
        self.deployed: dict[int, list[Deployment]] = {}  # version number -> where, once checked
        self.checked = False
        self._show(self.tr("Checking whether these versions serve any endpoint…"), "info")
        request_scan(runner, connection, cache, key="deployed", on_scan=self._landed, on_error=self._failed)

    def _landed(self, scan: DeploymentScan) -> None:
        self.checked = True
        self.deployed = {n: scan.serving(arn) for arn, n in self._versions if scan.serving(arn)}
        if not self.deployed and scan.problems:
            self._failed(scan.problems[0])
            return
        if not self.deployed:
            self.hide()
            self.changed.emit()
            return
        lines = []
        for number, found in sorted(self.deployed.items()):
            lines.append(self.tr("Version %1 serves %2").replace("%1", str(number)).replace(
                "%2", ", ".join(endpoint_names(found))))
        if self._action == "delete":
            why = self.tr("Deleting it does not stop those endpoints, but they can no longer be "
                          "traced to a registry version, and scaling or updating them may fail.")
        else:
            why = self.tr("Rejecting it leaves those endpoints running; pipelines that act on "
                          "rejections may take them down.")
        self._show("⚠ " + "; ".join(lines) + ". " + why, "warning")

    def _failed(self, error: BaseException) -> None:
        self.checked = True
        self._show(self.tr("Could not check whether these versions serve any endpoint: %1").replace(
            "%1", render(error)), "error")

    def _show(self, text: str, kind: str) -> None:
        self.setText(text)
        self.setStyleSheet(palette.strip_style(kind, extra="padding: 6px;"))
        self.show()
        self.changed.emit()
