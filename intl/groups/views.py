"""The international relations group (and any other working group): members, roles, terms; exportable."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..core import audit
from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.i18n import current_locale_code, format_date
from ..core.permissions import STAFF, roles_required
from ..core.time import today_in
from .forms import GroupForm, MemberForm
from .models import GROUP_ROLES, MEMBER_LABELS, GroupMember, WorkingGroup

bp = Blueprint("groups", __name__)
VIEWERS = ("admin", "officer", "intern")
ROLE_ORDER = list(GROUP_ROLES)


def _group_or_404(group_id: int) -> WorkingGroup:
    return db.session.get(WorkingGroup, group_id) or abort(404)


def _members(group: WorkingGroup, show: str) -> list[GroupMember]:
    today = today_in("Asia/Taipei")
    members = db.session.scalars(select(GroupMember).where(GroupMember.group_id == group.id)).all()
    if show != "all":
        members = [m for m in members if m.is_current(today)]
    locale = current_locale_code()
    return sorted(
        members,
        key=lambda m: (
            ROLE_ORDER.index(m.role) if m.role in ROLE_ORDER else 99,
            m.organization.names.get_for(locale) if m.organization else "",
            m.contact.display_name(locale),
        ),
    )


@bp.context_processor
def labels():
    return {"GROUP_ROLES": {k: str(v) for k, v in GROUP_ROLES.items()}}


@bp.route("/groups")
@roles_required(*VIEWERS)
def index():
    groups = db.session.scalars(select(WorkingGroup).order_by(WorkingGroup.id)).all()
    if len(groups) == 1 and not request.args.get("all"):
        return redirect(url_for("groups.detail", group_id=groups[0].id))
    return render_template("groups/index.html", groups=groups)


@bp.route("/groups/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = GroupForm()
    if form.validate_on_submit():
        group = WorkingGroup(names=form.names.localized, description=form.description.data or None)
        db.session.add(group)
        db.session.flush()
        audit.record_create(group)
        db.session.commit()
        return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/group_form.html", form=form, group=None)


@bp.route("/groups/<int:group_id>")
@roles_required(*VIEWERS)
def detail(group_id: int):
    group = _group_or_404(group_id)
    show = "all" if request.args.get("show") == "all" else "current"
    return render_template(
        "groups/detail.html",
        group=group,
        members=_members(group, show),
        show=show,
        today=today_in("Asia/Taipei"),
    )


@bp.route("/groups/<int:group_id>/export.<any(csv, xlsx):fmt>")
@roles_required(*VIEWERS)
def export(group_id: int, fmt: str):
    group = _group_or_404(group_id)
    locale = current_locale_code()
    show = "all" if request.args.get("show") == "all" else "current"
    headers = [
        _("Role"),
        _("Name"),
        _("Title"),
        _("Bureau or organization"),
        _("Term starts"),
        _("Term ends"),
        _("Notes"),
    ]
    rows = [
        [
            str(GROUP_ROLES.get(m.role, m.role)),
            m.contact.display_name(locale),
            m.contact.title.get_for(locale),
            m.organization.names.get_for(locale) if m.organization else "",
            format_date(m.term_start),
            format_date(m.term_end),
            m.notes or "",
        ]
        for m in _members(group, show)
    ]
    filename = f"group-{group.id}-{today_in('Asia/Taipei').isoformat()}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, group.names.get_for(locale)[:31] or _("Group"), headers, rows)


def _member_fields(form: MemberForm) -> dict:
    return {
        "contact_id": form.contact_id.data,
        "role": form.role.data,
        "organization_id": form.organization_id.data,
        "term_start": form.term_start.data,
        "term_end": form.term_end.data,
        "notes": form.notes.data or None,
    }


@bp.route("/groups/<int:group_id>/members/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def add_member(group_id: int):
    group = _group_or_404(group_id)
    form = MemberForm()
    if form.validate_on_submit():
        member = GroupMember(group=group, **_member_fields(form))
        db.session.add(member)
        db.session.flush()
        audit.record_create(member)
        db.session.commit()
        flash(_("The member is saved."), "success")
        return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/member_form.html", form=form, group=group, member=None)


@bp.route("/groups/<int:group_id>/members/<int:member_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_member(group_id: int, member_id: int):
    group = _group_or_404(group_id)
    member = db.session.get(GroupMember, member_id)
    if member is None or member.group_id != group.id:
        abort(404)
    form = MemberForm(obj=member)
    if form.validate_on_submit():
        before = member.audit_state()
        for name, value in _member_fields(form).items():
            setattr(member, name, value)
        db.session.flush()
        audit.record_update(member, before)
        db.session.commit()
        flash(_("The member is saved."), "success")
        return redirect(url_for("groups.detail", group_id=group.id))
    return render_template(
        "groups/member_form.html", form=form, group=group, member=member, labels=MEMBER_LABELS
    )


@bp.route("/groups/<int:group_id>/members/<int:member_id>/remove", methods=["POST"])
@roles_required(*STAFF)
def remove_member(group_id: int, member_id: int):
    member = db.session.get(GroupMember, member_id)
    if member is None or member.group_id != group_id:
        abort(404)
    audit.record("purge", member, {"state": member.audit_state()})
    db.session.delete(member)
    db.session.commit()
    flash(_("The member is removed from the group."), "success")
    return redirect(url_for("groups.detail", group_id=group_id))
