"""Placement pages: the list (staff), a placement with its log and totals (staff and the intern themself),
making a placement from an accepted application, the supervisor's evaluation, the certificate."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..auth.models import User
from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.pagination import SortTerm, paginate
from ..core.permissions import INTERN, STAFF, roles_required
from . import certificate, placement_services, served
from .access import get_application_or_404, get_placement_or_404, get_position_or_404
from .blueprint import bp
from .forms import EvaluationForm, PlacementForm, ReviewForm
from .models import InternshipPosition, InternshipProgramme
from .placement_models import PLACEMENT_LABELS, PLACEMENT_STATUSES, ActivityEntry, Placement

LOG_PAGE = 50


@bp.route("/placements")
@roles_required(*STAFF)
def placements():
    status = request.args.get("status", "active")
    status = status if status in PLACEMENT_STATUSES or status == "all" else "active"
    mine = request.args.get("mine") == "1"
    stmt = select(Placement)
    if status != "all":
        stmt = stmt.where(Placement.status == status)
    if mine:
        stmt = stmt.where(Placement.supervisor_id == current_user.id)
    page = paginate(
        db.session,
        stmt,
        [SortTerm(Placement.start_on, True), SortTerm(Placement.id, True)],
        request.args.get("cursor"),
        per_page=50,
    )
    return render_template("internships/placements.html", page=page, status=status, mine=mine)


def _positions(programme_id: int | None) -> list[InternshipPosition]:
    stmt = (
        select(InternshipPosition)
        .join(InternshipProgramme, InternshipPosition.programme_id == InternshipProgramme.id)
        .where(InternshipProgramme.archived_at.is_(None))
        .order_by(InternshipProgramme.start_on.desc(), InternshipPosition.id)
    )
    if programme_id is not None:
        stmt = stmt.where(InternshipPosition.programme_id == programme_id)
    return list(db.session.scalars(stmt.limit(300)))


def _check_people(form: PlacementForm) -> bool:
    intern = db.session.get(User, int(form.intern_id.data))
    supervisor = db.session.get(User, int(form.supervisor_id.data))
    ok = True
    if intern is None or intern.role != INTERN or not intern.active:
        form.intern_id.errors = [*form.intern_id.errors, _("Choose an active intern account.")]
        ok = False
    if supervisor is None or supervisor.role not in STAFF or not supervisor.active:
        form.supervisor_id.errors = [*form.supervisor_id.errors, _("Choose an active officer.")]
        ok = False
    return ok


@bp.route("/placements/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create_placement():
    application = None
    if request.args.get("application", "").isdigit():
        application = get_application_or_404(int(request.args["application"]), need="edit")
        if application.status != "accepted":
            flash(_("Only an accepted application becomes a placement."), "danger")
            return redirect(url_for("internships.application", application_id=application.id))
    positions = _positions(application.programme_id if application else None)
    defaults = None
    if request.method == "GET":
        chosen = application.position if application and application.position else None
        if chosen is None and request.args.get("position", "").isdigit():
            chosen = get_position_or_404(int(request.args["position"]))
        programme = chosen.programme if chosen else (application.programme if application else None)
        defaults = {
            "position_id": str(chosen.id) if chosen else "",
            "supervisor_id": str(chosen.supervisor_id or current_user.id) if chosen else str(current_user.id),
            "intern_id": str(application.user_id or "") if application else "",
            "start_on": programme.start_on if programme else None,
            "end_on": programme.end_on if programme else None,
        }
    form = PlacementForm(data=defaults, positions=positions)
    if form.validate_on_submit() and _check_people(form):
        position = get_position_or_404(int(form.position_id.data))
        if placement_services.filled_places([position.id]).get(position.id, 0) >= position.places:
            form.position_id.errors = [
                _("Every place of this position is taken: raise the number of places first.")
            ]
        else:
            placement = placement_services.create_placement(position, application, **form.fields())
            db.session.commit()
            flash(_("The placement is saved."), "success")
            return redirect(url_for("internships.placement", placement_id=placement.id))
    return render_template(
        "internships/placement_form.html", form=form, placement=None, application=application, conflict=None
    )


@bp.route("/placements/<int:placement_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_placement(placement_id: int):
    placement = get_placement_or_404(placement_id, need="edit")
    form = PlacementForm(obj=placement, positions=_positions(placement.position.programme_id))
    conflict = None
    if form.validate_on_submit() and _check_people(form):
        fields = {**form.fields(), "status": form.status.data}
        if form.position_id.data.isdigit():
            fields["position_id"] = get_position_or_404(int(form.position_id.data)).id

        conflict = detect_conflict(placement, form.version.data, set_fields(fields), PLACEMENT_LABELS)
        if conflict is None:
            placement_services.update_placement(placement, **fields)
            db.session.commit()
            flash(_("The placement is saved."), "success")
            return redirect(url_for("internships.placement", placement_id=placement.id))
        form.version.data = placement.version
    return render_template(
        "internships/placement_form.html",
        form=form,
        placement=placement,
        application=placement.application,
        conflict=conflict,
    )


@bp.route("/placements/<int:placement_id>")
@roles_required(*STAFF, INTERN)
def placement(placement_id: int):
    placement = get_placement_or_404(placement_id)
    page = paginate(
        db.session,
        select(ActivityEntry).where(ActivityEntry.placement_id == placement.id),
        [SortTerm(ActivityEntry.work_on, True), SortTerm(ActivityEntry.id, True)],
        request.args.get("cursor"),
        per_page=LOG_PAGE,
    )
    return render_template(
        "internships/placement.html",
        placement=placement,
        page=page,
        totals=placement_services.totals(placement.id),
        served_labels=served.labels_for(page.items),
        can_review=placement.can_review(current_user),
        can_log=placement.can_log(current_user),
        review_form=ReviewForm(formdata=None),
    )


@bp.route("/placements/<int:placement_id>/evaluation", methods=["GET", "POST"])
@roles_required(*STAFF)
def evaluate(placement_id: int):
    placement = get_placement_or_404(placement_id, need="review")
    if placement.status == "cancelled":
        abort(404)
    form = EvaluationForm(obj=placement.evaluation)
    if form.validate_on_submit():
        placement_services.save_evaluation(placement, **form.fields())
        db.session.commit()
        flash(_("The evaluation is saved and the placement is completed."), "success")
        return redirect(url_for("internships.placement", placement_id=placement.id))
    return render_template(
        "internships/evaluation_form.html",
        form=form,
        placement=placement,
        totals=placement_services.totals(placement.id),
    )


@bp.route("/placements/<int:placement_id>/certificate.pdf")
@roles_required(*STAFF, INTERN)
def certificate_pdf(placement_id: int):
    from ..core.pdf import pdf_response

    placement = get_placement_or_404(placement_id)
    if not placement.has_certificate:
        abort(404)
    html = render_template("internships/certificate.html", **certificate.certificate_content(placement))
    return pdf_response(html, f"internship-certificate-{placement.id}.pdf")
