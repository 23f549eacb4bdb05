"""E-mails when a student applies through a programme's public link: an acknowledgement to the student, in the
language of the form they filled in, and a note to the programme's coordinator and the position's supervisor,
each in their own language, with a link to the application. The note names the student, their school and what
they applied for; the documents stay in the app, behind its sign-in.

The view calls `send` before it commits: it adds a job (`internships.application_mail`) that the worker runs,
so the student's page does not wait for the mail server; the queue retries a server that is down, and a job
that still fails keeps its error on the jobs page for an officer to retry (mails already sent are not repeated).
"""

from __future__ import annotations

from email.message import EmailMessage

from babel.dates import format_date
from flask import current_app
from flask_babel import force_locale, pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..auth.models import User
from ..contacts.names import addressed
from ..core import jobs, mail, notice_mail
from ..core.access import STAFF, in_roles
from ..core.db import db
from ..core.i18n import country_name, language_name, localized, reader_locale
from ..core.notice_mail import Notice, absolute_url, office_signature, outside_requests
from .models import LANGUAGE_LEVELS, InternshipApplication


def _position_title(application: InternshipApplication) -> str:
    return localized(application.position.title) if application.position else _("Any position")


def acknowledgement(application: InternshipApplication, locale: str) -> EmailMessage:
    """The student's receipt: what they applied for and which documents arrived, in `locale`."""
    programme = application.programme
    with outside_requests(), force_locale(locale):
        documents = [
            label
            for label, stored in (
                (_("CV"), application.cv_file_id),
                (_("Transcript"), application.transcript_file_id),
            )
            if stored is not None
        ]
        period = _(
            "%(start)s – %(end)s",
            start=format_date(programme.start_on, "long", locale=locale),
            end=format_date(programme.end_on, "long", locale=locale),
        )
        notice = Notice(
            subject=_("Application received: %(programme)s", programme=localized(programme.title)),
            greeting=_("Dear %(name)s,", name=addressed(application.name, locale)),
            paragraphs=[
                _("Thank you for applying. The office has received your application."),
                _(
                    "The office will contact you by e-mail about the next steps. If something in your application "
                    "needs to change, please write to the office instead of applying again."
                ),
            ],
            title=localized(programme.title),
            details=[
                (_("Position"), _position_title(application)),
                (_("Period"), period),
                (_("Documents received"), _(", ").join(documents) if documents else _("None")),
            ],
            signature=office_signature(),
        )
        return notice_mail.message(notice, (application.name, application.email), locale)


def office_recipients(application: InternshipApplication) -> list[User]:
    """The programme's coordinator and the position's supervisor: active staff with an address, each once."""
    position = application.position
    candidates = [application.programme.coordinator, position.supervisor if position else None]
    chosen: dict[int, User] = {}
    for user in candidates:
        if user is not None and in_roles(user, STAFF) and (user.email or "").strip():
            chosen.setdefault(user.id, user)
    return list(chosen.values())


def office_note(application: InternshipApplication, user: User) -> EmailMessage:
    """The note to one officer, in their language, with the link to the application."""
    locale = reader_locale(user.locale)
    programme = application.programme
    with outside_requests(), force_locale(locale):
        languages = [
            f"{language_name(code, locale)} ({LANGUAGE_LEVELS.get(level, level)})"
            if level
            else language_name(code, locale)
            for code, level in application.languages
        ]
        school = " · ".join(part for part in (application.school, application.department) if part)
        notice = Notice(
            subject=_(
                "New application: %(name)s · %(programme)s",
                name=application.name,
                programme=localized(programme.title),
            ),
            greeting=_("Dear %(name)s,", name=user.display_name),
            paragraphs=[_("A student has applied through the programme's public link.")],
            title=application.name + (f" ({application.latin_name})" if application.latin_name else ""),
            details=[
                (pgettext("internship", "Programme"), localized(programme.title)),
                (_("Position"), _position_title(application)),
                (_("School"), school or "—"),
                (_("Nationality"), country_name(application.nationality, locale) or "—"),
                (_("Languages"), _(", ").join(languages) or "—"),
            ],
            link_label=_("Open the application:"),
            link=absolute_url("internships.application", application_id=application.id),
            signature=office_signature(),
        )
        return notice_mail.message(notice, (user.display_name, user.email), locale)


def student_locale(application: InternshipApplication) -> str:
    """The language the office writes to the student in: the one they applied in (remembered on the
    application), else the office's default."""
    return reader_locale(application.locale)


def send(application: InternshipApplication) -> bool:
    """Add the job that mails the student's acknowledgement and the officers' notes, in the caller's
    transaction (the worker gets it when the caller commits). The student reads their own language
    (`student_locale`), each officer theirs. True when the student's acknowledgement is on its way (their page
    then says so)."""
    if not mail.is_configured():
        current_app.logger.info(
            "No mail server is configured (SMTP_HOST is empty): the e-mails of internship application %s not sent.",
            application.id,
        )
        return False
    jobs.submit(
        "internships.application_mail",
        subject=f"{localized(application.programme.title)} · {application.name}",
        application_id=application.id,
    )
    return bool((application.email or "").strip())


def send_application_mail_job(run: jobs.JobRun) -> None:
    """The student's acknowledgement (key 0), then one note per officer (keys 1, 2...), so that a retry
    sends only what did not go."""
    application = db.session.get(InternshipApplication, run.args["application_id"])
    if application is None:
        raise jobs.JobRefused("The application no longer exists.")
    # Jobs queued before the application remembered its language carry it in their arguments.
    locale = reader_locale(application.locale, run.args.get("locale"))
    recipients = []
    if (application.email or "").strip():
        recipients.append((0, lambda: acknowledgement(application, locale)))
    for number, user in enumerate(office_recipients(application), start=1):
        recipients.append((number, lambda user=user: office_note(application, user)))
    mail.send_batch(run, recipients)


# Registered by the feature's blueprint (jobs.register_job_kind).
APPLICATION_MAIL_JOB = jobs.JobKind(
    "internships.application_mail",
    _l("E-mails about an internship application"),
    send_application_mail_job,
    _l("%(done)s of %(total)s sent"),
)
