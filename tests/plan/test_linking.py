"""Delegations link to a plan item: a picker on their form (the plan of the year they take place in) and a
filter on their list that includes the item's sub-items."""

from __future__ import annotations

from sqlalchemy import select

from intl.delegations.models import Delegation
from intl.plan.linking import item_options
from tests.delegations.test_delegations import delegation_form
from tests.helpers import page_text

from .conftest import YEAR


def test_the_delegation_form_offers_the_plan_and_links_the_visit(client, as_role, make_plan, database):
    plan_year, items = make_plan(year=YEAR)
    as_role("officer")
    page = page_text(client.get("/delegations/new", headers={"Accept-Language": "en"}))
    picker = page.split('name="plan_item_id"')[1].split("</select>")[0]
    assert f'value="{items["1"].id}"' in picker and "1.Working item 1" in picker and "<optgroup" in picker
    response = client.post("/delegations/new", data=delegation_form(plan_item_id=str(items["1"].id)))
    assert response.status_code == 302
    delegation = database.session.scalar(select(Delegation))
    assert delegation.plan_item_id == items["1"].id
    # the change of item is in the audit log like any field
    response = client.post(
        f"/delegations/{delegation.id}/edit",
        data=delegation_form(plan_item_id=str(items["2"].id), version=str(delegation.version)),
    )
    assert response.status_code == 302
    database.session.refresh(delegation)
    assert delegation.plan_item_id == items["2"].id


def test_an_item_of_another_years_plan_is_refused(client, as_role, make_plan, database):
    _old, old_items = make_plan(year=YEAR - 1)
    as_role("officer")
    response = client.post(
        "/delegations/new",
        data=delegation_form(plan_item_id=str(old_items["1"].id)),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200 and "is in the plan for 2025" in page_text(response)
    assert database.session.scalar(select(Delegation)) is None


def test_the_list_filters_by_plan_item_with_its_sub_items(
    client, as_role, make_plan, make_delegation, database
):
    plan_year, items = make_plan()
    one = make_delegation(items["1"], title={"en": "Linked to item one"})
    two = make_delegation(items["2"], title={"en": "Linked to item two"})
    make_delegation(None, title={"en": "Not linked"})
    as_role("intern")
    page = page_text(client.get(f"/delegations?when=all&plan_item={items['1'].id}"))
    assert "Linked to item one" in page and "Linked to item two" not in page and "Not linked" not in page
    page = page_text(client.get(f"/delegations?when=all&plan_item={items['肆'].id}"))
    assert "Linked to item one" in page and "Linked to item two" in page and "Not linked" not in page
    assert one.id and two.id


def test_options_are_grouped_by_year_and_indented(make_plan, app):
    make_plan(year=YEAR)
    with app.test_request_context():
        groups = item_options([YEAR])
    assert len(groups) == 1 and groups[0][0] == "民國 115 年（2026）"
    labels = [label for _id, label in groups[0][1]]
    assert labels[0] == "肆、國際事務" and labels[1].startswith("\u3000")  # the default language: Chinese
