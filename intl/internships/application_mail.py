"""E-mails when a student applies through a programme's public link: an acknowledgement to the student, in the
language of the form they filled in, and a note to the programme's coordinator and the position's supervisor,
each in their own language, with a link to the application. The note names the student, their school and what
they applied for; the documents stay in the app, behind its sign-in.

The view calls `send` after committing: the application is saved whatever happens to the mail, and a mail server
that is unset, down, slow or unwilling is logged, never raised.
"""

from __future__ import annotations

from email.message import EmailMessage

from babel.dates import format_date
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from ..auth.models import User
from ..core import mail, notice_mail
from ..core.access import STAFF, in_roles
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
            greeting=_("Dear %(name)s,", name=application.name),
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
                (_("Programme"), localized(programme.title)),
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


def send(application: InternshipApplication, form_locale: str | None) -> bool:
    """Send the student's acknowledgement and the officers' notes over one connection, after the commit.
    The student reads the language of the form they filled in (`form_locale`, their preference), each officer
    their own. True when the student's acknowledgement went (their confirmation page then says so)."""
    locale = reader_locale(form_locale)
    about = f"the e-mails of internship application {application.id}"
    if not mail.is_configured():
        current_app.logger.info("No mail server is configured (SMTP_HOST is empty): %s not sent.", about)
        return False
    try:
        to_student = acknowledgement(application, locale) if (application.email or "").strip() else None
        messages = [to_student] if to_student is not None else []
        messages += [office_note(application, user) for user in office_recipients(application)]
    except Exception:  # the application is saved: a mail must not turn that into an error page
        current_app.logger.exception("Could not write %s", about)
        return False
    sent = mail.send_each_quietly(messages, about)
    return to_student is not None and sent[0]
