"""Event pages: list, detail with programme and attendance figures, create, edit, cancel, archive, the public
link's token, and programme sessions."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core import search
from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.pagination import SortTerm, paginate
from ..core.permissions import STAFF, roles_required
from ..core.plan_links import item_filter, requested_item
from ..core.time import today_in
from ..correspondence.queries import letters_about
from ..schedule.models import ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, VISIBILITIES
from . import mailing, registrations, services
from .blueprint import bp
from .forms import EventForm, SessionForm
from .models import (
    AUDIENCES,
    EVENT_KINDS,
    EVENT_LABELS,
    EVENT_STATUSES,
    EVENT_VISIBILITIES,
    REGISTRATION_MODES,
    REGISTRATION_SOURCES,
    REGISTRATION_STATUSES,
    Event,
)

VIEWERS = ("admin", "officer", "intern")
OFFICE_ZONE = "Asia/Taipei"


def get_event_or_404(event_id: int, need: str = "view") -> Event:
    event = db.session.get(Event, event_id)
    if event is None or (event.archived_at is not None and not current_user.is_admin):
        abort(404)
    allowed = {
        "view": event.can_view,
        "edit": event.can_edit,
        "check_in": event.can_check_in,
    }[need](current_user)
    if not allowed:
        abort(403)
    return event


@bp.context_processor
def labels():
    def translated(mapping):
        return {k: str(v) for k, v in mapping.items()}

    return {
        "EVENT_KINDS": translated(EVENT_KINDS),
        "AUDIENCES": translated(AUDIENCES),
        "EVENT_STATUSES": translated(EVENT_STATUSES),
        "EVENT_VISIBILITIES": translated(EVENT_VISIBILITIES),
        "REGISTRATION_MODES": translated(REGISTRATION_MODES),
        "REGISTRATION_STATUSES": translated(REGISTRATION_STATUSES),
        "REGISTRATION_SOURCES": translated(REGISTRATION_SOURCES),
        "ENGAGEMENT_KINDS": translated(ENGAGEMENT_KINDS),
        "ENGAGEMENT_STATUSES": translated(ENGAGEMENT_STATUSES),
        "VISIBILITIES": translated(VISIBILITIES),
    }


def public_link(event: Event) -> str:
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    path = url_for("events.public_register", token=event.registration_token)
    return (
        f"{base}{path}"
        if base
        else url_for("events.public_register", token=event.registration_token, _external=True)
    )


@bp.route("/events")
@roles_required(*VIEWERS)
def index():
    when = request.args.get("when", "upcoming")
    when = when if when in ("upcoming", "past", "all") else "upcoming"
    kind = request.args.get("kind") if request.args.get("kind") in EVENT_KINDS else ""
    q = (request.args.get("q") or "").strip()[:200]
    today = datetime.combine(today_in(OFFICE_ZONE), time(), ZoneInfo(OFFICE_ZONE))
    stmt = select(Event).where(Event.archived_at.is_(None))
    if when == "upcoming":
        stmt = stmt.where(Event.end_dt >= today)
    elif when == "past":
        stmt = stmt.where(Event.end_dt < today)
    if kind:
        stmt = stmt.where(Event.kind == kind)
    plan_item = requested_item()
    if plan_item:
        stmt = stmt.where(item_filter(Event.plan_item_id, plan_item))
    capped = False
    if q:
        found = search.id_filter(Event.id, services.SEARCH_KIND, q)
        stmt, capped = stmt.where(found.condition), found.capped
    descending = when != "upcoming"
    page = paginate(
        db.session,
        stmt,
        [SortTerm(Event.start_dt, descending), SortTerm(Event.id, descending)],
        request.args.get("cursor"),
        per_page=50,
        count=not capped,
    )
    return render_template("events/index.html", page=page, when=when, kind=kind, q=q, plan_item=plan_item)


@bp.route("/events/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = EventForm(data={"lead_officer_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        event = services.create_event(**form.fields())
        db.session.commit()
        flash(_("The event is saved."), "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None, conflict=None)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(event_id: int):
    event = get_event_or_404(event_id, need="edit")
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
        fields = form.fields()
        conflict = detect_conflict(event, form.version.data, set_fields(fields), EVENT_LABELS)
        if conflict is None:
            services.update_event(event, **fields)
            db.session.commit()
            flash(_("The event is saved."), "success")
            return redirect(url_for("events.detail", event_id=event.id))
        form.version.data = event.version
    return render_template("events/form.html", form=form, event=event, conflict=conflict)


@bp.route("/events/<int:event_id>")
@roles_required(*VIEWERS)
def detail(event_id: int):
    from ..lectures.models import Lecture
    from ..schedule.queries import participant_labels

    event = get_event_or_404(event_id)
    programme = [e for e in services.programme(event) if e.can_view(current_user)]
    lecture = db.session.scalars(select(Lecture).where(Lecture.event_id == event.id)).first()
    return render_template(
        "events/detail.html",
        event=event,
        programme=programme,
        names=participant_labels(programme),
        figures=registrations.figures(event),
        lecture=lecture,
        letters=letters_about("event", event.id, current_user),
        public_link=public_link(event) if event.can_edit(current_user) else None,
        office_zone=OFFICE_ZONE,
    )


@bp.route("/events/<int:event_id>/cancel", methods=["POST"])
@roles_required(*STAFF)
def cancel(event_id: int):
    event = get_event_or_404(event_id, need="edit")
    services.cancel_event(event)
    told = mailing.announce_cancellation(event)
    db.session.commit()
    flash(_("The event is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    if told is not None:
        flash(_("Every guest is being told by e-mail."), "info")
    return redirect(url_for("events.detail", event_id=event.id))


@bp.route("/events/<int:event_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive(event_id: int):
    from ..core.archive import archive as archive_record

    event = get_event_or_404(event_id, need="edit")
    archive_record(event)
    db.session.commit()
    flash(_("The event is archived. An administrator can restore it."), "success")
    return redirect(url_for("events.index"))


@bp.route("/events/<int:event_id>/token", methods=["POST"])
@roles_required(*STAFF)
def rotate_token(event_id: int):
    event = get_event_or_404(event_id, need="edit")
    services.rotate_token(event)
    db.session.commit()
    flash(_("The registration link is replaced; the old link no longer works."), "success")
    return redirect(url_for("events.detail", event_id=event.id) + "#registration-link")


@bp.route("/events/<int:event_id>/sessions/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def add_session(event_id: int):
    event = get_event_or_404(event_id, need="edit")
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


def _session_or_404(event: Event, item_id: int):
    engagement = services.session_of(event, item_id)
    if engagement is None:
        abort(404)
    if not engagement.can_edit(current_user):
        abort(403)
    return engagement


@bp.route("/events/<int:event_id>/sessions/<int:item_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_session(event_id: int, item_id: int):
    event = get_event_or_404(event_id, need="edit")
    engagement = _session_or_404(event, item_id)
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


@bp.route("/events/<int:event_id>/sessions/<int:item_id>/cancel", methods=["POST"])
@roles_required(*STAFF)
def cancel_session(event_id: int, item_id: int):
    from ..schedule.services import cancel_engagement

    event = get_event_or_404(event_id, need="edit")
    engagement = _session_or_404(event, item_id)
    if engagement.id == event.engagement_id:
        abort(400)  # cancel the event itself instead
    cancel_engagement(engagement)
    db.session.commit()
    flash(_("The session is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    return redirect(url_for("events.detail", event_id=event.id) + "#programme")
