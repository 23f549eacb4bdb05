"""The directory's providers for flask-multipass.

LDAP / Active Directory: flask-multipass's own LDAP provider is written on python-ldap, a C extension that
needs the OpenLDAP headers to build; these providers speak LDAP through ldap3 (pure Python) instead, with the
same settings. The auth provider checks a name and password by a bind as the user (found first with the
service account); the identity provider reads the user's name, address and groups, and answers None for a
user the directory no longer has (deleted, or excluded by DIRECTORY_LDAP_USER_FILTER, the usual way to leave
out disabled accounts: `(!(userAccountControl:1.2.840.113556.1.4.803:=2))` in Active Directory).

OpenID Connect: flask-multipass's Authlib auth provider does the sign-in; the identity provider here keeps the
refresh token (`multipass_data`), so that the app can ask the provider again later: a refused refresh means
the provider no longer vouches for the user (disabled, signed out everywhere, token revoked).
"""

from __future__ import annotations

import ssl

from authlib.common.errors import AuthlibBaseError
from flask_multipass import AuthInfo, AuthProvider, IdentityInfo, IdentityProvider
from flask_multipass.exceptions import IdentityRetrievalFailed, InvalidCredentials, NoSuchUser
from flask_multipass.providers.authlib import AuthlibIdentityProvider
from ldap3 import SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPBindError, LDAPException, LDAPInvalidCredentialsResult
from ldap3.utils.conv import escape_filter_chars
from requests.exceptions import RequestException

from .errors import DirectoryUnreachable
from .forms import DirectorySignInForm

NESTED_MEMBER = "member:1.2.840.113556.1.4.1941:"  # Active Directory: membership through nested groups


class LDAPDirectory:
    """One LDAP server and its settings (the `ldap` dict of both providers)."""

    def __init__(self, settings: dict):
        self.settings = settings

    def _server(self) -> Server:
        uri = self.settings["uri"]
        tls = (
            Tls(validate=ssl.CERT_REQUIRED)
            if uri.startswith("ldaps://") or self.settings.get("starttls")
            else None
        )
        return Server(uri, connect_timeout=self.settings.get("timeout", 10), tls=tls)

    def connect(self, user: str | None = None, password: str | None = None) -> Connection:
        connection = Connection(
            self._server(),
            user=user if user is not None else self.settings.get("bind_dn") or None,
            password=password if user is not None else self.settings.get("bind_password") or None,
            receive_timeout=self.settings.get("timeout", 10),
            raise_exceptions=True,
        )
        if self.settings.get("starttls"):
            connection.open()
            connection.start_tls()
        connection.bind()
        return connection

    def find_user(self, connection: Connection, identifier: str) -> tuple[str, dict] | None:
        uid = self.settings["uid"]
        query = f"(&{self.settings['user_filter']}({uid}={escape_filter_chars(identifier)}))"
        connection.search(
            self.settings["user_base"],
            query,
            SUBTREE,
            attributes=[uid, "cn", "displayName", "mail"],
            size_limit=2,
        )
        entries = connection.entries
        if len(entries) != 1:
            return None
        entry = entries[0]
        values = entry.entry_attributes_as_dict
        return entry.entry_dn, values

    def groups_of(self, connection: Connection, user_dn: str) -> list[str]:
        member = NESTED_MEMBER if self.settings.get("nested_groups") else "member"
        query = f"(&{self.settings['group_filter']}({member}={escape_filter_chars(user_dn)}))"
        connection.search(self.settings["group_base"], query, SUBTREE, attributes=["cn"])
        return sorted(str(entry.cn.value) for entry in connection.entries if entry.cn.value)

    def identity(self, identifier: str) -> dict | None:
        """The user's name, address and groups; None when the directory has no such (enabled) user."""
        try:
            connection = self.connect()
        except LDAPException as error:
            raise DirectoryUnreachable(f"The LDAP server did not answer: {error}") from None
        try:
            found = self.find_user(connection, identifier)
            if found is None:
                return None
            dn, values = found
            first = {key: (value[0] if value else None) for key, value in values.items()}
            return {
                "identifier": str(first.get(self.settings["uid"]) or identifier),
                "dn": dn,
                "name": first.get("displayName") or first.get("cn") or identifier,
                "email": first.get("mail"),
                "groups": self.groups_of(connection, dn),
            }
        except LDAPException as error:
            raise DirectoryUnreachable(f"The LDAP server failed: {error}") from None
        finally:
            connection.unbind()


