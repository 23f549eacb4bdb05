"""All plan URLs.

| URL | roles | what |
| --- | --- | --- |
| /plan | admin, officer | this year's plan (or the list of plans) |
| /plan/<year> | admin, officer | a plan: items, budget used, targets |
| /plan/new, /plan/<year>/edit, /plan/<year>/copy | admin | create, edit, copy a plan forward |
| /plan/<year>/import | admin | import a plan from XLSX/CSV (then the import's preview and confirm) |
| /plan/<year>/items/new, /plan/items/<id>/edit, .../delete | admin | the plan's lines |
| /plan/items/<id> | admin, officer | one line: goal, points, budget, activities, expenses, targets |
| /plan/items/<id>/targets | admin, officer | the line's targets |
| /plan/<year>/expenses, /plan/<year>/expenses/new, /plan/expenses/<id>/... | admin, officer | expenses |
| /plan/<year>/report[.xlsx|.pdf]?period= | admin, officer, leader | the performance report |
| /plan/<year>/records?period=&figure= | admin, officer | the records behind a figure of the report |
| /dashboard, /dashboard/world.svg | admin, officer, leader | the dashboard and its base map |
"""

from flask import Blueprint

from ..imports.kinds import register_import_kind
from .imports import PLAN_IMPORT

bp = Blueprint("plan", __name__)


@bp.record_once
def _register(state) -> None:
    from ..core.plan_links import register_plan_items
    from .linking import PLAN_ITEMS

    register_plan_items(PLAN_ITEMS)  # the activity features' plan-item pickers and filters read the plan


@bp.record_once
def _register_import_kind(state) -> None:
    register_import_kind(PLAN_IMPORT)  # plan spreadsheets are previewed and confirmed by the imports


from . import (  # noqa: E402, F401  (register the routes)
    dashboard_views,
    expense_views,
    plan_views,
    report_views,
    template_helpers,
)
