"""The window's panes: groups on the left; versions above details on the right; the banner on top."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget


def arrange_panes(banner: QWidget, groups: QWidget, versions: QWidget, details: QWidget,
                  ) -> tuple[QWidget, QSplitter, QSplitter]:
    """Returns the central widget and the two splitters (main, right), whose sizes are remembered."""
    right = QSplitter(Qt.Orientation.Vertical)
    right.setObjectName("versions-details-splitter")
    right.addWidget(versions)
    right.addWidget(details)
    right.setStretchFactor(0, 3)
    right.setStretchFactor(1, 2)
    main = QSplitter(Qt.Orientation.Horizontal)
    main.setObjectName("groups-versions-splitter")
    main.addWidget(groups)
    main.addWidget(right)
    main.setStretchFactor(0, 1)
    main.setStretchFactor(1, 3)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(banner)
    layout.addWidget(main, 1)
    return central, main, right
