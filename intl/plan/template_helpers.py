"""Filters and globals the plan's templates (and the activity lists that filter by plan item) use; the
blueprint registers them."""

from __future__ import annotations

from flask import url_for
from flask_babel import format_decimal
from flask_babel import gettext as _

from ..core.access import may
from ..core.db import db
from ..core.i18n import current_locale_code
from ..partners.models import RELATIONSHIPS
from .activities import STATES, registry
from .linking import item_options
from .metrics import METRICS
from .models import PERIODS, PlanItem, PlanYear


def thousand(amount: int | None) -> str:
    """NT$ as thousands of NT$, the plan's unit: 8,395 or 1,130.5."""
    if amount is None:
        return "—"
    return format_decimal(amount / 1000, "#,##0.#")


def plan_item_options(years: list[int] | None = None) -> list[tuple[str, list]]:
    """Plan items grouped by year for the plan-item filter of activity lists."""
    return item_options(years)


def activity_url(kind_key: str, record_id: int) -> str | None:
    """The page of an activity of the plan's kinds, when the reader reaches it (None for kinds whose page is
    another record's)."""
    kind_ = registry().get(kind_key)
    if kind_ is None:
        return None
    endpoint, argument, column = kind_.detail
    if column is not kind_.model.id or not may(endpoint):
        return None
    return url_for(endpoint, **{argument: record_id})


def plan_item_link(item_id: int | None) -> dict | None:
    """{label, url} of the plan item a record counts towards (url only for those who may open the plan)."""
    if not item_id:
        return None
    item = db.session.get(PlanItem, item_id)
    if item is None:
        return None
    plan_year = db.session.get(PlanYear, item.plan_year_id)
    label = _("ROC year %(roc)d", roc=plan_year.roc_year) + " · " + item.label(current_locale_code())
    return {"label": label, "url": url_for("plan.item", item_id=item.id) if may("plan.item") else None}


def plan_list_kinds() -> list:
    """Plan kinds whose list page filters by plan item (and that the reader reaches)."""
    return [k for k in registry().values() if k.links_to_plan and k.list_endpoint and may(k.list_endpoint)]


def plan_labels():
    return {
        "PLAN_STATES": STATES,
        "PLAN_METRICS": METRICS,
        "PLAN_PERIODS": PERIODS,
        "plan_kind_label": lambda key: str(registry()[key].label) if key in registry() else key,
        "plan_kind_itemised": lambda key: key in registry() and registry()[key].itemised,
        "RELATIONSHIP_NAMES": {k: str(v) for k, v in RELATIONSHIPS.items()},
    }
