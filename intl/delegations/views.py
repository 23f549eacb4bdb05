"""Delegation pages: list, day-by-day programme, members, outcome, follow-ups, attachments, copies."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..contacts.models import NEEDS
from ..core import search
from ..core.attachments import send_attachment
from ..core.conflicts import detect_conflict, set_fields
from ..core.datetimes import combine
from ..core.db import db
from ..core.files import UploadRejected
from ..core.forms import error_text
from ..core.i18n import current_locale_code
from ..core.pagination import SortTerm, paginate
from ..core.permissions import STAFF, roles_required
from ..core.time import today_in
from ..correspondence.queries import letters_about
from ..followups import services as followup_services
from ..followups.forms import FollowUpForm
from ..followups.models import FOLLOWUP_STATUSES, FollowUp
from ..schedule.models import ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, VISIBILITIES, Engagement
from . import services
from .forms import AttachmentForm, CopyForm, DelegationForm, MemberForm, OutcomeForm
from .models import (
    CATEGORIES,
    DELEGATION_LABELS,
    DELEGATION_STATUSES,
    DIRECTIONS,
    MEMBER_ROLES,
    Delegation,
    DelegationAttachment,
    DelegationMember,
)

bp = Blueprint("delegations", __name__)
VIEWERS = ("admin", "officer", "intern")
OFFICE_ZONE = "Asia/Taipei"


def get_delegation_or_404(delegation_id: int, need: str = "view") -> Delegation:
    delegation = db.session.get(Delegation, delegation_id)
    if delegation is None or (delegation.archived_at is not None and not current_user.is_admin):
        abort(404)
    if not (delegation.can_edit(current_user) if need == "edit" else delegation.can_view(current_user)):
        abort(403)
    return delegation


@bp.context_processor
def labels():
    def translated(mapping):
        return {k: str(v) for k, v in mapping.items()}

    return {
        "DIRECTIONS": translated(DIRECTIONS),
        "DELEGATION_STATUSES": translated(DELEGATION_STATUSES),
        "CATEGORIES": translated(CATEGORIES),
        "MEMBER_ROLES": translated(MEMBER_ROLES),
        "ENGAGEMENT_KINDS": translated(ENGAGEMENT_KINDS),
        "ENGAGEMENT_STATUSES": translated(ENGAGEMENT_STATUSES),
        "VISIBILITIES": translated(VISIBILITIES),
        "FOLLOWUP_STATUSES": translated(FOLLOWUP_STATUSES),
        "NEEDS_LABELS": translated(NEEDS),
    }


@bp.route("/delegations")
@roles_required(*VIEWERS)
def index():
    when = request.args.get("when", "upcoming")
    when = when if when in ("upcoming", "past", "all") else "upcoming"
    direction = request.args.get("direction") if request.args.get("direction") in DIRECTIONS else ""
    status = request.args.get("status") if request.args.get("status") in DELEGATION_STATUSES else ""
    q = (request.args.get("q") or "").strip()[:200]
    today = today_in(OFFICE_ZONE)
    stmt = select(Delegation).where(Delegation.archived_at.is_(None))
    if when == "upcoming":
        stmt = stmt.where(Delegation.end_on >= today)
    elif when == "past":
        stmt = stmt.where(Delegation.end_on < today)
    if direction:
        stmt = stmt.where(Delegation.direction == direction)
    if status:
        stmt = stmt.where(Delegation.status == status)
    plan_item = request.args.get("plan_item", type=int)
    if plan_item:
        from ..core.plan_links import item_filter

        stmt = stmt.where(item_filter(Delegation.plan_item_id, plan_item))
    if q:
        stmt = stmt.where(search.id_filter(Delegation.id, "delegation", q).condition)
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


@bp.route("/delegations/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = DelegationForm(data={"lead_officer_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        delegation = services.create_delegation(form.partners.ids, **_fields(form))
        db.session.commit()
        flash(_("The delegation is saved."), "success")
        return redirect(url_for("delegations.detail", delegation_id=delegation.id))
    return render_template("delegations/form.html", form=form, delegation=None, conflict=None)


@bp.route("/delegations/<int:delegation_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(delegation_id: int):
    delegation = get_delegation_or_404(delegation_id, need="edit")
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
        fields = _fields(form)
        conflict = detect_conflict(delegation, form.version.data, set_fields(fields), DELEGATION_LABELS)
        if conflict is None:
            services.update_delegation(delegation, form.partners.ids, **fields)
            db.session.commit()
            flash(_("The delegation is saved."), "success")
            return redirect(url_for("delegations.detail", delegation_id=delegation.id))
        form.version.data = delegation.version
    return render_template("delegations/form.html", form=form, delegation=delegation, conflict=conflict)


def programme_days(delegation: Delegation, user) -> list[tuple]:
    """The programme day by day in the place's own dates: [(date, [engagement, ...]), ...]."""
    engagements = db.session.scalars(
        select(Engagement)
        .where(Engagement.delegation_id == delegation.id, Engagement.archived_at.is_(None))
        .order_by(Engagement.start_dt, Engagement.id)
    ).all()
    by_day = defaultdict(list)
    for engagement in engagements:
        if engagement.can_view(user):
            by_day[engagement.start_dt.astimezone(ZoneInfo(engagement.timezone)).date()].append(engagement)
    days = []
    day = delegation.start_on
    while day <= delegation.end_on:
        days.append((day, by_day.pop(day, [])))
        day += timedelta(days=1)
    days += sorted(by_day.items())  # engagements outside the visit's dates still show
    return days


