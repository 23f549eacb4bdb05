"""Operations on programmes, positions and applications: the status workflow with its history, documents,
and the interview that goes on the schedule as an engagement."""

from __future__ import annotations

from datetime import date, datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core import audit, search
from ..core.archive import archive
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.files import DOCUMENT_TYPES, UploadRejected, check_upload, save_bytes
from ..core.localized import LocalizedText
from ..core.notice_mail import absolute_url
from ..core.time import now_utc, office_zone_name
from ..schedule.models import Engagement
from ..schedule.services import cancel_engagement, create_engagement, update_engagement
from .models import (
    APPLICATION_STATUSES,
    CLOSED_STATUSES,
    STATUS_MOVES,
    ApplicationStatusChange,
    InternshipApplication,
    InternshipPosition,
    InternshipProgramme,
    new_application_token,
)

APPLICATION_KIND = "internship_application"
INTERVIEW_SOURCE = "interview"
APPLICATION_PATH = "/internships/applications/"
# The privacy notice students are shown on the public application form
# (templates/internships/public/_privacy_notice.html); raise it whenever the notice's text changes, so that
# each consent records what the student agreed to.
PRIVACY_NOTICE_VERSION = "2026-11"


class StatusRefused(ValueError):
    """An application cannot move to that status from where it is; the message says so."""


class DocumentRejected(UploadRejected):
    """An application's document cannot be stored; `field` says which ("cv" or "transcript"), the message why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


# --- programmes and positions -----------------------------------------------------------------------


def create_programme(**fields) -> InternshipProgramme:
    programme = InternshipProgramme(**fields)
    db.session.add(programme)
    db.session.flush()
    audit.record_create(programme)
    return programme


def update_programme(
    programme: InternshipProgramme, *, expected_version: int | None = None, **fields
) -> None:
    check_version(programme, expected_version, fields)
    before = programme.audit_state()
    for name, value in fields.items():
        setattr(programme, name, value)
    db.session.flush()
    audit.record_update(programme, before)


def create_position(programme: InternshipProgramme, **fields) -> InternshipPosition:
    position = InternshipPosition(programme_id=programme.id, **fields)
    db.session.add(position)
    db.session.flush()
    audit.record_create(position)
    return position


def update_position(position: InternshipPosition, *, expected_version: int | None = None, **fields) -> None:
    check_version(position, expected_version, fields)
    before = position.audit_state()
    for name, value in fields.items():
        setattr(position, name, value)
    db.session.flush()
    audit.record_update(position, before)


# --- the public application link ---------------------------------------------------------------------


def rotate_application_token(programme: InternshipProgramme) -> str:
    """A new secret for the programme's public link; the old link stops working at once."""
    programme.application_token = new_application_token()
    db.session.flush()
    audit.record("update", programme, {"application_token": [None, "•••"]})
    return programme.application_token


def public_link(programme: InternshipProgramme) -> str:
    """The programme's public application link, as officers publish it (at BASE_URL when it is set)."""
    return absolute_url("internships.public_apply", token=programme.application_token)


def accepts_applications(programme: InternshipProgramme, today: date) -> bool:
    """Whether the public link takes applications on this day (the office's today): not once the programme is
    archived, nor after the day applications close (or, when no such day is set, after the programme ends)."""
    if programme.archived_at is not None:
        return False
    last_day = programme.apply_by or programme.end_on
    return today <= last_day


def open_application_for(programme: InternshipProgramme, email: str | None) -> InternshipApplication | None:
    """This e-mail address's application to this programme that is still being considered (not declined,
    withdrawn or archived), compared without regard to case."""
    key = (email or "").strip().lower()
    if not key:
        return None
    return db.session.scalars(
        select(InternshipApplication).where(
            InternshipApplication.programme_id == programme.id,
            func.lower(InternshipApplication.email) == key,
            InternshipApplication.status.not_in(CLOSED_STATUSES),
            InternshipApplication.archived_at.is_(None),
        )
    ).first()


# --- applications -----------------------------------------------------------------------------------


