"""Application pages (staff): list, record, documents, status workflow, and the interview on the schedule."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core import audit
from ...core.access import STAFF, allow, can, load_or_404
from ...core.conflicts import EditConflict
from ...core.datetimes import combine
from ...core.db import db
from ...core.files import send_stored
from ...core.forms import error_text
from ...core.pagination import paginate
from ...core.time import office_zone_name
from ...schedule.queries import participant_labels
from .. import queries, services
from ..forms import ApplicationForm, InterviewForm, StatusForm
from ..models import APPLICATION_LABELS, APPLICATION_STATUSES, InternshipApplication, InternshipProgramme


@allow(STAFF)
def applications():
    programme_arg = request.args.get("programme", "")
    programme = None
    if programme_arg:
        if not programme_arg.isdigit():
            abort(400)
        programme = load_or_404(InternshipProgramme, int(programme_arg))
    status = request.args.get("status") if request.args.get("status") in APPLICATION_STATUSES else ""
    q = (request.args.get("q") or "").strip()[:200]
    stmt, terms = queries.application_list(programme, status, q)
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=50)
    return render_template(
        "internships/applications.html",
        page=page,
        programme=programme,
        programmes=queries.programme_choices(),
        status=status,
        q=q,
    )


def _form_data(application: InternshipApplication) -> dict:
    data = {name: getattr(application, name) for name in APPLICATION_LABELS if hasattr(application, name)}
    data["position_id"] = str(application.position_id or "")
    data["languages"] = [{"language": code, "level": level} for code, level in application.languages]
    data["version"] = application.version
    return data


def _render_form(form, programme, application, conflict=None):
    return render_template(
        "internships/application_form.html",
        form=form,
        programme=programme,
        application=application,
        conflict=conflict,
    )


@allow(STAFF)
def create_application(programme_id: int):
    programme = load_or_404(InternshipProgramme, programme_id, need="edit")
    form = ApplicationForm(positions=programme.positions)
    if form.validate_on_submit():
        try:
            application = services.create_application(
                programme, cv=form.cv.data, transcript=form.transcript.data, **form.fields()
            )
        except services.DocumentRejected as error:
            db.session.rollback()
            form[error.field].errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The application is saved."), "success")
            return redirect(url_for("internships.application", application_id=application.id))
    return _render_form(form, programme, None)


@allow(STAFF)
def edit_application(application_id: int):
    application = load_or_404(InternshipApplication, application_id, need="edit")
    programme = application.programme
    form = ApplicationForm(
        data=None if request.method == "POST" else _form_data(application), positions=programme.positions
    )
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_application(
                application,
                cv=form.cv.data,
                transcript=form.transcript.data,
                expected_version=form.version.data,
                **form.fields(),
            )
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = application.version
        except services.DocumentRejected as error:
            db.session.rollback()
            form[error.field].errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The application is saved."), "success")
            return redirect(url_for("internships.application", application_id=application.id))
    return _render_form(form, programme, application, conflict)


@allow(STAFF)
def application(application_id: int):
    application = load_or_404(InternshipApplication, application_id)
    interviews = services.interviews_of([application.id]).get(application.id, [])
    status_form = StatusForm(formdata=None)
    status_form.status.choices = [(s, APPLICATION_STATUSES[s]) for s in application.next_statuses]
    return render_template(
        "internships/application.html",
        application=application,
        interviews=interviews,
        names=participant_labels(interviews),
        upcoming=services.upcoming_interview(application),
        status_form=status_form,
        placement=queries.placement_of(application),
        show_personal=can(current_user, application, "personal"),
        history=audit.history("internship_application", application.id, limit=50),
    )


@allow(STAFF)
def change_status(application_id: int):
    application = load_or_404(InternshipApplication, application_id, need="edit")
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.change_status(application, form.status.data, (form.note.data or "").strip() or None)
        except services.StatusRefused as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("The status is changed."), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("internships.application", application_id=application_id))


@allow(STAFF)
def document(application_id: int, which: str):
    application = load_or_404(InternshipApplication, application_id, need="personal")
    stored = application.cv_file if which == "cv" else application.transcript_file
    if stored is None:
        abort(404)
    return send_stored(stored, inline=stored.content_type == "application/pdf")


@allow(STAFF)
def interview(application_id: int):
    application = load_or_404(InternshipApplication, application_id, need="edit")
    if application.status in ("declined", "withdrawn", "accepted"):
        flash(_("This application is closed: no interview can be scheduled."), "danger")
        return redirect(url_for("internships.application", application_id=application.id))
    current = services.upcoming_interview(application)
    data = None
    if current is not None and request.method == "GET":
        zone = ZoneInfo(current.timezone)
        data = {
            "day": current.start_dt.astimezone(zone).date(),
            "start_time": current.start_dt.astimezone(zone).time(),
            "end_time": current.end_dt.astimezone(zone).time(),
            "venue": current.venue,
            "notes": "\n".join(
                line for line in (current.notes or "").splitlines() if services.APPLICATION_PATH not in line
            ),
            "interviewers": [u for u in current.participant_ids("user") if u != application.user_id],
            "leaders": current.participant_ids("leader"),
        }
    form = InterviewForm(data=data)
    if form.validate_on_submit():
        zone = office_zone_name()
        services.schedule_interview(
            application,
            combine(form.day.data, form.start_time.data, zone),
            combine(form.day.data, form.end_time.data or time(0), zone),
            form.venue.data,
            form.interviewers.data,
            form.leaders.data,
            form.notes.data or None,
        )
        db.session.commit()
        flash(_("The interview is on the schedule."), "success")
        return redirect(url_for("internships.application", application_id=application.id))
    return render_template(
        "internships/interview_form.html", form=form, application=application, current=current
    )


@allow(STAFF)
def cancel_interview(application_id: int):
    application = load_or_404(InternshipApplication, application_id, need="edit")
    services.cancel_interview(application)
    db.session.commit()
    flash(_("The interview is cancelled; calendars show it as cancelled."), "success")
    return redirect(url_for("internships.application", application_id=application.id))


@allow(STAFF)
def archive_application(application_id: int):
    application = load_or_404(InternshipApplication, application_id, need="archive")
    services.archive_application(application)
    db.session.commit()
    flash(_("The application is archived. An administrator can restore or delete it."), "success")
    return redirect(url_for("internships.applications", programme=application.programme_id))
