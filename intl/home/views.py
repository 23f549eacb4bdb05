from __future__ import annotations

from flask import Blueprint, current_app, render_template
from sqlalchemy import func, select

from ..core.db import db
from ..core.permissions import has_role
from ..core.time import today_in
from ..partners.anniversaries import upcoming_anniversaries
from ..partners.models import AGREEMENT_TYPES, RELATIONSHIPS, Partner

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    today = today_in(current_app.config["OFFICE_TIMEZONE"])
    anniversaries = upcoming_anniversaries(today, days=365)
    counts = {}
    if has_role("admin", "officer", "intern"):
        counts = dict(
            db.session.execute(
                select(Partner.relationship, func.count())
                .where(Partner.archived_at.is_(None))
                .group_by(Partner.relationship)
            ).all()
        )
    from flask_login import current_user

    from ..followups.queries import home_followups
    from ..gifts.queries import home_gift_reports
    from ..plan.budget import budget_alerts

    return render_template(
        "home/index.html",
        budget_alerts=budget_alerts(current_user, today),
        **home_followups(current_user, today),
        **home_gift_reports(current_user, today),
        anniversaries=anniversaries,
        counts=counts,
        today=today,
        RELATIONSHIP_LABELS=RELATIONSHIPS,
        AGREEMENT_TYPES=AGREEMENT_TYPES,
    )


@bp.route("/lookup/<any(organization, partner, contact):kind>")
def lookup(kind: str):
    """Suggestions for the record pickers in forms: JSON [{id, label}] from the search index."""
    from flask import abort, jsonify, request

    from ..core.pickers import suggestions

    if not has_role("admin", "officer", "intern"):
        abort(403)
    query = (request.args.get("q") or "").strip()[:100]
    return jsonify(suggestions(kind, query) if query else [])
