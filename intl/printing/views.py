"""Printable PDFs: a delegation's itinerary (staff and interns) and a leader's briefing for one day.

Both ask the same permission methods as the pages do: programme_days and leader_engagements keep only the
engagements the user may see, and content.engagement_rows reduces those they may not read in detail to
"Busy".
"""

from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, abort, render_template
from flask_login import current_user

from ..core.bilingual import printed_at
from ..core.db import db
from ..core.pdf import pdf_response
from ..core.permissions import roles_required
from ..delegations.views import get_delegation_or_404, programme_days
from ..schedule.models import Leader
from ..schedule.queries import leader_engagements
from . import content

bp = Blueprint("printing", __name__)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@bp.route("/delegations/<int:delegation_id>/itinerary.pdf")
@roles_required("admin", "officer", "intern")
def itinerary(delegation_id: int):
    delegation = get_delegation_or_404(delegation_id)
    other = content.second_locale(delegation.partners)
    days = programme_days(delegation, current_user)
    # All rows at once, so that participants' names load in one query per kind, not one per day.
    rows = {
        row["id"]: row
        for row in content.engagement_rows([e for _d, items in days for e in items], current_user, other)
    }
    programme = [(content.long_date(day, other), [rows[e.id] for e in items]) for day, items in days]
    html = render_template(
        "print/itinerary.html",
        other=other,
        printed=printed_at(other),
        header=content.delegation_header(delegation, other),
        programme=programme,
        members=content.member_rows(delegation, current_user, other, content.place_zone(delegation)),
    )
    return pdf_response(html, f"itinerary-{delegation.id}.pdf")


@bp.route("/schedule/briefing/<int:leader_id>/<day>.pdf")
@roles_required("admin", "officer", "leader")
def briefing(leader_id: int, day: str):
    if not ISO_DAY.fullmatch(day):
        abort(400)
    try:
        when = date.fromisoformat(day)
    except ValueError:
        abort(400)
    leader = db.session.get(Leader, leader_id) or abort(404)
    other = "en"  # a leader's day mixes partners: Chinese and English
    engagements = leader_engagements([leader.id], when, when)
    html = render_template(
        "print/briefing.html",
        other=other,
        printed=printed_at(other),
        leader={"title": content.names(leader.title, other), "name": content.names(leader.names, other)},
        day=content.long_date(when, other),
        rows=content.engagement_rows(engagements, current_user, other),
    )
    return pdf_response(html, f"briefing-{leader.id}-{when.isoformat()}.pdf")
