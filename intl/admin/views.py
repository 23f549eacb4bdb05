"""Admin pages: users and roles, the audit log, and archived records (restore or purge)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..auth.models import User
from ..auth.services import UserError, create_user, set_password, update_user
from ..core import audit
from ..core.archive import purge, restore
from ..core.audit import ACTIONS, AuditEntry
from ..core.conflicts import EditConflict
from ..core.db import db
from ..core.i18n import select_timezone
from ..core.models import RECORD_KINDS
from ..core.pagination import SortTerm, paginate
from ..core.permissions import ADMIN, ROLES, roles_required
from .forms import AuditFilterForm, EditUserForm, NewUserForm
from .records import ARCHIVABLE, archived_records, kind_label

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.context_processor
def admin_labels():
    from ..auth.models import USER_LABELS

    return {"USER_LABELS": USER_LABELS}


@bp.route("/users")
@roles_required(ADMIN)
def users():
    rows = db.session.scalars(select(User).order_by(User.active.desc(), User.role, User.username)).all()
    return render_template("admin/users.html", users=rows, roles=ROLES)


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(ADMIN)
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


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = EditUserForm(obj=user)
    conflict = None
    if form.validate_on_submit():
        if user.id == current_user.id and (form.role.data != ADMIN or not form.active.data):
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


@bp.route("/audit")
@roles_required(ADMIN)
def audit_log():
    form = AuditFilterForm(request.args)
    form.kind.choices = [("", "—")] + [(k, kind_label(k)) for k in sorted(RECORD_KINDS)]
    form.action.choices = [("", "—")] + [(k, str(v)) for k, v in ACTIONS.items()]
    form.user.choices = [("", "—")] + [
        (str(u.id), u.display_name) for u in db.session.scalars(select(User).order_by(User.display_name))
    ]
    form.validate()
    stmt = select(AuditEntry)
    if form.kind.data in RECORD_KINDS:
        stmt = stmt.where(AuditEntry.kind == form.kind.data)
    if form.action.data in ACTIONS:
        stmt = stmt.where(AuditEntry.action == form.action.data)
    if (form.user.data or "").isdigit():
        stmt = stmt.where(AuditEntry.user_id == int(form.user.data))
    zone = ZoneInfo(select_timezone())
    if form.since.data and not form.since.errors:
        stmt = stmt.where(AuditEntry.at_dt >= datetime.combine(form.since.data, time(), zone))
    if form.until.data and not form.until.errors:
        stmt = stmt.where(
            AuditEntry.at_dt < datetime.combine(form.until.data + timedelta(days=1), time(), zone)
        )
    page = paginate(db.session, stmt, [SortTerm(AuditEntry.id, True)], request.args.get("cursor"), 50)
    args = {k: v for k, v in request.args.items() if k != "cursor" and v}
    return render_template("admin/audit.html", form=form, page=page, args=args, kind_label=kind_label)


@bp.route("/archive")
@roles_required(ADMIN)
def archive_list():
    return render_template("admin/archive.html", groups=archived_records(), kind_label=kind_label)


def _archived_or_404(kind: str, record_id: int):
    model = ARCHIVABLE.get(kind) or abort(404)
    record = db.session.get(model, record_id)
    if record is None or record.archived_at is None:
        abort(404)
    return record


@bp.route("/archive/<kind>/<int:record_id>/restore", methods=["POST"])
@roles_required(ADMIN)
def restore_record(kind: str, record_id: int):
    record = _archived_or_404(kind, record_id)
    restore(record)
    db.session.commit()
    flash(_("%(label)s is restored.", label=record.audit_label()), "success")
    return redirect(url_for("admin.archive_list"))


@bp.route("/archive/<kind>/<int:record_id>/purge", methods=["POST"])
@roles_required(ADMIN)
def purge_record(kind: str, record_id: int):
    record = _archived_or_404(kind, record_id)
    if request.form.get("confirm") != "purge":
        flash(_("Tick the box to confirm that the record is removed for good."), "danger")
        return redirect(url_for("admin.archive_list"))
    label = record.audit_label()
    purge(record)
    db.session.commit()
    flash(_("%(label)s is removed permanently.", label=label), "success")
    return redirect(url_for("admin.archive_list"))
