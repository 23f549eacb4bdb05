"""flask-multipass configured from the DIRECTORY_* settings: an LDAP provider when DIRECTORY_LDAP_URL is set,
an OpenID Connect provider when DIRECTORY_OIDC_ISSUER is set, each an auth and an identity provider of the
same name ("ldap", "oidc"). With neither, the directory is off and the sign-in page shows local accounts only."""

from __future__ import annotations

from flask import Flask, current_app, flash, redirect, session, url_for
from flask_babel import gettext as _
from flask_multipass import Multipass
from flask_multipass.exceptions import (
    AuthenticationFailed,
    InvalidCredentials,
    MultipassException,
    NoSuchUser,
)

from ..core.access import public
from .errors import DirectoryUnreachable

OIDC_CALLBACK = "/sign-in/directory/oidc/callback"


class Directory(Multipass):
    """flask-multipass, with its failure messages in the user's language."""

    def handle_auth_error(self, exc, redirect_to_login=False):
        session["_multipass_auth_failed"] = True
        if isinstance(exc, DirectoryUnreachable):
            message = _(
                "The city's directory cannot be reached. Try again later, or sign in with a local account."
            )
        elif isinstance(exc, NoSuchUser | InvalidCredentials):
            message = _("The directory does not accept this user name and password.")
        elif isinstance(exc, AuthenticationFailed):
            message = _("The city's single sign-on did not sign you in.")
        else:
            message = _("Signing in with the directory failed: %(error)s", error=str(exc))
        flash(message, "danger")
        current_app.logger.info("Directory sign-in failed: %r", exc)
        if redirect_to_login:
            return redirect(url_for("auth.sign_in"))
        return None


multipass = Directory()


def _ldap_settings(config) -> dict:
    return {
        "uri": config["DIRECTORY_LDAP_URL"],
        "bind_dn": config["DIRECTORY_LDAP_BIND_DN"],
        "bind_password": config["DIRECTORY_LDAP_BIND_PASSWORD"],
        "starttls": config["DIRECTORY_LDAP_STARTTLS"],
        "user_base": config["DIRECTORY_LDAP_USER_BASE"],
        "user_filter": config["DIRECTORY_LDAP_USER_FILTER"],
        "uid": config["DIRECTORY_LDAP_UID"],
        "group_base": config["DIRECTORY_LDAP_GROUP_BASE"] or config["DIRECTORY_LDAP_USER_BASE"],
        "group_filter": config["DIRECTORY_LDAP_GROUP_FILTER"],
        "nested_groups": config["DIRECTORY_LDAP_NESTED_GROUPS"],
        "timeout": 10,
    }


def multipass_settings(config) -> dict:
    """The MULTIPASS_* settings for the configured providers (empty providers when none is)."""
    # The providers bring ldap3, authlib and requests (some 15 MB): loaded only where a directory is
    # configured, not by every web worker of an office that signs in with local accounts.
    from .providers import LDAPAuthProvider, LDAPIdentityProvider, OIDCIdentityProvider

    auth, identity = {}, {}
    if config.get("DIRECTORY_LDAP_URL"):
        ldap = _ldap_settings(config)
        title = config["DIRECTORY_LDAP_TITLE"] or "LDAP"
        auth["ldap"] = {"type": LDAPAuthProvider, "title": title, "ldap": ldap}
        identity["ldap"] = {"type": LDAPIdentityProvider, "title": title, "ldap": ldap}
    if config.get("DIRECTORY_OIDC_ISSUER"):
        issuer = config["DIRECTORY_OIDC_ISSUER"].rstrip("/")
        title = config["DIRECTORY_OIDC_TITLE"] or "Single sign-on"
        auth["oidc"] = {
            "type": "authlib",
            "title": title,
            "include_token": True,
            "callback_uri": OIDC_CALLBACK,
            "request_timeout": 10,
            # Signing out ends the provider's session too, at the end_session_endpoint of its discovery
            # document (a provider without one: the app's own sign-out only).
            "authlib_args": {
                "overwrite": True,  # one registry per process: each app (and test) keeps its own client
                "client_id": config["DIRECTORY_OIDC_CLIENT_ID"],
                "client_secret": config["DIRECTORY_OIDC_CLIENT_SECRET"],
                "server_metadata_url": f"{issuer}/.well-known/openid-configuration",
                "client_kwargs": {"scope": config["DIRECTORY_OIDC_SCOPES"], "timeout": 10},
            },
        }
        identity["oidc"] = {
            "type": OIDCIdentityProvider,
            "title": title,
            "auth_provider": "oidc",
            "identifier_field": "sub",
            "groups_claim": config["DIRECTORY_OIDC_GROUPS_CLAIM"],
        }
    return {
        "MULTIPASS_AUTH_PROVIDERS": auth,
        "MULTIPASS_IDENTITY_PROVIDERS": identity,
        "MULTIPASS_PROVIDER_MAP": {name: name for name in auth},
        "MULTIPASS_LOGIN_URLS": None,  # our own URL (directory.sign_in), public, throttled
        "MULTIPASS_LOGIN_ENDPOINT": "auth.sign_in",
        "MULTIPASS_SUCCESS_ENDPOINT": "home.index",
        "MULTIPASS_LOGIN_FORM_TEMPLATE": "directory/sign_in_form.html",
        "MULTIPASS_LOGIN_SELECTOR_TEMPLATE": "auth/sign_in.html",
        "MULTIPASS_HIDE_NO_SUCH_USER": True,
        "MULTIPASS_REQUIRE_IDENTITY": True,
    }


def is_configured(app: Flask | None = None) -> bool:
    config = (app or current_app).config
    return bool(config.get("DIRECTORY_LDAP_URL") or config.get("DIRECTORY_OIDC_ISSUER"))


def init_directory(app: Flask) -> None:
    if not is_configured(app):
        return
    app.config.update(multipass_settings(app.config))
    multipass.init_app(app)
    # The provider's callback (the single sign-on sends the browser back there) must open without a session.
    for endpoint, view in list(app.view_functions.items()):
        if endpoint.startswith("_flaskmultipass_"):
            app.view_functions[endpoint] = public(_public_view(view))


def _public_view(view):
    def callback(*args, **kwargs):
        return view(*args, **kwargs)

    callback.__name__ = getattr(view, "__name__", "callback")
    return callback


def providers() -> list:
    """The configured sign-in providers (title, name), for the sign-in page."""
    state = current_app.extensions.get("multipass")
    return list(state.auth_providers.values()) if state is not None else []


__all__ = ["MultipassException", "init_directory", "is_configured", "multipass", "providers"]
