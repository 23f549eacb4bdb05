"""The intern's own pages (their placement, logging and editing hours) and the supervisor's approvals."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.forms import error_text
from ..core.pagination import SortTerm, paginate
from ..core.permissions import ADMIN, INTERN, STAFF, roles_required
from ..core.time import today_in
from . import placement_services, served
from .access import get_entry_or_404, get_placement_or_404
from .blueprint import bp
from .forms import EntryForm, ReviewForm
from .placement_models import ENTRY_LABELS, ActivityEntry, Placement
from .placement_services import LogRefused
from .services import OFFICE_ZONE

QUEUE_PAGE = 50
MAX_BULK = 500


@bp.route("/me")
@roles_required(INTERN)
def my_internship():
    placements = placement_services.placements_of(current_user)
    running = [p for p in placements if p.status == "active"]
    if len(running) == 1 or len(placements) == 1:
        return redirect(url_for("internships.placement", placement_id=(running or placements)[0].id))
    return render_template("internships/me.html", placements=placements)


def _entry_form(placement: Placement, entry: ActivityEntry | None) -> EntryForm:
    if entry is not None:
        data = {
            "work_on": entry.work_on,
            "hours": entry.minutes / 60,
            "description": entry.description,
            "served": served.choice_value(entry.served_kind, entry.served_id) if entry.served_kind else "",
            "version": entry.version,
        }
        current = (entry.served_kind, entry.served_id)
    else:
        data = {"work_on": min(today_in(OFFICE_ZONE), placement.end_on)}
        current = (None, None)
    form = EntryForm(data=None if request.method == "POST" else data)
    offered = served.choices_for(placement.start_on, placement.end_on, current)
    form.served.choices = {"": [("", _("Nothing in particular"))], **offered}
    return form


def _entry_fields(form: EntryForm, placement: Placement) -> dict | None:
    """The entry's values, or None after putting the problem on the form."""
    try:
        kind, record_id = served.parse_choice(form.served.data)
    except ValueError:
        form.served.errors = [_("Choose from the list.")]
        return None
    if kind is not None and not served.exists(kind, record_id):
        form.served.errors = [_("Choose from the list.")]
        return None
    try:
        placement_services.check_day(placement, form.work_on.data, today_in(OFFICE_ZONE))
    except LogRefused as error:
        form.work_on.errors = [str(error)]
        return None
    return {
        "work_on": form.work_on.data,
        "minutes": form.hours.minutes,
        "description": form.description.data.strip(),
        "served_kind": kind,
        "served_id": record_id,
    }


def _wants_submit() -> bool:
    return request.form.get("action") == "submit"


def _running_placement() -> Placement | None:
    """The placement an intern logs for: the one asked for, or their only running one."""
    value = request.args.get("placement", "")
    if value:
        if not value.isdigit():
            abort(400)
        return get_placement_or_404(int(value), need="log")
    running = [p for p in placement_services.placements_of(current_user) if p.status == "active"]
    if len(running) != 1:
        return None
    return running[0]


@bp.route("/me/log/new", methods=["GET", "POST"])
@roles_required(INTERN)
def new_entry():
    placement = _running_placement()
    if placement is None:
        running = [p for p in placement_services.placements_of(current_user) if p.status == "active"]
        flash(
            _("Choose the placement to log hours for.")
            if running
            else _("You have no running placement to log hours for."),
            "warning",
        )
        return redirect(url_for("internships.my_internship"))
    form = _entry_form(placement, None)
    if form.validate_on_submit():
        fields = _entry_fields(form, placement)
        if fields is not None:
            placement_services.add_entry(placement, _wants_submit(), **fields)
            db.session.commit()
            flash(
                _("Sent to your supervisor for approval.") if _wants_submit() else _("Saved as a draft."),
                "success",
            )
            return redirect(url_for("internships.placement", placement_id=placement.id))
    return render_template(
        "internships/entry_form.html", form=form, placement=placement, entry=None, conflict=None
    )


def _locked(entry: ActivityEntry):
    flash(_("An approved entry can no longer be changed."), "warning")
    return redirect(url_for("internships.placement", placement_id=entry.placement_id))


