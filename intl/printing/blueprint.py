"""The printable sheets' URLs."""

from flask import Blueprint

from . import views

bp = Blueprint("printing", __name__)

bp.add_url_rule(
    "/delegations/<int:delegation_id>/itinerary.pdf", "itinerary", views.itinerary, methods=["GET"]
)
bp.add_url_rule("/schedule/briefing/<int:leader_id>/<day>.pdf", "briefing", views.briefing, methods=["GET"])
