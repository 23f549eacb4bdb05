"""The dashboard: what each role sees, the map drawn without the network, and a constant number of queries."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from intl.core.time import today_in
from tests.helpers import page_text

TAIPEI = ZoneInfo("Asia/Taipei")


def this_week_at(hour: int, offset_days: int = 0) -> datetime:
    today = today_in("Asia/Taipei")
    monday = today - timedelta(days=today.weekday())
    return datetime.combine(monday + timedelta(days=offset_days), time(hour), TAIPEI).astimezone(UTC)


@pytest.fixture
def office(
    make_user,
    make_leader,
    make_engagement,
    make_partner,
    make_plan,
    make_delegation,
    make_agreement,
    database,
):
    """Two leaders (the mayor with an aide's account), this week's engagements, a plan, a partner map."""
    year = today_in("Asia/Taipei").year
    aide = make_user("leader")
    mayor = make_leader(user_id=aide.id)
    deputy = make_leader(names={"zh_Hant": "林副市長", "en": "Deputy Lin"}, title={"en": "Deputy Mayor"})
    make_engagement(leaders=[mayor.id], title={"en": "Mayor's council meeting"}, start=this_week_at(9))
    make_engagement(leaders=[deputy.id], title={"en": "Deputy's port visit"}, start=this_week_at(11))
    make_engagement(
        leaders=[deputy.id],
        title={"en": "Deputy's secret talks"},
        start=this_week_at(15, 1),
        visibility="confidential",
    )
    make_engagement(
        leaders=[mayor.id],
        title={"en": "Mayor's secret talks"},
        start=this_week_at(16, 2),
        visibility="confidential",
    )
    plan_year, items = make_plan(year=year)
    cebu = make_partner(
        names={"en": "Cebu"},
        country="PH",
        timezone="Asia/Manila",
        latitude=10.3,
        longitude=123.9,
        relationship="sister",
    )
    yokohama = make_partner(names={"en": "Yokohama"}, latitude=35.4, longitude=139.6)
    soon = today_in("Asia/Taipei") + timedelta(days=30)
    make_agreement(
        yokohama, signed_on=soon.replace(year=soon.year - 10, day=min(soon.day, 28))
    )  # 10 years soon
    make_delegation(
        items["1"],
        [cebu],
        start=today_in("Asia/Taipei") + timedelta(days=5),
        status="confirmed",
        budget=100_000,
        title={"en": "Cebu mission"},
    )
    return {"aide": aide, "mayor": mayor, "deputy": deputy, "items": items}


def test_officers_see_every_leaders_week_the_budget_the_chart_and_the_map(client, as_role, office):
    as_role("officer")
    page = page_text(client.get("/dashboard", headers={"Accept-Language": "en"}))
    week = page.split("data-dashboard-week")[1].split("data-dashboard-upcoming")[0]
    assert "Mayor&#39;s council meeting" in week and "Deputy&#39;s port visit" in week
    assert "secret talks" not in week and week.count("Busy") == 2  # confidential, the officer is not on them
    assert "Cebu mission" in page.split("data-dashboard-upcoming")[1]
    assert "10 years" in page.split("data-dashboard-anniversaries")[1]
    assert f'data-dashboard-item="{office["items"]["1"].id}"' in page
    chart = json.loads(page.split('id="chart-data">')[1].split("</script>")[0])
    assert len(chart["labels"]) == 12 and chart["datasets"]
    points = page.split("data-dashboard-map")[1]
    assert points.count('class="map-point') == 2 and "rel-sister" in points
    assert 'href="/dashboard/world.svg"' in points and "tile" not in points  # no online map tiles
    assert "<script>" not in page and " style=" not in page  # the CSP allows neither


def test_a_leader_sees_their_own_week_with_their_confidential_items_and_no_record_links(
    client, login, office
):
    login(office["aide"])
    page = page_text(client.get("/dashboard", headers={"Accept-Language": "en"}))
    week = page.split("data-dashboard-week")[1].split("data-dashboard-upcoming")[0]
    assert "Mayor&#39;s council meeting" in week and "Mayor&#39;s secret talks" in week
    assert "Deputy" not in week
    assert (
        'href="/delegations/' not in page
        and 'href="/partners/' not in page
        and 'href="/plan/items/' not in page
    )
    assert "data-overdue-total" in page


def test_a_leader_account_without_a_leader_is_told_so(client, as_role, office):
    as_role("leader")
    page = page_text(client.get("/dashboard", headers={"Accept-Language": "en"}))
    assert "not linked to a leader" in page


def test_interns_do_not_open_the_dashboard(client, as_role, office):
    as_role("intern")
    assert client.get("/dashboard").status_code == 403
    assert client.get("/dashboard/world.svg").status_code == 403


def test_the_base_map_is_drawn_from_vendored_data_and_cached(client, as_role):
    as_role("leader")
    response = client.get("/dashboard/world.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert (
        response.data.startswith(b"<svg")
        and b"<path" in response.data
        and b"http://" not in response.data.replace(b"http://www.w3.org/2000/svg", b"")
    )
    etag = response.headers["ETag"]
    assert client.get("/dashboard/world.svg", headers={"If-None-Match": etag}).status_code == 304


def test_overdue_follow_ups_are_listed_for_officers(client, as_role, office, make_delegation, database):
    from intl.delegations.services import add_followup

    delegation = make_delegation(None)
    add_followup(delegation, "Send the signed MOU", None, today_in("Asia/Taipei") - timedelta(days=3))
    database.session.commit()
    as_role("officer")
    page = page_text(client.get("/dashboard", headers={"Accept-Language": "en"}))
    overdue = page.split("data-dashboard-overdue")[1]
    assert "Send the signed MOU" in overdue and "data-overdue-total>1<" in overdue


def test_the_number_of_queries_does_not_grow_with_the_records(
    client, as_role, office, make_partner, make_delegation, make_agreement, count_queries, database
):
    from intl.interactions.services import create_interaction

    as_role("officer")
    client.get("/dashboard")  # warm
    with count_queries() as small:
        assert client.get("/dashboard").status_code == 200
    year = today_in("Asia/Taipei").year
    items = office["items"]
    for n in range(30):
        partner = make_partner(
            names={"en": f"City {n}"},
            country=["JP", "TH", "US", "DE"][n % 4],
            latitude=10 + n,
            longitude=100 + n,
            relationship="sister",
        )
        make_agreement(partner, signed_on=date(year - 10, 1 + n % 12, 1))
        make_delegation(
            items[str(1 + n % 5)],
            [partner],
            start=date(year, 1 + n % 11, 1 + n % 27),
            status=["done", "confirmed", "under_way"][n % 3],
            categories=[["culture"], ["trade", "education"], []][n % 3],
            budget=1000 * n,
            actual_cost=500 * n,
        )
        create_interaction(
            ("partner", partner.id),
            [],
            kind="call",
            subject=f"Call {n}",
            occurred_at=datetime(year - 1, 6, 1, tzinfo=UTC),
        )
    database.session.commit()
    with count_queries() as big:
        assert client.get("/dashboard").status_code == 200
    assert big.count == small.count, (small.statements, big.statements)
    # a few queries per activity kind (seven link to the plan), none per record
    assert big.count <= 40


def test_a_new_office_runs_the_same_statements_as_one_with_anniversaries_and_delegations(
    client,
    as_role,
    make_leader,
    make_engagement,
    make_partner,
    make_agreement,
    make_delegation,
    count_queries,
):
    # What a page finds must not add statements: a new office's week with a plain engagement and no
    # anniversaries against one with an anniversary today and a delegation's engagement (its partners are
    # not the dashboard's to read).
    mayor = make_leader()
    make_engagement(leaders=[mayor.id], title={"en": "Council meeting"}, start=this_week_at(9))
    as_role("officer")
    client.get("/dashboard")  # warm
    with count_queries() as new_office:
        assert client.get("/dashboard").status_code == 200
    today = today_in("Asia/Taipei")
    partner = make_partner(names={"en": "Kumamoto"}, country="JP", relationship="sister")
    make_agreement(partner, signed_on=date(today.year - 10, today.month, min(today.day, 28)))
    delegation = make_delegation(None, [partner], start=today, status="confirmed")
    make_engagement(
        leaders=[mayor.id],
        title={"en": "Kumamoto delegation"},
        start=this_week_at(14),
        delegation_id=delegation.id,
    )
    with count_queries() as busy_office:
        page = client.get("/dashboard", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kumamoto delegation" in html.split("data-dashboard-week")[1].split("data-dashboard-upcoming")[0]
    assert "Kumamoto" in html.split("data-dashboard-anniversaries")[1].split("data-dashboard-budget")[0]
    assert busy_office.count == new_office.count, (new_office.statements, busy_office.statements)


def test_overdue_letters_are_listed_for_officers_and_counted_for_leaders(
    client, as_role, login, make_user, make_leader, office, database
):
    from intl.correspondence.services import create_letter

    today = today_in("Asia/Taipei")

    def letter(subject, due, **fields):
        return create_letter(
            "incoming",
            subject=subject,
            letter_on=today - timedelta(days=20),
            language="en",
            channel="email",
            body="…",
            due_on=due,
            **fields,
        )

    colleague = make_user("officer", username="colleague")
    overdue = letter("Sinulog invitation", today - timedelta(days=2))
    letter("Answer next week", today + timedelta(days=7))
    letter(
        "Colleague's confidential request",
        today - timedelta(days=5),
        confidential=True,
        assigned_to_id=colleague.id,
    )
    database.session.commit()

    as_role("officer")
    page = client.get("/dashboard").get_data(as_text=True)
    card = page.split("data-dashboard-letters")[1].split("</section>")[0]
    assert f'href="/letters/{overdue.id}"' in card and "Sinulog invitation" in card
    assert "Answer next week" not in card and "confidential request" not in card  # not due / not theirs
    assert "data-letter-total>1<" in card

    leader = make_user("leader", username="mayor")
    make_leader(user_id=leader.id)
    database.session.commit()
    login(leader)
    card = (
        client.get("/dashboard")
        .get_data(as_text=True)
        .split("data-dashboard-letters")[1]
        .split("</section>")[0]
    )
    assert "data-letter-total>2<" in card  # the office's number, without subjects or links
    assert "Sinulog" not in card and "/letters/" not in card


def test_anniversaries_across_the_new_year_and_on_29_february(app, make_partner, make_agreement, database):
    from intl.partners.anniversaries import anniversaries_between

    def next_anniversaries(today, days, limit):
        return anniversaries_between(today, today + timedelta(days=days), limit)

    partner = make_partner(names={"en": "Busan"})
    make_agreement(partner, signed_on=date(1996, 2, 29))  # 30 years on 28 Feb 2026 (a common year)
    make_agreement(partner, signed_on=date(2007, 1, 10))  # 20 years on 10 Jan 2027
    make_agreement(partner, signed_on=date(2008, 1, 10))  # 19 years: not a round one
    make_agreement(partner, signed_on=date(2001, 12, 31))  # 25 years on 31 Dec 2026
    database.session.commit()
    with app.test_request_context():
        found, total = next_anniversaries(date(2026, 12, 20), 90, 10)
        assert [(a.on, a.years) for a in found] == [(date(2026, 12, 31), 25), (date(2027, 1, 10), 20)]
        found, total = next_anniversaries(date(2026, 2, 1), 30, 10)
        assert [(a.on, a.years) for a in found] == [(date(2026, 2, 28), 30)]
