"""Mail to many guests at once, as jobs (intl.core.jobs) that the worker sends while the officer watches the
count ("1,200 of 2,000 sent"): the invitations to everyone on the invitation list who has not been mailed one,
and the news that the whole event is cancelled, to every guest who is invited, registered or waitlisted.

Each guest reads the mail in their language (the registration's locale), with their own link; a registered
guest's cancellation carries the .ics whose entry is marked CANCELLED. A guest the mail server refuses is noted
on the job and skipped; a server that is down fails the attempt, and the next one resumes after the last guest
served, so nobody is mailed twice.
"""

from __future__ import annotations

from email.message import EmailMessage

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..contacts.names import addressed
from ..core import jobs, mail, notice_mail
from ..core.db import db
from ..core.i18n import reader_locale
from ..core.notice_mail import Notice, office_signature, outside_requests
from ..core.time import now_utc
from .guest_mail import when_text
from .guests import calendar_filename, guest_calendar, guest_link, guest_locale
from .models import Event, Registration

TOLD_OF_CANCELLATION = ("invited", "registered", "waitlisted")


def _with_address():
    return func.coalesce(func.trim(Registration.email), "") != ""


def _invitees(event: Event):
    return (
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == "invited",
            Registration.invitation_mailed_at.is_(None),
            _with_address(),
        )
        .order_by(Registration.id)
    )


def _told_of_cancellation(event: Event):
    return (
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status.in_(TOLD_OF_CANCELLATION),
            _with_address(),
        )
        .order_by(Registration.id)
    )


def invitations_to_send(event: Event) -> int:
    """Invited guests with an address who have not been mailed their invitation."""
    return db.session.scalar(select(func.count()).select_from(_invitees(event).subquery())) or 0


def _subject_of(event: Event) -> str:
    return event.title.get_for(reader_locale())  # the office's language


def send_invitations(event: Event) -> jobs.Job | None:
    """The job that mails the invitations (None when there is nobody to invite); handed over at the commit."""
    if not invitations_to_send(event):
        return None
    return jobs.submit("events.invitations", subject=_subject_of(event), event_id=event.id)


def announce_cancellation(event: Event) -> jobs.Job | None:
    """The job that tells every guest the event is cancelled (None when no guest has an address or no mail
    server is configured); handed over at the commit."""
    if not mail.is_configured():
        return None
    if not db.session.scalar(select(func.count()).select_from(_told_of_cancellation(event).subquery())):
        return None
    return jobs.submit("events.cancelled", subject=_subject_of(event), event_id=event.id)


def _place(event: Event) -> str:
    return " · ".join(p for p in (event.venue, event.address) if p)


def _details(event: Event, locale: str) -> list[tuple[str, str]]:
    place = _place(event)
    return [(_("When"), when_text(event, locale))] + ([(_("Venue"), place)] if place else [])


def invitation(registration: Registration) -> EmailMessage:
    """The invitation to one guest, in their language, with their own link to answer it."""
    event = registration.event
    locale = guest_locale(registration)
    with outside_requests(), force_locale(locale):
        title = event.title.get_for(locale)
        notice = Notice(
            subject=_("Invitation: %(event)s", event=title),
            greeting=_("Dear %(name)s,", name=addressed(registration.name, locale)),
            paragraphs=[
                _(
                    "The International Affairs Office of the Kaohsiung City Government has the honour of inviting you."
                ),
                _("Please let us know whether you will come, on your own page below."),
            ],
            title=title,
            details=_details(event, locale),
            description=event.description.get_for(locale),
            link_label=_("Your invitation, where you accept or decline it:"),
            link=guest_link(event, registration),
            signature=office_signature(),
        )
        return notice_mail.message(notice, (registration.name, registration.email), locale)


def cancellation(registration: Registration) -> EmailMessage:
    """The news that the event is cancelled, in the guest's language; a registered guest's copy carries the
    .ics whose entry is marked CANCELLED, to take it out of the calendar that imported it."""
    event = registration.event
    locale = guest_locale(registration)
    with outside_requests(), force_locale(locale):
        title = event.title.get_for(locale)
        with_calendar = registration.status == "registered"
        notice = Notice(
            subject=_("Cancelled: %(event)s", event=title),
            greeting=_("Dear %(name)s,", name=addressed(registration.name, locale)),
            paragraphs=[
                _("We are sorry to tell you that this event is cancelled and will not take place."),
                _("Thank you for your interest. We hope to welcome you at another event."),
            ],
            title=title,
            details=_details(event, locale),
            closing_note=(
                _("Open the attached .ics file to mark the event as cancelled in your calendar.")
                if with_calendar
                else None
            ),
            signature=office_signature(),
        )
        attachments = []
        if with_calendar:
            attachments.append(
                mail.Attachment(
                    guest_calendar(event, registration, locale),
                    calendar_filename(event),
                    "text/calendar",
                    {"method": "PUBLISH", "charset": "utf-8"},
                )
            )
        return notice_mail.message(notice, (registration.name, registration.email), locale, attachments)


def _event(run: jobs.JobRun) -> Event:
    event = db.session.get(Event, run.args["event_id"])
    if event is None:
        raise jobs.JobRefused("The event no longer exists.")
    return event


def send_invitations_job(run: jobs.JobRun) -> None:
    event = _event(run)
    guests = {r.id: r for r in db.session.scalars(_invitees(event))}

    def mailed(registration_id: int) -> None:
        guests[registration_id].invitation_mailed_at = now_utc()

    mail.send_batch(
        run, [(key, lambda r=registration: invitation(r)) for key, registration in guests.items()], mailed
    )


def announce_cancellation_job(run: jobs.JobRun) -> None:
    event = _event(run)
    guests = db.session.scalars(_told_of_cancellation(event)).all()
    mail.send_batch(run, [(r.id, lambda r=r: cancellation(r)) for r in guests])


# Registered by the feature's blueprint (jobs.register_job_kind).
INVITATIONS_JOB = jobs.JobKind(
    "events.invitations", _l("Invitations by e-mail"), send_invitations_job, _l("%(done)s of %(total)s sent")
)
CANCELLATION_JOB = jobs.JobKind(
    "events.cancelled",
    _l("Cancellation of an event, to its guests"),
    announce_cancellation_job,
    _l("%(done)s of %(total)s sent"),
)