def reindex_application(application: InternshipApplication) -> None:
    search.index_record(
        APPLICATION_KIND,
        application.id,
        [application.name, application.latin_name, application.school, application.email],
        {loc: application.latin_name or application.name for loc in current_app.config["LANGUAGES"]},
    )


def _check_documents(**uploads) -> dict[str, tuple[bytes, str, str]]:
    """Every given upload checked by size and content before any is stored: {field: (bytes, type, name)}.
    DocumentRejected names the first refused one."""
    checked = {}
    for field, upload in uploads.items():
        if upload is None or not getattr(upload, "filename", ""):
            continue
        try:
            data, content_type = check_upload(upload, DOCUMENT_TYPES)
        except UploadRejected as error:
            raise DocumentRejected(field, str(error)) from None
        checked[field] = (data, content_type, upload.filename)
    return checked


def _save_document(checked: tuple[bytes, str, str] | None) -> int | None:
    if checked is None:
        return None
    data, content_type, filename = checked
    stored = save_bytes(data, filename, content_type, acting_user_id())
    db.session.flush()
    return stored.id


def create_application(
    programme: InternshipProgramme, cv=None, transcript=None, **fields
) -> InternshipApplication:
    """A new application, received now. Uploads are checked by content; DocumentRejected says which one was
    refused and why (and then nothing is stored)."""
    documents = _check_documents(cv=cv, transcript=transcript)
    application = InternshipApplication(
        programme_id=programme.id,
        status="received",
        status_changed_at=now_utc(),
        cv_file_id=_save_document(documents.get("cv")),
        transcript_file_id=_save_document(documents.get("transcript")),
        **fields,
    )
    db.session.add(application)
    db.session.flush()
    application.history.append(
        ApplicationStatusChange(
            from_status=None, to_status="received", changed_at=now_utc(), changed_by_id=acting_user_id()
        )
    )
    db.session.flush()
    reindex_application(application)
    audit.record_create(application)
    return application


def submit_public_application(
    programme: InternshipProgramme, cv=None, transcript=None, **fields
) -> InternshipApplication:
    """A student's own application through the programme's public link: received, marked as sent through the
    link, with the time of their consent and the version of the privacy notice they were shown."""
    return create_application(
        programme,
        cv=cv,
        transcript=transcript,
        source="public",
        consent_at=now_utc(),
        privacy_version=PRIVACY_NOTICE_VERSION,
        **fields,
    )


def update_application(
    application: InternshipApplication,
    cv=None,
    transcript=None,
    *,
    expected_version: int | None = None,
    **fields,
) -> None:
    """Change the application (EditConflict when it changed since the user's `expected_version`); new
    documents are checked as on creation (DocumentRejected, and nothing is changed)."""
    check_version(application, expected_version, fields)
    documents = _check_documents(cv=cv, transcript=transcript)
    before = application.audit_state()
    for name, value in fields.items():
        setattr(application, name, value)
    changes = {}
    for attribute, label in (("cv_file_id", "cv"), ("transcript_file_id", "transcript")):
        stored_id = _save_document(documents.get(label))
        if stored_id is not None:
            changes[label] = [None, documents[label][2]]
            setattr(application, attribute, stored_id)
    db.session.flush()
    reindex_application(application)
    changes.update(audit.diff(before, application.audit_state()))
    if changes:
        audit.record("update", application, changes)


def unindex_application(application: InternshipApplication) -> None:
    """Before an application is purged, its names leave the search index (registered with
    `hooks.before_purge`, blueprint.py)."""
    search.unindex_record(APPLICATION_KIND, application.id)


def change_status(application: InternshipApplication, status: str, note: str | None = None) -> None:
    """Move the application on; the step is kept (from, to, who, when, why) and audited. Closing an
    application cancels its interview if that is still to come."""
    if status not in APPLICATION_STATUSES:
        raise StatusRefused(_("Unknown status."))
    if status not in STATUS_MOVES.get(application.status, ()):
        raise StatusRefused(
            _(
                "An application that is %(current)s cannot become %(wanted)s.",
                current=str(APPLICATION_STATUSES[application.status]).lower(),
                wanted=str(APPLICATION_STATUSES[status]).lower(),
            )
        )
    now = now_utc()
    before = application.audit_state()
    application.history.append(
        ApplicationStatusChange(
            from_status=application.status,
            to_status=status,
            changed_at=now,
            changed_by_id=acting_user_id(),
            note=note or None,
        )
    )
    application.status = status
    application.status_changed_at = now
    db.session.flush()
    changes = audit.diff(before, application.audit_state())
    if note:
        changes["note"] = [None, note]
    audit.record("update", application, changes)
    if status in CLOSED_STATUSES and upcoming_interview(application) is not None:
        cancel_interview(application)


