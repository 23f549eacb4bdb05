"""What a guest is given: the event's public registration link, their personal link (the key to their
registration page), the language written to them, and the event as a calendar file, the same whether downloaded
from that page or attached to their confirmation e-mail."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _

from ..core.calendar import CalendarEvent, build
from ..core.i18n import reader_locale
from ..core.notice_mail import absolute_url
from .models import Event, Registration
from .services import programme
from .tokens import registration_token

ICS_STATUS = {"registered": "CONFIRMED", "waitlisted": "TENTATIVE"}


def public_link(event: Event) -> str:
    """The absolute address of the event's public registration form (at BASE_URL when it is set)."""
    return absolute_url("events.public_register", token=event.registration_token)


def guest_link(event: Event, registration: Registration) -> str:
    """The absolute address of the guest's own page (at BASE_URL when it is set)."""
    return absolute_url(
        "events.public_status", token=event.registration_token, reg_token=registration_token(registration)
    )


def guest_locale(registration: Registration, *fallbacks: str | None) -> str:
    """The language to write to the guest in (`reader_locale`): the one they chose, then `fallbacks` (the page's
    language for a download), then the office's default."""
    return reader_locale(registration.locale, *fallbacks)


def guest_calendar(event: Event, registration: Registration, locale: str) -> bytes:
    """The event as the guest may see it: the main entry (or the lecture) and the public sessions."""
    link = guest_link(event, registration)
    with force_locale(locale):
        gone = registration.status not in ICS_STATUS or event.is_cancelled
        # A guest's own cancellation changes their copy of the entry, not the event: one sequence above the
        # event's, so a calendar that imported the confirmation takes this copy as the newer one.
        bump = 0 if registration.status in ICS_STATUS else 1
        entries = [
            e
            for e in programme(event)
            if e.id == event.engagement_id or e.source_kind != "event" or e.visibility == "public"
        ]
        if registration.status == "waitlisted":
            note = _("You are on the waitlist; the office will tell you when a seat is free.")
        else:
            note = _("Your registration: %(status)s", status=_("Registered") if not gone else _("Cancelled"))
        description = "\n".join(p for p in (event.description.get_for(locale), note, link) if p)
        events = [
            CalendarEvent(
                uid=f"{e.uid.split('@')[0]}-guest@intl-desk",
                sequence=e.sequence + bump,
                summary=e.title.get_for(locale) or event.title.get_for(locale),
                start=e.start_dt,
                end=e.end_dt,
                timezone=e.timezone,
                status="CANCELLED" if gone or e.status == "cancelled" else ICS_STATUS[registration.status],
                created=e.created_at,
                last_modified=max(e.updated_at, registration.updated_at),
                location=", ".join(p for p in (e.venue, e.address) if p) or None,
                url=link,
                description=description,
            )
            for e in entries
        ]
        if not events:
            events = [
                CalendarEvent(
                    uid=f"event-{event.id}-guest@intl-desk",
                    sequence=event.version + bump,
                    summary=event.title.get_for(locale),
                    start=event.start_dt,
                    end=event.end_dt,
                    timezone=event.timezone,
                    status="CANCELLED" if gone else ICS_STATUS[registration.status],
                    created=event.created_at,
                    last_modified=max(event.updated_at, registration.updated_at),
                    location=", ".join(p for p in (event.venue, event.address) if p) or None,
                    url=link,
                    description=description,
                )
            ]
        return build(event.title.get_for(locale), events, refresh=timedelta(hours=12))


def calendar_filename(event: Event) -> str:
    return f"event-{event.id}.ics"
