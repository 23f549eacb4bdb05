"""Staff course pages: list, detail (sessions, enrolments, attendance, hours), create, edit, archive, sessions,
attendance per session, enrolment, and exports per course and per person (training hours)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.forms import Form, error_text
from ..core.i18n import current_locale_code
from ..core.pagination import SortTerm, paginate
from ..core.permissions import STAFF, roles_required
from ..core.plan_links import item_filter, requested_item
from ..core.time import today_in
from . import services
from .forms import CourseForm, CourseSessionForm, EnrolmentForm
from .models import (
    COURSE_LABELS,
    COURSE_STATUSES,
    COURSE_TOPICS,
    ENROLMENT_STATUSES,
    SESSION_LABELS,
    SESSION_STATUSES,
    Course,
    CourseSession,
    Enrolment,
)

bp = Blueprint("courses", __name__)
VIEWERS = ("admin", "officer", "intern")
OFFICE_ZONE = "Asia/Taipei"


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


def get_course_or_404(course_id: int, need: str = "view") -> Course:
    course = db.session.get(Course, course_id)
    if course is None or (course.archived_at is not None and not current_user.is_admin):
        abort(404)
    if not (course.can_edit(current_user) if need == "edit" else course.can_view(current_user)):
        abort(403)
    return course


def _session_or_404(course: Course, session_id: int) -> CourseSession:
    session = db.session.get(CourseSession, session_id)
    if session is None or session.course_id != course.id:
        abort(404)
    return session


@bp.route("/courses")
@roles_required(*VIEWERS)
def index():
    stmt = select(Course).where(Course.archived_at.is_(None))
    plan_item = requested_item()
    if plan_item:
        stmt = stmt.where(item_filter(Course.plan_item_id, plan_item))
    page = paginate(
        db.session,
        stmt,
        [SortTerm(Course.id, True)],
        request.args.get("cursor"),
        per_page=50,
    )
    return render_template("courses/index.html", page=page, plan_item=plan_item)


@bp.route("/courses/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = CourseForm(data={"organizer_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        course = services.create_course(**form.fields())
        db.session.commit()
        flash(_("The course is saved."), "success")
        return redirect(url_for("courses.detail", course_id=course.id))
    return render_template("courses/form.html", form=form, course=None, conflict=None)


@bp.route("/courses/<int:course_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(course_id: int):
    course = get_course_or_404(course_id, need="edit")
    form = CourseForm(
        obj=course,
        data={
            "title": course.title,
            "organizer_id": str(course.organizer_id or ""),
            "language": course.language or "",
        },
    )
    conflict = None
    if form.validate_on_submit():
        fields = form.fields()
        conflict = detect_conflict(course, form.version.data, set_fields(fields), COURSE_LABELS)
        if conflict is None:
            services.update_course(course, **fields)
            db.session.commit()
            flash(_("The course is saved."), "success")
            return redirect(url_for("courses.detail", course_id=course.id))
        form.version.data = course.version
    return render_template("courses/form.html", form=form, course=course, conflict=conflict)


@bp.route("/courses/<int:course_id>")
@roles_required(*VIEWERS)
def detail(course_id: int):
    course = get_course_or_404(course_id)
    matrix = services.attendance_matrix(course)
    return render_template(
        "courses/detail.html",
        course=course,
        matrix=matrix,
        hours=services.hours_by_enrolment(course, matrix),
        attended=services.sessions_attended(course, matrix),
        enrol_form=EnrolmentForm(formdata=None),
        office_zone=OFFICE_ZONE,
        enrolled=sum(1 for e in course.enrolments if e.status == "enrolled"),
    )


@bp.route("/courses/<int:course_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive(course_id: int):
    from ..core.archive import archive as archive_record

    course = get_course_or_404(course_id, need="edit")
    archive_record(course)
    db.session.commit()
    flash(_("The course is archived. An administrator can restore it."), "success")
    return redirect(url_for("courses.index"))


@bp.route("/courses/<int:course_id>/sessions/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def add_session(course_id: int):
    course = get_course_or_404(course_id, need="edit")
    form = CourseSessionForm()
    if form.validate_on_submit():
        services.add_session(course, **form.fields())
        db.session.commit()
        flash(_("The session is saved and on the schedule."), "success")
        return redirect(url_for("courses.detail", course_id=course.id) + "#sessions")
    return render_template("courses/session_form.html", form=form, course=course, session=None, conflict=None)


@bp.route("/courses/<int:course_id>/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_session(course_id: int, session_id: int):
    course = get_course_or_404(course_id, need="edit")
    session = _session_or_404(course, session_id)
    form = CourseSessionForm(obj=session, data={"title": session.title})
    if request.method == "GET":
        form.load_span(session.start_dt, session.end_dt, session.timezone)
    conflict = None
    if form.validate_on_submit():
        fields = form.fields()
        conflict = detect_conflict(session, form.version.data, set_fields(fields), SESSION_LABELS)
        if conflict is None:
            services.update_session(session, **fields)
            db.session.commit()
            flash(_("The session is saved."), "success")
            return redirect(url_for("courses.detail", course_id=course.id) + "#sessions")
        form.version.data = session.version
    return render_template(
        "courses/session_form.html", form=form, course=course, session=session, conflict=conflict
    )


@bp.route("/courses/<int:course_id>/sessions/<int:session_id>/cancel", methods=["POST"])
@roles_required(*STAFF)
def cancel_session(course_id: int, session_id: int):
    course = get_course_or_404(course_id, need="edit")
    services.cancel_session(_session_or_404(course, session_id))
    db.session.commit()
    flash(_("The session is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    return redirect(url_for("courses.detail", course_id=course.id) + "#sessions")


@bp.route("/courses/<int:course_id>/sessions/<int:session_id>/attendance", methods=["GET", "POST"])
@roles_required(*STAFF)
def attendance(course_id: int, session_id: int):
    course = get_course_or_404(course_id, need="edit")
    session = _session_or_404(course, session_id)
    form = Form()
    if form.validate_on_submit():
        present = {int(v) for v in request.form.getlist("present") if v.isdigit() and len(v) < 10}
        services.set_attendance(session, present)
        db.session.commit()
        flash(_("The attendance is saved."), "success")
        return redirect(url_for("courses.detail", course_id=course.id) + "#attendance")
    return render_template(
        "courses/attendance.html",
        form=form,
        course=course,
        session=session,
        present=services.attended_ids(session),
        office_zone=OFFICE_ZONE,
    )


@bp.route("/courses/<int:course_id>/enrol", methods=["POST"])
@roles_required(*STAFF)
def enrol(course_id: int):
    course = get_course_or_404(course_id, need="edit")
    form = EnrolmentForm()
    if form.validate_on_submit():
        fields = form.fields()
        if fields["user_id"] and any(e.user_id == fields["user_id"] for e in course.enrolments):
            flash(_("This colleague is already enrolled."), "warning")
        elif (
            course.capacity and sum(1 for e in course.enrolments if e.status == "enrolled") >= course.capacity
        ):
            flash(_("The course is full."), "danger")
        else:
            services.enrol(course, **fields)
            db.session.commit()
            flash(_("%(name)s is enrolled.", name=fields["name"]), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("courses.detail", course_id=course.id) + "#enrolments")


@bp.route("/courses/<int:course_id>/enrolments/<int:enrolment_id>/withdraw", methods=["POST"])
@roles_required(*STAFF)
def withdraw(course_id: int, enrolment_id: int):
    course = get_course_or_404(course_id, need="edit")
    enrolment = db.session.get(Enrolment, enrolment_id)
    if enrolment is None or enrolment.course_id != course.id:
        abort(404)
    services.withdraw(enrolment)
    db.session.commit()
    flash(_("%(name)s is withdrawn from the course.", name=enrolment.name), "success")
    return redirect(url_for("courses.detail", course_id=course.id) + "#enrolments")


@bp.route("/courses/<int:course_id>/export.<any(csv, xlsx):fmt>")
@roles_required(*STAFF)
def export_course(course_id: int, fmt: str):
    """One row per enrolled person: bureau, a column per session (✓ when present), sessions and hours."""
    course = get_course_or_404(course_id, need="edit")
    locale = current_locale_code()
    matrix = services.attendance_matrix(course)
    hours = services.hours_by_enrolment(course, matrix)
    sessions = [s for s in course.sessions if not s.is_cancelled]
    zone = ZoneInfo(OFFICE_ZONE)
    headers = [_("Name"), _("Bureau"), _("E-mail"), _("Status")]
    headers += [s.start_dt.astimezone(zone).strftime("%Y-%m-%d %H:%M") for s in sessions]
    headers += [_("Sessions attended"), _("Hours")]
    rows = []
    for e in course.enrolments:
        marks = ["✓" if e.id in matrix.get(s.id, ()) else "" for s in sessions]
        rows.append(
            [
                e.name,
                e.bureau.names.get_for(locale) if e.bureau else "",
                e.email or "",
                str(ENROLMENT_STATUSES.get(e.status, e.status)),
                *marks,
                sum(1 for m in marks if m),
                hours.get(e.id, 0.0),
            ]
        )
    filename = f"course-{course.id}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, _("Attendance"), headers, rows)


def _year_arg() -> int:
    value = request.args.get("year", "")
    if not value:
        return today_in(OFFICE_ZONE).year
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        abort(400)
    return int(value)


def _year_span(year: int) -> tuple[datetime, datetime]:
    zone = ZoneInfo(OFFICE_ZONE)
    return datetime.combine(date(year, 1, 1), time(), zone), datetime.combine(
        date(year + 1, 1, 1), time(), zone
    )


@bp.route("/courses/hours")
@roles_required(*STAFF)
def hours():
    year = _year_arg()
    people = services.hours_per_person(*_year_span(year), current_locale_code())
    return render_template("courses/hours.html", year=year, people=people)


@bp.route("/courses/hours.<any(csv, xlsx):fmt>")
@roles_required(*STAFF)
def export_hours(fmt: str):
    year = _year_arg()
    people = services.hours_per_person(*_year_span(year), current_locale_code())
    headers = [_("Name"), _("Bureau"), _("E-mail"), _("Courses"), _("Sessions attended"), _("Hours")]
    rows = [[p.name, p.bureau, p.email, len(p.courses), p.sessions, p.hours] for p in people]
    filename = f"training-hours-{year}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, _("Training hours"), headers, rows)
