"""The plan: years, items in the plan's hierarchy, budgets rolled up, copying forward, targets, deletion."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from intl.plan import services
from intl.plan.models import PlanItem, PlanTarget, PlanYear, numbered
from intl.plan.periods import Period
from intl.plan.tree import PlanTree
from tests.helpers import page_text

from .conftest import YEAR


def test_items_keep_the_plans_hierarchy_and_budgets_roll_up(make_plan, database):
    plan_year, items = make_plan(section_budget=None)
    tree = PlanTree.of_year(plan_year.id)
    assert [(i.number, depth) for i, depth in tree.ordered()] == [
        ("肆", 0),
        ("1", 1),
        ("2", 1),
        ("3", 1),
        ("4", 1),
        ("5", 1),
    ]
    assert items["3"].level == 2 and items["肆"].level == 1
    # a section without its own line is the sum of its items' lines
    assert tree.planned(items["肆"].id) == 8_395_000 and tree.total_planned() == 8_395_000
    sub = services.create_item(plan_year, parent_id=items["1"].id, number="(一)", name={"zh_Hant": "接待"})
    database.session.commit()
    tree = PlanTree.of_year(plan_year.id)
    assert sub.level == 3 and tree.planned(sub.id) is None  # funded by its parent's line
    assert tree.subtree(items["1"].id) == [items["1"].id, sub.id]
    assert tree.path_numbers(sub.id) == ("肆", "1", "(一)")


def test_numbers_print_as_the_plan_writes_them():
    assert numbered("肆", "國際事務") == "肆、國際事務"
    assert numbered("1", "推動姊妹市") == "1.推動姊妹市"
    assert numbered("(一)", "行政業務") == "(一)行政業務"


def test_a_mismatch_between_a_line_and_its_items_is_reported(make_plan):
    plan_year, items = make_plan(section_budget=8000)
    tree = PlanTree.of_year(plan_year.id)
    assert tree.children_mismatch(items["肆"].id) == (8_000_000, 8_395_000)
    assert tree.total_planned() == 8_000_000  # the section's own line is the budget


def test_roc_years_and_quarters():
    q2 = Period.parse(2018, "Q2")
    assert (q2.start, q2.end, q2.roc_year) == (date(2018, 4, 1), date(2018, 6, 30), 107)
    assert Period.parse(2018, "year").end == date(2018, 12, 31)
    assert q2.bilingual()[0] == "民國107年第2季"
    with pytest.raises(ValueError):
        Period.parse(2018, "Q5")


def test_a_plan_is_copied_forward_with_items_and_targets(make_plan, database):
    plan_year, items = make_plan()
    services.set_target(items["1"], "visits_hosted", "year", 12)
    services.set_target(items["1"], "visits_hosted", "Q1", 3)
    database.session.commit()
    copy = services.copy_forward(plan_year)
    database.session.commit()
    assert copy.year == YEAR + 1 and copy.copied_from_id == plan_year.id
    assert copy.title["zh_Hant"] == f"{YEAR + 1 - 1911}年度施政計畫"
    tree = PlanTree.of_year(copy.id)
    assert [(i.number, d) for i, d in tree.ordered()] == [
        (i.number, d) for i, d in PlanTree.of_year(plan_year.id).ordered()
    ]
    first = next(i for i in tree.items.values() if i.number == "1")
    assert first.budget_thousand == 4200 and first.copied_from_id == items["1"].id
    assert first.parent_id == next(i.id for i in tree.items.values() if i.number == "肆")
    targets = {
        (t.metric, t.period): t.value
        for t in database.session.scalars(select(PlanTarget).where(PlanTarget.item_id == first.id))
    }
    assert targets == {("visits_hosted", "year"): 12, ("visits_hosted", "Q1"): 3}
    with pytest.raises(services.PlanRefused):
        services.copy_forward(plan_year)  # that year has a plan already


def test_items_with_linked_records_are_not_deleted(make_plan, make_delegation, database):
    plan_year, items = make_plan()
    make_delegation(items["2"])
    with pytest.raises(services.PlanRefused):
        services.delete_item(items["肆"])  # a sub-item has a delegation
    services.delete_item(items["3"])
    database.session.commit()
    assert database.session.get(PlanItem, items["3"].id) is None


def test_an_item_cannot_become_part_of_itself(make_plan):
    plan_year, items = make_plan()
    with pytest.raises(services.PlanRefused):
        services.update_item(items["肆"], parent_id=items["1"].id)


def test_targets_are_set_changed_and_removed(make_plan, database):
    plan_year, items = make_plan()
    services.set_target(items["1"], "visits_hosted", "year", 10)
    services.set_target(items["1"], "visits_hosted", "year", 12)
    database.session.commit()
    assert database.session.scalars(select(PlanTarget.value)).all() == [12]
    services.set_target(items["1"], "visits_hosted", "year", None)
    database.session.commit()
    assert database.session.scalars(select(PlanTarget)).all() == []


def test_admin_creates_a_year_and_items_through_the_pages(client, as_role, database):
    as_role("admin")
    response = client.post(
        "/plan/new", data={"year": "115", "title-0-locale": "zh_Hant", "title-0-text": "115年度施政計畫"}
    )
    assert response.status_code == 302 and response.location.endswith("/plan/2026")
    plan_year = database.session.scalar(select(PlanYear))
    assert plan_year.year == 2026 and plan_year.roc_year == 115
    response = client.post(
        "/plan/2026/items/new",
        data={
            "number": "肆",
            "name-0-locale": "zh_Hant",
            "name-0-text": "國際事務",
            "budget_thousand": "8395",
            "goal_zh": "厚實本市國際化之基礎",
            "implementation_zh": "1.接待國內外重要訪賓",
        },
    )
    assert response.status_code == 302
    section = database.session.scalar(select(PlanItem))
    response = client.post(
        "/plan/2026/items/new",
        data={
            "parent_id": str(section.id),
            "number": "1",
            "name-0-locale": "zh_Hant",
            "name-0-text": "推動姊妹市",
            "name-1-locale": "en",
            "name-1-text": "Sister cities",
            "budget_thousand": "4200",
        },
    )
    assert response.status_code == 302
    item = database.session.scalar(select(PlanItem).where(PlanItem.number == "1"))
    assert item.parent_id == section.id and item.level == 2 and item.name.get_for("en") == "Sister cities"
    page = page_text(client.get("/plan/2026", headers={"Accept-Language": "en"}))
    assert "肆、國際事務" in page and "1.Sister cities" in page and "8,395" in page
    # a second plan for the same year is refused with a message
    response = client.post("/plan/new", data={"year": "2026"})
    assert response.status_code == 200 and "年已有計畫" in page_text(response)


def test_officers_set_targets_but_do_not_change_the_plan(client, as_role, make_plan, database):
    plan_year, items = make_plan()
    as_role("officer")
    assert client.get(f"/plan/items/{items['1'].id}/edit").status_code == 403
    assert client.post(f"/plan/items/{items['1'].id}/delete").status_code == 403
    response = client.post(
        f"/plan/items/{items['1'].id}/targets",
        data={"t_visits_hosted__year": "12", "t_visits_hosted__Q1": "3"},
    )
    assert response.status_code == 302
    targets = {(t.metric, t.period): t.value for t in database.session.scalars(select(PlanTarget))}
    assert targets == {("visits_hosted", "year"): 12, ("visits_hosted", "Q1"): 3}


@pytest.mark.parametrize(
    "role, allowed",
    [("admin", True), ("officer", True), ("intern", False), ("leader", False)],
)
def test_who_opens_the_plan(client, as_role, make_plan, role, allowed):
    plan_year, items = make_plan()
    as_role(role)
    for url in (
        f"/plan/{YEAR}",
        f"/plan/items/{items['1'].id}",
        f"/plan/{YEAR}/expenses",
        f"/plan/{YEAR}/records?figure=total:spent",
    ):
        assert client.get(url).status_code == (200 if allowed else 403), url
    admin_only = client.get(f"/plan/{YEAR}/import").status_code
    assert admin_only == (200 if role == "admin" else 403)
    report = client.get(f"/plan/{YEAR}/report").status_code
    assert report == (200 if role in ("admin", "officer", "leader") else 403)


def test_every_plan_page_opens_for_an_administrator(client, as_role, make_plan, database):
    from intl.plan.services import create_expense

    plan_year, items = make_plan()
    expense = create_expense(items["1"], spent_on=date(YEAR, 3, 1), payee="Printer", amount=100)
    database.session.commit()
    as_role("admin")
    for url in (
        "/plan",
        "/plan/new",
        f"/plan/{YEAR}/edit",
        f"/plan/{YEAR}/items/new?parent={items['肆'].id}",
        f"/plan/items/{items['1'].id}/edit",
        f"/plan/items/{items['1'].id}/targets",
        f"/plan/{YEAR}/expenses/new?item={items['1'].id}",
        f"/plan/expenses/{expense.id}/edit",
        f"/plan/{YEAR}/import",
        f"/plan/{YEAR}/report?period=Q1",
        f"/plan/{YEAR}/records?period=Q1&figure=stat:total",
        "/dashboard",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302), url
    assert client.get(f"/plan/expenses/{expense.id}/receipt").status_code == 404  # none uploaded


def test_the_plan_page_copies_the_plan_to_next_year(client, as_role, make_plan, database):
    make_plan()
    as_role("admin")
    page = page_text(client.get(f"/plan/{YEAR}"))
    assert 'value="116"' in page  # next year, offered as its ROC year
    response = client.post(f"/plan/{YEAR}/copy", data={"year": "116"})
    assert response.status_code == 302 and response.location.endswith(f"/plan/{YEAR + 1}")
    assert database.session.scalar(select(PlanYear.copied_from_id).where(PlanYear.year == YEAR + 1))
    response = client.post(f"/plan/{YEAR}/copy", data={"year": "116"}, follow_redirects=True)
    assert "年已有計畫" in page_text(response)


@pytest.mark.parametrize(
    "role, reads, keeps, reports",
    [
        ("admin", True, True, True),
        ("officer", True, False, True),
        ("intern", False, False, False),
        ("leader", False, False, True),
    ],
)
def test_the_plans_policies(make_user, make_plan, database, role, reads, keeps, reports):
    """The rules the pages, the templates and the home page's alerts ask, one place per kind."""
    from intl.core.access import can
    from intl.plan.services import create_expense

    plan_year, items = make_plan()
    expense = create_expense(items["1"], spent_on=date(YEAR, 3, 1), payee="Printer", amount=100)
    user = make_user(role)
    assert can(user, plan_year, "view") is reads and can(user, plan_year, "report") is reports
    assert can(user, plan_year, "edit") is keeps and can(user, "plan_year", "create") is keeps
    assert can(user, items["1"], "edit") is keeps and can(user, items["1"], "set_targets") is reads
    assert can(user, expense, "edit") is reads and can(user, items["1"], "oversee") is keeps
    user.active = False
    database.session.commit()
    assert not can(user, plan_year, "report") and not can(user, expense, "view")


