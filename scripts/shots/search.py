"""Screenshot steps of Search Everywhere (Ctrl+K): the popup with results from two accounts."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.shots.driver import Driver, dark_palette  # noqa: E402


def _index_sandbox(window) -> None:
    """What listing both sandbox accounts (and describing fraud-detection's versions) writes to the
    index; the listings of the running window write it too once they are wired to it."""
    from app.registry.accounts.sessions import session_for
    from app.registry.index.records import place_of
    from app.registry.versions.describe import describe_version, iter_version_pages
    from app.registry.versions.groups import iter_group_pages
    from app.ui.workspace import connection_key

    index = window.local_data.index
    for choice in window.workspace.choices():
        session = session_for(choice.connection)
        groups = [g for page in iter_group_pages(session, include_shared=False) for g in page]
        if not groups:
            continue
        account, region = place_of(groups[0].arn)
        index.record_groups(connection_key(choice.connection), account, region, groups, complete=True)
        for group in groups:
            versions = [v for page in iter_version_pages(session, group.arn) for v in page]
            index.record_versions(versions)
            if group.name in ("fraud-detection", "training-experiments"):
                index.record_details([describe_version(session, v.arn) for v in versions])


def search_steps(drive: Driver, window, state: dict) -> None:
    """search-everywhere.png (light, a word and a number found in two accounts) and search-everywhere-dark.png
    (dark, a metadata value)."""
    from app.ui.search.popup import SearchPopup

    light = QApplication.palette()

    def popup() -> SearchPopup:
        return window.findChild(SearchPopup)

    def search(text: str) -> None:
        window.actions_by_name["search_everywhere"].trigger()
        popup().field.setText(text)

    def show(palette, text: str) -> None:
        QApplication.setPalette(palette)
        search(text)

    drive.step("index open", lambda: window.local_data.index is not None and bool(window.workspace.choices()),
               lambda: _index_sandbox(window))
    drive.step("search churn 2", lambda: True, lambda: show(light, "churn 2"))
    drive.step("churn 2 results", lambda: popup().tree.place_count() >= 2,
               lambda: (popup().tree.move(2), drive.save(popup(), "search-everywhere.png")))
    drive.step("search metadata dark", lambda: True, lambda: show(dark_palette(), "payments ris"))
    drive.step("metadata results", lambda: popup().tree.result_count() > 0,
               lambda: drive.save(popup(), "search-everywhere-dark.png"))
    drive.step("back to light", lambda: True, lambda: (popup().hide(), QApplication.setPalette(light)))
