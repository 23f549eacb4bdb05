"""All plan URLs in one place, the filters and globals its templates (and the activity lists) use, and what
the plan registers with the features it counts. Who may do what is decided in access.py: the plan and its
money are the office's, its structure the administrators', the report and the dashboard leadership's too.
"""

from flask import Blueprint

from ..core.jobs import register_job_kind
from ..core.plan_links import register_plan_items
from ..imports.kinds import register_import_kind
from . import template_helpers
from .imports import PLAN_IMPORT
from .linking import PLAN_ITEMS
from .report_jobs import REPORT_JOB
from .views import dashboard, expenses, plans, reports

bp = Blueprint("plan", __name__)

BOTH = ["GET", "POST"]

bp.add_url_rule("/plan", "index", plans.index)
bp.add_url_rule("/plan/new", "create_year", plans.create_year, methods=BOTH)
bp.add_url_rule("/plan/<int:year>", "year_detail", plans.year_detail)
bp.add_url_rule("/plan/<int:year>/edit", "edit_year", plans.edit_year, methods=BOTH)
bp.add_url_rule("/plan/<int:year>/copy", "copy_year", plans.copy_year, methods=["POST"])
bp.add_url_rule("/plan/<int:year>/import", "import_plan", plans.import_plan, methods=BOTH)
bp.add_url_rule("/plan/<int:year>/items/new", "new_item", plans.new_item, methods=BOTH)
bp.add_url_rule("/plan/items/<int:item_id>", "item", plans.item)
bp.add_url_rule("/plan/items/<int:item_id>/edit", "edit_item", plans.edit_item, methods=BOTH)
bp.add_url_rule("/plan/items/<int:item_id>/delete", "delete_item", plans.delete_item, methods=["POST"])
bp.add_url_rule("/plan/items/<int:item_id>/targets", "targets", plans.targets, methods=BOTH)
bp.add_url_rule("/plan/<int:year>/expenses", "expenses", expenses.expenses)
bp.add_url_rule("/plan/<int:year>/expenses/new", "new_expense", expenses.new_expense, methods=BOTH)
bp.add_url_rule("/plan/expenses/<int:expense_id>/edit", "edit_expense", expenses.edit_expense, methods=BOTH)
bp.add_url_rule(
    "/plan/expenses/<int:expense_id>/delete", "delete_expense", expenses.delete_expense, methods=["POST"]
)
bp.add_url_rule("/plan/expenses/<int:expense_id>/receipt", "receipt", expenses.receipt)
bp.add_url_rule("/plan/<int:year>/report", "report", reports.report)
bp.add_url_rule("/plan/<int:year>/report.xlsx", "report_export_xlsx", reports.report_export_xlsx)
bp.add_url_rule("/plan/<int:year>/report.pdf", "report_export_pdf", reports.report_export_pdf)
bp.add_url_rule("/plan/<int:year>/report/prepare", "report_prepare", reports.report_prepare, methods=["POST"])
bp.add_url_rule("/plan/<int:year>/records", "records", reports.records)
bp.add_url_rule("/dashboard", "dashboard", dashboard.dashboard)
bp.add_url_rule("/dashboard/world.svg", "world_map", dashboard.world_map)

bp.add_app_template_filter(template_helpers.thousand, "thousand")
bp.add_app_template_global(template_helpers.plan_item_options)
bp.add_app_template_global(template_helpers.activity_url)
bp.add_app_template_global(template_helpers.plan_item_link)
bp.add_app_template_global(template_helpers.plan_list_kinds)
bp.context_processor(template_helpers.plan_labels)


@bp.record_once
def _register(state) -> None:
    register_plan_items(PLAN_ITEMS)  # the activity features' plan-item pickers and filters read the plan
    register_import_kind(PLAN_IMPORT)  # plan spreadsheets are previewed and confirmed by the imports
    register_job_kind(REPORT_JOB)  # the report's files are laid out by the worker
