"""The international relations group (and any other working group): members, roles, terms; exportable."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..core.access import READERS, STAFF, allow, load_or_404
from ..core.conflicts import EditConflict
from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.time import office_today
from . import queries, services
from .exports import export_members
from .forms import GroupForm, MemberForm
from .models import GroupMember, WorkingGroup


def _shown() -> str:
    return "all" if request.args.get("show") == "all" else "current"


def _member_fields(form: MemberForm) -> dict:
    return {
        "contact_id": form.contact_id.data,
        "role": form.role.data,
        "organization_id": form.organization_id.data,
        "term_start": form.term_start.data,
        "term_end": form.term_end.data,
        "notes": form.notes.data or None,
    }


def _member_of(group: WorkingGroup, member_id: int) -> GroupMember:
    member = load_or_404(GroupMember, member_id, need="edit")
    if member.group_id != group.id:
        abort(404)
    return member


@allow(READERS)
def index():
    groups = queries.all_groups()
    if len(groups) == 1 and not request.args.get("all"):
        return redirect(url_for("groups.detail", group_id=groups[0].id))
    return render_template("groups/index.html", groups=groups)


@allow(STAFF)
def create():
    form = GroupForm()
    if form.validate_on_submit():
        group = services.create_group(form.names.localized, form.description.data or None)
        db.session.commit()
        return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/group_form.html", form=form, group=None)


@allow(READERS)
def detail(group_id: int):
    group = load_or_404(WorkingGroup, group_id)
    show, today = _shown(), office_today()
    return render_template(
        "groups/detail.html",
        group=group,
        members=queries.members(group, show, today, current_locale_code()),
        show=show,
        today=today,
    )


@allow(READERS)
def export(group_id: int, fmt: str):
    group = load_or_404(WorkingGroup, group_id)
    locale = current_locale_code()
    members = queries.members(group, _shown(), office_today(), locale)
    return export_members(group, members, locale, fmt)


@allow(STAFF)
def add_member(group_id: int):
    group = load_or_404(WorkingGroup, group_id, need="edit")
    form = MemberForm()
    if form.validate_on_submit():
        services.add_member(group, **_member_fields(form))
        db.session.commit()
        flash(_("The member is saved."), "success")
        return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/member_form.html", form=form, group=group, member=None, conflict=None)


@allow(STAFF)
def edit_member(group_id: int, member_id: int):
    group = load_or_404(WorkingGroup, group_id, need="edit")
    member = _member_of(group, member_id)
    form = MemberForm(obj=member)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_member(member, form.version.data, **_member_fields(form))
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = member.version
        else:
            db.session.commit()
            flash(_("The member is saved."), "success")
            return redirect(url_for("groups.detail", group_id=group.id))
    return render_template(
        "groups/member_form.html",
        form=form,
        group=group,
        member=member,
        conflict=conflict,
    )


@allow(STAFF)
def remove_member(group_id: int, member_id: int):
    group = load_or_404(WorkingGroup, group_id, need="edit")
    services.remove_member(_member_of(group, member_id))
    db.session.commit()
    flash(_("The member is removed from the group."), "success")
    return redirect(url_for("groups.detail", group_id=group.id))
