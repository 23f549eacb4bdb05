"""Spending against the plan's budget: spent, committed and remaining per item and in total, and the alerts at
80 % and 100 % of an item's budget.

- spent: actual costs of the activities linked to the item (money recorded as spent, whatever the status),
  plus the item's expenses, on days of the period;
- committed: what confirmed and under-way activities will still cost (their budget less what is spent), and
  the budget of done activities whose actual cost is not recorded yet;
- remaining: planned − spent − committed.
An item's figures include its sub-items'. Alerts compare spent + committed with the item's budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..core.access import can
from ..core.db import db
from . import rows as activity_rows
from .models import PlanItem, PlanYear
from .tree import PlanTree

WARNING_RATIO = 0.8
OVER_RATIO = 1.0


@dataclass
class BudgetLine:
    planned: int | None  # NT$; None: funded by the parent's line
    spent: int = 0
    committed: int = 0
    spent_refs: list = field(default_factory=list)
    committed_refs: list = field(default_factory=list)

    @property
    def used(self) -> int:
        return self.spent + self.committed

    @property
    def remaining(self) -> int | None:
        return None if self.planned is None else self.planned - self.spent - self.committed

    @property
    def ratio(self) -> float | None:
        if self.planned is None:
            return None
        if self.planned == 0:
            return float("inf") if self.used else 0.0
        return self.used / self.planned

    @property
    def level(self) -> str | None:
        ratio = self.ratio
        if ratio is None:
            return None
        if ratio >= OVER_RATIO:
            return "over"
        return "warning" if ratio >= WARNING_RATIO else "ok"

    @property
    def percent(self) -> int | None:
        ratio = self.ratio
        if ratio is None:
            return None
        return 999 if ratio == float("inf") else round(ratio * 100)

    def bar(self) -> tuple[float, float]:
        """Widths (0-100) of the spent and committed parts of a budget bar; together at most 100."""
        scale = max(self.planned or 0, self.used, 1)
        spent = 100 * self.spent / scale
        return round(spent, 2), round(min(100 * self.committed / scale, 100 - spent), 2)

    def add(self, other: BudgetLine) -> None:
        self.spent += other.spent
        self.committed += other.committed
        self.spent_refs += other.spent_refs
        self.committed_refs += other.committed_refs


def budget_lines(tree: PlanTree, rows, expenses) -> tuple[dict[int, BudgetLine], BudgetLine]:
    """Per item (with its sub-items) and in total, from activity rows and expense rows of one period."""
    direct = {item_id: BudgetLine(None) for item_id in tree.items}
    for row in rows:
        line = direct.get(row.item_id)
        if line is None:
            continue
        line.spent += row.spent
        line.committed += row.committed
        if row.spent:
            line.spent_refs.append(row.ref)
        if row.committed:
            line.committed_refs.append(row.ref)
    for expense in expenses:
        line = direct.get(expense.item_id)
        if line is not None:
            line.spent += expense.amount
            line.spent_refs.append(expense.ref)
    lines = {}
    for item_id in tree.items:
        line = BudgetLine(tree.planned(item_id))
        for member in tree.subtree(item_id):
            line.add(direct[member])
        lines[item_id] = line
    total = BudgetLine(tree.total_planned())
    for line in direct.values():
        total.add(line)
    return lines, total


def year_of(day: date) -> PlanYear | None:
    return db.session.scalar(select(PlanYear).where(PlanYear.year == day.year))


def year_budget(plan_year: PlanYear, tree: PlanTree | None = None, until: date | None = None):
    """(tree, lines, total) of a plan year, from 1 January to `until` (default: the whole year)."""
    tree = tree or PlanTree.of_year(plan_year.id)
    end = until or plan_year.end
    rows = activity_rows.plan_rows(plan_year.id, plan_year.start, end, with_partners=False, money_only=True)
    expenses = activity_rows.fetch_expenses(plan_year.id, plan_year.start, end)
    lines, total = budget_lines(tree, rows, expenses)
    return tree, lines, total


@dataclass
class Alert:
    item: PlanItem
    line: BudgetLine


def budget_alerts(user, today: date) -> list[Alert]:
    """Items of this year's plan at 80 % or more of their budget that the user answers for (every item for
    an administrator). No query at all for users who answer for none."""
    if not can(user, PlanItem, "view"):
        return []
    stmt = select(PlanItem.id).join(PlanYear).where(PlanYear.year == today.year)
    if not can(user, PlanItem, "oversee"):
        stmt = stmt.where(PlanItem.responsible_id == user.id)
    mine = set(db.session.scalars(stmt))
    if not mine:
        return []
    plan_year = year_of(today)
    tree, lines, _total = year_budget(plan_year)
    alerts = [
        Alert(item, lines[item.id])
        for item, _depth in tree.ordered()
        if item.id in mine and lines[item.id].level in ("warning", "over")
    ]
    return alerts