class LDAPAuthProvider(AuthProvider):
    """Name and password checked by the directory: a bind as the user."""

    login_form = DirectorySignInForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = LDAPDirectory(self.settings["ldap"])

    def process_local_login(self, data):
        username, password = (data.get("username") or "").strip(), data.get("password") or ""
        if not username or not password:  # an empty password would be an anonymous bind, which "succeeds"
            raise InvalidCredentials(provider=self)
        try:
            service = self.directory.connect()
        except LDAPException as error:
            raise DirectoryUnreachable(f"The LDAP server did not answer: {error}", provider=self) from None
        try:
            found = self.directory.find_user(service, username)
        finally:
            service.unbind()
        if found is None:
            raise NoSuchUser(provider=self, identifier=username)
        dn, values = found
        try:
            self.directory.connect(dn, password).unbind()
        except (LDAPBindError, LDAPInvalidCredentialsResult):
            raise InvalidCredentials(provider=self, identifier=username) from None
        except LDAPException as error:
            raise DirectoryUnreachable(f"The LDAP server failed: {error}", provider=self) from None
        uid = values.get(self.settings["ldap"]["uid"]) or [username]
        return self.multipass.handle_auth_success(AuthInfo(self, identifier=str(uid[0])))


class LDAPIdentityProvider(IdentityProvider):
    supports_refresh = True
    supports_get = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = LDAPDirectory(self.settings["ldap"])

    def _identity(self, identifier: str) -> IdentityInfo | None:
        found = self.directory.identity(identifier)
        if found is None:
            return None
        identifier = found.pop("identifier")
        return IdentityInfo(self, identifier=identifier, **found)

    def get_identity_from_auth(self, auth_info):
        return self._identity(auth_info.data["identifier"])

    def get_identity(self, identifier):
        return self._identity(identifier)

    def refresh_identity(self, identifier, multipass_data):
        return self._identity(identifier)


class OIDCIdentityProvider(AuthlibIdentityProvider):
    """Who the OpenID Connect provider says signed in (`sub`, name, e-mail, the groups claim), and the refresh
    token to ask it again later (`refresh_identity`: None when it refuses the refresh)."""

    supports_refresh = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups_claim = self.settings.get("groups_claim", "groups")

    def _client(self):
        return self.multipass.auth_providers[self.settings["auth_provider"]].authlib_client

    def _info(self, identifier: str, claims: dict, refresh_token: str | None) -> IdentityInfo:
        groups = claims.get(self.groups_claim) or []
        return IdentityInfo(
            self,
            identifier=identifier,
            multipass_data={"refresh_token": refresh_token},
            name=claims.get("name") or claims.get("preferred_username") or identifier,
            email=claims.get("email"),
            groups=sorted(str(g) for g in (groups if isinstance(groups, list) else [groups])),
        )

    def get_identity_from_auth(self, auth_info):
        identifier = auth_info.data.get(self.id_field)
        if not identifier:
            raise IdentityRetrievalFailed("The provider sent no subject (sub)", provider=self)
        token = auth_info.data.get("token") or {}
        return self._info(identifier, auth_info.data, token.get("refresh_token"))

    def refresh_identity(self, identifier, multipass_data):
        refresh_token = (multipass_data or {}).get("refresh_token")
        if not refresh_token:
            return None  # nothing to ask with: the provider cannot vouch for the user any more
        client = self._client()
        try:
            token = client.fetch_access_token(grant_type="refresh_token", refresh_token=refresh_token)
        except AuthlibBaseError:
            return None  # invalid_grant: disabled, revoked, expired
        except RequestException as error:
            raise DirectoryUnreachable(f"The OpenID Connect provider did not answer: {error}") from None
        try:
            claims = dict(client.userinfo(token=token))
        except (AuthlibBaseError, RequestException) as error:
            raise DirectoryUnreachable(f"The OpenID Connect provider's userinfo failed: {error}") from None
        if str(claims.get(self.id_field)) != identifier:
            return None
        return self._info(identifier, claims, token.get("refresh_token") or refresh_token)
