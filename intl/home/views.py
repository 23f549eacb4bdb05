"""The home page (what needs the user's attention today, the partners at a glance, the year's anniversaries)
and the record pickers' suggestions."""

from __future__ import annotations

from flask import jsonify, render_template, request
from flask_login import current_user

from ..core.access import EVERYONE, READERS, allow, may
from ..core.pickers import suggestions
from ..core.time import office_today
from ..followups.queries import home_followups
from ..gifts.queries import home_gift_reports
from ..partners.anniversaries import upcoming_anniversaries
from ..partners.models import AGREEMENT_TYPES, RELATIONSHIPS
from ..partners.standing import COUNTED, counted_total, standing_counts
from ..plan.budget import budget_alerts


@allow(EVERYONE)
def index():
    today = office_today()
    counts = standing_counts() if may("partners.index") else {}  # every partner, by its ties in force
    return render_template(
        "home/index.html",
        budget_alerts=budget_alerts(current_user, today),
        **home_followups(current_user, today),
        **home_gift_reports(current_user, today),
        anniversaries=upcoming_anniversaries(today, days=365),
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
