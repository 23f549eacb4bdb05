"""All event URLs: events and their programme (event_views), registrations and check-in
(registration_views), invitation lists and mail merge (invitation_views), and the guests' public pages
(public_views: /register/<token>, no sign-in)."""

from flask import Blueprint

bp = Blueprint("events", __name__)

from . import (  # noqa: E402, F401  (register the routes)
    event_views,
    invitation_views,
    mailing_views,  # noqa: E402
    public_views,
    registration_views,
)

bp.add_url_rule(
    "/events/<int:event_id>/invitations/send",
    "send_invitations",
    mailing_views.send_invitations,
    methods=["POST"],
)
