"""The versions view loads a big group as parallel ranges: every version once, and no stray thread."""

from __future__ import annotations

import threading

import pytest

from app import tasks
from app.registry.accounts.sessions import session_for
from app.registry.versions.describe import iter_version_pages
from app.registry.versions.groups import GroupSummary
from app.ui.settings import Settings
from app.ui.versions.view import VersionsView
from app.ui.widgets.formatting import format_datetime
from app.ui.widgets.rows_model import ROW_ROLE
from app.ui.workspace import Workspace
from tests.ui.helpers import HeldCalls, image_of, make_group

GROUP = "big-group"
COUNT = 260


@pytest.fixture
def big_group(connection) -> GroupSummary:
    return make_group(connection, GROUP, COUNT, image_of("big"))


@pytest.fixture
def view(qtbot, connection, qsettings):
    widget = VersionsView(Workspace(connection), Settings("test", qsettings))
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    yield widget
    widget.shutdown()


def listing_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("registry-list") and t.is_alive()]


def test_a_big_group_shows_every_version_once(qtbot, qtmodeltester, view, big_group, connection):
    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(big_group)

    shown = sorted(v.arn for v in view.model.rows())
    listed = sorted(v.arn for page in iter_version_pages(session_for(connection), GROUP) for v in page)
    assert shown == listed and len(shown) == COUNT
    assert view.count_label.text().startswith("260 ")
    # Newest first, as the header says, whatever order the ranges arrived in.
    top = [view.proxy.index(r, 0).data() for r in range(3)]
    assert top == ["260", "259", "258"]
    qtmodeltester.check(view.proxy)


def test_leaving_a_group_half_way_stops_its_load_and_threads(qtbot, view, big_group):
    view.set_group(big_group)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=30000)

    view.set_group(None)  # the user picks nothing else: the load is cancelled
    assert view.runner.wait_for_done(10000)

    assert listing_threads() == []
    assert view.model.rowCount() == 0
    assert not view.model.loading


def test_closing_the_view_half_way_stops_its_threads_and_lets_go_of_its_rows(qtbot, view, big_group):
    view.set_group(big_group)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=30000)
    seen = view.model.rows()[0].arn

    view.shutdown()  # returns at once: the calls in flight are abandoned, not waited for

    assert tasks.wait_for_threads(10)
    qtbot.waitUntil(lambda: listing_threads() == [], timeout=10000)
    assert view.model.rowCount() == 0
    assert view.model.brief_for(seen) is None and view.model.position_of(seen) is None


def test_rows_show_their_creation_time_and_images(qtbot, view, big_group, connection):
    with qtbot.waitSignal(view.loadFinished, timeout=60000):
        view.set_group(big_group)
    qtbot.waitUntil(lambda: view.proxy.index(0, view.model.IMAGES).data() != "…", timeout=30000)

    newest = view.proxy.index(0, 0).data(ROW_ROLE)
    described = session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=newest.arn)
    assert newest.created == described["CreationTime"]
    assert view.proxy.index(0, view.model.CREATED).data() == format_datetime(described["CreationTime"])
    assert view.proxy.index(0, view.model.IMAGES).data() == image_of("big")


def test_a_late_page_of_the_group_left_never_shows_under_the_group_picked(qtbot, view, big_group, connection):
    small = make_group(connection, "small-group", 3, image_of("small"))
    client = session_for(connection).client("sagemaker")
    with HeldCalls(client, "ListModelPackages", stage="after-call") as held:
        view.set_group(big_group)
        qtbot.waitUntil(lambda: held.count() > 0, timeout=10000)  # big-group's pages are on their way
        held.stop_holding()
        with qtbot.waitSignal(view.loadFinished, timeout=30000):
            view.set_group(small)
        held.release()  # now big-group's answers land
        assert tasks.wait_for_threads(10)
        qtbot.wait(200)  # their queued deliveries reach the UI thread

    shown = {v.arn.rsplit("/", 2)[-2] for v in view.model.rows()}
    assert shown == {"small-group"} and view.model.rowCount() == 3
    assert not view.model.loading


def test_a_group_of_one_version_counts_it_in_the_singular(qtbot, view, connection):
    single = make_group(connection, "single-group", 1, image_of("single"))
    with qtbot.waitSignal(view.loadFinished, timeout=30000):
        view.set_group(single)
    assert view.count_label.text() == "1 version"
