"""The intern's own pages (their placement, logging and editing hours) and the supervisor's approvals."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...core.access import STAFF, allow, can, load_or_404
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.forms import error_text
from ...core.pagination import paginate
from ...core.time import office_today
from ...core.urls import safe_next
from .. import placement_services, queries, served
from ..access import INTERNS
from ..forms import EntryForm, ReviewForm
from ..placement_models import ActivityEntry, Placement
from ..placement_services import LogRefused

QUEUE_PAGE = 50
MAX_BULK = 500


@allow(INTERNS)
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
        data = {"work_on": min(office_today(), placement.end_on)}
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
        placement_services.check_day(placement, form.work_on.data, office_today())
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
        return load_or_404(Placement, int(value), need="log")
    running = [p for p in placement_services.placements_of(current_user) if p.status == "active"]
    if len(running) != 1:
        return None
    return running[0]


@allow(INTERNS)
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


@allow(INTERNS)
def edit_entry(entry_id: int):
    entry = load_or_404(ActivityEntry, entry_id, need="edit")
    placement = entry.placement
    if entry.status == "approved" or placement.status != "active":
        return _locked(entry)
    form = _entry_form(placement, entry)
    conflict = None
    if form.validate_on_submit():
        fields = _entry_fields(form, placement)
        if fields is not None:
            try:
                placement_services.update_entry(
                    entry, _wants_submit(), expected_version=form.version.data, **fields
                )
            except EditConflict as error:
                if entry.status == "approved":
                    return _locked(entry)
                conflict = error.conflict
                form.version.data = entry.version
            else:
                db.session.commit()
                flash(_("The entry is saved."), "success")
                return redirect(url_for("internships.placement", placement_id=placement.id))
    return render_template(
        "internships/entry_form.html", form=form, placement=placement, entry=entry, conflict=conflict
    )


@allow(INTERNS)
def submit_entry(entry_id: int):
    entry = load_or_404(ActivityEntry, entry_id, need="edit")
    if entry.status == "approved" or entry.placement.status != "active":
        return _locked(entry)
    placement_services.submit_entry(entry)
    db.session.commit()
    flash(_("Sent to your supervisor for approval."), "success")
    return redirect(url_for("internships.placement", placement_id=entry.placement_id))


@allow(INTERNS)
def delete_entry(entry_id: int):
    entry = load_or_404(ActivityEntry, entry_id, need="edit")
    placement_id = entry.placement_id
    if entry.status == "approved" or entry.placement.status != "active":
        return _locked(entry)
    placement_services.delete_entry(entry)
    db.session.commit()
    flash(_("The entry is deleted."), "success")
    return redirect(url_for("internships.placement", placement_id=placement_id))


# --- supervisors -------------------------------------------------------------------------------------


@allow(STAFF)
def approvals():
    everyone = request.args.get("all") == "1" and can(current_user, Placement, "review_all")
    stmt, terms = queries.approval_queue(None if everyone else current_user.id)
    page = paginate(db.session, stmt, terms, request.args.get("cursor"), per_page=QUEUE_PAGE)
    return render_template(
        "internships/approvals.html",
        page=page,
        everyone=everyone,
        served_labels=served.labels_for(page.items),
        review_form=ReviewForm(formdata=None),
    )


def _back(default: str) -> str:
    return safe_next(request.form.get("next"), default)


@allow(STAFF)
def review_entry(entry_id: int):
    entry = load_or_404(ActivityEntry, entry_id, need="review")
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


@allow(STAFF)
def bulk_approve():
    form = ReviewForm()
    back = _back(url_for("internships.approvals"))
    if not form.validate_on_submit():
        abort(400)
    values = request.form.getlist("entry")
    if len(values) > MAX_BULK or not all(v.isdigit() for v in values):
        abort(400)
    entries = queries.entries_with_placements({int(v) for v in values})
    if any(not can(current_user, entry, "review") for entry in entries):
        abort(403)
    if not entries:
        flash(_("Tick the entries to approve."), "warning")
        return redirect(back)
    count = placement_services.approve_entries(entries)
    db.session.commit()
    flash(ngettext("%(num)s entry approved.", "%(num)s entries approved.", count), "success")
    return redirect(back)
