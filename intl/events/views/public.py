"""The guests' pages, reachable without an account: the registration form behind an event's public link, the
guest's own page (status, waitlist position, answer to an invitation, cancellation) and their .ics.

Every page shows the guest only the event and their own registration. Submissions are CSRF-protected like
every form, and rate-limited per address and per event in the database (429 with a page in the guest's
language). Links with a wrong token count against the address too, so that guessing them is slow.
"""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh

from ...core.access import public
from ...core.db import db
from ...core.i18n import current_locale_code
from ...core.time import now_utc
from .. import guest_mail, registrations, throttle
from ..forms import GuestAnswerForm, PublicRegistrationForm
from ..guests import calendar_filename, guest_calendar, guest_locale
from ..models import Event, Registration
from ..tokens import find_event, find_registration, registration_token

GUEST_ENDPOINTS = frozenset(
    {"events.public_register", "events.public_status", "events.public_respond", "events.public_ics"}
)


def keep_guest_links_private(response):
    """after_request: the guests' addresses are their keys: no search engine lists them, no other site sees
    them as referrer."""
    if request.endpoint in GUEST_ENDPOINTS:
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _choose_language() -> None:
    """?lang=en or ?lang=zh_Hant_TW on a published link sets the guest's language (kept in their session)."""
    code = request.args.get("lang")
    if code in current_app.config["LANGUAGES"]:
        session["locale"] = code
        refresh()


def _too_many():
    minutes = throttle.setting("REGISTRATION_WINDOW_MINUTES")
    response = Response(
        render_template(
            "public/message.html",
            title=_("Too many requests"),
            message=_("Please wait %(minutes)s minutes before trying again.", minutes=minutes),
        ),
        status=429,
    )
    response.headers["Retry-After"] = str(minutes * 60)
    return response


def _count(event_id: int | None) -> bool:
    """Count this request; False (and nothing counted) when the address or the event is over its limit."""
    keys = throttle.keys_for(request.remote_addr, event_id)
    if throttle.is_limited(keys):
        return False
    throttle.note_hit(keys)
    return True


def _not_found():
    """A wrong link: counted against the address, then 404 (or 429 once it has guessed too often)."""
    if not _count(None):
        return _too_many()
    db.session.commit()
    abort(404)


def _tell_guest(registration: Registration, notice: str | None) -> None:
    """E-mail the guest: a job, handed to the worker when the view commits (the guest's page does not wait)."""
    if notice is not None and guest_mail.send(registration, notice):
        flash(_("We are sending you an e-mail about this."), "info")


def _is_open(event: Event) -> bool:
    return event.accepts_registrations and event.end_dt > now_utc()


def _message(event: Event, title: str, message: str, status: int = 200):
    header = "events/public/_event.html" if event is not None else None
    return (
        render_template("public/message.html", header=header, event=event, title=title, message=message),
        status,
    )


@public
def public_register(token: str):
    _choose_language()
    event = find_event(token)
    if event is None:
        return _not_found()
    if event.registration_mode != "open":
        return _message(
            event,
            _("Registration by invitation"),
            _("This event is by invitation only. Please use the personal link in your invitation."),
        )
    if not _is_open(event):
        return _message(event, _("Registration is closed"), _("This event no longer takes registrations."))
    form = PublicRegistrationForm()
    if request.method == "POST":
        if not _count(event.id):
            return _too_many()
        if form.validate():
            details = form.details()
            registrations.lock_event(event)  # before the check: a double click registers once
            if registrations.active_registration(event, details["email"]) is not None:
                db.session.commit()
                return _message(
                    event,
                    _("Already registered"),
                    _(
                        "This e-mail address already has a registration for this event. Use the link you were "
                        "given then, or contact the office to change it."
                    ),
                )
            registration = registrations.register_guest(
                event, consent=True, source="public", locale=current_locale_code(), **details
            )
            _tell_guest(registration, guest_mail.confirmation_for(registration))
            db.session.commit()
            return redirect(
                url_for("events.public_status", token=token, reg_token=registration_token(registration))
            )
        db.session.commit()  # the attempt counts even when the form is refused
    figures = registrations.figures(event)
    return render_template(
        "events/public/register.html",
        event=event,
        form=form,
        full=figures.free_seats == 0,
        privacy_version=registrations.PRIVACY_NOTICE_VERSION,
    )


def _guest(token: str, reg_token: str) -> tuple[Event, Registration] | None:
    event = find_event(token)
    registration = find_registration(event, reg_token) if event is not None else None
    if registration is None:
        return None
    return event, registration


@public
def public_status(token: str, reg_token: str):
    _choose_language()
    found = _guest(token, reg_token)
    if found is None:
        return _not_found()
    event, registration = found
    response = Response(
        render_template(
            "events/public/status.html",
            event=event,
            registration=registration,
            position=registrations.waitlist_position(registration),
            form=GuestAnswerForm(formdata=None),
            can_answer=registration.status in ("invited", "declined") and _is_open(event),
            privacy_version=registrations.PRIVACY_NOTICE_VERSION,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@public
def public_respond(token: str, reg_token: str):
    found = _guest(token, reg_token)
    if found is None:
        return _not_found()
    event, registration = found
    if not _count(event.id):
        return _too_many()
    form = GuestAnswerForm()
    action = request.form.get("action")
    back = redirect(url_for("events.public_status", token=token, reg_token=reg_token))
    if not form.validate():
        db.session.commit()
        abort(400)
    if action in ("accept", "decline") and registration.status in ("invited", "declined") and _is_open(event):
        if action == "accept" and not form.consent.data:
            db.session.commit()
            flash(_("Registration needs your consent to the use of your details."), "danger")
            return back
        registrations.answer_invitation(registration, action == "accept", True, current_locale_code())
        notice = guest_mail.confirmation_for(registration)
    elif action == "cancel" and registration.status in ("registered", "waitlisted"):
        registrations.cancel_registration(registration)
        notice = "cancelled"
    else:
        db.session.commit()
        abort(400)
    _tell_guest(registration, notice)
    db.session.commit()
    return back


@public
def public_ics(token: str, reg_token: str):
    found = _guest(token, reg_token)
    if found is None:
        return _not_found()
    event, registration = found
    body = guest_calendar(event, registration, guest_locale(registration, current_locale_code()))
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="{calendar_filename(event)}"',
            "Cache-Control": "no-store",
        },
    )
