"""An event's registrations for the office: the list (keyset pages, status filter, name or e-mail search),
exports, adding a guest, status changes and the waitlist; and the check-in page interns help with.

Guests' own details (e-mail, phone, needs) are shown and exported only when `disclose_guests` allows it,
which logs the guests who are contacts of the office.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import READERS, STAFF, allow, can, load_or_404
from ...core.db import db
from ...core.export import csv_response, xlsx_response
from ...core.forms import error_text
from ...core.i18n import country_name, current_locale_code, datetime_writer, language_name
from ...core.pagination import paginate
from ...core.urls import id_urls, safe_next
from .. import guest_mail, queries, registrations
from ..access import disclose_guests
from ..forms import OfficerRegistrationForm, WalkInForm
from ..models import REGISTRATION_SOURCES, REGISTRATION_STATUSES, Event, Registration

EXPORT_LIMIT = 100_000
STATUS_ACTIONS = ("promote", "cancel", "invite_again")


def _list_args() -> tuple[str, str]:
    status = request.args.get("status", "")
    status = status if status in REGISTRATION_STATUSES else ""
    return status, (request.args.get("q") or "").strip()[:200]


def _registration(event: Event, registration_id: int, need: str) -> Registration:
    """The registration the URL names, of this event (404 otherwise)."""
    registration = load_or_404(Registration, registration_id, need=need)
    if registration.event_id != event.id:
        abort(404)
    return registration


@allow(STAFF)
def registrations_list(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    status, q = _list_args()
    figures = registrations.figures(event)
    stmt, count_stmt, terms = queries.registration_list(event, status, q, figures.total)
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=50, count_stmt=count_stmt)
    return render_template(
        "events/registrations.html",
        event=event,
        page=page,
        status=status,
        q=q,
        figures=figures,
        show_personal=disclose_guests([r.contact_id for r in page.items], "list"),
        form=OfficerRegistrationForm(formdata=None),
        # built once per page, not per row (url_for walks the URL map; a date-time looks up the reader)
        contact_url=id_urls("contacts.detail", "contact_id"),
        status_url=id_urls("events.registration_status", "registration_id", event_id=event.id),
        short_datetime=datetime_writer("short"),
    )


@allow(STAFF)
def export_registrations(event_id: int, fmt: str):
    event = load_or_404(Event, event_id, need="edit")
    status, q = _list_args()
    stmt, _count, _terms = queries.registration_list(event, status, q, registrations.figures(event).total)
    personal = disclose_guests(queries.guest_contact_ids(stmt), "export")
    stmt = stmt.order_by(Registration.id).limit(EXPORT_LIMIT).execution_options(yield_per=500)
    locale = current_locale_code()
    headers = [_("No."), _("Name"), _("Name in another script")]
    if personal:
        headers += [_("E-mail"), _("Phone")]
    headers += [_("Organization or school"), _("Country"), _("Language")]
    if personal:
        headers.append(_("Dietary or access needs"))
    headers += [
        _("Status"),
        _("Source"),
        _("Registered"),
        _("Checked in"),
        _("Consent given"),
        _("Privacy notice version"),
    ]

    def rows():
        for r in db.session.scalars(stmt):
            row = [r.id, r.name, r.alt_name or ""]
            if personal:
                row += [r.email or "", r.phone or ""]
            row += [
                r.organization or "",
                country_name(r.country, locale),
                language_name(r.locale, locale) if r.locale else "",
            ]
            if personal:
                row.append(r.needs_notes or "")
            row += [
                str(REGISTRATION_STATUSES.get(r.status, r.status)),
                str(REGISTRATION_SOURCES.get(r.source, r.source)),
                r.created_at,
                r.checked_in_at,
                r.consent_at,
                r.privacy_version or "",
            ]
            yield row

    filename = f"registrations-{event.id}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows())
    return xlsx_response(filename, _("Registrations"), headers, rows())


@allow(STAFF)
def add_registration(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    form = OfficerRegistrationForm()
    if form.validate_on_submit():
        details = form.details()
        registrations.lock_event(event)  # before the check: a double click registers once
        if registrations.active_registration(event, details["email"]) is not None:
            flash(_("This e-mail address is already registered for the event."), "warning")
            return redirect(url_for("events.registrations_list", event_id=event.id))
        registration = registrations.add_by_office(event, form.status.data, **details)
        flash(_("The guest is on the list."), "success")
        if form.send_email.data and registration.email:
            _tell_guest(registration, guest_mail.confirmation_for(registration))
        db.session.commit()
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("events.registrations_list", event_id=event.id))


def _tell_guest(registration: Registration, notice: str | None) -> None:
    """E-mail the guest (a job, handed to the worker when the view commits), and tell the officer."""
    if notice is None:
        return
    if not registration.email:
        flash(_("%(name)s has no e-mail address: please tell them yourself.", name=registration.name), "info")
    elif guest_mail.send(registration, notice):
        flash(_("%(name)s is told by e-mail.", name=registration.name), "success")
    else:
        flash(
            _("The e-mail to %(name)s could not be sent: please tell them yourself.", name=registration.name),
            "warning",
        )


@allow(STAFF)
def registration_status(event_id: int, registration_id: int):
    event = load_or_404(Event, event_id, need="edit")
    registration = _registration(event, registration_id, need="edit")
    action = request.form.get("action")
    back = safe_next(request.form.get("back"), url_for("events.registrations_list", event_id=event.id))
    if action not in STATUS_ACTIONS:
        flash(_("Choose what to do with the registration."), "danger")
        return redirect(back)
    notice = None
    if action == "promote":
        full = not registrations.has_seat(event)
        notice = "seat" if registration.status == "waitlisted" else None  # the office tells others itself
        registrations.promote(registration)
        if full:
            flash(_("%(name)s has a seat — beyond the capacity.", name=registration.name), "warning")
        else:
            flash(_("%(name)s has a seat.", name=registration.name), "success")
    elif action == "cancel":
        registrations.cancel_registration(registration)
        flash(_("The registration of %(name)s is cancelled.", name=registration.name), "success")
    else:
        registrations.invite_again(registration)
        flash(_("%(name)s is invited again.", name=registration.name), "success")
    _tell_guest(registration, notice)
    db.session.commit()
    return redirect(back)


@allow(STAFF)
def promote_next(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    promoted = registrations.promote_next(event)
    if promoted is None:
        flash(_("No seat is free, or nobody is waiting."), "warning")
    else:
        flash(_("%(name)s has a seat.", name=promoted.name), "success")
        _tell_guest(promoted, "seat")
    db.session.commit()
    return redirect(url_for("events.registrations_list", event_id=event.id, status="waitlisted"))


@allow(READERS)
def check_in(event_id: int):
    event = load_or_404(Event, event_id, need="check_in")
    q = (request.args.get("q") or "").strip()[:200]
    figures = registrations.figures(event)
    # Those who may not see guests' details find them by name only, and see no e-mail address.
    personal = can(current_user, Registration, "personal")
    matches = queries.check_in_matches(event, q, figures.total, names_only=not personal) if q else []
    return render_template(
        "events/check_in.html",
        event=event,
        q=q,
        matches=matches,
        recent=queries.recent_check_ins(event),
        figures=figures,
        walk_in_form=WalkInForm(formdata=None),
        show_personal=disclose_guests([r.contact_id for r in matches], "list"),
    )


@allow(READERS)
def mark_attended(event_id: int, registration_id: int):
    event = load_or_404(Event, event_id, need="check_in")
    registration = _registration(event, registration_id, need="check_in")
    if request.form.get("action") == "undo":
        registrations.undo_check_in(registration)
        flash(_("The check-in of %(name)s is undone.", name=registration.name), "info")
    elif registration.status in ("registered", "waitlisted", "invited"):
        registrations.check_in(registration)
        flash(_("%(name)s is checked in.", name=registration.name), "success")
    else:
        abort(400)
    db.session.commit()
    return redirect(url_for("events.check_in", event_id=event.id, q=request.form.get("q") or None))


@allow(READERS)
def walk_in(event_id: int):
    event = load_or_404(Event, event_id, need="check_in")
    form = WalkInForm()
    if form.validate_on_submit():
        registration = registrations.add_walk_in(
            event, name=form.name.data.strip(), organization=(form.organization.data or "").strip() or None
        )
        db.session.commit()
        flash(_("%(name)s is checked in.", name=registration.name), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("events.check_in", event_id=event.id))
