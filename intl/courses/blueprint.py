"""All course URLs.

| URL | roles | what |
| --- | --- | --- |
| /courses, /courses/<id> | admin, officer, intern | the courses; one with sessions, enrolments, attendance |
| /courses/new, /courses/<id>/edit, .../archive | admin, officer | keep a course |
| /courses/<id>/sessions/new, .../sessions/<session>/edit, .../cancel, .../attendance | admin, officer | sessions |
| /courses/<id>/enrol, .../enrolments/<enrolment>/withdraw | admin, officer | enrolment |
| /courses/<id>/export.<csv, xlsx>, /courses/hours[.csv, .xlsx] | admin, officer | attendance and training hours |
"""

from flask import Blueprint

from ..core import hooks
from . import (
    access,  # noqa: F401  (registers the policies)
    views,
)
from .models import COURSE_STATUSES, COURSE_TOPICS, ENROLMENT_STATUSES, SESSION_STATUSES, Course
from .services import sync_course_calendar

bp = Blueprint("courses", __name__)

COURSE = "/courses/<int:course_id>"
SESSION = f"{COURSE}/sessions/<int:session_id>"

bp.add_url_rule("/courses", "index", views.index)
bp.add_url_rule("/courses/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule(COURSE, "detail", views.detail)
bp.add_url_rule(f"{COURSE}/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule(f"{COURSE}/archive", "archive", views.archive, methods=["POST"])
bp.add_url_rule(f"{COURSE}/sessions/new", "add_session", views.add_session, methods=["GET", "POST"])
bp.add_url_rule(f"{SESSION}/edit", "edit_session", views.edit_session, methods=["GET", "POST"])
bp.add_url_rule(f"{SESSION}/cancel", "cancel_session", views.cancel_session, methods=["POST"])
bp.add_url_rule(f"{SESSION}/attendance", "attendance", views.attendance, methods=["GET", "POST"])
bp.add_url_rule(f"{COURSE}/enrol", "enrol", views.enrol, methods=["POST"])
bp.add_url_rule(
    f"{COURSE}/enrolments/<int:enrolment_id>/withdraw", "withdraw", views.withdraw, methods=["POST"]
)
bp.add_url_rule(f"{COURSE}/export.<any(csv, xlsx):fmt>", "export_course", views.export_course)
bp.add_url_rule("/courses/hours", "hours", views.hours)
bp.add_url_rule("/courses/hours.<any(csv, xlsx):fmt>", "export_hours", views.export_hours)


@bp.context_processor
def labels():
    def translated(mapping):
        return {k: str(v) for k, v in mapping.items()}

    return {
        "COURSE_TOPICS": translated(COURSE_TOPICS),
        "COURSE_STATUSES": translated(COURSE_STATUSES),
        "SESSION_STATUSES": translated(SESSION_STATUSES),
        "ENROLMENT_STATUSES": translated(ENROLMENT_STATUSES),
    }


@bp.record_once
def _register(state) -> None:
    # Archived, restored or purged: the sessions' calendar entries follow the course.
    hooks.archive_changed.register(sync_course_calendar, Course)
