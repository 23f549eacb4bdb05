"""Operations on events and their programme: create, change, cancel, sessions, the public link's token.

Every event has its main calendar entry (an Engagement with source_kind "event") kept in step with it;
programme sessions are further engagements with the same source. Cancelling the event cancels them all, so
that every calendar subscribed to them shows the cancellation.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import inspect, or_, select

from ..core import audit, search
from ..core.conflicts import check_version
from ..core.db import db
from ..schedule.models import Engagement
from ..schedule.services import cancel_engagement, create_engagement, update_engagement
from . import registrations
from .hosts import event_hosts
from .models import Event, Registration
from .tokens import new_event_token

SEARCH_KIND = "event"
SOURCE_KIND = "event"
ENGAGEMENT_STATUS = {
    "planned": "tentative",
    "confirmed": "confirmed",
    "done": "confirmed",
    "cancelled": "cancelled",
}


def reindex(event: Event) -> None:
    search.index_record(
        SEARCH_KIND,
        event.id,
        event.search_texts(),
        {loc: event.title.get_for(loc) for loc in current_app.config["LANGUAGES"]},
    )


def _participants(event: Event) -> dict[str, list[int]]:
    users = list(event.staff_user_ids or [])
    if event.lead_officer_id:
        users.append(event.lead_officer_id)
    return {"leader": list(event.host_leader_ids or []), "user": sorted(set(users)), "contact": []}


def _main_fields(event: Event) -> dict:
    live = event.archived_at is None and not inspect(event).deleted
    return {
        "title": dict(event.title),
        "kind": "event",
        "start_dt": event.start_dt,
        "end_dt": event.end_dt,
        "timezone": event.timezone,
        "venue": event.venue,
        "address": event.address,
        "visibility": event.visibility,
        "status": ENGAGEMENT_STATUS[event.status] if live else "cancelled",
    }


def create_event(*, with_calendar_entry: bool = True, **fields) -> Event:
    event = Event(registration_token=new_event_token(), **fields)
    db.session.add(event)
    db.session.flush()
    if with_calendar_entry:
        engagement = create_engagement(
            _participants(event), source_kind=SOURCE_KIND, source_id=event.id, **_main_fields(event)
        )
        event.engagement_id = engagement.id
        db.session.flush()
    reindex(event)
    audit.record_create(event)
    return event


def update_event(event: Event, *, expected_version: int | None = None, **fields) -> None:
    """Change the event and keep its calendar entries in step. `expected_version` is the version the user saw
    (EditConflict when it changed since); None for changes that follow another record (a lecture's)."""
    check_version(event, expected_version, fields)
    before = event.audit_state()
    for name, value in fields.items():
        setattr(event, name, value)
    db.session.flush()
    after = event.audit_state()
    if before["title"] != after["title"]:
        reindex(event)
    sync_calendar(event)
    if before["status"] != after["status"] and event.status == "cancelled":
        cancel_programme(event)
    audit.record_update(event, before)


def sync_calendar(event: Event) -> None:
    """Bring the main calendar entry in step with the event (a no-op when nothing it shows changed)."""
    engagement = event.engagement
    if engagement is None:
        return
    update_engagement(engagement, _participants(event), **_main_fields(event))


def cancel_event(event: Event) -> None:
    update_event(event, status="cancelled")


def cancel_programme(event: Event) -> None:
    for engagement in programme(event):
        if engagement.status != "cancelled":
            cancel_engagement(engagement)


def after_archive_change(event: Event) -> None:
    """Archived (or purged): every entry of the programme is cancelled; restored: the main entry comes back.
    Registered with `hooks.archive_changed` (blueprint.py)."""
    if event.archived_at is not None or inspect(event).deleted:
        cancel_programme(event)
    else:
        sync_calendar(event)


def rotate_token(event: Event) -> str:
    event.registration_token = new_event_token()
    db.session.flush()
    audit.record("update", event, {"registration_token": [None, "•••"]})
    return event.registration_token


def programme(event: Event, include_cancelled: bool = True) -> list[Engagement]:
    """The event's calendar entries: its main entry and sessions, and those of the record it holds registrations
    for (a lecture: the features above events register as hosts, intl/events/hosts.py)."""
    sources = [(Engagement.source_kind == SOURCE_KIND) & (Engagement.source_id == event.id)]
    sources += [
        (Engagement.source_kind == host.source_kind) & Engagement.source_id.in_(host.source_ids(event.id))
        for host in event_hosts()
    ]
    stmt = select(Engagement).where(Engagement.archived_at.is_(None), or_(*sources))
    if not include_cancelled:
        stmt = stmt.where(Engagement.status != "cancelled")
    return list(db.session.scalars(stmt.order_by(Engagement.start_dt, Engagement.id)))


def add_session(event: Event, participants: dict[str, list[int]], **fields) -> Engagement:
    fields.setdefault("visibility", event.visibility)
    engagement = create_engagement(
        participants, source_kind=SOURCE_KIND, source_id=event.id, kind="event", **fields
    )
    audit.record("update", event, {"programme": [None, f"+ {engagement.audit_label()}"]})
    return engagement


def update_session(engagement: Engagement, participants: dict[str, list[int]], **fields) -> bool:
    return update_engagement(engagement, participants, **fields)


def cancel_session(engagement: Engagement) -> None:
    cancel_engagement(engagement)


def session_of(event: Event, engagement_id: int) -> Engagement | None:
    engagement = db.session.get(Engagement, engagement_id)
    if (
        engagement is None
        or engagement.source_kind != SOURCE_KIND
        or engagement.source_id != event.id
        or engagement.archived_at is not None
    ):
        return None
    return engagement


def programme_kinds() -> list[tuple[type, object]]:
    """(model, reindex function) of the programme records with search entries, for `flask reindex`."""
    return [(Event, reindex), (Registration, registrations.reindex)]
