"""The sandbox's application profiles are kept apart from the real ones: file and keyring service."""

from __future__ import annotations

from app.registry.accounts import secrets
from app.registry.accounts.profiles import AppProfile, ProfileStore, app_config_dir, use_sandbox_profiles
from app.registry.accounts.secrets import AccessKeys

REAL = AccessKeys("AKIAREALREALREAL0001", "r" * 40)
PLAY = AccessKeys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


def test_sandbox_profiles_never_see_or_touch_the_real_ones(in_memory_keyring):
    ProfileStore().put(AppProfile("prod", region="eu-west-1"))
    secrets.save_keys("prod", REAL)
    real_file = ProfileStore().path
    real_text = real_file.read_text()

    use_sandbox_profiles(True)
    assert ProfileStore().load() == [] and secrets.load_keys("prod") is None
    ProfileStore().put(AppProfile("prod", region="us-east-1"))  # the same name, another profile
    secrets.save_keys("prod", PLAY)
    secrets.delete_keys("prod")
    secrets.save_keys("prod", PLAY)
    assert ProfileStore().path == app_config_dir() / "sandbox-profiles.json"
    assert real_file.read_text() == real_text

    use_sandbox_profiles(False)
    assert [(p.name, p.region) for p in ProfileStore().load()] == [("prod", "eu-west-1")]
    assert secrets.load_keys("prod") == REAL
    assert in_memory_keyring.items.keys() == {("registry-desk", "prod"), ("registry-desk-sandbox", "prod")}
