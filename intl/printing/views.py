"""Printable PDFs: a delegation's itinerary and a leader's briefing for one day.

Both ask the same rules as the pages and the downloads: the itinerary opens to those who may read the
programme (a leader on the trip too) and lists the engagements the reader may see (delegations.queries
.programme_days); the briefing opens to those who may read that leader's schedule (LeaderPolicy.schedule, as a
subscription or a download); content.engagement_rows reduces what the reader may not read in detail to "Busy",
and the members' personal details go through the personal-data door.
"""

from __future__ import annotations

import re
from datetime import date

from flask import abort, render_template, request
from flask_login import current_user

from ..core.access import EVERYONE, LEADERSHIP, allow, load_or_404
from ..core.bilingual import long_date, names, printed_at, second_locale
from ..core.pdf import pdf_response
from ..delegations.models import Delegation
from ..delegations.queries import programme_days
from ..schedule.models import Leader
from ..schedule.queries import leader_engagements
from ..workdays.eras import ERA_CHOICES, document_era, era_date
from . import content

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@allow(EVERYONE)
def itinerary(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id, need="itinerary")
    asked = request.args.get("era", "")
    if asked not in ERA_CHOICES:
        abort(400)
    era = document_era([p.country for p in delegation.partners], asked)
    other = second_locale(delegation.partners)
    days = programme_days(delegation, current_user)
    # All rows at once, so that participants' names load in one query per kind, not one per day.
    rows = {
        row["id"]: row
        for row in content.engagement_rows([e for _d, items in days for e in items], current_user, other)
    }
    lines = content.day_lines(delegation, current_user, other)
    programme = [
        (
            {**long_date(day, other), "era": era_date(day, era) if era else ""},
            [rows[e.id] for e in items],
            lines.get(day, []),
        )
        for day, items in days
    ]
    header = content.delegation_header(delegation, other)
    if era:  # the partner's own era (the document asked for it, or the partner is Japanese or Thai)
        first, last = era_date(delegation.start_on, era), era_date(delegation.end_on, era)
        header["era_dates"] = first if first == last else f"{first} – {last}"
    html = render_template(
        "print/itinerary.html",
        other=other,
        printed=printed_at(other),
        header=header,
        programme=programme,
        members=content.member_rows(delegation, current_user, other, content.place_zone(delegation)),
    )
    return pdf_response(html, f"itinerary-{delegation.id}.pdf")


@allow(LEADERSHIP)
def briefing(leader_id: int, day: str):
    if not ISO_DAY.fullmatch(day):
        abort(400)
    try:
        when = date.fromisoformat(day)
    except ValueError:
        abort(400)
    leader = load_or_404(Leader, leader_id, need="schedule")
    other = "en"  # a leader's day mixes partners: Chinese and English
    engagements = leader_engagements([leader.id], when, when)
    html = render_template(
        "print/briefing.html",
        other=other,
        printed=printed_at(other),
        leader={"title": names(leader.title, other), "name": names(leader.names, other)},
        day=long_date(when, other),
        rows=content.engagement_rows(engagements, current_user, other),
    )
    return pdf_response(html, f"briefing-{leader.id}-{when.isoformat()}.pdf")
