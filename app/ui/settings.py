"""Every remembered preference, in one place: keys, types and defaults.

Views never spell a settings key; they call these accessors. QSettings caches in memory and
writes back on its own schedule, so reading and writing here is cheap on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "RegistryDesk"
APPLICATION = "Registry Desk"


class Settings:
    """Typed accessors over QSettings. `scope` keeps the sandbox's memory apart from real AWS."""

    def __init__(self, scope: str = "aws", backing: QSettings | None = None):
        self._s = backing if backing is not None else QSettings(ORGANIZATION, "registry-desk")
        self._scope = scope

    # -- helpers ---------------------------------------------------------------------------

    def _key(self, name: str) -> str:
        return f"{self._scope}/{name}"

    def _bytes(self, name: str) -> QByteArray | None:
        value = self._s.value(self._key(name))
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _str(self, name: str, default: str = "") -> str:
        value = self._s.value(self._key(name), default)
        return value if isinstance(value, str) else default

    def _set(self, name: str, value: object) -> None:
        self._s.setValue(self._key(name), value)

    def sync(self) -> None:
        self._s.sync()

    # -- window ----------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_window_geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._set(f"splitters/{name}", value)

    def header_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"headers/{name}")

    def set_header_state(self, name: str, value: QByteArray) -> None:
        self._set(f"headers/{name}", value)

    def hidden_columns(self, name: str) -> list[str] | None:
        """The ids of the columns the user hid in table `name`; None when never chosen."""
        value = self._s.value(self._key(f"columns/{name}/hidden"))
        if value is None:
            return None
        if isinstance(value, list):  # an INI file may hand back a list
            return [str(v) for v in value if v]
        return [part for part in str(value).split(",") if part]

    def set_hidden_columns(self, name: str, ids: list[str]) -> None:
        self._set(f"columns/{name}/hidden", ",".join(ids))

    # -- where the user was ----------------------------------------------------------------

    def last_profile(self) -> str:
        return self._str("connection/profile")

    def set_last_profile(self, value: str) -> None:
        self._set("connection/profile", value)

    def last_region(self) -> str:
        return self._str("connection/region")

    def set_last_region(self, value: str) -> None:
        self._set("connection/region", value)

    def last_group(self, connection_key: str) -> str:
        return self._str(f"groups/last/{_safe(connection_key)}")

    def set_last_group(self, connection_key: str, group_arn: str) -> None:
        self._set(f"groups/last/{_safe(connection_key)}", group_arn)

    def group_search(self) -> str:
        return self._str("groups/search")

    def set_group_search(self, value: str) -> None:
        self._set("groups/search", value)

    def status_filter(self) -> str:
        return self._str("versions/status_filter", "All")

    def set_status_filter(self, value: str) -> None:
        self._set("versions/status_filter", value)

    def last_folder(self, purpose: str) -> str:
        """The folder last used for `purpose` ("spec", "export"), for the next file dialog."""
        return self._str(f"folders/{purpose}")

    def set_last_folder(self, purpose: str, folder: str) -> None:
        self._set(f"folders/{purpose}", folder)

    # -- the estate, the inbox and the local index -----------------------------------------

    def estate_targets(self) -> list[tuple[str, str]]:
        """The (profile display name, region) pairs the estate lists, in the order chosen."""
        value = self._s.value(self._key("estate/targets"))
        items = value if isinstance(value, list) else [value] if value else []
        pairs = []
        for item in items:
            profile, _, region = str(item).rpartition("@")
            if profile and region:
                pairs.append((profile, region))
        return pairs

    def set_estate_targets(self, pairs: list[tuple[str, str]]) -> None:
        self._set("estate/targets", [f"{profile}@{region}" for profile, region in pairs])

    def inbox_refresh_minutes(self) -> int:
        """Minutes between background refreshes of the estate; 0 means off. Default 5."""
        try:
            return max(0, int(self._s.value(self._key("inbox/refresh_minutes"), 5)))
        except (TypeError, ValueError):
            return 5

    def set_inbox_refresh_minutes(self, minutes: int) -> None:
        self._set("inbox/refresh_minutes", max(0, int(minutes)))

    def notifications_enabled(self) -> bool:
        return str(self._s.value(self._key("inbox/notifications"), "true")).lower() in ("true", "1")

    def set_notifications_enabled(self, enabled: bool) -> None:
        self._set("inbox/notifications", "true" if enabled else "false")

    def inbox_stage(self) -> str:
        """"" for versions waiting for approval; a stage name to list versions in that stage."""
        return self._str("inbox/stage")

    def set_inbox_stage(self, stage: str) -> None:
        self._set("inbox/stage", stage)

    def details_tab(self) -> int:
        value = self._s.value(self._key("details/tab"), 0)
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0

    def set_details_tab(self, value: int) -> None:
        self._set("details/tab", int(value))

    def known_columns(self, name: str) -> list[str] | None:
        """The ids of the columns table `name` had when the hidden ones were last saved (a column
        added since is not in it, so its default applies); None when never saved."""
        value = self._s.value(self._key(f"columns/{name}/known"))
        if value is None:
            return None
        if isinstance(value, list):
            return [str(v) for v in value if v]
        return [part for part in str(value).split(",") if part]

    def set_known_columns(self, name: str, ids: list[str]) -> None:
        self._set(f"columns/{name}/known", ",".join(ids))

    def compare_geometry(self) -> QByteArray | None:
        """Where the last Compare window was, and its size (each new one opens so)."""
        return self._bytes("compare/geometry")

    def set_compare_geometry(self, value: QByteArray) -> None:
        self._set("compare/geometry", value)

    # -- metric trends ---------------------------------------------------------------------

    def trend_metrics(self, group_name: str) -> list[str] | None:
        """The metrics last plotted for the group of that name; None when never chosen."""
        value = self._s.value(self._key(f"trends/metrics/{_safe(group_name)}"))
        if value is None:
            return None
        items = value if isinstance(value, list) else [value] if value else []
        return [str(item) for item in items if item]

    def set_trend_metrics(self, group_name: str, metrics: list[str]) -> None:
        # An empty list reads back as None from some formats: remember "none chosen" as a blank entry.
        self._set(f"trends/metrics/{_safe(group_name)}", list(metrics) or [""])

    def trend_over_time(self) -> bool:
        """True: the trend's x axis is the creation time; False: the version number (the default)."""
        return str(self._s.value(self._key("trends/over_time"), "false")).lower() in ("true", "1")

    def set_trend_over_time(self, over_time: bool) -> None:
        self._set("trends/over_time", "true" if over_time else "false")

    def trend_approved_only(self) -> bool:
        return str(self._s.value(self._key("trends/approved_only"), "false")).lower() in ("true", "1")

    def set_trend_approved_only(self, approved_only: bool) -> None:
        self._set("trends/approved_only", "true" if approved_only else "false")

    # -- language (one for the user, sandbox or not) -----------------------------------------

    def language(self) -> str:
        """The window's language: "" follows the system (LANG, LC_ALL), else "en" or "fr"."""
        value = self._s.value("ui/language", "")
        return value if isinstance(value, str) else ""

    def set_language(self, language: str) -> None:
        """Takes effect at the next start."""
        self._s.setValue("ui/language", language)


def _safe(text: str) -> str:
    # QSettings treats '/' as a group separator; keys built from ARNs or profiles must not.
    return text.replace("/", "|").replace("\\", "|")
