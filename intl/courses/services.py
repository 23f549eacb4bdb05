"""Operations on staff courses: courses, sessions (each on the schedule), enrolment, attendance, and the
training hours each person has attended."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select

from ..core import audit
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.localized import LocalizedText
from ..core.time import now_utc
from ..schedule.services import create_engagement, update_engagement
from .models import Course, CourseSession, Enrolment, SessionAttendance

SOURCE_KIND = "course"


def create_course(**fields) -> Course:
    course = Course(**fields)
    db.session.add(course)
    db.session.flush()
    audit.record_create(course)
    return course


def update_course(course: Course, *, expected_version: int | None = None, **fields) -> None:
    """Change the course (EditConflict when it changed since the user's `expected_version`); its sessions'
    calendar entries follow."""
    check_version(course, expected_version, fields)
    before = course.audit_state()
    for name, value in fields.items():
        setattr(course, name, value)
    db.session.flush()
    audit.record_update(course, before)
    sync_course_calendar(course)


def _title(session: CourseSession) -> dict:
    """'Protocol for front-line staff · Table manners': the course's title with the session's, per language."""
    course_title, own = session.course.title, session.title or LocalizedText()
    title = {}
    for locale in dict.fromkeys([*course_title, *own]):
        parts = [course_title.get_for(locale), own.get_for(locale) if own else ""]
        title[locale] = " · ".join(p for p in parts if p)
    return title


def _participants(session: CourseSession, future: bool = True) -> dict[str, list[int]] | None:
    """Trainer, organizer and enrolled staff with accounts; None for a past session (its list stays as it was)."""
    if not future:
        return None
    course = session.course
    users = {e.user_id for e in course.enrolments if e.user_id and e.status == "enrolled"}
    if course.organizer_id:
        users.add(course.organizer_id)
    return {
        "leader": [],
        "user": sorted(users),
        "contact": [session.trainer_id] if session.trainer_id else [],
    }


def _calendar_fields(session: CourseSession) -> dict:
    course = session.course
    cancelled = session.is_cancelled or course.status == "cancelled" or course.archived_at is not None
    return {
        "title": _title(session),
        "kind": "course",
        "start_dt": session.start_dt,
        "end_dt": session.end_dt,
        "timezone": session.timezone,
        "venue": session.venue,
        "host": session.trainer.display_name("zh_Hant_TW") if session.trainer else session.trainer_name,
        "visibility": "internal",
        "status": "cancelled" if cancelled else "confirmed",
    }


def sync_session_calendar(session: CourseSession, all_participants: bool = False) -> None:
    fields = _calendar_fields(session)
    if session.engagement is None:
        engagement = create_engagement(
            _participants(session), source_kind=SOURCE_KIND, source_id=session.course_id, **fields
        )
        session.engagement_id = engagement.id
        session.engagement = engagement
        db.session.flush()
        return
    future = all_participants or session.start_dt > now_utc()
    update_engagement(session.engagement, _participants(session, future), **fields)


def sync_course_calendar(course: Course) -> None:
    """The sessions' calendar entries in step with the course: also when it is archived (cancelled), restored
    or purged (registered with `hooks.archive_changed`, blueprint.py)."""
    for session in course.sessions:
        sync_session_calendar(session)


def add_session(course: Course, **fields) -> CourseSession:
    session = CourseSession(course=course, **fields)
    db.session.add(session)
    db.session.flush()
    sync_session_calendar(session, all_participants=True)
    audit.record_create(session)
    return session


def update_session(session: CourseSession, *, expected_version: int | None = None, **fields) -> None:
    check_version(session, expected_version, fields)
    before = session.audit_state()
    for name, value in fields.items():
        setattr(session, name, value)
    db.session.flush()
    sync_session_calendar(session, all_participants=True)
    audit.record_update(session, before)


def cancel_session(session: CourseSession) -> None:
    update_session(session, status="cancelled")


class EnrolmentRefused(ValueError):
    """The colleague cannot be enrolled; the message says why, `category` how loudly (a flash category)."""

    def __init__(self, message: str, category: str = "danger"):
        super().__init__(message)
        self.category = category


def enrolled_count(course: Course) -> int:
    return sum(1 for e in course.enrolments if e.status == "enrolled")


def enrol_colleague(course: Course, **fields) -> Enrolment:
    """Enrol a colleague from the office's form: refused when their account is on the course already or the
    course is full."""
    if fields.get("user_id") and any(e.user_id == fields["user_id"] for e in course.enrolments):
        raise EnrolmentRefused(_("This colleague is already enrolled."), "warning")
    if course.capacity and enrolled_count(course) >= course.capacity:
        raise EnrolmentRefused(_("The course is full."))
    return enrol(course, **fields)


def enrol(course: Course, **fields) -> Enrolment:
    enrolment = Enrolment(course=course, status="enrolled", **fields)
    db.session.add(enrolment)
    db.session.flush()
    audit.record_create(enrolment)
    if enrolment.user_id:
        sync_course_calendar(course)  # their upcoming sessions join their calendar
    return enrolment


def withdraw(enrolment: Enrolment) -> None:
    before = enrolment.audit_state()
    enrolment.status = "withdrawn"
    db.session.flush()
    audit.record_update(enrolment, before)
    if enrolment.user_id:
        sync_course_calendar(enrolment.course)


def attended_ids(session: CourseSession) -> set[int]:
    return set(
        db.session.scalars(
            select(SessionAttendance.enrolment_id).where(SessionAttendance.session_id == session.id)
        )
    )


def set_attendance(session: CourseSession, present: set[int]) -> None:
    """Record exactly these enrolments as present at the session."""
    valid = {e.id for e in session.course.enrolments}
    present = present & valid
    before = attended_ids(session)
    gone, added = before - present, present - before
    if gone:
        db.session.execute(
            delete(SessionAttendance).where(
                SessionAttendance.session_id == session.id, SessionAttendance.enrolment_id.in_(gone)
            )
        )
    if added:
        now, who = now_utc(), acting_user_id()
        db.session.execute(
            insert(SessionAttendance),
            [
                {"session_id": session.id, "enrolment_id": i, "marked_at": now, "marked_by_id": who}
                for i in added
            ],
        )
    if gone or added:
        audit.record("update", session, {"attendance": [len(before), len(present)]})


def attendance_matrix(course: Course) -> dict[int, set[int]]:
    """session id -> ids of the enrolments present."""
    matrix: dict[int, set[int]] = defaultdict(set)
    rows = db.session.execute(
        select(SessionAttendance.session_id, SessionAttendance.enrolment_id)
        .join(CourseSession, CourseSession.id == SessionAttendance.session_id)
        .where(CourseSession.course_id == course.id)
    )
    for session_id, enrolment_id in rows:
        matrix[session_id].add(enrolment_id)
    return matrix


def hours_by_enrolment(course: Course, matrix: dict[int, set[int]]) -> dict[int, float]:
    """enrolment id -> hours of the (not cancelled) sessions attended."""
    hours: dict[int, float] = defaultdict(float)
    for session in course.sessions:
        if session.is_cancelled:
            continue
        for enrolment_id in matrix.get(session.id, ()):
            hours[enrolment_id] += session.hours
    return {k: round(v, 2) for k, v in hours.items()}


def sessions_attended(course: Course, matrix: dict[int, set[int]]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for session in course.sessions:
        if not session.is_cancelled:
            for enrolment_id in matrix.get(session.id, ()):
                counts[enrolment_id] += 1
    return dict(counts)


@dataclass
class PersonHours:
    key: str
    name: str
    bureau: str
    email: str
    courses: set[int] = field(default_factory=set)
    sessions: int = 0
    hours: float = 0.0


def hours_per_person(start: datetime, end: datetime, locale: str) -> list[PersonHours]:
    """Training hours of everyone who attended a session in [start, end), one row per person (their account,
    else their e-mail, else their name), most hours first."""
    rows = db.session.execute(
        select(Enrolment, CourseSession.start_dt, CourseSession.end_dt, CourseSession.course_id)
        .join(SessionAttendance, SessionAttendance.enrolment_id == Enrolment.id)
        .join(CourseSession, CourseSession.id == SessionAttendance.session_id)
        .join(Course, Course.id == CourseSession.course_id)
        .where(
            CourseSession.status != "cancelled",
            Course.archived_at.is_(None),
            CourseSession.start_dt >= start,
            CourseSession.start_dt < end,
        )
    ).all()
    people: dict[str, PersonHours] = {}
    for enrolment, starts, ends, course_id in rows:
        person = people.get(enrolment.person_key)
        if person is None:
            person = people[enrolment.person_key] = PersonHours(
                key=enrolment.person_key,
                name=enrolment.user.display_name if enrolment.user else enrolment.name,
                bureau=enrolment.bureau.names.get_for(locale) if enrolment.bureau else "",
                email=enrolment.email or (enrolment.user.email if enrolment.user else "") or "",
            )
        person.courses.add(course_id)
        person.sessions += 1
        person.hours += (ends - starts).total_seconds() / 3600
    for person in people.values():
        person.hours = round(person.hours, 2)
    return sorted(people.values(), key=lambda p: (-p.hours, p.name))
