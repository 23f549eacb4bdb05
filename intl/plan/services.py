"""Operations on the plan: years, items, targets, expenses, and copying a plan forward to the next year.
Changes made on a page take the version the user saw and raise EditConflict when the record moved on."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core import audit
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.files import DOCUMENT_TYPES, store_upload
from ..core.localized import LocalizedText
from . import activities
from .models import Expense, PlanItem, PlanTarget, PlanYear


class PlanRefused(ValueError):
    """The change cannot be made; the message (in the user's language) says why."""


def create_plan_year(year: int, title: dict | None = None, notes: str | None = None, **fields) -> PlanYear:
    if db.session.scalar(select(PlanYear.id).where(PlanYear.year == year)) is not None:
        raise PlanRefused(_("There is already a plan for %(year)d.", year=year))
    plan_year = PlanYear(year=year, title=LocalizedText(title or {}), notes=notes, **fields)
    db.session.add(plan_year)
    db.session.flush()
    audit.record_create(plan_year)
    return plan_year


def update_plan_year(plan_year: PlanYear, expected_version: int | None = None, **fields) -> None:
    """Change a plan year (also its year, unless another plan has that year: PlanRefused)."""
    check_version(plan_year, expected_version, fields)
    year = fields.get("year", plan_year.year)
    if year != plan_year.year and db.session.scalar(select(PlanYear.id).where(PlanYear.year == year)):
        raise PlanRefused(_("There is already a plan for %(year)d.", year=year))
    before = plan_year.audit_state()
    for name, value in fields.items():
        setattr(plan_year, name, value)
    db.session.flush()
    audit.record_update(plan_year, before)


def _next_position(plan_year_id: int, parent_id: int | None) -> int:
    stmt = select(func.max(PlanItem.position)).where(PlanItem.plan_year_id == plan_year_id)
    stmt = stmt.where(PlanItem.parent_id.is_(None) if parent_id is None else PlanItem.parent_id == parent_id)
    current = db.session.scalar(stmt)
    return 0 if current is None else current + 1


def _check_parent(plan_year_id: int, parent_id: int | None, item_id: int | None = None) -> PlanItem | None:
    if parent_id is None:
        return None
    parent = db.session.get(PlanItem, parent_id)
    if parent is None or parent.plan_year_id != plan_year_id:
        raise PlanRefused(_("Choose a parent item of the same year's plan."))
    ancestor = parent
    while ancestor is not None:
        if item_id is not None and ancestor.id == item_id:
            raise PlanRefused(_("An item cannot be part of itself or of its own sub-items."))
        ancestor = db.session.get(PlanItem, ancestor.parent_id) if ancestor.parent_id else None
    return parent


def create_item(plan_year: PlanYear, parent_id: int | None = None, position: int | None = None, **fields):
    parent = _check_parent(plan_year.id, parent_id)
    item = PlanItem(
        plan_year_id=plan_year.id,
        parent_id=parent_id,
        level=(parent.level + 1) if parent else 1,
        position=_next_position(plan_year.id, parent_id) if position is None else position,
        **fields,
    )
    db.session.add(item)
    db.session.flush()
    audit.record_create(item)
    return item


def update_item(item: PlanItem, expected_version: int | None = None, **fields) -> None:
    check_version(item, expected_version, fields)
    before = item.audit_state()
    if "parent_id" in fields and fields["parent_id"] != item.parent_id:
        parent = _check_parent(item.plan_year_id, fields["parent_id"], item.id)
        item.level = (parent.level + 1) if parent else 1
        fields.setdefault("position", _next_position(item.plan_year_id, fields["parent_id"]))
    for name, value in fields.items():
        setattr(item, name, value)
    db.session.flush()
    _relevel(item)
    audit.record_update(item, before)


def _relevel(item: PlanItem) -> None:
    for child in db.session.scalars(select(PlanItem).where(PlanItem.parent_id == item.id)):
        if child.level != item.level + 1:
            child.level = item.level + 1
            _relevel(child)


def linked_count(item_ids: list[int]) -> int:
    """How many activity records and expenses point at these items."""
    total = db.session.scalar(select(func.count()).where(Expense.item_id.in_(item_ids))) or 0
    for kind_ in activities.plan_kinds():
        total += (
            db.session.scalar(
                select(func.count()).select_from(kind_.model).where(kind_.plan_item.in_(item_ids))
            )
            or 0
        )
    return total


def delete_item(item: PlanItem) -> None:
    """Remove an item with its sub-items and targets; refused while records or expenses point at them."""
    ids, stack = [], [item.id]
    while stack:
        current = stack.pop()
        ids.append(current)
        stack.extend(db.session.scalars(select(PlanItem.id).where(PlanItem.parent_id == current)))
    if linked_count(ids):
        raise PlanRefused(
            _("Activities or expenses are linked to this item or its sub-items: link them elsewhere first.")
        )
    audit.record("purge", item, {"state": item.audit_state()})
    db.session.delete(item)
    db.session.flush()


def set_target(item: PlanItem, metric: str, period: str, value: int | None, note: str | None = None):
    """Set, change or (value None) remove the item's target for a figure and period."""
    target = db.session.scalar(
        select(PlanTarget).where(
            PlanTarget.item_id == item.id, PlanTarget.metric == metric, PlanTarget.period == period
        )
    )
    if value is None:
        if target is not None:
            audit.record("update", item, {f"target.{metric}.{period}": [target.value, None]})
            db.session.delete(target)
            db.session.flush()
        return None
    if target is None:
        target = PlanTarget(item_id=item.id, metric=metric, period=period, value=value, note=note)
        db.session.add(target)
        db.session.flush()
        audit.record("update", item, {f"target.{metric}.{period}": [None, value]})
        return target
    if target.value != value or target.note != note:
        audit.record("update", item, {f"target.{metric}.{period}": [target.value, value]})
        target.value, target.note = value, note
        db.session.flush()
    return target


def _check_expense_day(item: PlanItem, spent_on: date) -> None:
    year = db.session.get(PlanYear, item.plan_year_id).year
    if spent_on.year != year:
        raise PlanRefused(_("The expense's date must fall in the plan's year (%(year)d).", year=year))


def create_expense(item: PlanItem, receipt=None, **fields) -> Expense:
    _check_expense_day(item, fields["spent_on"])
    expense = Expense(item_id=item.id, created_by_id=acting_user_id(), **fields)
    if receipt is not None and getattr(receipt, "filename", ""):
        expense.receipt = store_upload(receipt, DOCUMENT_TYPES, user_id=acting_user_id())
    db.session.add(expense)
    db.session.flush()
    audit.record_create(expense)
    return expense


def update_expense(expense: Expense, expected_version: int | None = None, receipt=None, **fields) -> None:
    check_version(expense, expected_version, fields)
    item = db.session.get(PlanItem, fields.get("item_id", expense.item_id))
    _check_expense_day(item, fields.get("spent_on", expense.spent_on))
    before = expense.audit_state()
    for name, value in fields.items():
        setattr(expense, name, value)
    if receipt is not None and getattr(receipt, "filename", ""):
        expense.receipt = store_upload(receipt, DOCUMENT_TYPES, user_id=acting_user_id())
    db.session.flush()
    audit.record_update(expense, before)


def delete_expense(expense: Expense) -> None:
    audit.record("purge", expense, {"state": expense.audit_state()})
    db.session.delete(expense)
    db.session.flush()


def copy_forward(source: PlanYear, year: int | None = None) -> PlanYear:
    """The next year's plan as a copy of this one: the same items in the same order, with their goals,
    implementation points, budgets, notes, responsible officers and targets (actual figures are never
    copied: they come from the next year's records)."""
    year = year or source.year + 1
    title = LocalizedText(
        {loc: text.replace(str(source.roc_year), str(year - 1911)) for loc, text in source.title.items()}
    )
    target = create_plan_year(year, title=title, notes=source.notes, copied_from_id=source.id)
    items = db.session.scalars(
        select(PlanItem).where(PlanItem.plan_year_id == source.id).order_by(PlanItem.level, PlanItem.position)
    ).all()
    new_ids: dict[int, int] = {}
    for item in sorted(items, key=lambda i: (i.level, i.position, i.id)):
        copy = create_item(
            target,
            parent_id=new_ids.get(item.parent_id) if item.parent_id else None,
            position=item.position,
            number=item.number,
            name=LocalizedText(item.name),
            goal=LocalizedText(item.goal),
            implementation=LocalizedText(item.implementation),
            budget_thousand=item.budget_thousand,
            notes=item.notes,
            responsible_id=item.responsible_id,
            copied_from_id=item.id,
        )
        new_ids[item.id] = copy.id
        for t in item.targets:
            db.session.add(
                PlanTarget(item_id=copy.id, metric=t.metric, period=t.period, value=t.value, note=t.note)
            )
    db.session.flush()
    return target
