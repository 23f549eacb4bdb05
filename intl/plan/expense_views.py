"""Expenses: money spent on a plan item that no activity record carries, with the receipt."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.files import UploadRejected, send_stored
from ..core.i18n import current_locale_code
from ..core.permissions import STAFF, roles_required
from . import services
from .blueprint import bp
from .forms import ExpenseForm
from .models import EXPENSE_LABELS, Expense, PlanItem
from .plan_views import get_plan_year_or_404
from .tree import PlanTree


def get_expense_or_404(expense_id: int, need: str = "view") -> Expense:
    expense = db.session.get(Expense, expense_id) or abort(404)
    if not (expense.can_edit(current_user) if need == "edit" else expense.can_view(current_user)):
        abort(403)
    return expense


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


@bp.route("/plan/<int:year>/expenses")
@roles_required(*STAFF)
def expenses(year: int):
    plan_year = get_plan_year_or_404(year)
    rows = db.session.scalars(
        select(Expense)
        .join(PlanItem)
        .where(PlanItem.plan_year_id == plan_year.id)
        .order_by(Expense.spent_on.desc(), Expense.id.desc())
    ).all()
    return render_template("plan/expenses.html", plan_year=plan_year, expenses=rows)


@bp.route("/plan/<int:year>/expenses/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new_expense(year: int):
    plan_year = get_plan_year_or_404(year)
    item_id = request.args.get("item", type=int)
    form = ExpenseForm(
        items=_item_choices(plan_year.id),
        data={"item_id": str(item_id or "")} if request.method == "GET" else None,
    )
    if form.validate_on_submit():
        fields = _fields(form)
        item = db.session.get(PlanItem, fields.pop("item_id"))
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


@bp.route("/plan/expenses/<int:expense_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_expense(expense_id: int):
    expense = get_expense_or_404(expense_id, need="edit")
    plan_year = expense.item.plan_year
    form = ExpenseForm(obj=expense, data={"item_id": str(expense.item_id)}, items=_item_choices(plan_year.id))
    conflict = None
    if form.validate_on_submit():
        fields = _fields(form)
        conflict = detect_conflict(expense, form.version.data, set_fields(fields), EXPENSE_LABELS)
        if conflict is None:
            try:
                services.update_expense(expense, receipt=form.receipt.data, **fields)
            except (services.PlanRefused, UploadRejected) as error:
                db.session.rollback()
                (form.receipt if isinstance(error, UploadRejected) else form.spent_on).errors = [str(error)]
            else:
                db.session.commit()
                flash(_("The expense is saved."), "success")
                return redirect(url_for("plan.item", item_id=expense.item_id) + "#expenses")
        else:
            form.version.data = expense.version
    return render_template(
        "plan/expense_form.html", form=form, plan_year=plan_year, expense=expense, conflict=conflict
    )


@bp.route("/plan/expenses/<int:expense_id>/delete", methods=["POST"])
@roles_required(*STAFF)
def delete_expense(expense_id: int):
    expense = get_expense_or_404(expense_id, need="edit")
    item_id = expense.item_id
    services.delete_expense(expense)
    db.session.commit()
    flash(_("The expense is deleted."), "success")
    return redirect(url_for("plan.item", item_id=item_id) + "#expenses")


@bp.route("/plan/expenses/<int:expense_id>/receipt")
@roles_required(*STAFF)
def receipt(expense_id: int):
    expense = get_expense_or_404(expense_id)
    if expense.receipt is None:
        abort(404)
    return send_stored(expense.receipt, inline=expense.receipt.content_type.startswith("image/"))
