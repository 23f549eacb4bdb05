"""E-mails to guests, in the language they read (the registration's locale): the confirmation of a registration
(registered, with the event as an .ics attachment; or waitlisted, with their place on the list), the news that a
waitlisted guest has a seat (with the .ics), and the acknowledgement of a cancellation (with the .ics whose
entry is marked CANCELLED, to take the event out of the calendar that imported it).

Views call `send` before they commit: it adds a job (`events.guest_notice`), handed to the worker once the view
commits with the registration, so the guest's page does not wait for the mail server; a server that is down, slow or unwilling fails the attempt, the queue
tries again later, and a job that still fails keeps its error on the jobs page for an officer to retry.
"""

from __future__ import annotations

from email.message import EmailMessage
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_timezone_location
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..contacts.names import addressed
from ..core import jobs, mail, notice_mail
from ..core.db import db
from ..core.i18n import reader_locale
from ..core.notice_mail import Notice, office_signature, outside_requests
from . import registrations
from .guests import calendar_filename, guest_calendar, guest_link, guest_locale
from .models import Event, Registration

NOTICES = ("registered", "waitlisted", "seat", "cancelled")
# The cancellation carries the calendar too: its entry, marked CANCELLED, replaces the one the guest imported.
WITH_CALENDAR = ("registered", "seat", "cancelled")


def confirmation_for(registration: Registration) -> str | None:
    """The confirmation a guest's status calls for: "registered", "waitlisted", or None (nothing to confirm)."""
    return registration.status if registration.status in ("registered", "waitlisted") else None


def when_text(event: Event, locale: str) -> str:
    """The event's start and end in its own time zone, written the way the guest's language writes them."""
    zone = ZoneInfo(event.timezone)
    start, end = event.start_dt.astimezone(zone), event.end_dt.astimezone(zone)

    def day(moment):
        return format_date(moment.date(), "full", locale=locale)

    def clock(moment):
        return format_time(moment, "short", tzinfo=zone, locale=locale)

    if start.date() == end.date():
        span = _("%(date)s, %(start)s – %(end)s", date=day(start), start=clock(start), end=clock(end))
    else:
        span = _(
            "%(start)s – %(end)s",
            start=_("%(date)s, %(time)s", date=day(start), time=clock(start)),
            end=_("%(date)s, %(time)s", date=day(end), time=clock(end)),
        )
    return _("%(when)s (%(zone)s)", when=span, zone=get_timezone_location(zone, locale=locale))


def _subject(notice: str, title: str) -> str:
    return {
        "registered": _("Registration confirmed: %(event)s", event=title),
        "waitlisted": _("On the waitlist: %(event)s", event=title),
        "seat": _("You have a seat: %(event)s", event=title),
        "cancelled": _("Registration cancelled: %(event)s", event=title),
    }[notice]


def _paragraphs(notice: str, registration: Registration) -> list[str]:
    if notice == "registered":
        return [_("Thank you for registering. Your seat is confirmed.")]
    if notice == "waitlisted":
        return [
            _(
                "Thank you for registering. The event is full, so you are number %(position)s on the waitlist.",
                position=registrations.waitlist_position(registration) or "—",
            ),
            _("You do not have a seat yet. The office will tell you when one is free."),
        ]
    if notice == "seat":
        return [_("Good news: a seat has become free and it is yours. Your registration is confirmed.")]
    return [
        _("Your registration is cancelled, as you asked. Thank you for letting us know."),
        _("If you did not mean to cancel, please contact the office."),
    ]


def _calendar_note(notice: str) -> str | None:
    if notice == "cancelled":
        return _("Open the attached .ics file to mark the event as cancelled in your calendar.")
    return _("The attached .ics file adds the event to your calendar.") if notice in WITH_CALENDAR else None


def _notice(notice: str, registration: Registration, locale: str) -> Notice:
    event = registration.event
    title = event.title.get_for(locale)
    place = " · ".join(p for p in (event.venue, event.address) if p)
    return Notice(
        subject=_subject(notice, title),
        greeting=_("Dear %(name)s,", name=addressed(registration.name, locale)),
        paragraphs=_paragraphs(notice, registration),
        title=title,
        details=[(_("When"), when_text(event, locale))] + ([(_("Venue"), place)] if place else []),
        description=event.description.get_for(locale),
        link_label=(
            _("Your registration page:")
            if notice == "cancelled"
            else _("Your registration page, where you can see or cancel your registration:")
        ),
        link=guest_link(event, registration),
        closing_note=_calendar_note(notice),
        signature=office_signature(),
    )


def compose(registration: Registration, notice: str) -> EmailMessage:
    """The e-mail of this notice (one of NOTICES) to the guest, in their language."""
    event = registration.event
    locale = guest_locale(registration)
    with outside_requests(), force_locale(locale):
        written = _notice(notice, registration, locale)
        attachments = []
        if notice in WITH_CALENDAR:
            attachments.append(
                mail.Attachment(
                    guest_calendar(event, registration, locale),
                    calendar_filename(event),
                    "text/calendar",
                    {"method": "PUBLISH", "charset": "utf-8"},
                )
            )
        return notice_mail.message(written, (registration.name, registration.email), locale, attachments)


def send(registration: Registration, notice: str) -> bool:
    """Add the job that mails the notice to the guest, in the caller's transaction (the worker gets it when the
    caller commits). False when the guest has no address or no mail server is configured (nothing is queued)."""
    if not (registration.email or "").strip():
        return False
    if not mail.is_configured():
        current_app.logger.info(
            "No mail server is configured (SMTP_HOST is empty): the %s e-mail of registration %s not sent.",
            notice,
            registration.id,
        )
        return False
    event = registration.event
    subject = f"{event.title.get_for(reader_locale())} · {registration.name}"  # in the office's language
    jobs.submit("events.guest_notice", subject=subject, registration_id=registration.id, notice=notice)
    return True


def send_notice_job(run: jobs.JobRun) -> None:
    registration = db.session.get(Registration, run.args["registration_id"])
    if registration is None:
        raise jobs.JobRefused("The registration no longer exists.")
    notice = run.args["notice"]
    if notice not in NOTICES:
        raise jobs.JobRefused(f"Unknown notice: {notice}")
    has_address = bool((registration.email or "").strip())
    mail.send_batch(run, [(registration.id, lambda: compose(registration, notice) if has_address else None)])


# Registered by the feature's blueprint (jobs.register_job_kind).
GUEST_NOTICE_JOB = jobs.JobKind(
    "events.guest_notice", _l("E-mail to a guest"), send_notice_job, _l("%(done)s of %(total)s sent")
)
