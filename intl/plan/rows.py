"""Reading activity records as plain rows, one query per kind, for the budget, the metrics and the report.

Rows are tuples, not ORM objects: a year of an office is a few hundred delegations and tens of thousands of
interactions, and every figure is a sum or a count over them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import literal, select

from ..core.db import db
from ..core.time import office_zone_name
from . import activities
from .activities import DONE, ActivityKind
from .models import Expense, PlanItem
from .periods import instant_bounds


@dataclass(slots=True)
class ActivityRow:
    kind: str
    id: int
    item_id: int | None
    day: date
    status: str | None
    state: str
    actual: int | None
    planned: int | None
    categories: list[str]
    direction: str | None
    title: object
    measures: dict[str, int]
    spent: int = 0
    committed: int = 0
    partners: list[int] = field(default_factory=list)

    @property
    def ref(self) -> tuple[str, int]:
        return self.kind, self.id


def in_period(kind_: ActivityKind, start: date, end: date):
    """The SQL condition 'the record counts on a day in [start, end]' (office days for instants)."""
    if kind_.day_is_instant:
        begin, finish = instant_bounds(start, end, office_zone_name())
        return (kind_.day >= begin) & (kind_.day < finish)
    return kind_.day.between(start, end)


def _column(expression):
    return expression if expression is not None else literal(None)


def items_of_year(plan_year_id: int):
    return select(PlanItem.id).where(PlanItem.plan_year_id == plan_year_id).scalar_subquery()


def fetch_rows(
    kind_: ActivityKind,
    start: date,
    end: date,
    plan_year_id: int | None = None,
    linked_only: bool = False,
    light: bool = False,
    with_measures: bool = True,
    money_only: bool = False,
) -> list[ActivityRow]:
    """The kind's live records counting on a day of [start, end]; only those linked to the plan year's items
    when `plan_year_id` is given (or to any item when `linked_only`). `light` reads only what the exchange
    statistics need (ids, days, statuses) for kinds with tens of thousands of records a year; `money_only`
    what a budget adds up (items, statuses, costs), without measures, titles, categories or direction (a
    title is a JSON document decoded per row: the dashboard's budget read some 400 for nothing)."""
    measure_names = [] if light or money_only or not with_measures else list(kind_.measures)
    nothing = literal(None)
    columns = [
        kind_.model.id,
        nothing if light else _column(kind_.plan_item),
        kind_.day,
        _column(kind_.status),
        *(
            [nothing] * 5
            if light
            else [
                _column(kind_.actual_cost),
                _column(kind_.planned_cost),
                *(
                    [nothing] * 3
                    if money_only
                    else [_column(kind_.categories), _column(kind_.direction), _column(kind_.title)]
                ),
            ]
        ),
        *(kind_.measures[name] for name in measure_names),
    ]
    stmt = select(*columns).where(kind_.live(), in_period(kind_, start, end))
    if plan_year_id is not None and kind_.plan_item is not None:
        stmt = stmt.where(kind_.plan_item.in_(items_of_year(plan_year_id)))
    elif linked_only and kind_.plan_item is not None:
        stmt = stmt.where(kind_.plan_item.is_not(None))
    zone = ZoneInfo(office_zone_name()) if kind_.day_is_instant else None
    has_status, plan_kind, key = kind_.status is not None, kind_.links_to_plan, kind_.key
    rows = []
    for (
        record_id,
        item_id,
        day,
        status,
        actual,
        planned,
        categories,
        direction,
        title,
        *measures,
    ) in db.session.execute(stmt.order_by(kind_.day, kind_.model.id)):
        spent, committed = activities.money(kind_, status, actual, planned) if plan_kind else (0, 0)
        rows.append(
            ActivityRow(
                kind=key,
                id=record_id,
                item_id=item_id,
                day=day.astimezone(zone).date() if zone is not None else day,
                status=status,
                state=kind_.state_of(status) if has_status else DONE,
                actual=actual,
                planned=planned,
                categories=list(categories) if categories else [],
                direction=direction,
                title=title,
                measures=dict(zip(measure_names, (m or 0 for m in measures), strict=True))
                if measures
                else {},
                spent=spent,
                committed=committed,
            )
        )
    return rows


def attach_partners(kind_: ActivityKind, rows: list[ActivityRow], start: date, end: date) -> None:
    """Fill `row.partners` with one query: the kind's partner links of records in the same period."""
    if kind_.partner_pairs is None:
        return
    pairs = kind_.partner_pairs().subquery()
    stmt = (
        select(pairs.c.record_id, pairs.c.partner_id)
        .join(kind_.model, kind_.model.id == pairs.c.record_id)
        .where(kind_.live(), in_period(kind_, start, end))
    )
    by_record: dict[int, list[int]] = defaultdict(list)
    for record_id, partner_id in db.session.execute(stmt):
        by_record[record_id].append(partner_id)
    for row in rows:
        row.partners = sorted(set(by_record.get(row.id, ())))


def fetch_pairs(kind_: ActivityKind, start: date, end: date) -> dict[int, list[int]]:
    """record id -> its partners, for the kind's live records of [start, end] that concern partners (and
    are carried out, for kinds with a status): what the exchange statistics count, read as integers."""
    pairs = kind_.partner_pairs().subquery()
    stmt = (
        select(pairs.c.record_id, pairs.c.partner_id)
        .join(kind_.model, kind_.model.id == pairs.c.record_id)
        .where(kind_.live(), in_period(kind_, start, end))
    )
    if kind_.status is not None:
        stmt = stmt.where(
            kind_.status.in_([s for s, state in kind_.states.items() if state in activities.CARRIED_OUT])
        )
    found: dict[int, list[int]] = defaultdict(list)
    for record_id, partner_id in db.session.execute(stmt):
        found[record_id].append(partner_id)
    return found


@dataclass
class ExpenseRow:
    id: int
    item_id: int
    day: date
    payee: str
    amount: int
    note: str | None
    has_receipt: bool

    kind = "expense"

    @property
    def ref(self) -> tuple[str, int]:
        return "expense", self.id


def fetch_expenses(plan_year_id: int, start: date, end: date) -> list[ExpenseRow]:
    stmt = (
        select(
            Expense.id,
            Expense.item_id,
            Expense.spent_on,
            Expense.payee,
            Expense.amount,
            Expense.note,
            Expense.receipt_id,
        )
        .where(Expense.item_id.in_(items_of_year(plan_year_id)), Expense.spent_on.between(start, end))
        .order_by(Expense.spent_on, Expense.id)
    )
    return [
        ExpenseRow(i, item, day, payee, amount, note, receipt is not None)
        for i, item, day, payee, amount, note, receipt in db.session.execute(stmt)
    ]


def plan_rows(
    plan_year_id: int, start: date, end: date, with_partners: bool = True, money_only: bool = False
) -> list[ActivityRow]:
    """Every record linked to the plan year's items on a day of [start, end], all plan kinds; with
    `money_only`, the kinds that cost money, without their measures (all the budget needs)."""
    rows: list[ActivityRow] = []
    for kind_ in activities.plan_kinds():
        if money_only and not kind_.has_money:
            continue
        kind_rows = fetch_rows(kind_, start, end, plan_year_id=plan_year_id, money_only=money_only)
        if with_partners:
            attach_partners(kind_, kind_rows, start, end)
        rows += kind_rows
    return rows


def by_item(rows: Iterable) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        if row.item_id is not None:
            grouped[row.item_id].append(row)
    return grouped
