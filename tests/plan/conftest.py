"""Fixtures for the plan's tests: a plan year with items, and delegations linked to them."""

from __future__ import annotations

from datetime import date

import pytest

from intl.core.localized import LocalizedText

YEAR = 2026


@pytest.fixture
def make_plan(database):
    """A plan year with a section (肆) and working items under it; returns (plan_year, {number: item})."""
    from intl.plan.services import create_item, create_plan_year

    def make(
        year: int = YEAR,
        section_budget: int | None = 8395,
        budgets=(4200, 1300, 1100, 1395, 400),
        **items_fields,
    ):
        plan_year = create_plan_year(
            year, title={"zh_Hant": f"{year - 1911}年度施政計畫", "en": f"Plan {year}"}
        )
        section = create_item(
            plan_year,
            number="肆",
            name=LocalizedText({"zh_Hant": "國際事務", "en": "International affairs"}),
            budget_thousand=section_budget,
        )
        items = {"肆": section}
        for number, budget in enumerate(budgets, start=1):
            items[str(number)] = create_item(
                plan_year,
                parent_id=section.id,
                number=str(number),
                name=LocalizedText({"zh_Hant": f"工作項目{number}", "en": f"Working item {number}"}),
                budget_thousand=budget,
                **items_fields,
            )
        database.session.commit()
        return plan_year, items

    return make


@pytest.fixture
def make_delegation(database):
    from intl.delegations.services import create_delegation

    def make(item=None, partners=(), start=date(YEAR, 3, 10), days: int = 2, **fields):
        from datetime import timedelta

        values = {
            "title": LocalizedText({"zh_Hant": "訪問團", "en": "Delegation"}),
            "direction": "inbound",
            "status": "done",
            "categories": ["culture"],
        }
        values.update(fields)
        delegation = create_delegation(
            [p.id for p in partners],
            start_on=start,
            end_on=start + timedelta(days=days - 1),
            plan_item_id=item.id if item is not None else None,
            **values,
        )
        database.session.commit()
        return delegation

    return make
