"""Loading a record for a request and checking who may do what with it: 404 when it does not exist (or is
archived, for all but administrators), 403 when this user may not."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..core.db import db
from .models import InternshipApplication, InternshipPosition, InternshipProgramme
from .placement_models import ActivityEntry, Placement


def _hidden(record) -> bool:
    return record is None or (getattr(record, "archived_at", None) is not None and not current_user.is_admin)


def get_programme_or_404(programme_id: int, need: str = "view") -> InternshipProgramme:
    programme = db.session.get(InternshipProgramme, programme_id)
    if _hidden(programme):
        abort(404)
    if not (programme.can_edit(current_user) if need == "edit" else programme.can_view(current_user)):
        abort(403)
    return programme


def get_position_or_404(position_id: int) -> InternshipPosition:
    position = db.session.get(InternshipPosition, position_id)
    if position is None or _hidden(position.programme):
        abort(404)
    if not position.programme.can_edit(current_user):
        abort(403)
    return position


def get_application_or_404(application_id: int, need: str = "view") -> InternshipApplication:
    application = db.session.get(InternshipApplication, application_id)
    if _hidden(application):
        abort(404)
    allowed = application.can_edit(current_user) if need == "edit" else application.can_view(current_user)
    if not allowed:
        abort(403)
    return application


PLACEMENT_CHECKS = {
    "view": Placement.can_view,
    "edit": Placement.can_edit,
    "review": Placement.can_review,
    "log": Placement.can_log,
}


def get_placement_or_404(placement_id: int, need: str = "view") -> Placement:
    placement = db.session.get(Placement, placement_id)
    if placement is None:
        abort(404)
    if not PLACEMENT_CHECKS[need](placement, current_user):
        abort(403)
    return placement


def get_entry_or_404(entry_id: int, need: str = "edit") -> ActivityEntry:
    """need="own": the intern's own entry (any state); "edit": theirs and not yet approved;
    "review": the supervisor's (or an administrator's)."""
    entry = db.session.get(ActivityEntry, entry_id)
    if entry is None:
        abort(404)
    placement = entry.placement
    if need == "review":
        allowed = placement.can_review(current_user)
    else:
        allowed = current_user.role == "intern" and placement.intern_id == current_user.id
    if not allowed:
        abort(403)
    return entry
