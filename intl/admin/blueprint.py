"""All admin URLs (users and roles, the audit log, the archive) and the labels their templates use. Every
page is the administrators'."""

from __future__ import annotations

from flask import Blueprint

from ..auth.models import USER_LABELS
from . import views

bp = Blueprint("admin", __name__, url_prefix="/admin")

BOTH = ["GET", "POST"]

bp.add_url_rule("/users", "users", views.users)
bp.add_url_rule("/users/new", "create_user_view", views.create_user_view, methods=BOTH)
bp.add_url_rule("/users/<int:user_id>/edit", "edit_user", views.edit_user, methods=BOTH)
bp.add_url_rule("/audit", "audit_log", views.audit_log)
bp.add_url_rule("/archive", "archive_list", views.archive_list)
bp.add_url_rule(
    "/archive/<kind>/<int:record_id>/restore", "restore_record", views.restore_record, methods=["POST"]
)
bp.add_url_rule("/archive/<kind>/<int:record_id>/purge", "purge_record", views.purge_record, methods=["POST"])


@bp.context_processor
def admin_labels():
    return {"USER_LABELS": USER_LABELS}
