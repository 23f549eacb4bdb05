"""Property: whatever the records, the report's totals are the sums of the records they come from.

Hypothesis generates delegations (linked to any item or to none, any status, with or without costs, in the
plan's year or next to it) and expenses; the report's spent, committed, counts and targets' actual figures
are compared with sums computed here independently, for the year and for a quarter.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intl.core.localized import LocalizedText
from intl.delegations.models import Delegation
from intl.plan import services
from intl.plan.models import Expense
from intl.plan.periods import Period
from intl.plan.report import build_report

from .conftest import YEAR

STATUSES = ["proposed", "confirmed", "under_way", "done", "cancelled"]
FIRST, LAST = date(YEAR - 1, 11, 1), date(YEAR + 1, 2, 28)

delegations = st.lists(
    st.fixed_dictionaries(
        {
            "item": st.sampled_from([None, "肆", "1", "2", "3", "4", "5"]),
            "status": st.sampled_from(STATUSES),
            "direction": st.sampled_from(["inbound", "outbound"]),
            "budget": st.one_of(st.none(), st.integers(0, 2_000_000)),
            "actual": st.one_of(st.none(), st.integers(0, 2_000_000)),
            "day": st.dates(FIRST, LAST),
        }
    ),
    max_size=25,
)
expenses = st.lists(
    st.fixed_dictionaries(
        {
            "item": st.sampled_from(["肆", "1", "2", "3", "4", "5"]),
            "amount": st.integers(0, 500_000),
            "day": st.dates(date(YEAR, 1, 1), date(YEAR, 12, 31)),
        }
    ),
    max_size=8,
)


def expected_money(status, actual, budget):
    """The rule, written out again: spent is what is recorded; committed is what is still to be paid."""
    if status == "done":
        return (actual or 0), (budget or 0) if actual is None else 0
    if status in ("confirmed", "under_way"):
        return (actual or 0), max((budget or 0) - (actual or 0), 0)
    return (actual or 0), 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(delegations=delegations, expenses=expenses, quarter=st.sampled_from([None, 1, 2, 3, 4]))
def test_report_totals_equal_the_sums_of_the_records(make_plan, database, delegations, expenses, quarter):
    plan_year, items = make_plan() if not database.session.info.get("plan") else database.session.info["plan"]
    database.session.info["plan"] = (plan_year, items)
    for metric in ("visits_hosted", "delegations_sent"):
        services.set_target(items["1"], metric, "year", 5)
    nested = database.session.begin_nested()
    try:
        for d in delegations:
            database.session.add(
                Delegation(
                    title=LocalizedText({"en": "Generated"}),
                    direction=d["direction"],
                    categories=[],
                    start_on=d["day"],
                    end_on=d["day"] + timedelta(days=1),
                    status=d["status"],
                    budget=d["budget"],
                    actual_cost=d["actual"],
                    plan_item_id=items[d["item"]].id if d["item"] else None,
                )
            )
        for e in expenses:
            database.session.add(
                Expense(item_id=items[e["item"]].id, spent_on=e["day"], payee="p", amount=e["amount"])
            )
        database.session.flush()

        period = Period(YEAR, quarter)
        report = build_report(plan_year, period, date(YEAR, 12, 31), full=False)
        # linked to this year's plan and dated from 1 January to the period's end
        counted = [d for d in delegations if d["item"] and period.year_start <= d["day"] <= period.end]
        in_period = [d for d in counted if d["day"] >= period.start]
        spent = sum(expected_money(d["status"], d["actual"], d["budget"])[0] for d in counted)
        spent += sum(e["amount"] for e in expenses if e["day"] <= period.end)
        committed = sum(expected_money(d["status"], d["actual"], d["budget"])[1] for d in counted)
        assert (report.total.spent, report.total.committed) == (spent, committed)
        assert report.total.remaining == 8_395_000 - spent - committed
        period_spent = sum(expected_money(d["status"], d["actual"], d["budget"])[0] for d in in_period)
        period_spent += sum(e["amount"] for e in expenses if period.start <= e["day"] <= period.end)
        assert report.period_spent == period_spent
        # per working item (the section holds them all)
        for number in ("1", "2", "3", "4", "5"):
            line = next(e for e in report.items if e.item.id == items[number].id).budget
            mine = [d for d in counted if d["item"] == number]
            assert line.spent == sum(
                expected_money(d["status"], d["actual"], d["budget"])[0] for d in mine
            ) + sum(e["amount"] for e in expenses if e["item"] == number and e["day"] <= period.end)
        section = next(e for e in report.items if e.item.id == items["肆"].id)
        assert (section.budget.spent, section.budget.committed) == (spent, committed)
        carried = [d for d in in_period if d["status"] in ("done", "under_way")]
        assert report.counts["delegation"] == len(carried) == section.counts["delegation"]
        targets = {
            t.metric.key: t for t in next(e for e in report.items if e.item.id == items["1"].id).targets
        }
        mine = [d for d in in_period if d["item"] == "1" and d["status"] == "done"]
        assert targets["visits_hosted"].actual == sum(1 for d in mine if d["direction"] == "inbound")
        assert targets["delegations_sent"].actual == sum(1 for d in mine if d["direction"] == "outbound")
    finally:
        nested.rollback()
