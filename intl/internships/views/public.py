"""The students' pages, reachable without an account: the application form behind a programme's public link
(/internships/apply/<token>) and the confirmation after sending it.

A student sees only the programme (title, dates, description, positions) and, once sent, their own name; the
student is mailed a receipt, and the programme's coordinator and the position's supervisor a note
(application_mail.py).
Submissions are CSRF-protected like every form and rate-limited in the database with the events' public
forms' limiter (intl/events/throttle.py): per visitor address (the same count as the events' forms) and per
programme. Links with a wrong token count against the address too, so that guessing them is slow.
The link takes applications while the programme is not archived, until the day applications close (or, when
none is set, until the programme ends), by the office's calendar.
"""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import refresh

from ...core.access import public
from ...core.db import db
from ...core.i18n import current_locale_code
from ...core.time import office_today
from ...events import throttle
from .. import application_mail, queries, services
from ..forms import PublicApplicationForm
from ..models import InternshipProgramme

APPLICANT_ENDPOINTS = frozenset({"internships.public_apply", "internships.public_applied"})
PROGRAMME_LIMIT_DEFAULT = 300  # applications to one programme per window, from everyone
SENT_KEY = "internship_application_sent"  # the session's note of what was just sent, for the confirmation


def keep_application_links_private(response):
    """after_request: the programme's address is its key: no search engine lists it, no other site sees it as
    referrer."""
    if request.endpoint in APPLICANT_ENDPOINTS:
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["Cache-Control"] = "no-store"
    return response


def _keys(programme_id: int | None) -> list[tuple[str, int]]:
    keys = throttle.keys_for(request.remote_addr, None)
    if programme_id is not None:
        limit = int(current_app.config.get("APPLICATION_PROGRAMME_LIMIT", PROGRAMME_LIMIT_DEFAULT))
        keys.append((f"apply-programme:{programme_id}", limit))
    return keys


def _count(programme_id: int | None) -> bool:
    """Count this request; False (and nothing counted) when the address or the programme is over its limit."""
    keys = _keys(programme_id)
    if throttle.is_limited(keys):
        return False
    throttle.note_hit(keys)
    return True


def _page(template: str, status: int = 200, **context):
    return render_template(template, public_page=True, **context), status


def _message(programme: InternshipProgramme | None, title: str, message: str, status: int = 200):
    header = "internships/public/_programme.html" if programme is not None else None
    return _page(
        "public/message.html", status, header=header, programme=programme, title=title, message=message
    )


def _too_many():
    minutes = throttle.setting("REGISTRATION_WINDOW_MINUTES")
    body, status = _message(
        None,
        _("Too many requests"),
        _("Please wait %(minutes)s minutes before trying again.", minutes=minutes),
        429,
    )
    response = Response(body, status=status)
    response.headers["Retry-After"] = str(minutes * 60)
    return response


def _not_found():
    """A wrong link: counted against the address, then 404 (or 429 once it has guessed too often)."""
    if not _count(None):
        return _too_many()
    db.session.commit()
    abort(404)


def _closed(programme: InternshipProgramme):
    return _message(
        programme,
        _("Applications are closed"),
        _("This programme no longer takes applications. Please contact the office if you have questions."),
    )


def _language_chosen_by_link():
    """?lang=en or ?lang=zh_Hant_TW on a published link sets the student's language (kept in their session);
    the page then answers at its plain address, so that the language switcher can change it again."""
    code = request.args.get("lang")
    if code is None:
        return None
    if code in current_app.config["LANGUAGES"]:
        session["locale"] = code
        refresh()
    if request.method == "GET":
        return redirect(url_for(request.endpoint, **request.view_args))
    return None


@public
def public_apply(token: str):
    switched = _language_chosen_by_link()
    programme = queries.programme_by_token(token)
    if programme is None:
        return _not_found()
    if switched is not None:
        return switched
    if not services.accepts_applications(programme, office_today()):
        return _closed(programme)
    positions = programme.positions
    form = PublicApplicationForm(positions=positions)
    if request.method == "POST":
        if not _count(programme.id):
            return _too_many()
        if form.validate():
            fields = form.student_fields()
            if services.open_application_for(programme, fields["email"]) is not None:
                db.session.commit()
                return _message(
                    programme,
                    _("You have already applied"),
                    _(
                        "The office already has an application from this e-mail address for this programme. "
                        "If you want to change it, please write to the office instead of applying again."
                    ),
                )
            try:
                with db.session.begin_nested():  # a refused document undoes the application, not the count
                    application = services.submit_public_application(
                        programme,
                        cv=form.cv.data,
                        transcript=form.transcript.data,
                        locale=current_locale_code(),
                        **fields,
                    )
            except services.DocumentRejected as error:
                form[error.field].errors = [str(error)]
            else:
                mailed = application_mail.send(application)
                db.session.commit()
                session[SENT_KEY] = {"programme": programme.id, "name": application.name, "mailed": mailed}
                return redirect(url_for("internships.public_applied", token=token))
        db.session.commit()  # the attempt counts even when the form is refused
    return _page(
        "internships/public/apply.html",
        programme=programme,
        positions=positions,
        form=form,
        privacy_version=services.PRIVACY_NOTICE_VERSION,
    )


@public
def public_applied(token: str):
    programme = queries.programme_by_token(token)
    if programme is None:
        return _not_found()
    sent = session.pop(SENT_KEY, None)
    if not isinstance(sent, dict) or sent.get("programme") != programme.id:
        return redirect(url_for("internships.public_apply", token=token))
    return _page(
        "internships/public/received.html",
        programme=programme,
        name=sent.get("name") or "",
        mailed=bool(sent.get("mailed")),
    )
