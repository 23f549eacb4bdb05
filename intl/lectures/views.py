"""Lecture pages: the series (list, detail, create, edit, archive) and their lectures (detail, create, edit,
cancel, the short report with photos, and opening registration through the events machinery).

A lecture is reached through its series: one of an archived series is hidden (404) from all but
administrators, as the series is."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.access import READERS, STAFF, allow, load_or_404
from ..core.archive import archive
from ..core.conflicts import EditConflict
from ..core.db import db
from ..core.files import UploadRejected, send_stored
from ..core.forms import error_text
from ..core.pagination import paginate
from ..core.plan_links import requested_item
from ..core.time import now_utc
from ..correspondence.queries import letters_about
from ..events.registrations import figures
from ..schedule.queries import participant_labels
from . import queries, services
from .forms import LectureForm, OpenRegistrationForm, PhotoForm, ReportForm, SeriesForm
from .models import Lecture, LecturePhoto, LectureSeries


def _lecture(lecture_id: int, need: str = "view") -> Lecture:
    """The lecture the URL names, behind its series (which answers 404 when archived, as before)."""
    lecture = load_or_404(Lecture, lecture_id, need=need)
    load_or_404(LectureSeries, lecture.series_id, need=need)
    return lecture


@allow(READERS)
def index():
    plan_item = requested_item()
    stmt, terms = queries.series_list()
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=50)
    return render_template(
        "lectures/index.html",
        page=page,
        upcoming=queries.coming_lectures(plan_item),
        plan_item=plan_item,
    )


@allow(STAFF)
def create_series():
    form = SeriesForm(data={"lead_officer_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        series = services.create_series(**form.fields())
        db.session.commit()
        flash(_("The lecture series is saved."), "success")
        return redirect(url_for("lectures.series_detail", series_id=series.id))
    return render_template("lectures/series_form.html", form=form, series=None, conflict=None)


@allow(STAFF)
def edit_series(series_id: int):
    series = load_or_404(LectureSeries, series_id, need="edit")
    form = SeriesForm(
        obj=series, data={"title": series.title, "lead_officer_id": str(series.lead_officer_id or "")}
    )
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_series(series, expected_version=form.version.data, **form.fields())
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = series.version
        else:
            db.session.commit()
            flash(_("The lecture series is saved."), "success")
            return redirect(url_for("lectures.series_detail", series_id=series.id))
    return render_template("lectures/series_form.html", form=form, series=series, conflict=conflict)


@allow(READERS)
def series_detail(series_id: int):
    series = load_or_404(LectureSeries, series_id)
    return render_template("lectures/series_detail.html", series=series)


@allow(STAFF)
def archive_series(series_id: int):
    series = load_or_404(LectureSeries, series_id, need="archive")
    archive(series)
    db.session.commit()
    flash(_("The lecture series is archived. An administrator can restore it."), "success")
    return redirect(url_for("lectures.index"))


@allow(STAFF)
def create_lecture(series_id: int):
    series = load_or_404(LectureSeries, series_id, need="edit")
    form = LectureForm(data={"host_officers": [current_user.id]} if request.method == "GET" else None)
    if form.validate_on_submit():
        lecture = services.create_lecture(series, **form.fields())
        db.session.commit()
        flash(_("The lecture is saved and on the schedule."), "success")
        return redirect(url_for("lectures.detail", lecture_id=lecture.id))
    return render_template(
        "lectures/lecture_form.html", form=form, series=series, lecture=None, conflict=None
    )


@allow(STAFF)
def edit(lecture_id: int):
    lecture = _lecture(lecture_id, need="edit")
    form = LectureForm(
        obj=lecture,
        data={
            "topic": lecture.topic,
            "host_leaders": lecture.host_leader_ids,
            "host_officers": lecture.host_user_ids,
        },
    )
    if request.method == "GET":
        form.load_span(lecture.start_dt, lecture.end_dt, lecture.timezone)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_lecture(lecture, expected_version=form.version.data, **form.fields())
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = lecture.version
        else:
            db.session.commit()
            flash(_("The lecture is saved."), "success")
            return redirect(url_for("lectures.detail", lecture_id=lecture.id))
    return render_template(
        "lectures/lecture_form.html", form=form, series=lecture.series, lecture=lecture, conflict=conflict
    )


@allow(READERS)
def detail(lecture_id: int):
    lecture = _lecture(lecture_id)
    engagement = services.engagement_of(lecture)
    return render_template(
        "lectures/detail.html",
        lecture=lecture,
        engagement=engagement,
        names=participant_labels([engagement] if engagement else []),
        figures=figures(lecture.event) if lecture.event is not None else None,
        attendance=services.attendance_of(lecture),
        letters=letters_about("lecture", lecture.id, current_user),
        can_take_registrations=lecture.status in ("planned", "confirmed") and lecture.end_dt > now_utc(),
        photo_form=PhotoForm(formdata=None),
        registration_form=OpenRegistrationForm(formdata=None, data={"capacity": lecture.audience_size}),
    )


@allow(STAFF)
def cancel(lecture_id: int):
    lecture = _lecture(lecture_id, need="edit")
    services.cancel_lecture(lecture)
    db.session.commit()
    flash(_("The lecture is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    return redirect(url_for("lectures.detail", lecture_id=lecture.id))


@allow(STAFF)
def report(lecture_id: int):
    lecture = _lecture(lecture_id, need="edit")
    form = ReportForm(obj=lecture)
    conflict = None
    if form.validate_on_submit():
        fields = {"report": (form.report.data or "").strip() or None, "attendance": form.attendance.data}
        try:
            services.update_lecture(lecture, expected_version=form.version.data, **fields)
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = lecture.version
        else:
            db.session.commit()
            flash(_("The report is saved."), "success")
            return redirect(url_for("lectures.detail", lecture_id=lecture.id) + "#report")
    return render_template("lectures/report_form.html", form=form, lecture=lecture, conflict=conflict)


@allow(STAFF)
def add_photo(lecture_id: int):
    lecture = _lecture(lecture_id, need="edit")
    form = PhotoForm()
    if form.validate_on_submit():
        try:
            services.add_photo(lecture, form.file.data, (form.caption.data or "").strip() or None)
        except UploadRejected as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("The photo is saved."), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("lectures.detail", lecture_id=lecture.id) + "#report")


@allow(READERS)
def photo(lecture_id: int, photo_id: int):
    _lecture(lecture_id)
    item = load_or_404(LecturePhoto, photo_id)
    if item.lecture_id != lecture_id:
        abort(404)
    return send_stored(item.file, inline=True)


@allow(STAFF)
def open_registration(lecture_id: int):
    lecture = _lecture(lecture_id, need="edit")
    form = OpenRegistrationForm()
    if not form.validate_on_submit():
        flash(error_text(form), "danger")
        return redirect(url_for("lectures.detail", lecture_id=lecture.id))
    event = services.open_registration(lecture, form.capacity.data)
    db.session.commit()
    flash(_("The lecture takes registrations: share the public link below."), "success")
    return redirect(url_for("events.detail", event_id=event.id) + "#registration-link")
