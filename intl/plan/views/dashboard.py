"""The dashboard for leadership and officers, and the base map it draws partner cities on."""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import allow
from ...core.i18n import format_month
from ...core.time import office_today
from ...delegations.models import CATEGORIES
from ...partners.models import AGREEMENT_TYPES, RELATIONSHIPS
from ..access import DASHBOARD_READERS
from ..dashboard import dashboard_data, map_markup
from ..stats import NO_CATEGORY
from ..worldmap import WIDTH, base_map, project, view_height

HOME = (120.30, 22.62)  # Kaohsiung City Hall


def chart_json(chart) -> dict:
    """The chart's data for static/js/plan-dashboard.js (passed as JSON, never pasted into a script)."""
    return {
        "labels": [format_month(m, "short") for m in chart.months],
        "datasets": [
            {
                "key": key,
                "label": str(CATEGORIES[key]) if key in CATEGORIES else _("Uncategorized"),
                "data": counts,
            }
            for key, counts in chart.series.items()
        ],
        "title": _("Activities per month by category"),
        "note": _("Done, under way or confirmed; an activity with two categories counts in both."),
    }


@allow(DASHBOARD_READERS)
def dashboard():
    day = office_today()
    data = dashboard_data(current_user, day)
    data["chart"] = chart_json(data["chart"])
    relationships = {k: str(v) for k, v in RELATIONSHIPS.items()}
    data["map_markup"] = map_markup(data.pop("points"), relationships)
    return render_template(
        "plan/dashboard.html",
        today=day,
        map_width=WIDTH,
        map_height=view_height(),
        home=project(*HOME),
        RELATIONSHIPS=relationships,
        AGREEMENT_TYPES=AGREEMENT_TYPES,
        CATEGORIES={k: str(v) for k, v in CATEGORIES.items()},
        NO_CATEGORY=NO_CATEGORY,
        **data,
    )


@allow(DASHBOARD_READERS)
def world_map():
    svg, etag = base_map()
    if request.if_none_match.contains(etag):
        return Response(status=304, headers={"ETag": f'"{etag}"'})
    return Response(
        svg,
        mimetype="image/svg+xml",
        headers={"ETag": f'"{etag}"', "Cache-Control": "private, max-age=86400"},
    )
