"""An event's registrations for the office: the list (keyset pages, status filter, name or e-mail search),
exports, adding a guest, status changes and the waitlist; and the check-in page interns help with."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.forms import error_text
from ..core.i18n import country_name, current_locale_code, language_name
from ..core.pagination import paginate
from ..core.permissions import STAFF, roles_required
from ..core.urls import safe_next
from . import guest_mail, queries, registrations
from .blueprint import bp
from .event_views import VIEWERS, get_event_or_404
from .forms import OfficerRegistrationForm, WalkInForm
from .models import REGISTRATION_SOURCES, REGISTRATION_STATUSES, Event, Registration

EXPORT_LIMIT = 100_000
STATUS_ACTIONS = ("promote", "cancel", "invite_again")


def _list_args() -> tuple[str, str]:
    status = request.args.get("status", "")
    status = status if status in REGISTRATION_STATUSES else ""
    return status, (request.args.get("q") or "").strip()[:200]


@bp.route("/events/<int:event_id>/registrations")
@roles_required(*STAFF)
def registrations_list(event_id: int):
    event = get_event_or_404(event_id, need="edit")
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
        form=OfficerRegistrationForm(formdata=None),
    )


@bp.route("/events/<int:event_id>/registrations.<any(csv, xlsx):fmt>")
@roles_required(*STAFF)
def export_registrations(event_id: int, fmt: str):
    event = get_event_or_404(event_id, need="edit")
    status, q = _list_args()
    stmt, _count, _terms = queries.registration_list(event, status, q, registrations.figures(event).total)
    stmt = stmt.order_by(Registration.id).limit(EXPORT_LIMIT).execution_options(yield_per=500)
    locale = current_locale_code()
    headers = [
        _("No."),
        _("Name"),
        _("Name in another script"),
        _("E-mail"),
        _("Phone"),
        _("Organization or school"),
        _("Country"),
        _("Language"),
        _("Dietary or access needs"),
        _("Status"),
        _("Source"),
        _("Registered"),
        _("Checked in"),
        _("Consent given"),
        _("Privacy notice version"),
    ]

    def rows():
        for r in db.session.scalars(stmt):
            yield [
                r.id,
                r.name,
                r.alt_name or "",
                r.email or "",
                r.phone or "",
                r.organization or "",
                country_name(r.country, locale),
                language_name(r.locale, locale) if r.locale else "",
                r.needs_notes or "",
                str(REGISTRATION_STATUSES.get(r.status, r.status)),
                str(REGISTRATION_SOURCES.get(r.source, r.source)),
                r.created_at,
                r.checked_in_at,
                r.consent_at,
                r.privacy_version or "",
            ]

    filename = f"registrations-{event.id}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows())
    return xlsx_response(filename, _("Registrations"), headers, rows())


@bp.route("/events/<int:event_id>/registrations/new", methods=["POST"])
@roles_required(*STAFF)
def add_registration(event_id: int):
    event = get_event_or_404(event_id, need="edit")
    form = OfficerRegistrationForm()
    if form.validate_on_submit():
        details = form.details()
        if registrations.active_registration(event, details["email"]) is not None:
            flash(_("This e-mail address is already registered for the event."), "warning")
            return redirect(url_for("events.registrations_list", event_id=event.id))
        if form.status.data in ("invited", "waitlisted"):
            contact_id = registrations.contact_id_for(details["email"])
            registration = registrations.new_registration(
                event, form.status.data, "officer", contact_id=contact_id, **details
            )
        else:
            registration = registrations.register_guest(event, consent=False, source="officer", **details)
        db.session.commit()
        flash(_("The guest is on the list."), "success")
        if form.send_email.data and registration.email:
            _tell_guest(registration, guest_mail.confirmation_for(registration))
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("events.registrations_list", event_id=event.id))


def _tell_guest(registration: Registration, notice: str | None) -> None:
    """After the commit: e-mail the guest, and tell the officer whether it went."""
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


def _registration_or_404(event: Event, registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        abort(404)
    return registration


@bp.route("/events/<int:event_id>/registrations/<int:registration_id>/status", methods=["POST"])
@roles_required(*STAFF)
def registration_status(event_id: int, registration_id: int):
    event = get_event_or_404(event_id, need="edit")
    registration = _registration_or_404(event, registration_id)
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
        registrations.set_status(registration, "invited", cancelled_at=None)
        flash(_("%(name)s is invited again.", name=registration.name), "success")
    db.session.commit()
    _tell_guest(registration, notice)
    return redirect(back)


@bp.route("/events/<int:event_id>/waitlist/promote", methods=["POST"])
@roles_required(*STAFF)
def promote_next(event_id: int):
    event = get_event_or_404(event_id, need="edit")
    promoted = registrations.promote_next(event)
    db.session.commit()
    if promoted is None:
        flash(_("No seat is free, or nobody is waiting."), "warning")
    else:
        flash(_("%(name)s has a seat.", name=promoted.name), "success")
        _tell_guest(promoted, "seat")
    return redirect(url_for("events.registrations_list", event_id=event.id, status="waitlisted"))


@bp.route("/events/<int:event_id>/check-in")
@roles_required(*VIEWERS)
def check_in(event_id: int):
    event = get_event_or_404(event_id, need="check_in")
    q = (request.args.get("q") or "").strip()[:200]
    figures = registrations.figures(event)
    matches = queries.check_in_matches(event, q, figures.total) if q else []
    return render_template(
        "events/check_in.html",
        event=event,
        q=q,
        matches=matches,
        recent=queries.recent_check_ins(event),
        figures=figures,
        walk_in_form=WalkInForm(formdata=None),
        show_personal=event.can_edit(current_user),
    )


@bp.route("/events/<int:event_id>/check-in/<int:registration_id>", methods=["POST"])
@roles_required(*VIEWERS)
def mark_attended(event_id: int, registration_id: int):
    event = get_event_or_404(event_id, need="check_in")
    registration = _registration_or_404(event, registration_id)
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


@bp.route("/events/<int:event_id>/walk-in", methods=["POST"])
@roles_required(*VIEWERS)
def walk_in(event_id: int):
    event = get_event_or_404(event_id, need="check_in")
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
