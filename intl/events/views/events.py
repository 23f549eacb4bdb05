"""Event pages: list, detail with programme and attendance figures, create, edit, cancel, archive, the public
link's token, and programme sessions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import READERS, STAFF, allow, can, load_or_404
from ...core.archive import archive as archive_record
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.pagination import paginate
from ...core.plan_links import requested_item
from ...correspondence.queries import letters_about
from ...schedule.queries import participant_labels
from .. import mailing, queries, registrations, services
from ..access import may_edit_session, shows_details, visible_programme
from ..forms import EventForm, SessionForm
from ..guests import public_link
from ..hosts import host_notes
from ..models import EVENT_KINDS, Event


@allow(READERS)
def index():
    when = request.args.get("when", "upcoming")
    when = when if when in queries.EVENT_PERIODS else "upcoming"
    kind = request.args.get("kind") if request.args.get("kind") in EVENT_KINDS else ""
    q = (request.args.get("q") or "").strip()[:200]
    plan_item = requested_item()
    stmt, capped, terms = queries.event_list(when, kind, q, plan_item)
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=50, count=not capped)
    return render_template("events/index.html", page=page, when=when, kind=kind, q=q, plan_item=plan_item)


@allow(STAFF)
def create():
    form = EventForm(data={"lead_officer_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        event = services.create_event(**form.fields())
        db.session.commit()
        flash(_("The event is saved."), "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None, conflict=None)


@allow(STAFF)
def edit(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    form = EventForm(
        obj=event,
        data={
            "title": event.title,
            "description": event.description,
            "lead_officer_id": str(event.lead_officer_id or ""),
            "host_leaders": event.host_leader_ids,
            "staff": event.staff_user_ids,
        },
    )
    if request.method == "GET":
        form.load_span(event.start_dt, event.end_dt, event.timezone)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_event(event, expected_version=form.version.data, **form.fields())
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = event.version
        else:
            db.session.commit()
            flash(_("The event is saved."), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event, conflict=conflict)


@allow(READERS)
def detail(event_id: int):
    event = load_or_404(Event, event_id)
    programme = visible_programme(current_user, services.programme(event))
    return render_template(
        "events/detail.html",
        event=event,
        programme=programme,
        details=shows_details(current_user, programme),
        names=participant_labels(programme),
        figures=registrations.figures(event),
        hosts=host_notes(event),
        letters=letters_about("event", event.id, current_user),
        public_link=public_link(event) if can(current_user, event, "edit") else None,
    )


@allow(STAFF)
def cancel(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    services.cancel_event(event)
    told = mailing.announce_cancellation(event)
    db.session.commit()
    flash(_("The event is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    if told is not None:
        flash(_("Every guest is being told by e-mail."), "info")
    return redirect(url_for("events.detail", event_id=event.id))


@allow(STAFF)
def archive(event_id: int):
    event = load_or_404(Event, event_id, need="archive")
    archive_record(event)
    db.session.commit()
    flash(_("The event is archived. An administrator can restore it."), "success")
    return redirect(url_for("events.index"))


@allow(STAFF)
def rotate_token(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    services.rotate_token(event)
    db.session.commit()
    flash(_("The registration link is replaced; the old link no longer works."), "success")
    return redirect(url_for("events.detail", event_id=event.id) + "#registration-link")


@allow(STAFF)
def add_session(event_id: int):
    event = load_or_404(Event, event_id, need="edit")
    defaults = None
    if request.method == "GET":
        defaults = {"venue": event.venue, "address": event.address, "visibility": event.visibility}
    form = SessionForm(data=defaults)
    if request.method == "GET":
        form.load_span(event.start_dt, event.start_dt, event.timezone)
        form.end_time.data = None
    if form.validate_on_submit():
        services.add_session(event, form.participants(), **form.fields())
        db.session.commit()
        flash(_("The session is on the programme."), "success")
        return redirect(url_for("events.detail", event_id=event.id) + "#programme")
    return render_template("events/session_form.html", form=form, event=event, session=None)


def _session(event: Event, item_id: int):
    """The programme entry the URL names: 404 unless it is one of this event's own sessions, 403 when the
    user may not change it."""
    engagement = services.session_of(event, item_id)
    if engagement is None:
        abort(404)
    if not may_edit_session(current_user, engagement):
        abort(403)
    return engagement


@allow(STAFF)
def edit_session(event_id: int, item_id: int):
    event = load_or_404(Event, event_id, need="edit")
    engagement = _session(event, item_id)
    if engagement.id == event.engagement_id:
        return redirect(url_for("events.edit", event_id=event.id))  # the main entry follows the event
    form = SessionForm(
        obj=engagement,
        data={
            "title": engagement.title,
            "leaders": engagement.participant_ids("leader"),
            "officers": engagement.participant_ids("user"),
            "contacts": engagement.participant_ids("contact"),
        },
    )
    if request.method == "GET":
        form.load_span(engagement.start_dt, engagement.end_dt, engagement.timezone)
        if engagement.status == "cancelled":
            form.status.data = "tentative"
    if form.validate_on_submit():
        services.update_session(engagement, form.participants(), **form.fields())
        db.session.commit()
        flash(_("The session is saved."), "success")
        return redirect(url_for("events.detail", event_id=event.id) + "#programme")
    return render_template("events/session_form.html", form=form, event=event, session=engagement)


@allow(STAFF)
def cancel_session(event_id: int, item_id: int):
    event = load_or_404(Event, event_id, need="edit")
    engagement = _session(event, item_id)
    if engagement.id == event.engagement_id:
        abort(400)  # cancel the event itself instead
    services.cancel_session(engagement)
    db.session.commit()
    flash(_("The session is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    return redirect(url_for("events.detail", event_id=event.id) + "#programme")
