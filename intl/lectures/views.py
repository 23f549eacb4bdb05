"""Lecture pages: the series (list, detail, create, edit, archive) and their lectures (detail, create, edit,
cancel, the short report with photos, and opening registration through the events machinery)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.files import UploadRejected, send_stored
from ..core.forms import error_text
from ..core.pagination import SortTerm, paginate
from ..core.permissions import STAFF, roles_required
from ..core.plan_links import item_filter, requested_item
from ..core.time import now_utc, today_in
from ..correspondence.queries import letters_about
from . import services
from .forms import LectureForm, OpenRegistrationForm, PhotoForm, ReportForm, SeriesForm
from .models import (
    LECTURE_LABELS,
    LECTURE_STATUSES,
    SERIES_LABELS,
    SPEAKER_ROLES,
    Lecture,
    LecturePhoto,
    LectureSeries,
)

bp = Blueprint("lectures", __name__)
VIEWERS = ("admin", "officer", "intern")
OFFICE_ZONE = "Asia/Taipei"


@bp.context_processor
def labels():
    return {
        "LECTURE_STATUSES": {k: str(v) for k, v in LECTURE_STATUSES.items()},
        "SPEAKER_ROLES": {k: str(v) for k, v in SPEAKER_ROLES.items()},
    }


def get_series_or_404(series_id: int, need: str = "view") -> LectureSeries:
    series = db.session.get(LectureSeries, series_id)
    if series is None or (series.archived_at is not None and not current_user.is_admin):
        abort(404)
    if not (series.can_edit(current_user) if need == "edit" else series.can_view(current_user)):
        abort(403)
    return series


def get_lecture_or_404(lecture_id: int, need: str = "view") -> Lecture:
    lecture = db.session.get(Lecture, lecture_id)
    if lecture is None:
        abort(404)
    get_series_or_404(lecture.series_id, need)
    if not (lecture.can_edit(current_user) if need == "edit" else lecture.can_view(current_user)):
        abort(403)
    return lecture


@bp.route("/lectures")
@roles_required(*VIEWERS)
def index():
    today = datetime.combine(today_in(OFFICE_ZONE), time(), ZoneInfo(OFFICE_ZONE))
    plan_item = requested_item()
    lectures = select(Lecture).join(LectureSeries, LectureSeries.id == Lecture.series_id)
    lectures = lectures.where(LectureSeries.archived_at.is_(None))
    if plan_item:
        # The lectures that count towards a plan item, whenever they are (a year has a few dozen).
        lectures = lectures.where(item_filter(Lecture.plan_item_id, plan_item)).limit(500)
    else:
        lectures = lectures.where(Lecture.end_dt >= today).limit(20)
    upcoming = db.session.scalars(lectures.order_by(Lecture.start_dt, Lecture.id)).all()
    page = paginate(
        db.session,
        select(LectureSeries).where(LectureSeries.archived_at.is_(None)),
        [SortTerm(LectureSeries.id, True)],
        request.args.get("cursor"),
        per_page=50,
    )
    return render_template(
        "lectures/index.html", page=page, upcoming=upcoming, office_zone=OFFICE_ZONE, plan_item=plan_item
    )


@bp.route("/lectures/series/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create_series():
    form = SeriesForm(data={"lead_officer_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        series = services.create_series(**form.fields())
        db.session.commit()
        flash(_("The lecture series is saved."), "success")
        return redirect(url_for("lectures.series_detail", series_id=series.id))
    return render_template("lectures/series_form.html", form=form, series=None, conflict=None)


@bp.route("/lectures/series/<int:series_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_series(series_id: int):
    series = get_series_or_404(series_id, need="edit")
    form = SeriesForm(
        obj=series, data={"title": series.title, "lead_officer_id": str(series.lead_officer_id or "")}
    )
    conflict = None
    if form.validate_on_submit():
        fields = form.fields()
        conflict = detect_conflict(series, form.version.data, set_fields(fields), SERIES_LABELS)
        if conflict is None:
            services.update_series(series, **fields)
            db.session.commit()
            flash(_("The lecture series is saved."), "success")
            return redirect(url_for("lectures.series_detail", series_id=series.id))
        form.version.data = series.version
    return render_template("lectures/series_form.html", form=form, series=series, conflict=conflict)


@bp.route("/lectures/series/<int:series_id>")
@roles_required(*VIEWERS)
def series_detail(series_id: int):
    series = get_series_or_404(series_id)
    return render_template("lectures/series_detail.html", series=series, office_zone=OFFICE_ZONE)


@bp.route("/lectures/series/<int:series_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive_series(series_id: int):
    from ..core.archive import archive

    series = get_series_or_404(series_id, need="edit")
    archive(series)
    db.session.commit()
    flash(_("The lecture series is archived. An administrator can restore it."), "success")
    return redirect(url_for("lectures.index"))


@bp.route("/lectures/series/<int:series_id>/lectures/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create_lecture(series_id: int):
    series = get_series_or_404(series_id, need="edit")
    form = LectureForm(data={"host_officers": [current_user.id]} if request.method == "GET" else None)
    if form.validate_on_submit():
        lecture = services.create_lecture(series, **form.fields())
        db.session.commit()
        flash(_("The lecture is saved and on the schedule."), "success")
        return redirect(url_for("lectures.detail", lecture_id=lecture.id))
    return render_template(
        "lectures/lecture_form.html", form=form, series=series, lecture=None, conflict=None
    )


@bp.route("/lectures/<int:lecture_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(lecture_id: int):
    lecture = get_lecture_or_404(lecture_id, need="edit")
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
        fields = form.fields()
        conflict = detect_conflict(lecture, form.version.data, set_fields(fields), LECTURE_LABELS)
        if conflict is None:
            services.update_lecture(lecture, **fields)
            db.session.commit()
            flash(_("The lecture is saved."), "success")
            return redirect(url_for("lectures.detail", lecture_id=lecture.id))
        form.version.data = lecture.version
    return render_template(
        "lectures/lecture_form.html", form=form, series=lecture.series, lecture=lecture, conflict=conflict
    )


@bp.route("/lectures/<int:lecture_id>")
@roles_required(*VIEWERS)
def detail(lecture_id: int):
    from ..events.registrations import figures
    from ..schedule.queries import participant_labels

    lecture = get_lecture_or_404(lecture_id)
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
        office_zone=OFFICE_ZONE,
    )


@bp.route("/lectures/<int:lecture_id>/cancel", methods=["POST"])
@roles_required(*STAFF)
def cancel(lecture_id: int):
    lecture = get_lecture_or_404(lecture_id, need="edit")
    services.cancel_lecture(lecture)
    db.session.commit()
    flash(_("The lecture is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    return redirect(url_for("lectures.detail", lecture_id=lecture.id))


@bp.route("/lectures/<int:lecture_id>/report", methods=["GET", "POST"])
@roles_required(*STAFF)
def report(lecture_id: int):
    lecture = get_lecture_or_404(lecture_id, need="edit")
    form = ReportForm(obj=lecture)
    conflict = None
    if form.validate_on_submit():
        fields = {"report": (form.report.data or "").strip() or None, "attendance": form.attendance.data}
        conflict = detect_conflict(lecture, form.version.data, set_fields(fields), LECTURE_LABELS)
        if conflict is None:
            services.update_lecture(lecture, **fields)
            db.session.commit()
            flash(_("The report is saved."), "success")
            return redirect(url_for("lectures.detail", lecture_id=lecture.id) + "#report")
        form.version.data = lecture.version
    return render_template("lectures/report_form.html", form=form, lecture=lecture, conflict=conflict)


@bp.route("/lectures/<int:lecture_id>/photos", methods=["POST"])
@roles_required(*STAFF)
def add_photo(lecture_id: int):
    lecture = get_lecture_or_404(lecture_id, need="edit")
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


@bp.route("/lectures/<int:lecture_id>/photos/<int:photo_id>")
@roles_required(*VIEWERS)
def photo(lecture_id: int, photo_id: int):
    get_lecture_or_404(lecture_id)
    item = db.session.get(LecturePhoto, photo_id)
    if item is None or item.lecture_id != lecture_id:
        abort(404)
    return send_stored(item.file, inline=True)


@bp.route("/lectures/<int:lecture_id>/registration", methods=["POST"])
@roles_required(*STAFF)
def open_registration(lecture_id: int):
    lecture = get_lecture_or_404(lecture_id, need="edit")
    form = OpenRegistrationForm()
    if not form.validate_on_submit():
        flash(error_text(form), "danger")
        return redirect(url_for("lectures.detail", lecture_id=lecture.id))
    event = services.open_registration(lecture, form.capacity.data)
    db.session.commit()
    flash(_("The lecture takes registrations: share the public link below."), "success")
    return redirect(url_for("events.detail", event_id=event.id) + "#registration-link")
