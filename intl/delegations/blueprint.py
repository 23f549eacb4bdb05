"""All delegation URLs, and the labels the delegation templates read."""

from flask import Blueprint

from ..contacts.models import NEEDS
from ..followups.models import FOLLOWUP_STATUSES
from ..schedule.models import ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, VISIBILITIES
from . import access, views  # noqa: F401  (access: the delegation policies)
from .models import CATEGORIES, DELEGATION_STATUSES, DIRECTIONS, MEMBER_ROLES

bp = Blueprint("delegations", __name__)

# (path, endpoint, view, methods)
URLS = [
    ("/delegations", "index", views.index, ["GET"]),
    ("/delegations/new", "create", views.create, ["GET", "POST"]),
    ("/delegations/<int:delegation_id>", "detail", views.detail, ["GET"]),
    ("/delegations/<int:delegation_id>/edit", "edit", views.edit, ["GET", "POST"]),
    ("/delegations/<int:delegation_id>/archive", "archive", views.archive, ["POST"]),
    ("/delegations/<int:delegation_id>/members/new", "add_member", views.add_member, ["GET", "POST"]),
    ("/delegations/<int:delegation_id>/members/<int:member_id>", "edit_member", views.edit_member, ["GET", "POST"]),
    ("/delegations/<int:delegation_id>/members/<int:member_id>/remove", "remove_member", views.remove_member, ["POST"]),
    ("/delegations/<int:delegation_id>/outcome", "outcome", views.outcome, ["GET", "POST"]),
    ("/delegations/<int:delegation_id>/followups", "add_followup", views.add_followup, ["POST"]),
    ("/delegations/<int:delegation_id>/attachments", "add_attachment", views.add_attachment, ["POST"]),
    ("/delegations/<int:delegation_id>/attachments/<int:attachment_id>", "attachment", views.attachment, ["GET"]),
    ("/delegations/<int:delegation_id>/copy", "copy", views.copy, ["GET", "POST"]),
    ("/delegations/<int:delegation_id>/itinerary.ics", "itinerary_ics", views.itinerary_ics, ["GET"]),
]  # fmt: skip

for path, endpoint, view, methods in URLS:
    bp.add_url_rule(path, endpoint, view, methods=methods)


@bp.context_processor
def labels():
    def translated(mapping):
        return {k: str(v) for k, v in mapping.items()}

    return {
        "DIRECTIONS": translated(DIRECTIONS),
        "DELEGATION_STATUSES": translated(DELEGATION_STATUSES),
        "CATEGORIES": translated(CATEGORIES),
        "MEMBER_ROLES": translated(MEMBER_ROLES),
        "ENGAGEMENT_KINDS": translated(ENGAGEMENT_KINDS),
        "ENGAGEMENT_STATUSES": translated(ENGAGEMENT_STATUSES),
        "VISIBILITIES": translated(VISIBILITIES),
        "FOLLOWUP_STATUSES": translated(FOLLOWUP_STATUSES),
        "NEEDS_LABELS": translated(NEEDS),
    }
