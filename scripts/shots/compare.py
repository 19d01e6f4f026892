"""Screenshot steps of Compare Versions: fraud-detection's two-container pipeline beside the
three-container one that followed it (compare-versions.png, light and dark); lead-scoring's week
where recall fell, whose deltas say better or worse (compare-metrics.png, light and dark); and
the week whose metrics report was cut off (compare-metrics-problem.png).

Run alone (over the sandbox window, as scripts/screenshots.py makes it):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/shots/compare.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QItemSelectionModel  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402

SIZE = (1180, 640)


def compare_steps(drive: Driver, window, state: dict) -> None:
    from app.sandbox.catalog import FRAUD_PIPELINE_VERSION
    from app.sandbox.catalog_trends import BROKEN_REPORT_VERSION, RECALL_DROP_VERSION, TREND_GROUP

    groups, versions = window.groups_view, window.versions_view
    app = QApplication.instance()
    light = app.palette()

    def pick(name: str) -> Callable[[], None]:
        return lambda: groups.select_arn(next(g.arn for g in groups.model.rows() if g.name == name))

    def listed(name: str) -> Callable[[], bool]:
        def ready() -> bool:
            group = versions.group()
            return group is not None and group.name == name and versions.model.rowCount() > 1 \
                and not versions.model.loading
        return ready

    def compare(choose: Callable[[list], list], is_dark: bool) -> Callable[[], None]:
        def act() -> None:
            app.setPalette(dark_palette() if is_dark else light)
            chosen = choose(versions.model.rows())
            selection = versions.table.selectionModel()
            selection.clearSelection()
            for v in chosen:
                index = versions.proxy.mapFromSource(versions.model.index(versions.model.position_of(v.arn), 0))
                selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
            window.actions_by_name["compare_versions"].trigger()
            shown = window.compare.windows()[-1]
            shown.resize(*SIZE)
            state["compare"] = shown
        return act

    def compared() -> bool:
        shown = state.get("compare")
        return shown is not None and not shown.is_loading()

    def save(name: str) -> Callable[[], None]:
        def act() -> None:
            drive.save(state["compare"], name)
            state.pop("compare").close()
            app.setPalette(light)
        return act

    def pair(newer: int) -> Callable[[list], list]:
        return lambda rows: [v for v in rows if v.version in (newer - 1, newer)]

    shots = (("fraud-detection", pair(FRAUD_PIPELINE_VERSION), "compare-versions", (False, True)),
             (TREND_GROUP, pair(RECALL_DROP_VERSION), "compare-metrics", (False, True)),
             (TREND_GROUP, pair(BROKEN_REPORT_VERSION), "compare-metrics-problem", (False,)))
    for group, choose, name, schemes in shots:
        drive.step(f"compare {name}", lambda: groups.model.rowCount() >= 5 and not groups.model.loading, pick(group))
        for is_dark in schemes:
            suffix = "-dark" if is_dark else ""
            drive.step(f"compare {name}{suffix}", listed(group), compare(choose, is_dark))
            drive.step(f"screenshot {name}{suffix}", compared, save(f"{name}{suffix}.png"))

def main() -> int:
    from scripts.screenshots import run_alone

    return run_alone(compare_steps)


if __name__ == "__main__":
    sys.exit(main())
