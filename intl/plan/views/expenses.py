"""Expenses: money spent on a plan item that no activity record carries, with the receipt."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...core.access import STAFF, allow, load_or_404
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.files import UploadRejected, send_stored
from ...core.i18n import current_locale_code
from .. import queries, services
from ..forms import ExpenseForm
from ..models import Expense, PlanItem
from ..tree import PlanTree
from .plans import load_plan_year


def _item_choices(plan_year_id: int) -> list[tuple[int, str]]:
    locale = current_locale_code()
    return [
        (item.id, "\u3000" * depth + item.label(locale))
        for item, depth in PlanTree.of_year(plan_year_id).ordered()
    ]


def _fields(form: ExpenseForm) -> dict:
    return {
        "item_id": int(form.item_id.data),
        "spent_on": form.spent_on.data,
        "payee": form.payee.data.strip(),
        "amount": form.amount.data,
        "note": form.note.data or None,
    }


@allow(STAFF)
def expenses(year: int):
    plan_year = load_plan_year(year)
    return render_template("plan/expenses.html", plan_year=plan_year, expenses=queries.expenses_of(plan_year))


@allow(STAFF)
def new_expense(year: int):
    plan_year = load_plan_year(year)
    item_id = request.args.get("item", type=int)
    form = ExpenseForm(
        items=_item_choices(plan_year.id),
        data={"item_id": str(item_id or "")} if request.method == "GET" else None,
    )
    if form.validate_on_submit():
        fields = _fields(form)
        item = load_or_404(PlanItem, fields.pop("item_id"))
        try:
            services.create_expense(item, receipt=form.receipt.data, **fields)
        except (services.PlanRefused, UploadRejected) as error:
            db.session.rollback()
            (form.receipt if isinstance(error, UploadRejected) else form.spent_on).errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The expense is saved."), "success")
            return redirect(url_for("plan.item", item_id=item.id) + "#expenses")
    return render_template(
        "plan/expense_form.html", form=form, plan_year=plan_year, expense=None, conflict=None
    )


@allow(STAFF)
def edit_expense(expense_id: int):
    expense = load_or_404(Expense, expense_id, need="edit")
    plan_year = expense.item.plan_year
    form = ExpenseForm(obj=expense, data={"item_id": str(expense.item_id)}, items=_item_choices(plan_year.id))
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_expense(expense, form.version.data, receipt=form.receipt.data, **_fields(form))
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = expense.version
        except (services.PlanRefused, UploadRejected) as error:
            db.session.rollback()
            (form.receipt if isinstance(error, UploadRejected) else form.spent_on).errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The expense is saved."), "success")
            return redirect(url_for("plan.item", item_id=expense.item_id) + "#expenses")
    return render_template(
        "plan/expense_form.html", form=form, plan_year=plan_year, expense=expense, conflict=conflict
    )


@allow(STAFF)
def delete_expense(expense_id: int):
    expense = load_or_404(Expense, expense_id, need="edit")
    item_id = expense.item_id
    services.delete_expense(expense)
    db.session.commit()
    flash(_("The expense is deleted."), "success")
    return redirect(url_for("plan.item", item_id=item_id) + "#expenses")


@allow(STAFF)
def receipt(expense_id: int):
    expense = load_or_404(Expense, expense_id)
    if expense.receipt is None:
        abort(404)
    return send_stored(expense.receipt, inline=expense.receipt.content_type.startswith("image/"))
