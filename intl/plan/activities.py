"""The activity kinds the plan, its budget and its report count: one explicit entry per kind.

Every figure of the budget, the targets, the report and the dashboard is computed from these entries, and
the page listing "the records behind a figure" runs the same queries, so a figure and its list cannot differ.

An entry says, with SQL expressions on the kind's own model:
- `day`: the date the record counts on (a Date column, or a UTC datetime column with `day_is_instant`);
- `live`: which rows exist at all (not archived);
- `title` and `detail`: what to show in lists, and the record's page as (endpoint, argument, column);
- for kinds that link to the plan (`plan_item` set): `status` with `states` mapping each status to one of
  DONE / UNDER_WAY / CONFIRMED / PROPOSED / CANCELLED, `actual_cost` and `planned_cost` in NT$, `categories`
  (a JSON list of intl.delegations.models.CATEGORIES codes) and `direction` (inbound / outbound, or the kind's
  own subtype), and `list_endpoint` (its list page, which accepts ?plan_item=<id>);
- `partner_pairs`: a SELECT of (record_id, partner_id) when the kind concerns partner cities;
- `measures`: named numeric columns a metric can sum (a lecture's attendance, an event's participants).

Kinds that concern partners but do not link to the plan (interactions, agreements) still count in the
exchange statistics and for dormant partners. Events, lectures, courses, internship programmes, letters and
gifts get an entry each when their packages land (a `plan_item_id` column on their model, a factory below,
one line in KIND_FACTORIES; metrics that count them are already declared in metrics.py as pending).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

DONE, UNDER_WAY, CONFIRMED, PROPOSED, CANCELLED = "done", "under_way", "confirmed", "proposed", "cancelled"
STATES = {
    DONE: _l("Done"),
    UNDER_WAY: _l("Under way"),
    CONFIRMED: _l("Confirmed"),
    PROPOSED: _l("Proposed"),
    CANCELLED: _l("Cancelled"),
}
CARRIED_OUT = frozenset({DONE, UNDER_WAY})


@dataclass(frozen=True)
class ActivityKind:
    key: str
    label: Any  # lazy plural: "Delegations"
    model: type
    day: Any
    live: Callable[[], Any]
    title: Any
    detail: tuple[str, str, Any]  # (endpoint, argument name, column giving its value) of the record's page
    day_is_instant: bool = False
    plan_item: Any = None
    status: Any = None
    states: dict[str, str] = field(default_factory=dict)
    actual_cost: Any = None
    planned_cost: Any = None
    categories: Any = None
    direction: Any = None
    partner_pairs: Callable[[], Any] | None = None
    measures: dict[str, Any] = field(default_factory=dict)
    list_endpoint: str | None = None

    @property
    def links_to_plan(self) -> bool:
        return self.plan_item is not None

    def state_of(self, status: str | None) -> str:
        return self.states.get(status or "", PROPOSED)


def _delegation() -> ActivityKind:
    from ..delegations.models import Delegation, delegation_partner

    return ActivityKind(
        key="delegation",
        label=_l("Delegations"),
        model=Delegation,
        day=Delegation.start_on,
        live=lambda: Delegation.archived_at.is_(None),
        title=Delegation.title,
        detail=("delegations.detail", "delegation_id", Delegation.id),
        plan_item=Delegation.plan_item_id,
        status=Delegation.status,
        states={
            "proposed": PROPOSED,
            "confirmed": CONFIRMED,
            "under_way": UNDER_WAY,
            "done": DONE,
            "cancelled": CANCELLED,
        },
        actual_cost=Delegation.actual_cost,
        planned_cost=Delegation.budget,
        categories=Delegation.categories,
        direction=Delegation.direction,
        partner_pairs=lambda: select(
            delegation_partner.c.delegation_id.label("record_id"),
            delegation_partner.c.partner_id.label("partner_id"),
        ),
        list_endpoint="delegations.index",
    )


def _interaction() -> ActivityKind:
    from ..interactions.models import Interaction, InteractionLink

    return ActivityKind(
        key="interaction",
        label=_l("Interactions"),
        model=Interaction,
        day=Interaction.occurred_at,
        day_is_instant=True,
        live=lambda: Interaction.archived_at.is_(None),
        title=Interaction.subject,
        detail=("interactions.edit", "interaction_id", Interaction.id),
        direction=Interaction.kind,
        partner_pairs=lambda: select(
            InteractionLink.interaction_id.label("record_id"), InteractionLink.entity_id.label("partner_id")
        ).where(InteractionLink.kind == "partner"),
    )


def _agreement() -> ActivityKind:
    from ..partners.models import Agreement

    return ActivityKind(
        key="agreement",
        label=_l("Agreements signed"),
        model=Agreement,
        day=Agreement.signed_on,
        live=lambda: (Agreement.archived_at.is_(None)) & (Agreement.void.is_(False)),
        title=Agreement.title,
        detail=("partners.detail", "partner_id", Agreement.partner_id),
        direction=Agreement.agreement_type,
        partner_pairs=lambda: select(
            Agreement.id.label("record_id"), Agreement.partner_id.label("partner_id")
        ),
    )


# The registry, in the order the report lists kinds. Add one line per new kind (see the module docstring).
KIND_FACTORIES: dict[str, Callable[[], ActivityKind]] = {
    "delegation": _delegation,
    "interaction": _interaction,
    "agreement": _agreement,
}


@lru_cache(maxsize=1)
def registry() -> dict[str, ActivityKind]:
    return {key: factory() for key, factory in KIND_FACTORIES.items()}


def kind(key: str) -> ActivityKind:
    return registry()[key]


def plan_kinds() -> list[ActivityKind]:
    """Kinds whose records link to a plan item (and so count for its budget and targets)."""
    return [k for k in registry().values() if k.links_to_plan]


def exchange_kinds() -> list[ActivityKind]:
    """Kinds that concern partner cities: the exchange statistics and dormant partners."""
    return [k for k in registry().values() if k.partner_pairs is not None]


def money(
    kind_: ActivityKind, status: str | None, actual: int | None, planned: int | None
) -> tuple[int, int]:
    """(spent, committed) in NT$ of one activity.

    Money recorded as spent is spent, whatever the status (a prepaid ticket, a cancellation fee). What is not
    spent yet is committed when the activity is confirmed or under way (its budget less what is already
    spent), or done without its actual cost recorded yet (the bill is still to come). Proposed and cancelled
    activities commit nothing.
    """
    state = kind_.state_of(status)
    spent = actual or 0
    if state == DONE:
        return spent, (planned or 0) if actual is None else 0
    if state in (CONFIRMED, UNDER_WAY):
        return spent, max((planned or 0) - spent, 0)
    return spent, 0
