"""Spending against the budget: spent, committed, remaining, expenses, and the alerts at 80 % and 100 %."""

from __future__ import annotations

from datetime import date

import pytest

from intl.plan import activities, services
from intl.plan.budget import budget_alerts, year_budget
from intl.plan.models import Expense
from tests.helpers import MINIMAL_PDF, page_text, upload

from .conftest import YEAR

DELEGATION = activities.kind("delegation")


@pytest.mark.parametrize(
    "status, actual, planned, expected",
    [
        ("done", 90_000, 100_000, (90_000, 0)),
        ("done", None, 100_000, (0, 100_000)),  # the bill is still to come
        ("confirmed", None, 100_000, (0, 100_000)),
        ("confirmed", 30_000, 100_000, (30_000, 70_000)),  # tickets paid ahead
        ("under_way", 120_000, 100_000, (120_000, 0)),
        ("proposed", None, 100_000, (0, 0)),
        ("cancelled", 5_000, 100_000, (5_000, 0)),  # a cancellation fee is spent
    ],
)
def test_what_one_activity_spends_and_commits(status, actual, planned, expected):
    assert activities.money(DELEGATION, status, actual, planned) == expected


def test_spent_committed_and_remaining_per_item_and_in_total(make_plan, make_delegation, database):
    plan_year, items = make_plan()
    make_delegation(items["1"], status="done", actual_cost=500_000, budget=600_000)
    make_delegation(items["1"], status="confirmed", budget=300_000, start=date(YEAR, 11, 2))
    make_delegation(items["2"], status="proposed", budget=900_000)  # proposals commit nothing
    make_delegation(items["2"], status="cancelled", budget=900_000, actual_cost=20_000)
    make_delegation(None, status="done", actual_cost=777_000)  # not linked to the plan
    make_delegation(items["1"], status="done", actual_cost=1_000, start=date(YEAR + 1, 1, 5))  # next year's
    services.create_expense(items["1"], spent_on=date(YEAR, 5, 1), payee="Printer", amount=45_000)
    database.session.commit()
    _tree, lines, total = year_budget(plan_year)
    one = lines[items["1"].id]
    assert (one.planned, one.spent, one.committed) == (4_200_000, 545_000, 300_000)
    assert one.remaining == 4_200_000 - 845_000 and one.percent == 20
    two = lines[items["2"].id]
    assert (two.spent, two.committed) == (20_000, 0)
    section = lines[items["肆"].id]
    assert (section.spent, section.committed) == (565_000, 300_000)
    assert (total.planned, total.spent, total.committed) == (8_395_000, 565_000, 300_000)


def test_expenses_carry_receipts_and_stay_within_the_plans_year(client, as_role, make_plan, database):
    plan_year, items = make_plan()
    as_role("officer")
    response = client.post(
        f"/plan/{YEAR}/expenses/new",
        data={
            "item_id": str(items["3"].id),
            "spent_on": "115/05/02",
            "payee": "國立中山大學",
            "amount": "30000",
            "note": "講座場地",
            "receipt": (upload(MINIMAL_PDF, "receipt.pdf").stream, "receipt.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, page_text(response)[:2000]
    expense = database.session.query(Expense).one()
    assert expense.spent_on == date(2026, 5, 2) and expense.receipt is not None
    assert client.get(f"/plan/expenses/{expense.id}/receipt").data.startswith(b"%PDF")
    response = client.post(
        f"/plan/{YEAR}/expenses/new",
        data={"item_id": str(items["3"].id), "spent_on": "2025-12-31", "payee": "x", "amount": "1"},
    )
    assert response.status_code == 200 and "支出日期必須在計畫年度" in page_text(response)
    assert year_budget(plan_year)[1][items["3"].id].spent == 30_000
    client.post(f"/plan/expenses/{expense.id}/delete")
    assert database.session.query(Expense).count() == 0


def test_alerts_reach_the_responsible_officer_at_80_and_100_percent(
    client, make_user, login, make_plan, make_delegation, database
):
    officer, colleague = make_user("officer"), make_user("officer")
    plan_year, items = make_plan(responsible_id=officer.id)
    today = date(YEAR, 6, 1)
    assert budget_alerts(officer, today) == []
    make_delegation(items["5"], status="done", actual_cost=330_000)  # 400 thousand: 82.5 %
    alerts = budget_alerts(officer, today)
    assert [(a.item.id, a.line.level) for a in alerts] == [(items["5"].id, "warning")]
    make_delegation(
        items["4"], status="confirmed", budget=1_395_000, start=date(YEAR, 9, 1)
    )  # committed: 100 %
    assert {a.item.id: a.line.level for a in budget_alerts(officer, today)} == {
        items["5"].id: "warning",
        items["4"].id: "over",
    }
    assert budget_alerts(colleague, today) == []  # not theirs
    assert len(budget_alerts(make_user("admin"), today)) == 2
    assert budget_alerts(make_user("leader"), today) == []
    officer.active = False  # an account that no longer works is shown nothing
    database.session.commit()
    assert budget_alerts(officer, today) == []


def test_the_home_page_shows_this_years_alerts(
    client, make_user, login, make_plan, make_delegation, database
):
    from intl.core.time import today_in

    year = today_in("Asia/Taipei").year
    officer = login(make_user("officer"))
    plan_year, items = make_plan(year=year, responsible_id=officer.id)
    make_delegation(items["5"], status="done", actual_cost=400_000, start=date(year, 1, 1))
    page = page_text(client.get("/", headers={"Accept-Language": "en"}))
    alert = page.split("data-budget-alerts")[1].split("</section>")[0]
    assert f'data-budget-alert="{items["5"].id}"' in alert and "100 %" in alert
