"""Programme and position pages (staff)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...core.access import STAFF, allow, load_or_404
from ...core.archive import archive
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.pagination import paginate
from ...core.plan_links import requested_item
from ...core.time import office_today
from .. import queries, services
from ..forms import PositionForm, ProgrammeForm
from ..models import PROGRAMME_KINDS, TERMS, InternshipPosition, InternshipProgramme
from ..placement_services import filled_places


def position_of(position_id: int, need: str = "edit") -> InternshipPosition:
    """The position the URL names, behind its programme (which answers 404 when archived, as before)."""
    position = load_or_404(InternshipPosition, position_id, need=need)
    load_or_404(InternshipProgramme, position.programme_id, need=need)
    return position


@allow(STAFF)
def index():
    kind = request.args.get("kind") if request.args.get("kind") in PROGRAMME_KINDS else ""
    term = request.args.get("term") if request.args.get("term") in TERMS else ""
    year = request.args.get("year", "")
    plan_item = requested_item()
    stmt, terms = queries.programme_list(
        kind, term, int(year) if year.isdigit() and len(year) == 4 else None, plan_item
    )
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=50)
    return render_template(
        "internships/index.html",
        page=page,
        counts=queries.application_counts([p.id for p in page.items]),
        kind=kind,
        term=term,
        year=year,
        plan_item=plan_item,
    )


@allow(STAFF)
def create_programme():
    form = ProgrammeForm()
    if form.validate_on_submit():
        programme = services.create_programme(**form.fields())
        db.session.commit()
        flash(_("The programme is saved."), "success")
        return redirect(url_for("internships.programme", programme_id=programme.id))
    return render_template("internships/programme_form.html", form=form, programme=None, conflict=None)


@allow(STAFF)
def edit_programme(programme_id: int):
    programme = load_or_404(InternshipProgramme, programme_id, need="edit")
    form = ProgrammeForm(
        obj=programme,
        data={"title": programme.title, "coordinator_id": str(programme.coordinator_id or "")},
    )
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_programme(programme, expected_version=form.version.data, **form.fields())
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = programme.version
        else:
            db.session.commit()
            flash(_("The programme is saved."), "success")
            return redirect(url_for("internships.programme", programme_id=programme.id))
    return render_template(
        "internships/programme_form.html", form=form, programme=programme, conflict=conflict
    )


@allow(STAFF)
def programme(programme_id: int):
    programme = load_or_404(InternshipProgramme, programme_id)
    positions = programme.positions
    return render_template(
        "internships/programme.html",
        programme=programme,
        positions=positions,
        filled=filled_places([p.id for p in positions]),
        statuses=queries.status_counts(programme),
        placements=queries.programme_placements(programme),
        public_link=services.public_link(programme),
        accepts_applications=services.accepts_applications(programme, office_today()),
    )


@allow(STAFF)
def rotate_application_token(programme_id: int):
    programme = load_or_404(InternshipProgramme, programme_id, need="edit")
    services.rotate_application_token(programme)
    db.session.commit()
    flash(_("The application link is replaced; the old link no longer works."), "success")
    return redirect(url_for("internships.programme", programme_id=programme.id) + "#application-link")


@allow(STAFF)
def archive_programme(programme_id: int):
    programme = load_or_404(InternshipProgramme, programme_id, need="archive")
    archive(programme)
    db.session.commit()
    flash(_("The programme is archived. An administrator can restore it."), "success")
    return redirect(url_for("internships.index"))


@allow(STAFF)
def create_position(programme_id: int):
    programme = load_or_404(InternshipProgramme, programme_id, need="edit")
    form = PositionForm()
    if form.validate_on_submit():
        services.create_position(programme, **form.fields())
        db.session.commit()
        flash(_("The position is saved."), "success")
        return redirect(url_for("internships.programme", programme_id=programme.id) + "#positions")
    return render_template(
        "internships/position_form.html", form=form, programme=programme, position=None, conflict=None
    )


@allow(STAFF)
def edit_position(position_id: int):
    position = position_of(position_id)
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
        try:
            services.update_position(position, expected_version=form.version.data, **form.fields())
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = position.version
        else:
            db.session.commit()
            flash(_("The position is saved."), "success")
            return redirect(
                url_for("internships.programme", programme_id=position.programme_id) + "#positions"
            )
    return render_template(
        "internships/position_form.html",
        form=form,
        programme=position.programme,
        position=position,
        conflict=conflict,
    )
