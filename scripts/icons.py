"""Render the application icon's PNG sizes from its SVG, with Qt's own SVG renderer.

    python scripts/icons.py          # write resources/icons/hicolor/<N>x<N>/apps/<id>.png
    python scripts/icons.py check    # exit 1 when a PNG is missing or differs from a fresh render

The PNGs are committed (a few kilobytes each): the desktop, the wheel and the bundle use them
as they are. tests/test_desktop_files.py runs the check.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from app import desktop  # noqa: E402

# Close enough: another Qt's anti-aliasing may differ by a shade at an edge, not a drawing.
MEAN_DIFFERENCE = 2.0


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(desktop.icon_svg()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def mean_difference(one: QImage, other: QImage) -> float:
    a = one.convertToFormat(QImage.Format.Format_ARGB32).constBits().tobytes()
    b = other.convertToFormat(QImage.Format.Format_ARGB32).constBits().tobytes()
    if len(a) != len(b):
        return 255.0
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def main(command: str = "") -> int:
    QGuiApplication.instance() or QGuiApplication([])
    stale = []
    for size in desktop.ICON_SIZES:
        png = desktop.icon_png(size)
        fresh = render(size)
        if command == "check":
            if not png.exists() or mean_difference(QImage(str(png)), fresh) > MEAN_DIFFERENCE:
                stale.append(png)
            continue
        png.parent.mkdir(parents=True, exist_ok=True)
        if not fresh.save(str(png)):
            raise SystemExit(f"could not write {png}")
        print(f"wrote {png.relative_to(ROOT)}")
    for png in stale:
        print(f"{png.relative_to(ROOT)} is out of date: run python scripts/icons.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
