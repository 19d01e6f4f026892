"""The application's icon on every window, and the desktop entry the windows belong to."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from app import desktop


def application_icon() -> QIcon:
    """The icon in every size the desktop may ask for (16 to 512 pixels, drawn from the SVG by
    scripts/icons.py); Qt reads each file when first drawn."""
    icon = QIcon()
    for size in desktop.ICON_SIZES:
        icon.addFile(str(desktop.icon_png(size)), QSize(size, size))
    return icon


def show_as_the_application(app: QGuiApplication) -> None:
    """Every window gets the icon (QApplication's window icon is every window's default), and on
    Wayland and in task switchers the windows are matched to the installed desktop entry."""
    app.setWindowIcon(application_icon())
    QGuiApplication.setDesktopFileName(desktop.APP_ID)
