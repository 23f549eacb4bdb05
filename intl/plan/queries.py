"""What the plan's pages read besides the budget and the report: the plan years, this year's plan, targets
per item, a year's expenses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..core.db import db
from .models import Expense, PlanItem, PlanTarget, PlanYear


def plan_years() -> list[PlanYear]:
    return list(db.session.scalars(select(PlanYear).order_by(PlanYear.year.desc())))


def plan_year_numbered(year: int) -> PlanYear | None:
    """The plan of a (Gregorian) year, as the plan's addresses name it."""
    return db.session.scalar(select(PlanYear).where(PlanYear.year == year))


def current_plan_year(today: date) -> PlanYear | None:
    """This year's plan; else the plan most recently changed; else None."""
    current = plan_year_numbered(today.year)
    if current is None:
        latest = db.session.scalar(
            select(PlanItem.plan_year_id).order_by(PlanItem.updated_at.desc(), PlanItem.id.desc()).limit(1)
        )
        current = db.session.get(PlanYear, latest) if latest else None
    return current


def target_counts(item_ids) -> dict[int, int]:
    """item id -> how many targets it has."""
    return dict(
        db.session.execute(
            select(PlanTarget.item_id, func.count())
            .where(PlanTarget.item_id.in_(list(item_ids) or [-1]))
            .group_by(PlanTarget.item_id)
        ).all()
    )


def expenses_of(plan_year: PlanYear) -> list[Expense]:
    """A year's expenses, the latest first."""
    return list(
        db.session.scalars(
            select(Expense)
            .join(PlanItem)
            .where(PlanItem.plan_year_id == plan_year.id)
            .order_by(Expense.spent_on.desc(), Expense.id.desc())
        )
    )
