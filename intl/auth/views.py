"""Signing in and out, the language switcher, and each user's own profile and password."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..core import audit
from ..core.conflicts import detect_conflict
from ..core.db import db
from ..core.i18n import LANGUAGE_NAMES
from ..core.permissions import public
from ..core.time import is_valid_zone, now_utc
from ..core.urls import safe_next
from . import throttle
from .forms import ChangePasswordForm, ProfileForm, SignInForm
from .passwords import verify_dummy, verify_password
from .services import UserError, find_user, set_password

bp = Blueprint("auth", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        username = form.username.data.strip()
        address = request.remote_addr
        until = throttle.locked_until(username, address)
        if until is not None:
            wait = format_timedelta(until - now_utc(), threshold=1.5)
            flash(_("Too many failed sign-ins. Try again in %(wait)s.", wait=wait), "danger")
            return render_template("auth/sign_in.html", form=form), 429
        user = find_user(username)
        if user is None:
            verify_dummy(form.password.data)
        if user is None or not user.active or not verify_password(user.password_hash, form.password.data):
            throttle.note_failure(username, address)
            flash(_("The user name or password is wrong, or the account is deactivated."), "danger")
            return render_template("auth/sign_in.html", form=form), 401
        throttle.clear_failures(username)
        user.last_sign_in_at = now_utc()
        db.session.commit()
        session.clear()
        login_user(user)
        return redirect(safe_next(request.args.get("next"), url_for("home.index")))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.sign_in"))


@bp.route("/language", methods=["POST"])
@public
def set_language():
    code = request.form.get("locale", "")
    if code not in current_app.config["LANGUAGES"]:
        abort(400)
    session["locale"] = code
    if current_user.is_authenticated:
        # The switcher is also the quickest way to save a preference.
        current_user.locale = code
        db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("home.index")))


def _profile_choices(form: ProfileForm) -> None:
    from ..core.countries import zone_label
    from ..core.i18n import current_locale_code
    from ..core.time import all_zone_names

    form.locale.choices = [("", _("Automatic (browser)"))] + list(LANGUAGE_NAMES.items())
    locale = current_locale_code()
    zones = sorted(z for z in all_zone_names() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    form.timezone.choices = [(z, zone_label(z, locale)) for z in zones]


@bp.route("/account", methods=["GET", "POST"])
def account():
    user = current_user._get_current_object()
    form = ProfileForm(obj=user)
    _profile_choices(form)
    conflict = None
    if form.validate_on_submit():

        def apply(target):
            target.display_name = form.display_name.data.strip()
            target.locale = form.locale.data or None
            target.date_style = form.date_style.data
            if is_valid_zone(form.timezone.data):
                target.timezone = form.timezone.data

        conflict = detect_conflict(user, form.version.data, apply, {})
        if conflict is None:
            before = user.audit_state()
            apply(user)
            audit.record_update(user, before)
            if user.locale:
                session["locale"] = user.locale
            db.session.commit()
            flash(_("Your settings are saved."), "success")
            return redirect(url_for("auth.account"))
        form.version.data = user.version
    return render_template("auth/account.html", form=form, conflict=conflict)


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("The current password is wrong."))
        else:
            try:
                set_password(user, form.new_password.data)
            except UserError as error:
                form.new_password.errors.append(str(error))
            else:
                db.session.commit()
                login_user(user)  # the session identity includes the password epoch
                flash(_("Your password is changed. Other sessions are signed out."), "success")
                return redirect(url_for("auth.account"))
    return render_template("auth/password.html", form=form)
