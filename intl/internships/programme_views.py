"""Programme and position pages (staff)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.pagination import SortTerm, paginate
from ..core.permissions import STAFF, roles_required
from ..core.plan_links import item_filter, requested_item
from . import public_views, services
from .access import get_position_or_404, get_programme_or_404
from .blueprint import bp
from .forms import PositionForm, ProgrammeForm
from .models import (
    POSITION_LABELS,
    PROGRAMME_KINDS,
    PROGRAMME_LABELS,
    TERMS,
    InternshipApplication,
    InternshipPosition,
    InternshipProgramme,
)
from .placement_models import Placement
from .placement_services import filled_places


@bp.route("")
@roles_required(*STAFF)
def index():
    kind = request.args.get("kind") if request.args.get("kind") in PROGRAMME_KINDS else ""
    term = request.args.get("term") if request.args.get("term") in TERMS else ""
    year = request.args.get("year", "")
    stmt = select(InternshipProgramme).where(InternshipProgramme.archived_at.is_(None))
    if kind:
        stmt = stmt.where(InternshipProgramme.kind == kind)
    if term:
        stmt = stmt.where(InternshipProgramme.term == term)
    if year.isdigit() and len(year) == 4:
        stmt = stmt.where(InternshipProgramme.year == int(year))
    plan_item = requested_item()
    if plan_item:
        stmt = stmt.where(item_filter(InternshipProgramme.plan_item_id, plan_item))
    page = paginate(
        db.session,
        stmt,
        [SortTerm(InternshipProgramme.start_on, True), SortTerm(InternshipProgramme.id, True)],
        request.args.get("cursor"),
        per_page=50,
    )
    ids = [p.id for p in page.items]
    counts = dict(
        db.session.execute(
            select(InternshipApplication.programme_id, func.count())
            .where(InternshipApplication.programme_id.in_(ids), InternshipApplication.archived_at.is_(None))
            .group_by(InternshipApplication.programme_id)
        ).all()
    )
    return render_template(
        "internships/index.html",
        page=page,
        counts=counts,
        kind=kind,
        term=term,
        year=year,
        plan_item=plan_item,
    )


@bp.route("/programmes/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create_programme():
    form = ProgrammeForm()
    if form.validate_on_submit():
        programme = services.create_programme(**form.fields())
        db.session.commit()
        flash(_("The programme is saved."), "success")
        return redirect(url_for("internships.programme", programme_id=programme.id))
    return render_template("internships/programme_form.html", form=form, programme=None, conflict=None)


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_programme(programme_id: int):
    programme = get_programme_or_404(programme_id, need="edit")
    form = ProgrammeForm(
        obj=programme,
        data={"title": programme.title, "coordinator_id": str(programme.coordinator_id or "")},
    )
    conflict = None
    if form.validate_on_submit():
        fields = form.fields()
        conflict = detect_conflict(programme, form.version.data, set_fields(fields), PROGRAMME_LABELS)
        if conflict is None:
            services.update_programme(programme, **fields)
            db.session.commit()
            flash(_("The programme is saved."), "success")
            return redirect(url_for("internships.programme", programme_id=programme.id))
        form.version.data = programme.version
    return render_template(
        "internships/programme_form.html", form=form, programme=programme, conflict=conflict
    )


@bp.route("/programmes/<int:programme_id>")
@roles_required(*STAFF)
def programme(programme_id: int):
    programme = get_programme_or_404(programme_id)
    positions = programme.positions
    statuses = dict(
        db.session.execute(
            select(InternshipApplication.status, func.count())
            .where(
                InternshipApplication.programme_id == programme.id,
                InternshipApplication.archived_at.is_(None),
            )
            .group_by(InternshipApplication.status)
        ).all()
    )
    placements = db.session.scalars(
        select(Placement)
        .join(InternshipPosition, Placement.position_id == InternshipPosition.id)
        .where(InternshipPosition.programme_id == programme.id)
        .order_by(Placement.start_on, Placement.id)
    ).all()
    return render_template(
        "internships/programme.html",
        programme=programme,
        positions=positions,
        filled=filled_places([p.id for p in positions]),
        statuses=statuses,
        placements=placements,
        public_link=public_views.public_link(programme),
        accepts_applications=services.accepts_applications(programme, public_views.office_today()),
    )


@bp.route("/programmes/<int:programme_id>/application-link", methods=["POST"])
@roles_required(*STAFF)
def rotate_application_token(programme_id: int):
    programme = get_programme_or_404(programme_id, need="edit")
    services.rotate_application_token(programme)
    db.session.commit()
    flash(_("The application link is replaced; the old link no longer works."), "success")
    return redirect(url_for("internships.programme", programme_id=programme.id) + "#application-link")


@bp.route("/programmes/<int:programme_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive_programme(programme_id: int):
    from ..core.archive import archive

    programme = get_programme_or_404(programme_id, need="edit")
    archive(programme)
    db.session.commit()
    flash(_("The programme is archived. An administrator can restore it."), "success")
    return redirect(url_for("internships.index"))


@bp.route("/programmes/<int:programme_id>/positions/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create_position(programme_id: int):
    programme = get_programme_or_404(programme_id, need="edit")
    form = PositionForm()
    if form.validate_on_submit():
        services.create_position(programme, **form.fields())
        db.session.commit()
        flash(_("The position is saved."), "success")
        return redirect(url_for("internships.programme", programme_id=programme.id) + "#positions")
    return render_template(
        "internships/position_form.html", form=form, programme=programme, position=None, conflict=None
    )


@bp.route("/positions/<int:position_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_position(position_id: int):
    position = get_position_or_404(position_id)
    form = PositionForm(
        obj=position,
        data={
            "title": position.title,
            "supervisor_id": str(position.supervisor_id or ""),
            "languages": position.languages,
        },
    )
    conflict = None
    if form.validate_on_submit():
        fields = form.fields()
        conflict = detect_conflict(position, form.version.data, set_fields(fields), POSITION_LABELS)
        if conflict is None:
            services.update_position(position, **fields)
            db.session.commit()
            flash(_("The position is saved."), "success")
            return redirect(
                url_for("internships.programme", programme_id=position.programme_id) + "#positions"
            )
        form.version.data = position.version
    return render_template(
        "internships/position_form.html",
        form=form,
        programme=position.programme,
        position=position,
        conflict=conflict,
    )
