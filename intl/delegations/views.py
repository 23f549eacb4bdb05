"""Delegation pages: list, day-by-day programme, members, outcome, follow-ups, attachments, copies, and the
itinerary as .ics. HTTP only: the URL table is in blueprint.py, the reads in queries.py, the changes in
services.py, the rules in access.py."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..contacts.personal import disclose
from ..core.access import EVERYONE, READERS, STAFF, allow, load_or_404
from ..core.archive import archive as archive_record
from ..core.attachments import send_attachment
from ..core.conflicts import EditConflict
from ..core.datetimes import combine
from ..core.db import db
from ..core.files import UploadRejected
from ..core.forms import error_text
from ..core.i18n import current_locale_code
from ..core.pagination import SortTerm, paginate
from ..core.plan_links import requested_item
from ..core.time import office_today, office_zone_name
from ..correspondence.queries import letters_about
from ..followups.forms import FollowUpForm
from ..schedule.downloads import ics_response
from ..schedule.kept import kept_for
from ..schedule.queries import participant_labels
from . import services
from .calendars import visit_day_notes
from .forms import AttachmentForm, CopyForm, DelegationForm, MemberForm, OutcomeForm
from .models import (
    DELEGATION_STATUSES,
    DIRECTIONS,
    Delegation,
    DelegationAttachment,
    DelegationMember,
)
from .queries import listing, programme_days


@allow(READERS)
def index():
    when = request.args.get("when", "upcoming")
    when = when if when in ("upcoming", "past", "all") else "upcoming"
    direction = request.args.get("direction") if request.args.get("direction") in DIRECTIONS else ""
    status = request.args.get("status") if request.args.get("status") in DELEGATION_STATUSES else ""
    q = (request.args.get("q") or "").strip()[:200]
    plan_item = requested_item()
    stmt = listing(when, direction, status, q, plan_item, office_today())
    descending = when != "upcoming"
    page = paginate(
        db.session,
        stmt,
        [SortTerm(Delegation.start_on, descending), SortTerm(Delegation.id, descending)],
        request.args.get("cursor"),
        per_page=50,
    )
    return render_template(
        "delegations/index.html",
        page=page,
        when=when,
        direction=direction,
        status=status,
        q=q,
        plan_item=plan_item,
    )


def _fields(form: DelegationForm) -> dict:
    return {
        "title": form.title.localized,
        "direction": form.direction.data,
        "purpose": form.purpose.data or None,
        "categories": form.categories.data or [],
        "start_on": form.start_on.data,
        "end_on": form.end_on.data,
        "status": form.status.data,
        "lead_officer_id": form.lead_officer,
        "budget": form.budget.data,
        "actual_cost": form.actual_cost.data,
        "emergency_contacts": form.emergency_contacts.data or None,
        "notes": form.notes.data or None,
        "plan_item_id": form.plan_item_id.data,
    }


@allow(STAFF)
def create():
    form = DelegationForm(data={"lead_officer_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        delegation = services.create_delegation(form.partners.ids, **_fields(form))
        db.session.commit()
        flash(_("The delegation is saved."), "success")
        return redirect(url_for("delegations.detail", delegation_id=delegation.id))
    return render_template("delegations/form.html", form=form, delegation=None, conflict=None)


@allow(STAFF)
def edit(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id, need="edit")
    form = DelegationForm(
        obj=delegation,
        data={
            "title": delegation.title,
            "partners": delegation.partner_ids,
            "lead_officer_id": str(delegation.lead_officer_id or ""),
            "categories": delegation.categories,
        },
    )
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_delegation(delegation, form.partners.ids, form.version.data, **_fields(form))
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = delegation.version
        else:
            db.session.commit()
            flash(_("The delegation is saved."), "success")
            return redirect(url_for("delegations.detail", delegation_id=delegation.id))
    return render_template("delegations/form.html", form=form, delegation=delegation, conflict=conflict)


@allow(READERS)
def detail(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id)
    days = programme_days(delegation, current_user)
    engagements = [e for _day, items in days for e in items]
    personal = disclose([m.contact for m in delegation.members], "view")
    return render_template(
        "delegations/detail.html",
        day_notes=visit_day_notes(delegation, personal, current_locale_code()),
        delegation=delegation,
        days=days,
        names=participant_labels(engagements),
        kept_clashes=kept_for([e.id for e in engagements]),
        personal=personal,
        followups=services.followups_of(delegation),
        letters=letters_about("delegation", delegation.id, current_user),
        followup_form=FollowUpForm(formdata=None),
        attachment_form=AttachmentForm(formdata=None),
        today=office_today(),
    )


@allow(STAFF)
def archive(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id, need="archive")
    archive_record(delegation)
    db.session.commit()
    flash(_("The delegation is archived. An administrator can restore it."), "success")
    return redirect(url_for("delegations.index"))


def _member_fields(form: MemberForm) -> dict:
    zone = current_user.timezone or office_zone_name()
    return {
        "role": form.role.data,
        "arrival_flight": form.arrival_flight.data or None,
        "arrival_at": combine(form.arrival_on.data, form.arrival_time.data, zone)
        if form.arrival_on.data
        else None,
        "departure_flight": form.departure_flight.data or None,
        "departure_at": combine(form.departure_on.data, form.departure_time.data, zone)
        if form.departure_on.data
        else None,
        "hotel": form.hotel.data or None,
        "notes": form.notes.data or None,
    }


@allow(STAFF)
def add_member(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id, need="edit")
    form = MemberForm()
    if form.validate_on_submit():
        services.add_member(delegation, form.contact_id.data, **_member_fields(form))
        db.session.commit()
        flash(_("The member is saved."), "success")
        return redirect(url_for("delegations.detail", delegation_id=delegation.id) + "#members")
    return render_template("delegations/member_form.html", form=form, delegation=delegation, member=None)


def _member(delegation_id: int, member_id: int) -> DelegationMember:
    delegation = load_or_404(Delegation, delegation_id, need="edit")
    member = load_or_404(DelegationMember, member_id, need="edit")
    if member.delegation_id != delegation.id:
        abort(404)
    return member


@allow(STAFF)
def edit_member(delegation_id: int, member_id: int):
    member = _member(delegation_id, member_id)
    zone = ZoneInfo(current_user.timezone or office_zone_name())
    data = {}
    if member.arrival_at:
        data.update(
            arrival_on=member.arrival_at.astimezone(zone).date(),
            arrival_time=member.arrival_at.astimezone(zone).time(),
        )
    if member.departure_at:
        data.update(
            departure_on=member.departure_at.astimezone(zone).date(),
            departure_time=member.departure_at.astimezone(zone).time(),
        )
    form = MemberForm(obj=member, data=data)
    if form.validate_on_submit():
        services.update_member(member, contact_id=form.contact_id.data, **_member_fields(form))
        db.session.commit()
        flash(_("The member is saved."), "success")
        return redirect(url_for("delegations.detail", delegation_id=delegation_id) + "#members")
    return render_template(
        "delegations/member_form.html", form=form, delegation=member.delegation, member=member
    )


@allow(STAFF)
def remove_member(delegation_id: int, member_id: int):
    member = _member(delegation_id, member_id)
    services.remove_member(member)
    db.session.commit()
    flash(_("The member is removed."), "success")
    return redirect(url_for("delegations.detail", delegation_id=delegation_id) + "#members")


@allow(STAFF)
def outcome(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id, need="edit")
    form = OutcomeForm(obj=delegation)
    conflict = None
    if form.validate_on_submit():
        fields = {"outcome": form.outcome.data or None, "actual_cost": form.actual_cost.data}
        try:
            services.update_delegation(delegation, expected_version=form.version.data, **fields)
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = delegation.version
        else:
            db.session.commit()
            flash(_("The outcome report is saved."), "success")
            return redirect(url_for("delegations.detail", delegation_id=delegation.id) + "#outcome")
    return render_template(
        "delegations/outcome_form.html", form=form, delegation=delegation, conflict=conflict
    )


@allow(STAFF)
def add_followup(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id, need="edit")
    form = FollowUpForm()
    if form.validate_on_submit():
        services.add_followup(delegation, form.description.data.strip(), form.owner, form.due_on.data)
        db.session.commit()
        flash(_("The follow-up is saved."), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("delegations.detail", delegation_id=delegation.id) + "#outcome")


@allow(STAFF)
def add_attachment(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id, need="edit")
    form = AttachmentForm()
    if form.validate_on_submit():
        try:
            services.add_attachment(delegation, form.file.data, form.caption.data or None)
        except UploadRejected as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("The attachment is saved."), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("delegations.detail", delegation_id=delegation_id) + "#outcome")


@allow(READERS)
def attachment(delegation_id: int, attachment_id: int):
    load_or_404(Delegation, delegation_id)
    return send_attachment(DelegationAttachment, delegation_id, attachment_id)


@allow(STAFF)
def copy(delegation_id: int):
    source = load_or_404(Delegation, delegation_id, need="edit")
    form = CopyForm()
    if form.validate_on_submit():
        new = services.copy_programme(source, form.start_on.data)
        db.session.commit()
        flash(
            _("A copy of the programme is ready to adjust; every engagement in it is tentative."), "success"
        )
        return redirect(url_for("delegations.detail", delegation_id=new.id))
    return render_template("delegations/copy.html", form=form, delegation=source)


@allow(EVERYONE)
def itinerary_ics(delegation_id: int):
    """The programme as .ics: for a leader on the trip, the engagements their feed carries."""
    delegation = load_or_404(Delegation, delegation_id, need="itinerary")
    engagements = [e for _day, items in programme_days(delegation, current_user) for e in items]
    locale = current_locale_code()
    return ics_response(
        f"delegation-{delegation.id}.ics", delegation.title.get_for(locale), engagements, current_user
    )
