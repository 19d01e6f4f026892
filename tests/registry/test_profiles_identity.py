"""Who a session is: GetCallerIdentity names the account, and a role into a second account shows."""

from __future__ import annotations

import pytest

from app.registry.accounts.identity import caller_identity
from app.registry.accounts.sessions import session_for
from app.registry.errors import RegistryError
from tests.registry.conftest import MAIN_ACCOUNT, OTHER_ACCOUNT


def test_static_keys_belong_to_the_registry_account(session):
    identity = caller_identity(session)
    assert identity.account_id == MAIN_ACCOUNT
    assert f"::{MAIN_ACCOUNT}:" in identity.arn
    assert identity.expires_at is None and not identity.is_assumed_role


def test_an_assumed_role_reports_the_other_account(other_session):
    identity = caller_identity(other_session)
    assert identity.account_id == OTHER_ACCOUNT
    assert identity.is_assumed_role


def test_an_unreachable_endpoint_is_a_registry_error_in_words(make_connection):
    session = session_for(make_connection(endpoint_url="http://127.0.0.1:9", label="nowhere"))
    with pytest.raises(RegistryError) as caught:
        caller_identity(session)
    assert caught.value.kind == "unreachable"
    assert "nowhere" in str(caught.value)
