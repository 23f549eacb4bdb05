"""Admin pages: users and roles, the audit log, and archived records (restore or purge)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.models import User
from ..auth.services import UserError, create_user, set_password, update_user
from ..core import audit
from ..core.access import ADMINS, ROLE_LABELS, allow, load_or_404
from ..core.archive import purge, restore
from ..core.audit import ACTIONS, AuditEntry
from ..core.conflicts import EditConflict
from ..core.db import db
from ..core.i18n import select_timezone
from ..core.models import RECORD_KINDS
from ..core.pagination import SortTerm, paginate
from . import queries
from .forms import AuditFilterForm, EditUserForm, NewUserForm
from .records import archivable_model, kind_label


@allow(ADMINS)
def users():
    return render_template("admin/users.html", users=queries.users(), roles=ROLE_LABELS)


@allow(ADMINS)
def create_user_view():
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = create_user(
                form.username.data,
                form.password.data,
                form.role.data,
                display_name=form.display_name.data,
                email=form.email.data,
            )
        except UserError as error:
            target = getattr(form, error.field, form.username)
            target.errors = [*target.errors, str(error)]
        else:
            db.session.commit()
            flash(_("User %(name)s is created.", name=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None, conflict=None, history=[])


@allow(ADMINS)
def edit_user(user_id: int):
    user = load_or_404(User, user_id, need="manage")
    form = EditUserForm(obj=user)
    conflict = None
    if form.validate_on_submit():
        if user.id == current_user.id and (form.role.data not in ADMINS or not form.active.data):
            form.role.errors = [_("You cannot remove your own administrator role or deactivate yourself.")]
            return render_template("admin/user_form.html", form=form, user=user, conflict=None, history=[])

        fields = {
            "display_name": form.display_name.data.strip(),
            "email": form.email.data or None,
            "role": form.role.data,
            "active": form.active.data,
        }
        try:
            update_user(user, form.version.data, **fields)
            if form.new_password.data:
                set_password(user, form.new_password.data)
        except EditConflict as error:
            conflict = error.conflict
        except UserError as error:
            db.session.rollback()
            form.new_password.errors = [str(error)]
            return render_template("admin/user_form.html", form=form, user=user, conflict=None, history=[])
        else:
            db.session.commit()
            flash(_("User %(name)s is saved.", name=user.username), "success")
            return redirect(url_for("admin.users"))
        form.version.data = user.version
    return render_template(
        "admin/user_form.html",
        form=form,
        user=user,
        conflict=conflict,
        history=audit.history("user", user.id),
    )


@allow(ADMINS)
def audit_log():
    form = AuditFilterForm(request.args)
    form.kind.choices = [("", "—")] + [(k, kind_label(k)) for k in sorted(RECORD_KINDS)]
    form.action.choices = [("", "—")] + [(k, str(v)) for k, v in ACTIONS.items()]
    form.user.choices = [("", "—"), *queries.user_choices()]
    form.validate()
    stmt = queries.audit_entries(
        kind=form.kind.data or None,
        action=form.action.data or None,
        user_id=int(form.user.data) if (form.user.data or "").isdigit() else None,
        since=form.since.data if not form.since.errors else None,
        until=form.until.data if not form.until.errors else None,
        zone=select_timezone(),
    )
    page = paginate(db.session, stmt, [SortTerm(AuditEntry.id, True)], request.args.get("cursor"), 50)
    args = {k: v for k, v in request.args.items() if k != "cursor" and v}
    return render_template("admin/audit.html", form=form, page=page, args=args, kind_label=kind_label)


@allow(ADMINS)
def archive_list():
    return render_template(
        "admin/archive.html", groups=queries.archived_records(current_user), kind_label=kind_label
    )


def _archived(kind: str, record_id: int):
    """An archived record of an archivable kind, for the current user: only those who may open archived
    records of the kind (its policy's `archived` rule) restore and purge them."""
    model = archivable_model(kind)
    if model is None:
        abort(404)
    record = load_or_404(model, record_id)
    if record.archived_at is None:
        abort(404)
    return record


@allow(ADMINS)
def restore_record(kind: str, record_id: int):
    record = _archived(kind, record_id)
    restore(record)
    db.session.commit()
    flash(_("%(label)s is restored.", label=record.audit_label()), "success")
    return redirect(url_for("admin.archive_list"))


@allow(ADMINS)
def purge_record(kind: str, record_id: int):
    record = _archived(kind, record_id)
    if request.form.get("confirm") != "purge":
        flash(_("Tick the box to confirm that the record is removed for good."), "danger")
        return redirect(url_for("admin.archive_list"))
    label = record.audit_label()
    purge(record)
    db.session.commit()
    flash(_("%(label)s is removed permanently.", label=label), "success")
    return redirect(url_for("admin.archive_list"))
