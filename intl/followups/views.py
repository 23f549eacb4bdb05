"""Follow-up pages: 'My follow-ups', adding one to a letter or meeting, editing, closing.

| URL                                        | endpoint              | roles                          |
| ------------------------------------------ | --------------------- | ------------------------------ |
| /followups/mine                            | followups.mine        | admin, officer, intern         |
| /followups/new/<source_kind>/<source_id>   | followups.create      | admin, officer                 |
| /followups/<id>/edit                       | followups.edit        | admin, officer                 |
| /followups/<id>/set-status (POST)          | followups.set_status  | admin, officer; intern if owner |
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.permissions import STAFF, roles_required
from ..core.time import today_in
from . import services, sources
from .forms import FollowUpEditForm, FollowUpForm
from .models import FOLLOWUP_LABELS, FOLLOWUP_STATUSES, FollowUp
from .queries import VIEWS, listing

bp = Blueprint("followups", __name__)
OWNERS = ("admin", "officer", "intern")
LIST_LIMIT = 500


@bp.record_once
def _template_globals(state) -> None:
    state.app.jinja_env.globals["FOLLOWUP_STATUS_LABELS"] = FOLLOWUP_STATUSES


def _today():
    return today_in(current_app.config["OFFICE_TIMEZONE"])


def get_followup_or_404(followup_id: int, need: str = "view") -> FollowUp:
    followup = db.session.get(FollowUp, followup_id)
    if followup is None:
        abort(404)
    allowed = {"view": followup.can_view, "edit": followup.can_edit, "status": followup.can_set_status}
    if not allowed[need](current_user):
        abort(403)
    return followup


def _safe_next(default: str) -> str:
    target = request.values.get("next") or ""
    return (
        target if target.startswith("/") and not target.startswith("//") and "\\" not in target else default
    )


@bp.route("/followups/mine")
@roles_required(*OWNERS)
def mine():
    view = request.args.get("view") if request.args.get("view") in VIEWS else "open"
    owner: int | str = current_user.id
    who = request.args.get("owner", "me")
    if current_user.is_staff and who in ("all", "none"):
        owner = who
    else:
        who = "me"
    today = _today()
    items = list(db.session.scalars(listing(owner, view, today).limit(LIST_LIMIT + 1)))
    return render_template(
        "followups/mine.html",
        items=items[:LIST_LIMIT],
        more=len(items) > LIST_LIMIT,
        sources_of=sources.describe(items, current_user),
        view=view,
        who=who,
        today=today,
    )


@bp.route(
    "/followups/new/<source_kind>/<int:source_id>",
    methods=["GET", "POST"],
)
@roles_required(*STAFF)
def create(source_kind: str, source_id: int):
    record = sources.load(source_kind, source_id)
    if record is None or getattr(record, "archived_at", None) is not None:
        abort(404)
    if hasattr(record, "can_edit") and not record.can_edit(current_user):
        abort(403)
    source = sources.describe_one(source_kind, source_id, current_user)
    form = FollowUpForm(data={"owner_id": str(current_user.id)} if request.method == "GET" else None)
    if form.validate_on_submit():
        services.add_followup(
            source_kind, source_id, form.description.data.strip(), form.owner, form.due_on.data
        )
        db.session.commit()
        flash(_("The follow-up is saved."), "success")
        return redirect(source.url or url_for("followups.mine"))
    return render_template("followups/form.html", form=form, followup=None, source=source, conflict=None)


@bp.route("/followups/<int:followup_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(followup_id: int):
    followup = get_followup_or_404(followup_id, need="edit")
    form = FollowUpEditForm(obj=followup, data={"owner_id": str(followup.owner_id or "")})
    if followup.owner is not None and str(followup.owner_id) not in {
        v for v, _label in form.owner_id.choices
    }:
        form.owner_id.choices.append((str(followup.owner_id), followup.owner.display_name))
    source = sources.describe_one(followup.source_kind, followup.source_id, current_user)
    conflict = None
    if form.validate_on_submit():
        fields = {
            "description": form.description.data.strip(),
            "owner_id": form.owner,
            "due_on": form.due_on.data,
            "status": form.status.data,
        }

        conflict = detect_conflict(followup, form.version.data, set_fields(fields), FOLLOWUP_LABELS)
        if conflict is None:
            services.update_followup(followup, **fields)
            db.session.commit()
            flash(_("The follow-up is saved."), "success")
            return redirect(_safe_next(url_for("followups.mine")))
        form.version.data = followup.version
    return render_template(
        "followups/form.html", form=form, followup=followup, source=source, conflict=conflict
    )


@bp.route("/followups/<int:followup_id>/set-status", methods=["POST"])
@roles_required(*OWNERS)
def set_status(followup_id: int):
    followup = get_followup_or_404(followup_id, need="status")
    status = request.form.get("status")
    if status not in FOLLOWUP_STATUSES:
        abort(400)
    services.set_status(followup, status)
    db.session.commit()
    flash(_("The follow-up is marked done.") if status == "done" else _("The follow-up is saved."), "success")
    return redirect(_safe_next(url_for("followups.mine")))