def test_an_item_saved_over_someone_elses_change_shows_both(client, as_role, make_plan, database):
    _plan_year, items = make_plan()
    item = items["1"]
    seen = item.version
    as_role("admin")
    form = {"number": "1", "name-0-locale": "en", "budget_thousand": "4200", "version": str(seen)}
    assert (
        client.post(f"/plan/items/{item.id}/edit", data={**form, "name-0-text": "Sisters"}).status_code == 302
    )
    response = client.post(f"/plan/items/{item.id}/edit", data={**form, "name-0-text": "Friends"})
    assert response.status_code == 200
    page = page_text(response)
    assert "data-conflict" in page and "Sisters" in page and "Friends" in page
    database.session.refresh(item)
    assert item.name.get_for("en") == "Sisters" and item.version == seen + 1


def test_changing_a_plan_year_to_a_year_with_a_plan_is_refused(client, as_role, make_plan, database):
    plan_year, _items = make_plan()
    make_plan(year=YEAR + 1)
    as_role("admin")
    response = client.post(
        f"/plan/{YEAR}/edit",
        data={
            "year": str(YEAR + 1),
            "title-0-locale": "en",
            "title-0-text": "Plan",
            "version": plan_year.version,
        },
    )
    assert response.status_code == 200 and "data-conflict" not in page_text(response)
    database.session.refresh(plan_year)
    assert plan_year.year == YEAR
