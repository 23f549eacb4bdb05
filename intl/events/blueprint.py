"""All event URLs: events and their programme (event_views), registrations and check-in
(registration_views), invitation lists and mail merge (invitation_views), and the guests' public pages
(public_views: /register/<token>, no sign-in)."""

from flask import Blueprint

bp = Blueprint("events", __name__)

from . import event_views, invitation_views, public_views, registration_views  # noqa: E402, F401  (register the routes)