@bp.route("/log/<int:entry_id>/edit", methods=["GET", "POST"])
@roles_required(INTERN)
def edit_entry(entry_id: int):
    entry = get_entry_or_404(entry_id, need="own")
    placement = entry.placement
    if entry.status == "approved" or placement.status != "active":
        return _locked(entry)
    form = _entry_form(placement, entry)
    conflict = None
    if form.validate_on_submit():
        fields = _entry_fields(form, placement)
        if fields is not None:
            conflict = detect_conflict(entry, form.version.data, set_fields(fields), ENTRY_LABELS)
            if conflict is None:
                placement_services.update_entry(entry, _wants_submit(), **fields)
                db.session.commit()
                flash(_("The entry is saved."), "success")
                return redirect(url_for("internships.placement", placement_id=placement.id))
            if entry.status == "approved":
                return _locked(entry)
            form.version.data = entry.version
    return render_template(
        "internships/entry_form.html", form=form, placement=placement, entry=entry, conflict=conflict
    )


@bp.route("/log/<int:entry_id>/submit", methods=["POST"])
@roles_required(INTERN)
def submit_entry(entry_id: int):
    entry = get_entry_or_404(entry_id, need="own")
    if entry.status == "approved" or entry.placement.status != "active":
        return _locked(entry)
    placement_services.submit_entry(entry)
    db.session.commit()
    flash(_("Sent to your supervisor for approval."), "success")
    return redirect(url_for("internships.placement", placement_id=entry.placement_id))


@bp.route("/log/<int:entry_id>/delete", methods=["POST"])
@roles_required(INTERN)
def delete_entry(entry_id: int):
    entry = get_entry_or_404(entry_id, need="own")
    placement_id = entry.placement_id
    if entry.status == "approved" or entry.placement.status != "active":
        return _locked(entry)
    placement_services.delete_entry(entry)
    db.session.commit()
    flash(_("The entry is deleted."), "success")
    return redirect(url_for("internships.placement", placement_id=placement_id))


# --- supervisors -------------------------------------------------------------------------------------


@bp.route("/approvals")
@roles_required(*STAFF)
def approvals():
    everyone = current_user.role == ADMIN and request.args.get("all") == "1"
    stmt = (
        select(ActivityEntry)
        .join(Placement, ActivityEntry.placement_id == Placement.id)
        .where(ActivityEntry.status == "submitted")
        .options(joinedload(ActivityEntry.placement))
    )
    if not everyone:
        stmt = stmt.where(Placement.supervisor_id == current_user.id)
    page = paginate(
        db.session,
        stmt,
        [SortTerm(ActivityEntry.work_on), SortTerm(ActivityEntry.id)],  # the oldest work first
        request.args.get("cursor"),
        per_page=QUEUE_PAGE,
    )
    return render_template(
        "internships/approvals.html",
        page=page,
        everyone=everyone,
        served_labels=served.labels_for(page.items),
        review_form=ReviewForm(formdata=None),
    )


def _back(default: str) -> str:
    target = request.form.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@bp.route("/log/<int:entry_id>/review", methods=["POST"])
@roles_required(*STAFF)
def review_entry(entry_id: int):
    entry = get_entry_or_404(entry_id, need="review")
    form = ReviewForm()
    back = _back(url_for("internships.approvals"))
    if not form.validate_on_submit():
        flash(error_text(form), "danger")
        return redirect(back)
    action = request.form.get("action")
    try:
        if action == "approve":
            placement_services.approve_entry(entry, (form.comment.data or "").strip() or None)
            message = _("The entry is approved.")
        elif action == "return":
            placement_services.return_entry(entry, form.comment.data or "")
            message = _("The entry is returned to the intern.")
        else:
            raise LogRefused(_("Choose to approve or to return the entry."))
    except LogRefused as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(back)
    db.session.commit()
    flash(message, "success")
    return redirect(back)


@bp.route("/approvals/approve", methods=["POST"])
@roles_required(*STAFF)
def bulk_approve():
    form = ReviewForm()
    back = _back(url_for("internships.approvals"))
    if not form.validate_on_submit():
        abort(400)
    values = request.form.getlist("entry")
    if len(values) > MAX_BULK or not all(v.isdigit() for v in values):
        abort(400)
    entries = list(
        db.session.scalars(
            select(ActivityEntry)
            .where(ActivityEntry.id.in_({int(v) for v in values}))
            .options(joinedload(ActivityEntry.placement))
        )
    )
    if any(not entry.placement.can_review(current_user) for entry in entries):
        abort(403)
    if not entries:
        flash(_("Tick the entries to approve."), "warning")
        return redirect(back)
    count = placement_services.approve_entries(entries)
    db.session.commit()
    flash(ngettext("%(num)s entry approved.", "%(num)s entries approved.", count), "success")
    return redirect(back)
