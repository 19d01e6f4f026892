"""The background refresh and the notifications of new pending versions: once per version, never
for what was already waiting when first seen, one message per refresh."""

from __future__ import annotations

from app.registry.accounts.sessions import session_for
from app.registry.versions.records import PENDING
from app.ui.settings import Settings
from tests.ui.helpers import image_of, version_spec
from tests.ui.test_main_window import TIMEOUT, close, make_window


def new_pending(connection, group: str) -> int:
    """A version registered behind the application's back; returns its number."""
    client = session_for(connection).client("sagemaker")
    arn = client.create_model_package(ModelPackageGroupName=group, ModelApprovalStatus=PENDING,
                                      InferenceSpecification=version_spec(image_of("late")))["ModelPackageArn"]
    return int(arn.rsplit("/", 1)[1])


def settled(window) -> bool:
    """Nothing more to read: no refresh, no read and no re-read waiting."""
    return (not window.estate.is_refreshing() and window.inbox.runner.active_count == 0
            and not window.local_data._debounce.isActive())


def refresh(qtbot, window) -> None:
    with qtbot.waitSignal(window.estate.refreshed, timeout=TIMEOUT):
        window.estate.refresh()
    qtbot.waitUntil(lambda: settled(window), timeout=TIMEOUT)


starts: list[int] = []  # estate refreshes started (by the timer's ticks)


def ready_window(qtbot, connection, qsettings):
    starts.clear()
    window = make_window(qtbot, connection, qsettings)
    window.estate.started.connect(lambda: starts.append(1))
    qtbot.waitUntil(lambda: window.local_data.index is not None and bool(window.workspace.choices()),
                    timeout=TIMEOUT)
    return window


def test_each_new_pending_version_is_announced_once_and_the_first_fill_never(qtbot, connection, qsettings,
                                                                           sandbox):
    window = ready_window(qtbot, connection, qsettings)
    notifier = window.inbox.notifier
    try:
        refresh(qtbot, window)  # the first fill: every version already pending is recorded silently
        waiting = window.inbox.view.model.rowCount()
        assert waiting > 0 and notifier.messages == []

        first = new_pending(connection, "churn-prediction")
        refresh(qtbot, window)
        assert notifier.messages == [f"1 new version waiting for approval: churn-prediction {first}"]
        assert window.inbox.view.model.rowCount() == waiting + 1
        # Offscreen there is no system tray: the message shows in the status bar.
        assert window.statusBar().currentMessage() == notifier.messages[-1]

        refresh(qtbot, window)  # nothing new: the version announced is not announced again
        assert len(notifier.messages) == 1

        second, third = new_pending(connection, "fraud-detection"), new_pending(connection, "churn-prediction")
        refresh(qtbot, window)  # two new ones in one refresh: one message naming both
        assert len(notifier.messages) == 2
        assert notifier.messages[1].startswith("2 new versions waiting for approval: ")
        assert set(notifier.messages[1].split(": ", 1)[1].split(", ")) == {
            f"fraud-detection {second}", f"churn-prediction {third}"}

        refresh(qtbot, window)
        assert len(notifier.messages) == 2
    finally:
        close(window)


def test_no_message_while_notifications_are_off_and_none_later_for_those_versions(qtbot, connection, qsettings,
                                                                                sandbox):
    window = ready_window(qtbot, connection, qsettings)
    notifier = window.inbox.notifier
    try:
        refresh(qtbot, window)
        window.settings.set_notifications_enabled(False)
        new_pending(connection, "churn-prediction")
        refresh(qtbot, window)
        assert notifier.messages == []
        window.settings.set_notifications_enabled(True)
        refresh(qtbot, window)
        assert notifier.messages == []  # it was new while they were off; it is not news now
        later = new_pending(connection, "churn-prediction")
        refresh(qtbot, window)
        assert notifier.messages == [f"1 new version waiting for approval: churn-prediction {later}"]
    finally:
        close(window)


def test_clicking_a_message_opens_the_inbox(qtbot, connection, qsettings, sandbox):
    window = ready_window(qtbot, connection, qsettings)
    try:
        assert not window.inbox.dock.isVisible()
        window.inbox.notifier.clicked.emit()
        qtbot.waitUntil(window.inbox.dock.isVisible, timeout=TIMEOUT)
        assert window.actions_by_name["inbox"].isChecked()
    finally:
        close(window)


def test_an_interval_of_zero_means_no_timer(qtbot, connection, qsettings, sandbox):
    Settings("sandbox", backing=qsettings).set_inbox_refresh_minutes(0)
    window = ready_window(qtbot, connection, qsettings)
    try:
        refresher = window.inbox.refresher
        assert not refresher.active
        assert not refresher.tick() and not starts
        window.settings.set_inbox_refresh_minutes(2)  # the Preferences say 2 minutes
        window.inbox.apply_preferences()
        assert refresher.active and refresher.timer.interval() == 2 * 60_000
        window.settings.set_inbox_refresh_minutes(0)
        window.inbox.apply_preferences()
        assert not refresher.active
    finally:
        close(window)


def test_a_tick_while_a_refresh_runs_is_skipped(qtbot, connection, qsettings, sandbox):
    window = ready_window(qtbot, connection, qsettings)
    try:
        refresher = window.inbox.refresher
        assert refresher.active and refresher.timer.interval() == 5 * 60_000  # the default
        with qtbot.waitSignal(window.estate.refreshed, timeout=TIMEOUT):
            assert refresher.tick()
            assert window.estate.is_refreshing()
            assert not refresher.tick()  # skipped, not queued
        assert len(starts) == 1
        qtbot.waitUntil(lambda: settled(window), timeout=TIMEOUT)
        assert refresher.tick() and len(starts) == 2
        qtbot.waitUntil(lambda: settled(window), timeout=TIMEOUT)
    finally:
        close(window)


def test_a_group_listed_for_the_first_time_is_recorded_silently_then_followed(qtbot, connection, qsettings,
                                                                             sandbox):
    """A group whose versions were never listed (new, or first opened) may hold many versions
    already waiting: they are not news. Versions registered into it afterwards are."""
    window = ready_window(qtbot, connection, qsettings)
    notifier = window.inbox.notifier
    try:
        refresh(qtbot, window)
        client = session_for(connection).client("sagemaker")
        client.create_model_package_group(ModelPackageGroupName="late-group")
        for _ in range(3):
            new_pending(connection, "late-group")
        refresh(qtbot, window)
        assert notifier.messages == []
        assert {r.version.summary.group for r in window.inbox.view.model.rows()} >= {"late-group"}
        fourth = new_pending(connection, "late-group")
        refresh(qtbot, window)
        assert notifier.messages == [f"1 new version waiting for approval: late-group {fourth}"]
    finally:
        close(window)
