"""The directory's test servers (a real slapd; a real OpenID Connect provider served in a thread) and apps
configured to sign in with them, sharing the suite's database and its rolled-back transaction."""

from __future__ import annotations

import pytest

from intl import create_app
from intl.core import hooks
from tests.conftest import IsolatedClient
from tests.directory.oidc_provider import CLIENT_ID, CLIENT_SECRET, OIDCProvider
from tests.directory.slapd import LdapServer, directory_settings


@pytest.fixture(scope="session")
def ldap_server(tmp_path_factory):
    server = LdapServer(tmp_path_factory.mktemp("slapd"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def ldap_app(app, ldap_server):
    return create_app({**app.config, **directory_settings(ldap_server)})


@pytest.fixture
def ldap_client(ldap_app, database):
    ldap_app.test_client_class = IsolatedClient
    return ldap_app.test_client()


@pytest.fixture
def access_changes():
    """The accounts `hooks.user_access_changed` was called for (the schedule revokes their subscriptions)."""
    seen = []

    def note(user):
        seen.append((user.username, user.role, user.active))

    hooks.user_access_changed.register(note)
    yield seen
    hooks.user_access_changed._handlers[None].remove(note)


@pytest.fixture(scope="session")
def oidc_provider():
    provider = OIDCProvider()
    yield provider
    provider.stop()


@pytest.fixture(scope="module")
def oidc_app(app, oidc_provider):
    return create_app(
        {
            **app.config,
            "DIRECTORY_OIDC_ISSUER": oidc_provider.issuer,
            "DIRECTORY_OIDC_TITLE": "Kaohsiung single sign-on",
            "DIRECTORY_OIDC_CLIENT_ID": CLIENT_ID,
            "DIRECTORY_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "DIRECTORY_OIDC_SCOPES": "openid profile email groups offline_access",
            "DIRECTORY_GROUP_ROLES": "intl-admins=admin, intl-officers=officer, intl-leaders=leader",
            "DIRECTORY_CHECK_SECONDS": 0,
        }
    )


@pytest.fixture
def oidc_client(oidc_app, database):
    oidc_app.test_client_class = IsolatedClient
    return oidc_app.test_client()
