"""Invitation lists: contacts chosen with the contact list's own filters (organization, country, tag, language,
relations group, any-script search) become invited registrations; the list is exported for mail merge with each
guest's honorific, name, title and organization in the language they read, and their personal RSVP link.

The contacts' e-mail addresses are personal data: shown on the page and exported only through the contacts'
door, which logs each contact shown (`disclose_guests`)."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from ...contacts.forms import spoken_language_choices
from ...contacts.models import HONORIFICS
from ...contacts.queries import ContactFilters, contact_list
from ...core import mail
from ...core.access import STAFF, allow, load_or_404
from ...core.db import db
from ...core.export import csv_response, xlsx_response
from ...core.i18n import current_locale_code, language_name
from ...core.pagination import paginate
from ...core.tags import all_tag_names
from ...groups.models import GROUP_ROLES
from .. import mailing, queries, registrations
from ..access import disclose_guests
from ..guests import guest_link
from ..models import REGISTRATION_STATUSES, Event, Registration

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


@allow(STAFF)
def invitations(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    filters, picked = _filters(request.args)
    page, invited_ids, show_personal = None, set(), False
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
        invited_ids = queries.invited_contact_ids(event, ids)
        show_personal = disclose_guests(ids, "list")
    return render_template(
        "events/invitations.html",
        event=event,
        filters=filters,
        picked=picked,
        page=page,
        invited_ids=invited_ids,
        invited_count=registrations.figures(event).invited,
        show_personal=show_personal,
        to_mail=mailing.invitations_to_send(event),
        tags=all_tag_names(),
        languages=spoken_language_choices(),
        GROUP_ROLES={k: str(v) for k, v in GROUP_ROLES.items()},
        limit=INVITE_LIMIT,
    )


@allow(STAFF)
def save_invitations(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    filters, _picked = _filters(request.form)
    if request.form.get("scope") == "all":
        if not filters.active:
            abort(400)
        stmt, _count, terms = contact_list(filters, current_locale_code())
        contacts = queries.first_contacts(stmt, terms, INVITE_LIMIT + 1)
        if len(contacts) > INVITE_LIMIT:
            flash(_("More than %(limit)s contacts match: narrow the filters.", limit=INVITE_LIMIT), "danger")
            return redirect(url_for("events.invitations", event_id=event.id, **filters.as_args()))
    else:
        ids = [int(v) for v in request.form.getlist("contact") if v.isdigit() and len(v) < 10]
        contacts = queries.contacts_to_invite(ids)
    added = registrations.invite_contacts(event, contacts)
    db.session.commit()
    flash(_("%(count)s contacts added to the invitation list.", count=added), "success")
    return redirect(url_for("events.invitations", event_id=event.id, **filters.as_args()))


def merge_row(event: Event, registration: Registration, personal: bool = True) -> list:
    """One guest's mail-merge fields, written in the language the guest reads (their e-mail address only for
    those who may see it)."""
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
    if not personal:
        row[7] = ""
    row += [
        language_name(locale, current_locale_code()),
        locale,
        str(REGISTRATION_STATUSES.get(registration.status, registration.status)),
        guest_link(event, registration),
    ]
    return row


@allow(STAFF)
def export_invitations(event_id: int, fmt: str):
    event = load_or_404(Event, event_id, need="edit")
    status = request.args.get("status", "invited")
    wanted = list(REGISTRATION_STATUSES) if status == "all" else [status]
    if not set(wanted) <= set(REGISTRATION_STATUSES):
        abort(400)
    guests = queries.invitation_rows(event, wanted)
    personal = disclose_guests([r.contact_id for r in guests], "export")
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
    rows = [merge_row(event, r, personal) for r in guests]
    filename = f"invitations-{event.id}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, _("Invitations"), headers, rows)


@allow(STAFF)
def send_invitations(event_id: int):
    """Mail the invitations to every invited guest with an address who has not had one: a job, whose page
    the officer is taken to."""
    event = load_or_404(Event, event_id, need="edit")
    if not mail.is_configured():
        flash(_("No mail server is configured, so the app cannot send e-mail."), "danger")
        return redirect(url_for("events.invitations", event_id=event.id))
    job = mailing.send_invitations(event)
    if job is None:
        flash(_("Every invited guest with an e-mail address has been mailed the invitation."), "info")
        return redirect(url_for("events.invitations", event_id=event.id))
    db.session.commit()
    flash(_("The invitations are being sent."), "success")
    return redirect(url_for("jobs.detail", job_id=job.id))
