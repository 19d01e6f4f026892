"""Puts the inbox into a window (called from app.ui.features)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.ui.inbox.inbox import Inbox
    from app.ui.main_window import MainWindow


def install_inbox(window: MainWindow) -> Inbox:
    """The Inbox dock (View › Inbox), its background refresh and its notifications: `window.inbox`."""
    from app.ui.inbox.inbox import Inbox

    inbox = Inbox(window)
    host: Any = window  # the shell names no feature it does not need itself (main_window.py stays small)
    host.inbox = inbox
    return inbox
