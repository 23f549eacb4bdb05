"""Follow-up pages: 'My follow-ups', adding one to a letter or meeting, editing, and the one place a follow-up's
status changes (the follow-ups page, the home page and a delegation's page all post here). HTTP only: the URL
table is in blueprint.py, the rules in access.py."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.access import STAFF, allow, can, load_or_404
from ..core.conflicts import EditConflict
from ..core.db import db
from ..core.time import office_today
from ..core.urls import safe_next
from . import services, sources
from .access import OWNERS
from .forms import FollowUpEditForm, FollowUpForm
from .models import FOLLOWUP_STATUSES, FollowUp
from .queries import VIEWS, listing

LIST_LIMIT = 500


def _next(default: str) -> str:
    return safe_next(request.values.get("next"), default)


@allow(OWNERS)
def mine():
    view = request.args.get("view") if request.args.get("view") in VIEWS else "open"
    owner: int | str = current_user.id
    who = request.args.get("owner", "me")
    if who in ("all", "none") and can(current_user, FollowUp, "list_others"):
        owner = who
    else:
        who = "me"
    today = office_today()
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


@allow(STAFF)
def create(source_kind: str, source_id: int):
    record = sources.load(source_kind, source_id)
    if record is None or getattr(record, "archived_at", None) is not None:
        abort(404)
    if not sources.may(current_user, record, "edit"):
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


@allow(STAFF)
def edit(followup_id: int):
    followup = load_or_404(FollowUp, followup_id, need="edit")
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
        try:
            services.update_followup(followup, form.version.data, **fields)
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = followup.version
        else:
            db.session.commit()
            flash(_("The follow-up is saved."), "success")
            return redirect(_next(url_for("followups.mine")))
    return render_template(
        "followups/form.html", form=form, followup=followup, source=source, conflict=conflict
    )


@allow(OWNERS)
def set_status(followup_id: int):
    followup = load_or_404(FollowUp, followup_id, need="status")
    status = request.form.get("status")
    if status not in FOLLOWUP_STATUSES:
        abort(400)
    services.set_status(followup, status)
    db.session.commit()
    flash(_("The follow-up is marked done.") if status == "done" else _("The follow-up is saved."), "success")
    return redirect(_next(url_for("followups.mine")))
