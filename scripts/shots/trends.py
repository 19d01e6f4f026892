"""Screenshot steps of the Metric Trends dock: AUC and recall of lead-scoring across its versions.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m scripts.shots.trends [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402

GROUP = "lead-scoring"


def trends_steps(drive: Driver, window, state: dict) -> None:
    """lead-scoring's AUC and recall, version 9 (where recall fell) clicked: trends.png (light) and
    trends-dark.png; the dock alone over creation time, approved versions only: trends-time-dark.png.
    The dock is closed again afterwards."""
    light = QApplication.palette()
    groups, versions = window.groups_view, window.versions_view

    def pick_group() -> None:
        groups.select_arn(next(g.arn for g in groups.model.rows() if g.name == GROUP))

    def group_listed() -> bool:
        group = versions.group()
        return group is not None and group.name == GROUP and versions.model.rowCount() > 0 \
            and not versions.model.loading

    def open_dock() -> None:
        window.actions_by_name["trends"].setChecked(True)

    def read() -> bool:
        dock = window.trends
        return not dock.loader.loading and dock.loader.data.total > 0 and dock.loader.data.complete

    def choose() -> None:
        dock = window.trends
        names = dock.loader.data.metrics()
        dock.set_checked([n for n in names if n.endswith(("/ auc", "/ recall"))])

    def click_the_drop() -> None:
        dock = window.trends
        recall = next(name for name in dock.plot.plots if name.endswith("/ recall"))
        plot = dock.plot.plots[recall]
        position = list(plot.series.versions).index(9)
        dock.plot.pointClicked.emit(plot.series.arns[position])  # as a click on it does

    def dark() -> None:
        QApplication.setPalette(dark_palette())

    def back_to_light() -> None:
        QApplication.setPalette(light)
        window.actions_by_name["trends"].setChecked(False)

    drive.step("trends: groups", lambda: groups.model.rowCount() >= 5 and not groups.model.loading, pick_group)
    drive.step("trends: group listed", group_listed, open_dock)
    drive.step("trends: read", read, choose)
    drive.step("trends: plotted", lambda: window.trends.plot is not None and window.trends.plot.isVisible()
               and len(window.trends.plot.plots) == 2 and window.trends.plot.drawn(), click_the_drop)
    drive.step("trends: light", lambda: bool(versions.selected_versions()),
               lambda: drive.save(window, "trends.png"))
    drive.step("trends: dark", lambda: True, dark)
    drive.step("trends: dark shot", lambda: window.trends.plot.drawn(), lambda: drive.save(window, "trends-dark.png"))
    drive.step("trends: over time", lambda: True, lambda: (window.trends.over.setCurrentIndex(1),
                                                           window.trends.approved_only.setChecked(True)))
    drive.step("trends: over time shot", lambda: window.trends.plot.drawn(),
               lambda: drive.save(window.trends, "trends-time-dark.png"))
    drive.step("trends: closed", lambda: True, lambda: (window.trends.over.setCurrentIndex(0),
                                                        window.trends.approved_only.setChecked(False),
                                                        back_to_light()))


if __name__ == "__main__":
    from scripts.screenshots import run_alone

    sys.exit(run_alone(trends_steps))