# --- interviews --------------------------------------------------------------------------------------


def upcoming_interview(application: InternshipApplication) -> Engagement | None:
    interview = application.interview
    if interview is None or interview.status == "cancelled" or interview.archived_at is not None:
        return None
    return interview if interview.end_dt >= now_utc() else None


def interview_title(application: InternshipApplication) -> LocalizedText:
    """The calendar entry's title in Chinese and English (data: every calendar shows its own language)."""
    titles = {}
    for code, locale in (("zh_Hant", "zh_Hant_TW"), ("en", "en")):
        with force_locale(locale):
            titles[code] = _("Internship interview: %(name)s", name=application.display_name)
    return LocalizedText(titles)


def _interview_notes(application: InternshipApplication, notes: str | None) -> str:
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    link = f"{base}{APPLICATION_PATH}{application.id}"
    return "\n".join(part for part in (notes, link) if part)


def schedule_interview(
    application: InternshipApplication,
    start_dt: datetime,
    end_dt: datetime,
    venue: str | None,
    interviewer_ids: list[int],
    leader_ids: list[int] | None = None,
    notes: str | None = None,
) -> Engagement:
    """Put the interview on the schedule, or move the one already there (a new SEQUENCE for calendars).

    Its people are the interviewers, any leaders on the panel and, when the applicant already has an
    account, the applicant: each sees it in their calendar and their own feed.
    """
    users = list(dict.fromkeys([*interviewer_ids, *([application.user_id] if application.user_id else [])]))
    participants = {"user": users, "leader": list(leader_ids or []), "contact": []}
    fields = {
        "title": interview_title(application),
        "start_dt": start_dt,
        "end_dt": end_dt,
        "timezone": office_zone_name(),
        "venue": venue or None,
        "notes": _interview_notes(application, notes),
        "status": "confirmed",
    }
    current = application.interview
    if current is not None and current.archived_at is None and current.status != "cancelled":
        was = current.start_dt.isoformat()
        if update_engagement(current, participants, **fields):
            audit.record("update", application, {"interview": [was, start_dt.isoformat()]})
        return current
    engagement = create_engagement(
        participants,
        kind="interview",
        source_kind=INTERVIEW_SOURCE,
        source_id=application.id,
        visibility="internal",
        all_day=False,
        **fields,
    )
    application.interview_id = engagement.id
    application.interview = engagement
    db.session.flush()
    audit.record("update", application, {"interview": [None, start_dt.isoformat()]})
    if application.status == "received":
        change_status(application, "shortlisted", _("Invited to an interview."))
    return engagement


def archive_application(application: InternshipApplication) -> None:
    """Archive the application; an interview still to come is cancelled first (calendars show it so)."""
    if upcoming_interview(application) is not None:
        cancel_interview(application)
    archive(application)


def cancel_interview(application: InternshipApplication) -> None:
    interview = application.interview
    if interview is None or interview.status == "cancelled":
        return
    cancel_engagement(interview)
    audit.record("update", application, {"interview": [interview.start_dt.isoformat(), None]})


def interviews_of(application_ids: list[int]) -> dict[int, list[Engagement]]:
    """All interview engagements (including cancelled ones) of these applications, in one query."""
    found: dict[int, list[Engagement]] = {}
    if not application_ids:
        return found
    for engagement in db.session.scalars(
        select(Engagement)
        .where(Engagement.source_kind == INTERVIEW_SOURCE, Engagement.source_id.in_(application_ids))
        .order_by(Engagement.start_dt)
    ):
        found.setdefault(engagement.source_id, []).append(engagement)
    return found