@bp.route("/delegations/<int:delegation_id>")
@roles_required(*VIEWERS)
def detail(delegation_id: int):
    delegation = get_delegation_or_404(delegation_id)
    from ..schedule.queries import participant_labels

    days = programme_days(delegation, current_user)
    engagements = [e for _day, items in days for e in items]
    return render_template(
        "delegations/detail.html",
        delegation=delegation,
        days=days,
        office_zone=OFFICE_ZONE,
        names=participant_labels(engagements),
        followups=services.followups_of(delegation),
        letters=letters_about("delegation", delegation.id, current_user),
        followup_form=FollowUpForm(formdata=None),
        attachment_form=AttachmentForm(formdata=None),
        today=today_in(OFFICE_ZONE),
        labels=DELEGATION_LABELS,
    )


@bp.route("/delegations/<int:delegation_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive(delegation_id: int):
    from ..core.archive import archive as archive_record

    delegation = get_delegation_or_404(delegation_id, need="edit")
    archive_record(delegation)
    db.session.commit()
    flash(_("The delegation is archived. An administrator can restore it."), "success")
    return redirect(url_for("delegations.index"))


def _member_fields(form: MemberForm) -> dict:
    zone = current_user.timezone or OFFICE_ZONE
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


@bp.route("/delegations/<int:delegation_id>/members/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def add_member(delegation_id: int):
    delegation = get_delegation_or_404(delegation_id, need="edit")
    form = MemberForm()
    if form.validate_on_submit():
        services.add_member(delegation, form.contact_id.data, **_member_fields(form))
        db.session.commit()
        flash(_("The member is saved."), "success")
        return redirect(url_for("delegations.detail", delegation_id=delegation.id) + "#members")
    return render_template("delegations/member_form.html", form=form, delegation=delegation, member=None)


def _member_or_404(delegation_id: int, member_id: int) -> DelegationMember:
    delegation = get_delegation_or_404(delegation_id, need="edit")
    member = db.session.get(DelegationMember, member_id)
    if member is None or member.delegation_id != delegation.id:
        abort(404)
    return member


@bp.route("/delegations/<int:delegation_id>/members/<int:member_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_member(delegation_id: int, member_id: int):
    member = _member_or_404(delegation_id, member_id)
    zone = ZoneInfo(current_user.timezone or OFFICE_ZONE)
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


@bp.route("/delegations/<int:delegation_id>/members/<int:member_id>/remove", methods=["POST"])
@roles_required(*STAFF)
def remove_member(delegation_id: int, member_id: int):
    member = _member_or_404(delegation_id, member_id)
    services.remove_member(member)
    db.session.commit()
    flash(_("The member is removed."), "success")
    return redirect(url_for("delegations.detail", delegation_id=delegation_id) + "#members")


@bp.route("/delegations/<int:delegation_id>/outcome", methods=["GET", "POST"])
@roles_required(*STAFF)
def outcome(delegation_id: int):
    delegation = get_delegation_or_404(delegation_id, need="edit")
    form = OutcomeForm(obj=delegation)
    conflict = None
    if form.validate_on_submit():
        fields = {"outcome": form.outcome.data or None, "actual_cost": form.actual_cost.data}
        conflict = detect_conflict(delegation, form.version.data, set_fields(fields), DELEGATION_LABELS)
        if conflict is None:
            services.update_delegation(delegation, **fields)
            db.session.commit()
            flash(_("The outcome report is saved."), "success")
            return redirect(url_for("delegations.detail", delegation_id=delegation.id) + "#outcome")
        form.version.data = delegation.version
    return render_template(
        "delegations/outcome_form.html", form=form, delegation=delegation, conflict=conflict
    )


@bp.route("/delegations/<int:delegation_id>/followups", methods=["POST"])
@roles_required(*STAFF)
def add_followup(delegation_id: int):
    delegation = get_delegation_or_404(delegation_id, need="edit")
    form = FollowUpForm()
    if form.validate_on_submit():
        services.add_followup(delegation, form.description.data.strip(), form.owner, form.due_on.data)
        db.session.commit()
        flash(_("The follow-up is saved."), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("delegations.detail", delegation_id=delegation.id) + "#outcome")


@bp.route("/followups/<int:followup_id>/status", methods=["POST"])
@roles_required(*STAFF)
def followup_status(followup_id: int):
    followup = db.session.get(FollowUp, followup_id) or abort(404)
    status = request.form.get("status")
    if status not in FOLLOWUP_STATUSES:
        abort(400)
    followup_services.set_status(followup, status)
    db.session.commit()
    if followup.source_kind == "delegation":
        return redirect(url_for("delegations.detail", delegation_id=followup.source_id) + "#outcome")
    return redirect(url_for("home.index"))


@bp.route("/delegations/<int:delegation_id>/attachments", methods=["POST"])
@roles_required(*STAFF)
def add_attachment(delegation_id: int):
    delegation = get_delegation_or_404(delegation_id, need="edit")
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


@bp.route("/delegations/<int:delegation_id>/attachments/<int:attachment_id>")
@roles_required(*VIEWERS)
def attachment(delegation_id: int, attachment_id: int):
    get_delegation_or_404(delegation_id)
    return send_attachment(DelegationAttachment, delegation_id, attachment_id)


@bp.route("/delegations/<int:delegation_id>/copy", methods=["GET", "POST"])
@roles_required(*STAFF)
def copy(delegation_id: int):
    source = get_delegation_or_404(delegation_id, need="edit")
    form = CopyForm()
    if form.validate_on_submit():
        new = services.copy_programme(source, form.start_on.data)
        db.session.commit()
        flash(
            _("A copy of the programme is ready to adjust; every engagement in it is tentative."), "success"
        )
        return redirect(url_for("delegations.detail", delegation_id=new.id))
    return render_template("delegations/copy.html", form=form, delegation=source)


@bp.route("/delegations/<int:delegation_id>/itinerary.ics")
@roles_required(*VIEWERS)
def itinerary_ics(delegation_id: int):
    from ..schedule.downloads import ics_response

    delegation = get_delegation_or_404(delegation_id)
    engagements = [e for _day, items in programme_days(delegation, current_user) for e in items]
    locale = current_locale_code()
    return ics_response(
        f"delegation-{delegation.id}.ics", delegation.title.get_for(locale), engagements, current_user
    )
