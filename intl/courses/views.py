"""Staff course pages: list, detail (sessions, enrolments, attendance, hours), create, edit, archive, sessions,
attendance per session, enrolment, and exports per course and per person (training hours).

A session or an enrolment is reached through its course: one of an archived course is hidden (404) from all
but administrators, as the course is."""

from __future__ import annotations

from datetime import date, datetime, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.access import READERS, STAFF, allow, load_or_404
from ..core.archive import archive as archive_record
from ..core.conflicts import EditConflict
from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.forms import Form, error_text
from ..core.i18n import current_locale_code
from ..core.pagination import paginate
from ..core.plan_links import requested_item
from ..core.time import office_today, office_zone
from . import queries, services
from .forms import CourseForm, CourseSessionForm, EnrolmentForm
from .models import ENROLMENT_STATUSES, Course, CourseSession, Enrolment


def _session(course: Course, session_id: int, need: str) -> CourseSession:
    """The session the URL names, of this course (404 otherwise)."""
    session = load_or_404(CourseSession, session_id, need=need)
    if session.course_id != course.id:
        abort(404)
    return session


@allow(READERS)
def index():
    plan_item = requested_item()
    stmt, terms = queries.course_list(plan_item)
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=50)
    return render_template("courses/index.html", page=page, plan_item=plan_item)


@allow(STAFF)
def create():
    form = CourseForm(data={"organizer_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        course = services.create_course(**form.fields())
        db.session.commit()
        flash(_("The course is saved."), "success")
        return redirect(url_for("courses.detail", course_id=course.id))
    return render_template("courses/form.html", form=form, course=None, conflict=None)


@allow(STAFF)
def edit(course_id: int):
    course = load_or_404(Course, course_id, need="edit")
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
        try:
            services.update_course(course, expected_version=form.version.data, **form.fields())
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = course.version
        else:
            db.session.commit()
            flash(_("The course is saved."), "success")
            return redirect(url_for("courses.detail", course_id=course.id))
    return render_template("courses/form.html", form=form, course=course, conflict=conflict)


@allow(READERS)
def detail(course_id: int):
    course = load_or_404(Course, course_id)
    matrix = services.attendance_matrix(course)
    return render_template(
        "courses/detail.html",
        course=course,
        matrix=matrix,
        hours=services.hours_by_enrolment(course, matrix),
        attended=services.sessions_attended(course, matrix),
        enrol_form=EnrolmentForm(formdata=None),
        enrolled=services.enrolled_count(course),
    )


@allow(STAFF)
def archive(course_id: int):
    course = load_or_404(Course, course_id, need="archive")
    archive_record(course)
    db.session.commit()
    flash(_("The course is archived. An administrator can restore it."), "success")
    return redirect(url_for("courses.index"))


@allow(STAFF)
def add_session(course_id: int):
    course = load_or_404(Course, course_id, need="edit")
    form = CourseSessionForm()
    if form.validate_on_submit():
        services.add_session(course, **form.fields())
        db.session.commit()
        flash(_("The session is saved and on the schedule."), "success")
        return redirect(url_for("courses.detail", course_id=course.id) + "#sessions")
    return render_template("courses/session_form.html", form=form, course=course, session=None, conflict=None)


@allow(STAFF)
def edit_session(course_id: int, session_id: int):
    course = load_or_404(Course, course_id, need="edit")
    session = _session(course, session_id, need="edit")
    form = CourseSessionForm(obj=session, data={"title": session.title})
    if request.method == "GET":
        form.load_span(session.start_dt, session.end_dt, session.timezone)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_session(session, expected_version=form.version.data, **form.fields())
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = session.version
        else:
            db.session.commit()
            flash(_("The session is saved."), "success")
            return redirect(url_for("courses.detail", course_id=course.id) + "#sessions")
    return render_template(
        "courses/session_form.html", form=form, course=course, session=session, conflict=conflict
    )


@allow(STAFF)
def cancel_session(course_id: int, session_id: int):
    course = load_or_404(Course, course_id, need="edit")
    services.cancel_session(_session(course, session_id, need="edit"))
    db.session.commit()
    flash(_("The session is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    return redirect(url_for("courses.detail", course_id=course.id) + "#sessions")


@allow(STAFF)
def attendance(course_id: int, session_id: int):
    course = load_or_404(Course, course_id, need="edit")
    session = _session(course, session_id, need="edit")
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
    )


@allow(STAFF)
def enrol(course_id: int):
    course = load_or_404(Course, course_id, need="edit")
    form = EnrolmentForm()
    if form.validate_on_submit():
        fields = form.fields()
        try:
            services.enrol_colleague(course, **fields)
        except services.EnrolmentRefused as refused:
            flash(str(refused), refused.category)
        else:
            db.session.commit()
            flash(_("%(name)s is enrolled.", name=fields["name"]), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("courses.detail", course_id=course.id) + "#enrolments")


@allow(STAFF)
def withdraw(course_id: int, enrolment_id: int):
    course = load_or_404(Course, course_id, need="edit")
    enrolment = load_or_404(Enrolment, enrolment_id, need="edit")
    if enrolment.course_id != course.id:
        abort(404)
    services.withdraw(enrolment)
    db.session.commit()
    flash(_("%(name)s is withdrawn from the course.", name=enrolment.name), "success")
    return redirect(url_for("courses.detail", course_id=course.id) + "#enrolments")


@allow(STAFF)
def export_course(course_id: int, fmt: str):
    """One row per enrolled person: bureau, a column per session (✓ when present), sessions and hours."""
    course = load_or_404(Course, course_id, need="edit")
    locale = current_locale_code()
    matrix = services.attendance_matrix(course)
    hours = services.hours_by_enrolment(course, matrix)
    sessions = [s for s in course.sessions if not s.is_cancelled]
    zone = office_zone()
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
        return office_today().year
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        abort(400)
    return int(value)


def _year_span(year: int) -> tuple[datetime, datetime]:
    """The year by the office's calendar, as two instants."""
    zone = office_zone()
    return datetime.combine(date(year, 1, 1), time(), zone), datetime.combine(
        date(year + 1, 1, 1), time(), zone
    )


@allow(STAFF)
def hours():
    year = _year_arg()
    people = services.hours_per_person(*_year_span(year), current_locale_code())
    return render_template("courses/hours.html", year=year, people=people)


@allow(STAFF)
def export_hours(fmt: str):
    year = _year_arg()
    people = services.hours_per_person(*_year_span(year), current_locale_code())
    headers = [_("Name"), _("Bureau"), _("E-mail"), _("Courses"), _("Sessions attended"), _("Hours")]
    rows = [[p.name, p.bureau, p.email, len(p.courses), p.sessions, p.hours] for p in people]
    filename = f"training-hours-{year}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, _("Training hours"), headers, rows)
