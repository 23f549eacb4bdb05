"""Turning engagements into calendar events, and keeping each one's serialized VEVENT per language and
scope up to date (written when the engagement is saved; rebuilt on demand if missing). Both scopes are kept for
every engagement, confidential ones included: who gets which is decided by the access rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import load_only

from ..auth.models import User
from ..contacts.models import Contact
from ..core.calendar import CalendarEvent, event_text
from ..core.db import db, one_of
from .models import ENGAGEMENT_KINDS, Engagement, EngagementCalendarText, Leader

SCOPES = ("full", "busy")
STATUS = {"tentative": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}
CLASSIFICATION = {"public": "PUBLIC", "internal": "PRIVATE", "confidential": "CONFIDENTIAL"}


def engagement_url(engagement: Engagement) -> str:
    base = (current_app.config.get("BASE_URL") or "http://localhost:5000").rstrip("/")
    return f"{base}/engagements/{engagement.id}"


def _names(engagement: Engagement, locale: str, names: dict) -> list[str]:
    found = []
    for participant in engagement.participants:
        label = names.get((participant.kind, participant.ref_id))
        if label is not None:
            found.append(label(locale) if callable(label) else label)
    return found


def participant_names(engagements: Iterable[Engagement]) -> dict:
    """(kind, id) -> name or a function of the locale, for all participants of these engagements at once."""
    wanted = {"leader": set(), "contact": set(), "user": set()}
    for engagement in engagements:
        for participant in engagement.participants:
            wanted[participant.kind].add(participant.ref_id)
    names: dict = {}
    if wanted["leader"]:
        for leader in db.session.scalars(select(Leader).where(Leader.id.in_(wanted["leader"]))):
            names[("leader", leader.id)] = lambda loc, leader=leader: (
                f"{leader.title.get_for(loc)} {leader.names.get_for(loc)}".strip()
            )
    if wanted["contact"]:
        # only what a name is made of: a busy month names a hundred contacts, each a record of 30 columns
        named = select(Contact).options(
            load_only(
                Contact.family_name,
                Contact.given_name,
                Contact.name_locale,
                Contact.chinese_name,
                Contact.latin_name,
                raiseload="*",
            )
        )
        for contact in db.session.scalars(named.where(Contact.id.in_(wanted["contact"]))):
            names[("contact", contact.id)] = lambda loc, contact=contact: contact.display_name(loc)
    if wanted["user"]:
        for user in db.session.scalars(select(User).where(User.id.in_(wanted["user"]))):
            names[("user", user.id)] = user.display_name
    return names


def calendar_event(engagement: Engagement, locale: str, scope: str, names: dict) -> CalendarEvent:
    """The event a subscriber of this language and scope sees: in full, or only its time ("busy"). Which of the
    two a reader gets is the access rule's answer (access.EngagementPolicy.details), not this function's."""
    busy = scope == "busy"
    if engagement.all_day:
        zone = ZoneInfo(engagement.timezone)
        start = engagement.start_dt.astimezone(zone).date()
        end = max(engagement.end_dt.astimezone(zone).date(), start + timedelta(days=1))
    else:
        start, end = engagement.start_dt, engagement.end_dt
    with force_locale(locale):
        if busy:
            summary, location, description = _("Busy"), None, None
        else:
            summary = engagement.title.get_for(locale) or str(ENGAGEMENT_KINDS.get(engagement.kind, ""))
            location = ", ".join(p for p in (engagement.venue, engagement.address) if p) or None
            lines = [str(ENGAGEMENT_KINDS.get(engagement.kind, engagement.kind))]
            if engagement.delegation is not None:
                lines.append(_("Programme: %(title)s", title=engagement.delegation.title.get_for(locale)))
            people = _names(engagement, locale, names)
            if people:
                lines.append(_("Participants: %(names)s", names=", ".join(people)))
            for label, value in (
                (_("Host"), engagement.host),
                (_("Dress code"), engagement.dress_code),
                (_("Interpreter"), engagement.interpreter),
            ):
                if value:
                    lines.append(f"{label}: {value}")
            if engagement.notes:
                lines.append(engagement.notes)
            description = "\n".join(lines)
    return CalendarEvent(
        uid=engagement.uid,
        sequence=engagement.sequence,
        summary=summary,
        start=start,
        end=end,
        timezone=None if engagement.all_day else engagement.timezone,
        status=STATUS[engagement.status],
        created=engagement.created_at,
        last_modified=engagement.updated_at,
        location=location,
        geo=(engagement.latitude, engagement.longitude)
        if not busy and engagement.latitude is not None and engagement.longitude is not None
        else None,
        url=engagement_url(engagement),
        description=description,
        classification="PRIVATE" if busy else CLASSIFICATION[engagement.visibility],
    )


def store_texts(engagements: list[Engagement], variants: list[tuple[str, str]] | None = None) -> None:
    """Serialize and keep the VEVENTs of these engagements for every (language, scope), or for the given ones."""
    if not engagements:
        return
    variants = variants or [(locale, scope) for locale in current_app.config["LANGUAGES"] for scope in SCOPES]
    names = participant_names(engagements)
    ids = [e.id for e in engagements]
    for locale, scope in variants:
        db.session.execute(
            delete(EngagementCalendarText).where(
                EngagementCalendarText.engagement_id.in_(ids),
                EngagementCalendarText.locale == locale,
                EngagementCalendarText.scope == scope,
            )
        )
    rows = [
        {
            "engagement_id": e.id,
            "locale": locale,
            "scope": scope,
            "sequence": e.sequence,
            "text": event_text(calendar_event(e, locale, scope, names)),
        }
        for e in engagements
        for locale, scope in variants
    ]
    db.session.execute(insert(EngagementCalendarText.__table__), rows)


def texts_for(engagements: list[Engagement], locale: str, scope: str) -> list[str]:
    """The stored VEVENTs of these engagements (rebuilding any that are missing or out of date)."""
    if not engagements:
        return []
    current = {e.id: e.sequence for e in engagements}
    stored = {}
    # the ids as one parameter: a leader's feed of 6,500 events was 8 statements of 900 placeholders each
    for engagement_id, sequence, text in db.session.execute(
        select(
            EngagementCalendarText.engagement_id,
            EngagementCalendarText.sequence,
            EngagementCalendarText.text,
        ).where(
            one_of(EngagementCalendarText.engagement_id, list(current)),
            EngagementCalendarText.locale == locale,
            EngagementCalendarText.scope == scope,
        )
    ):
        if current[engagement_id] == sequence:
            stored[engagement_id] = text
    missing = [e for e in engagements if e.id not in stored]
    if missing:
        store_texts(missing)
        db.session.commit()
        return texts_for(engagements, locale, scope)
    return [stored[e.id] for e in engagements]
