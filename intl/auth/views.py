"""Signing in and out, the language switcher, and each user's own profile and password."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..core.access import EVERYONE, allow, load_or_404, public
from ..core.conflicts import EditConflict
from ..core.countries import zone_label
from ..core.db import db
from ..core.i18n import LANGUAGE_NAMES, current_locale_code
from ..core.time import all_zone_names, now_utc
from ..core.urls import safe_next
from .forms import ChangePasswordForm, ProfileForm, SignInForm
from .models import User
from .passwords import has_local_password
from .services import SignInLocked, SignInRefused, UserError, authenticate, change_password, update_profile
from .session import signed_out_response


@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.username.data, form.password.data, request.remote_addr)
        except SignInLocked as locked:
            wait = format_timedelta(locked.until - now_utc(), threshold=1.5)
            flash(_("Too many failed sign-ins. Try again in %(wait)s.", wait=wait), "danger")
            return render_template("auth/sign_in.html", form=form), 429
        except SignInRefused:
            flash(_("The user name or password is wrong, or the account is deactivated."), "danger")
            return render_template("auth/sign_in.html", form=form), 401
        db.session.commit()
        session.clear()
        login_user(user)
        return redirect(safe_next(request.args.get("next"), url_for("home.index")))
    return render_template("auth/sign_in.html", form=form)


@allow(EVERYONE)
def sign_out():
    # Asked before the session is cleared: the directory reads there how this user signed in.
    elsewhere = signed_out_response(url_for("auth.sign_in"))
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return elsewhere or redirect(url_for("auth.sign_in"))


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
    form.locale.choices = [("", _("Automatic (browser)"))] + list(LANGUAGE_NAMES.items())
    locale = current_locale_code()
    zones = sorted(z for z in all_zone_names() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    form.timezone.choices = [(z, zone_label(z, locale)) for z in zones]


@allow(EVERYONE)
def account():
    user = load_or_404(User, current_user.id, need="edit")
    form = ProfileForm(obj=user)
    _profile_choices(form)
    conflict = None
    if form.validate_on_submit():
        try:
            update_profile(
                user,
                form.version.data,
                display_name=form.display_name.data,
                locale=form.locale.data,
                date_style=form.date_style.data,
                timezone=form.timezone.data,
            )
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = user.version
        else:
            if user.locale:
                session["locale"] = user.locale
            db.session.commit()
            flash(_("Your settings are saved."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form, conflict=conflict)


@allow(EVERYONE)
def change_own_password():
    user = load_or_404(User, current_user.id, need="edit")
    if not has_local_password(user):
        # A directory account's password is the city's: saying so beats a form whose password nothing reads.
        return render_template("auth/password.html", form=None, directory_account=True)
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(user, form.current_password.data, form.new_password.data)
        except UserError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            login_user(user)  # the session identity includes the password epoch
            flash(_("Your password is changed. Other sessions are signed out."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/password.html", form=form)
