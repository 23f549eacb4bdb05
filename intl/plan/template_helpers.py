"""Filters and globals the plan's templates (and the activity lists that filter by plan item) use."""

from __future__ import annotations

from flask_babel import format_decimal

from ..partners.models import RELATIONSHIPS
from .activities import STATES, registry
from .blueprint import bp
from .linking import item_options
from .metrics import METRICS
from .models import PERIODS


@bp.app_template_filter("thousand")
def thousand(amount: int | None) -> str:
    """NT$ as thousands of NT$, the plan's unit: 8,395 or 1,130.5."""
    if amount is None:
        return "—"
    return format_decimal(amount / 1000, "#,##0.#")


@bp.app_template_global()
def plan_item_options(years: list[int] | None = None) -> list[tuple[str, list]]:
    """Plan items grouped by year for the plan-item filter of activity lists."""
    return item_options(years)


@bp.context_processor
def plan_labels():
    return {
        "PLAN_STATES": STATES,
        "PLAN_METRICS": METRICS,
        "PLAN_PERIODS": PERIODS,
        "plan_kind_label": lambda key: str(registry()[key].label) if key in registry() else key,
        "RELATIONSHIP_NAMES": {k: str(v) for k, v in RELATIONSHIPS.items()},
    }
