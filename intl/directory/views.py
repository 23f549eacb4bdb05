"""Signing in through the directory (the LDAP form, or the redirect to the single sign-on), what happens
once the directory has said who signed in, and the check of a directory user on their requests."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..auth import throttle
from ..core.access import public
from ..core.db import db, separate_write
from ..core.time import now_utc
from ..core.urls import safe_next
from . import services
from .setup import multipass, providers

SESSION_KEY = "directory_identity"
CHECKED_KEY = "directory_checked_at"


@public
def sign_in(provider: str):
    if current_app.extensions.get("multipass") is None or provider not in multipass.auth_providers:
        abort(404)
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    if request.method == "POST":
        username = (request.form.get("username") or "").strip()
        until = throttle.locked_until(username, request.remote_addr)
        if until is not None:
            wait = format_timedelta(until - now_utc(), threshold=1.5)
            flash(_("Too many failed sign-ins. Try again in %(wait)s.", wait=wait), "danger")
            return render_template(
                "directory/sign_in_form.html", form=None, provider=multipass.auth_providers[provider]
            ), 429
    db.session.commit()  # ends the reading transaction: no lock is held while the directory answers
    response = multipass.process_login(provider)
    if (
        request.method == "POST"
        and not current_user.is_authenticated
        and session.get("_multipass_auth_failed")
    ):
        session.pop("_multipass_auth_failed", None)
        throttle.note_failure((request.form.get("username") or "").strip(), request.remote_addr)
        return response, 401
    return response


@multipass.identity_handler
def signed_in(identity_info):
    """The directory has said who signed in: link the account, sign it in, go where the user was going."""
    try:
        # The single sign-on comes back with a GET: the account is written in a transaction of its own.
        with separate_write():
            user = services.sign_in(identity_info)
            throttle.clear_failures(identity_info.identifier)
    except services.DirectoryRefused as refusal:
        flash(str(refusal), "danger")
        return redirect(url_for("auth.sign_in"))
    next_url = session.get("_multipass_next_url")
    # The single sign-on's ID token is kept through the new session: signing out hands it back to the
    # provider (id_token_hint) so that the provider ends its session too.
    token_key = f"_multipass_authlib_id_token:{identity_info.provider.name}"
    id_token = session.get(token_key)
    session.clear()
    login_user(user)
    session[SESSION_KEY] = identity_info.provider.name
    session["_multipass_login_provider"] = identity_info.provider.name
    if id_token:
        session[token_key] = id_token
    session[CHECKED_KEY] = now_utc().timestamp()
    return redirect(safe_next(next_url, url_for("home.index")))


@multipass.login_check
def already_signed_in() -> bool:
    return current_user.is_authenticated


def check_directory_user():
    """before_request: a user who signed in through the directory is checked with it again once
    DIRECTORY_CHECK_SECONDS have passed; one it no longer vouches for is signed out at once."""
    if SESSION_KEY not in session or not current_user.is_authenticated:
        return None
    if request.endpoint in (None, "static") or current_app.extensions.get("multipass") is None:
        return None
    now = now_utc().timestamp()
    if now - session.get(CHECKED_KEY, 0) < current_app.config["DIRECTORY_CHECK_SECONDS"]:
        return None
    allowed = services.check_user(current_user.id)
    session[CHECKED_KEY] = now
    if allowed:
        return None
    logout_user()
    session.clear()
    flash(_("Your directory account no longer gives you access to Intl Desk."), "warning")
    return redirect(url_for("auth.sign_in"))


def sign_out_of_directory(return_url: str):
    """Signing out of a session the single sign-on opened ends the provider's session too (its
    end_session_endpoint, from the discovery document); a directory without one (LDAP) needs nothing."""
    if SESSION_KEY not in session or current_app.extensions.get("multipass") is None:
        return None
    try:
        return multipass.logout(return_url)
    except Exception as error:  # noqa: BLE001  the provider's metadata unreachable: sign out here at least
        current_app.logger.warning("Single sign-on sign-out failed: %r", error)
        return None


def sign_in_options() -> dict:
    """For the sign-in page: the directory's providers, if any."""
    return {"directory_providers": providers()}
