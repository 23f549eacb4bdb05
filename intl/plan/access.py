"""Who may do what with the annual plan: its items, targets and expenses are the office's (administrators
and officers); its structure (years, items, imports) is the administrators'; leadership reads the
performance report and the dashboard."""

from __future__ import annotations

from ..core.access import ADMINS, LEADERSHIP, STAFF, Policy, in_roles, policy_for
from .models import Expense, PlanItem, PlanTarget, PlanYear

PLAN_READERS = STAFF  # the plan, its budget used, its targets and expenses
PLAN_KEEPERS = ADMINS  # plan years and their items: create, change, copy, import, delete
REPORT_READERS = LEADERSHIP  # the performance report (on screen, XLSX, PDF)
DASHBOARD_READERS = LEADERSHIP
# On the dashboard: every leader's week and the office's overdue follow-ups listed one by one. Leaders see
# their own leaders' week and the number of overdue follow-ups.
OFFICE_OVERVIEW = STAFF


@policy_for(PlanYear)
class PlanYearPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, PLAN_READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, PLAN_KEEPERS)

    def report(self, user, record) -> bool:
        return in_roles(user, REPORT_READERS)


@policy_for(PlanItem)
class PlanItemPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, PLAN_READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, PLAN_KEEPERS)

    def set_targets(self, user, record) -> bool:
        return in_roles(user, PLAN_READERS)

    def oversee(self, user, record) -> bool:
        """Answer for every item (the budget alerts of the home page), not only one's own."""
        return in_roles(user, PLAN_KEEPERS)


@policy_for(PlanTarget)
class PlanTargetPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, PLAN_READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, PLAN_READERS)


@policy_for(Expense)
class ExpensePolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, PLAN_READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, PLAN_READERS)
