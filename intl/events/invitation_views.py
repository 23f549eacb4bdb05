"""Invitation lists: contacts chosen with the contact list's own filters (organization, country, tag, language,
relations group, any-script search) become invited registrations; the list is exported for mail merge with each
guest's honorific, name, title and organization in the language they read, and their personal RSVP link."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from ..contacts.forms import spoken_language_choices
from ..contacts.models import HONORIFICS, Affiliation, Contact
from ..contacts.queries import ContactFilters, contact_list
from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.i18n import current_locale_code, language_name
from ..core.pagination import paginate
from ..core.permissions import STAFF, roles_required
from ..core.tags import all_tag_names
from ..groups.models import GROUP_ROLES
from . import mailing, registrations
from .blueprint import bp
from .event_views import get_event_or_404
from .guests import guest_link
from .models import REGISTRATION_STATUSES, Event, Registration

INVITE_LIMIT = 2_000
_ID_SUFFIX = re.compile(r"\[#(\d{1,10})\]\s*$")


def _filters(args: MultiDict) -> tuple[ContactFilters, str]:
    """The contact filters of the request; the organization may come from the picker as 'Name [#id]'."""
    args = MultiDict(args)
    picked = (args.get("org") or "").strip()
    match = _ID_SUFFIX.search(picked)
    if match:
        args["organization"] = match.group(1)
    return ContactFilters.from_args(args), picked if match else ""


@bp.route("/events/<int:event_id>/invitations")
@roles_required(*STAFF)
def invitations(event_id: int):
    event = get_event_or_404(event_id, need="edit")
    filters, picked = _filters(request.args)
    page, invited_ids = None, set()
    if filters.active:
        stmt, count_stmt, terms = contact_list(filters, current_locale_code())
        page = paginate(
            db.session,
            stmt,
            terms,
            request.args.get("cursor"),
            per_page=50,
            count_stmt=count_stmt,
            count=not filters.capped,
        )
        ids = [c.id for c in page.items]
        invited_ids = set(
            db.session.scalars(
                select(Registration.contact_id).where(
                    Registration.event_id == event.id, Registration.contact_id.in_(ids)
                )
            )
        )
    return render_template(
        "events/invitations.html",
        event=event,
        filters=filters,
        picked=picked,
        page=page,
        invited_ids=invited_ids,
        invited_count=registrations.figures(event).invited,
        to_mail=mailing.invitations_to_send(event),
        tags=all_tag_names(),
        languages=spoken_language_choices(),
        GROUP_ROLES={k: str(v) for k, v in GROUP_ROLES.items()},
        limit=INVITE_LIMIT,
    )


@bp.route("/events/<int:event_id>/invitations", methods=["POST"])
@roles_required(*STAFF)
def save_invitations(event_id: int):
    event = get_event_or_404(event_id, need="edit")
    filters, _picked = _filters(request.form)
    if request.form.get("scope") == "all":
        if not filters.active:
            abort(400)
        stmt, _count, terms = contact_list(filters, current_locale_code())
        stmt = stmt.order_by(*[t.expression.desc() if t.descending else t.expression for t in terms])
        contacts = list(db.session.scalars(stmt.limit(INVITE_LIMIT + 1)))
        if len(contacts) > INVITE_LIMIT:
            flash(_("More than %(limit)s contacts match: narrow the filters.", limit=INVITE_LIMIT), "danger")
            return redirect(url_for("events.invitations", event_id=event.id, **filters.as_args()))
    else:
        ids = [int(v) for v in request.form.getlist("contact") if v.isdigit() and len(v) < 10]
        contacts = list(
            db.session.scalars(
                select(Contact)
                .where(Contact.id.in_(ids), Contact.archived_at.is_(None))
                .options(
                    selectinload(Contact.emails),
                    selectinload(Contact.affiliations).joinedload(Affiliation.organization),
                )
            )
        )
    added = registrations.invite_contacts(event, contacts)
    db.session.commit()
    flash(_("%(count)s contacts added to the invitation list.", count=added), "success")
    return redirect(url_for("events.invitations", event_id=event.id, **filters.as_args()))


def merge_row(event: Event, registration: Registration) -> list:
    """One guest's mail-merge fields, written in the language the guest reads."""
    locale = registration.locale or "en"
    contact = registration.contact
    with force_locale(locale):
        if contact is not None and contact.archived_at is None:
            current = contact.current_affiliation
            row = [
                str(HONORIFICS[contact.honorific]) if contact.honorific in HONORIFICS else "",
                contact.display_name(locale),
                contact.family_name or "",
                contact.given_name or "",
                contact.title.get_for(locale) if contact.title else "",
                current.organization.names.get_for(locale) if current else (registration.organization or ""),
                (current.position or "") if current else "",
                contact.emails[0].address if contact.emails else (registration.email or ""),
            ]
        else:
            row = [
                "",
                registration.name,
                "",
                "",
                "",
                registration.organization or "",
                "",
                registration.email or "",
            ]
    row += [
        language_name(locale, current_locale_code()),
        locale,
        str(REGISTRATION_STATUSES.get(registration.status, registration.status)),
        guest_link(event, registration),
    ]
    return row


@bp.route("/events/<int:event_id>/invitations.<any(csv, xlsx):fmt>")
@roles_required(*STAFF)
def export_invitations(event_id: int, fmt: str):
    event = get_event_or_404(event_id, need="edit")
    status = request.args.get("status", "invited")
    wanted = list(REGISTRATION_STATUSES) if status == "all" else [status]
    if not set(wanted) <= set(REGISTRATION_STATUSES):
        abort(400)
    stmt = (
        select(Registration)
        .where(Registration.event_id == event.id, Registration.status.in_(wanted))
        .options(
            selectinload(Registration.contact).selectinload(Contact.emails),
            selectinload(Registration.contact)
            .selectinload(Contact.affiliations)
            .joinedload(Affiliation.organization),
        )
        .order_by(Registration.id)
    )
    headers = [
        _("Honorific"),
        _("Name"),
        _("Family name"),
        _("Given name"),
        _("Title"),
        _("Organization"),
        _("Position"),
        _("E-mail"),
        _("Preferred language"),
        _("Language code"),
        _("Status"),
        _("Personal RSVP link"),
    ]
    rows = [merge_row(event, r) for r in db.session.scalars(stmt)]
    filename = f"invitations-{event.id}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, _("Invitations"), headers, rows)
