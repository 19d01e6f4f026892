"""The Accounts dock: the accounts view, built the first time it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from app.ui.accounts.view import AccountsView


class AccountsDock(QDockWidget):
    """Forwards the view's signals, so the window connects to the dock before the view exists."""

    useConnection = Signal(object)  # Connection
    profilesChanged = Signal()
    keyringProblem = Signal(str)
    statusMessage = Signal(str)
    viewBuilt = Signal(object)  # the AccountsView, once

    def __init__(self, workspace: Workspace, window: QMainWindow, toggle: QAction):
        super().__init__(self.tr("Accounts"), window)
        self._workspace = workspace
        self._view: AccountsView | None = None
        self.setObjectName("accounts-dock")
        self.setAccessibleName(self.tr("Accounts"))
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        toggle.setCheckable(True)
        toggle.toggled.connect(self.show_accounts)
        self.visibilityChanged.connect(toggle.setChecked)

    @property
    def built(self) -> AccountsView | None:
        return self._view

    @property
    def view(self) -> AccountsView:
        """The Accounts view, built when first needed: the window paints without its modules."""
        if self._view is None:
            from app.ui.accounts.view import AccountsView

            view = self._view = AccountsView(self._workspace)
            self.setWidget(view)
            view.useConnection.connect(self.useConnection)
            view.profilesChanged.connect(self.profilesChanged)
            view.keyringProblem.connect(self.keyringProblem)
            view.statusMessage.connect(self.statusMessage)
            self.viewBuilt.emit(view)
        return self._view

    def show_accounts(self, visible: bool = True) -> None:
        self.setVisible(visible)
        if visible and self.view.snapshot is None:
            self.view.reload()

    def shutdown(self) -> None:
        if self._view is not None:
            self._view.shutdown()
