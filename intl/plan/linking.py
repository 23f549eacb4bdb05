"""The plan's items as the activity features see them (registered with intl.core.plan_links): the options
of the plan-item picker, the year of an item, and an item's subtree for the list filters."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.plan_links import PlanItems
from .models import PlanItem, PlanYear
from .tree import PlanTree


def item_options(years: list[int] | None = None, include: int | None = None) -> list[tuple[str, list]]:
    """[(year label, [(item id, indented label), ...]), ...] of the plans of these years (every year when
    None), newest first, plus the year of the item `include`."""
    stmt = select(PlanYear).order_by(PlanYear.year.desc())
    wanted = set(years or [])
    if include:
        year = year_of(include)
        if year is not None:
            wanted.add(year)
    if years is not None:
        stmt = stmt.where(PlanYear.year.in_(wanted))
    plan_years = db.session.scalars(stmt).all()
    if not plan_years:
        return []
    items = db.session.scalars(select(PlanItem).where(PlanItem.plan_year_id.in_([y.id for y in plan_years])))
    trees: dict[int, list] = {}
    for item in items:
        trees.setdefault(item.plan_year_id, []).append(item)
    locale = current_locale_code()
    groups = []
    for plan_year in plan_years:
        tree = PlanTree(trees.get(plan_year.id, []))
        label = _("ROC year %(roc)d (%(year)d)", roc=plan_year.roc_year, year=plan_year.year)
        groups.append(
            (label, [(item.id, "\u3000" * depth + item.label(locale)) for item, depth in tree.ordered()])
        )
    return groups


def year_of(item_id: int) -> int | None:
    item = db.session.get(PlanItem, item_id)
    return None if item is None else db.session.get(PlanYear, item.plan_year_id).year


def subtree_ids(item_id: int) -> list[int]:
    """The item and its sub-items (for list filters: a section's records include its items')."""
    item = db.session.get(PlanItem, item_id)
    if item is None:
        return []
    return PlanTree.of_year(item.plan_year_id).subtree(item_id)


PLAN_ITEMS = PlanItems(options=item_options, year_of=year_of, subtree_ids=subtree_ids)
