"""The home page (what needs the user's attention today, the partners at a glance, the year's anniversaries)
and the record pickers' suggestions."""

from __future__ import annotations

from datetime import timedelta

from flask import jsonify, render_template, request
from flask_login import current_user

from ..core.access import EVERYONE, READERS, allow, may
from ..core.pickers import suggestions
from ..core.time import office_today
from ..followups.queries import home_followups
from ..gifts.queries import home_gift_reports
from ..partners.anniversaries import anniversaries_between
from ..partners.models import AGREEMENT_TYPES, RELATIONSHIPS
from ..partners.standing import COUNTED, counted_total, standing_counts
from ..plan.budget import budget_alerts

# The home page lists the year's anniversaries up to this many, then says how many more (as the dashboard
# does): a city with thousands of ties has hundreds of round anniversaries a year, and listing them all took
# the page to 190 ms on PostgreSQL at 10,000 partners. An office's usual dozen are all shown.
ANNIVERSARY_LIMIT = 50


@allow(EVERYONE)
def index():
    today = office_today()
    counts = standing_counts() if may("partners.index") else {}  # every partner, by its ties in force
    anniversaries, anniversary_total = anniversaries_between(
        today, today + timedelta(days=365), ANNIVERSARY_LIMIT
    )
    return render_template(
        "home/index.html",
        budget_alerts=budget_alerts(current_user, today),
        **home_followups(current_user, today),
        **home_gift_reports(current_user, today),
        anniversaries=anniversaries,
        anniversary_total=anniversary_total,
        counts=counts,
        counted_total=counted_total(counts),
        COUNTED=COUNTED,
        today=today,
        RELATIONSHIP_LABELS=RELATIONSHIPS,
        AGREEMENT_TYPES=AGREEMENT_TYPES,
    )


@allow(READERS)
def lookup(kind: str):
    """Suggestions for the record pickers in forms: JSON [{id, label}] from the search index."""
    query = (request.args.get("q") or "").strip()[:100]
    return jsonify(suggestions(kind, query) if query else [])
