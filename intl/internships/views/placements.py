"""Placement pages: the list (staff), a placement with its log and totals (staff and the intern themself),
making a placement from an accepted application, the supervisor's evaluation, the certificate."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import STAFF, allow, can, load_or_404
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.i18n import format_number
from ...core.pagination import paginate
from ...core.pdf import pdf_response
from ...core.time import office_today
from .. import certificate, placement_services, queries, served
from ..access import PLACEMENT_PEOPLE
from ..forms import EvaluationForm, PlacementForm, ReviewForm
from ..models import InternshipApplication
from ..placement_models import PLACEMENT_STATUSES, Placement
from .programmes import position_of

LOG_PAGE = 50


@allow(STAFF)
def placements():
    status = request.args.get("status", "active")
    status = status if status in PLACEMENT_STATUSES or status == "all" else "active"
    mine = request.args.get("mine") == "1"
    stmt, terms = queries.placement_list(status, current_user.id if mine else None)
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=50)
    return render_template("internships/placements.html", page=page, status=status, mine=mine)


@allow(STAFF)
def create_placement():
    application = None
    if request.args.get("application", "").isdigit():
        application = load_or_404(InternshipApplication, int(request.args["application"]), need="edit")
        if application.status != "accepted":
            flash(_("Only an accepted application becomes a placement."), "danger")
            return redirect(url_for("internships.application", application_id=application.id))
    positions = queries.open_positions(application.programme_id if application else None)
    defaults = None
    if request.method == "GET":
        chosen = application.position if application and application.position else None
        if chosen is None and request.args.get("position", "").isdigit():
            chosen = position_of(int(request.args["position"]))
        programme = chosen.programme if chosen else (application.programme if application else None)
        defaults = {
            "position_id": str(chosen.id) if chosen else "",
            "supervisor_id": str(chosen.supervisor_id or current_user.id) if chosen else str(current_user.id),
            "intern_id": str(application.user_id or "") if application else "",
            "start_on": programme.start_on if programme else None,
            "end_on": programme.end_on if programme else None,
        }
    form = PlacementForm(data=defaults, positions=positions)
    if form.validate_on_submit():
        position = position_of(int(form.position_id.data))
        try:
            placement = placement_services.create_placement(position, application, **form.fields())
        except placement_services.PositionFull as full:
            db.session.rollback()
            form.position_id.errors = [str(full)]
        else:
            db.session.commit()
            flash(_("The placement is saved."), "success")
            return redirect(url_for("internships.placement", placement_id=placement.id))
    return render_template(
        "internships/placement_form.html", form=form, placement=None, application=application, conflict=None
    )


@allow(STAFF)
def edit_placement(placement_id: int):
    placement = load_or_404(Placement, placement_id, need="edit")
    form = PlacementForm(obj=placement, positions=queries.open_positions(placement.position.programme_id))
    conflict = None
    if form.validate_on_submit():
        fields = {**form.fields(), "status": form.status.data}
        if form.position_id.data.isdigit():
            fields["position_id"] = position_of(int(form.position_id.data)).id
        try:
            placement_services.update_placement(placement, expected_version=form.version.data, **fields)
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = placement.version
        except placement_services.LogRefused as error:
            form.status.errors = [*form.status.errors, str(error)]
        else:
            db.session.commit()
            flash(_("The placement is saved."), "success")
            return redirect(url_for("internships.placement", placement_id=placement.id))
    return render_template(
        "internships/placement_form.html",
        form=form,
        placement=placement,
        application=placement.application,
        conflict=conflict,
    )


@allow(PLACEMENT_PEOPLE)
def placement(placement_id: int):
    placement = load_or_404(Placement, placement_id)
    stmt, terms = queries.log_entries(placement)
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=LOG_PAGE)
    return render_template(
        "internships/placement.html",
        placement=placement,
        page=page,
        totals=placement_services.totals(placement.id),
        served_labels=served.labels_for(page.items),
        can_review=can(current_user, placement, "review"),
        can_log=can(current_user, placement, "log"),
        review_form=ReviewForm(formdata=None),
    )


@allow(STAFF)
def evaluate(placement_id: int):
    placement = load_or_404(Placement, placement_id, need="review")
    if placement.status == "cancelled":
        abort(404)
    form = EvaluationForm(obj=placement.evaluation)
    today = office_today()
    early = placement_services.ends_early(placement, today)
    waiting = placement_services.open_entries(placement.id) if placement.status != "completed" else []
    unsubmitted = [e for e in waiting if e.status != "submitted"]
    if form.validate_on_submit() and _completion_checked(form, placement, early, unsubmitted, today):
        placement_services.save_evaluation(
            placement, last_day=form.last_day.data if early else None, **form.fields()
        )
        db.session.commit()
        flash(_("The evaluation is saved and the placement is completed."), "success")
        if waiting:
            flash(
                _(
                    "%(n)s entries (%(hours)s hours) were not approved: they stay in the log and are not on "
                    "the certificate.",
                    n=len(waiting),
                    hours=format_number(sum(e.minutes for e in waiting) / 60),
                ),
                "warning",
            )
        return redirect(url_for("internships.placement", placement_id=placement.id))
    return render_template(
        "internships/evaluation_form.html",
        form=form,
        placement=placement,
        totals=placement_services.totals(placement.id),
        early=early,
        waiting=waiting,
        unsubmitted=unsubmitted,
    )


def _completion_checked(form, placement, early: bool, unsubmitted: list, today) -> bool:
    """Completing early needs the last day served; leaving drafts or returned entries out needs the officer's
    say-so (the intern can no longer submit them once the placement is completed)."""
    ok = True
    if early:
        try:
            placement_services.check_last_day(placement, form.last_day.data, today)
        except placement_services.LogRefused as error:
            form.last_day.errors = [*form.last_day.errors, str(error)]
            ok = False
    if unsubmitted and not form.leave_unsubmitted.data:
        form.leave_unsubmitted.errors = [
            *form.leave_unsubmitted.errors,
            _("Some entries are not submitted: tick this to complete without them, or wait for the intern."),
        ]
        ok = False
    return ok


@allow(PLACEMENT_PEOPLE)
def certificate_pdf(placement_id: int):
    placement = load_or_404(Placement, placement_id)
    if not placement.has_certificate:
        abort(404)
    html = render_template("internships/certificate.html", **certificate.certificate_content(placement))
    return pdf_response(html, f"internship-certificate-{placement.id}.pdf")
