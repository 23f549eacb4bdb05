"""The leaders' calendar: the page and the events it fetches (range, filters, masking, query count)."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest

WEEK = {"start": "2026-12-06T00:00:00", "end": "2026-12-13T00:00:00"}  # what the week view asks for


def events(client, **args):
    """The engagements of the range (the office's days off come as background shading: see test_workdays)."""
    response = client.get("/schedule/events.json", query_string={**WEEK, **args})
    assert response.status_code == 200, response.data
    return [e for e in response.get_json() if e.get("display") != "background"]


def titles(items):
    return sorted(item["title"] for item in items)


def test_an_engagement_in_range_with_its_title_time_colour_and_link(
    client, as_role, make_leader, make_engagement
):
    as_role("officer")
    mayor = make_leader(color="#d63384")
    shown = make_engagement(leaders=[mayor.id], start=datetime(2026, 12, 10, 2, 0, tzinfo=UTC), hours=2)
    make_engagement(leaders=[mayor.id], start=datetime(2026, 12, 20, 2, 0, tzinfo=UTC))  # the week after
    make_engagement(leaders=[mayor.id], start=datetime(2026, 12, 13, 0, 0, tzinfo=UTC))  # 08:00 on the 13th
    [item] = events(client)
    assert item["id"] == shown.id
    assert item["title"] == "市長接見"
    assert item["start"] == "2026-12-10T10:00+08:00" and item["end"] == "2026-12-10T12:00+08:00"
    assert item["allDay"] is False
    assert item["backgroundColor"] == "#d63384"
    assert item["extendedProps"]["url"] == f"/engagements/{shown.id}"
    client.post("/language", data={"locale": "en"})
    assert titles(events(client)) == ["Courtesy call on the Mayor"]
    # a plain date range, as the month view of other clients might send it, and an explicit offset
    assert len(events(client, start="2026-12-01", end="2027-01-01")) == 3
    assert len(events(client, start="2026-12-09T16:00:00Z", end="2026-12-10T16:00:00Z")) == 1


def test_cancelled_and_all_day_engagements(client, as_role, make_engagement):
    as_role("officer")
    make_engagement(title={"en": "Called off"}, status="cancelled")
    make_engagement(
        title={"en": "Lantern Festival"},
        all_day=True,
        start=datetime(2026, 12, 10, tzinfo=UTC) - timedelta(hours=8),
        hours=48,
    )
    by_title = {item["title"]: item for item in events(client)}
    assert "intl-status-cancelled" in by_title["Called off"]["classNames"]
    assert by_title["Called off"]["extendedProps"]["cancelled"] is True
    festival = by_title["Lantern Festival"]
    assert festival["allDay"] is True and (festival["start"], festival["end"]) == ("2026-12-10", "2026-12-12")


def test_filters_by_leader(client, as_role, make_leader, make_engagement):
    as_role("officer")
    mayor = make_leader()
    deputy = make_leader(
        names={"zh_Hant": "林欽榮", "en": "Lin Chin-rong"}, title={"en": "Deputy Mayor"}, color="#198754"
    )
    make_engagement(leaders=[mayor.id], title={"en": "Mayor alone"})
    make_engagement(leaders=[deputy.id], title={"en": "Deputy alone"})
    make_engagement(leaders=[mayor.id, deputy.id], title={"en": "Both"})
    make_engagement(title={"en": "Nobody"})
    assert titles(events(client)) == ["Both", "Deputy alone", "Mayor alone", "Nobody"]
    assert titles(events(client, leader=mayor.id)) == ["Both", "Mayor alone"]
    deputy_view = events(client, leader=deputy.id)
    assert titles(deputy_view) == ["Both", "Deputy alone"]
    assert {item["backgroundColor"] for item in deputy_view} == {"#198754"}  # the chosen leader's colour
    assert titles(events(client, leader=[mayor.id, deputy.id])) == ["Both", "Deputy alone", "Mayor alone"]
    for bad in ("x", "99999"):
        response = client.get("/schedule/events.json", query_string={**WEEK, "leader": bad})
        assert response.status_code == 400


def test_filters_by_delegation(client, as_role, make_engagement, database):
    from intl.delegations.services import create_delegation

    as_role("officer")
    visit = create_delegation(
        [], title={"en": "Yokohama delegation"}, start_on=date(2026, 12, 9), end_on=date(2026, 12, 11)
    )
    database.session.commit()
    make_engagement(title={"en": "In the programme"}, delegation_id=visit.id)
    make_engagement(title={"en": "Standalone"})
    assert titles(events(client)) == ["In the programme", "Standalone"]
    assert titles(events(client, delegation=visit.id)) == ["In the programme"]
    for bad in ("abc", "99999", "-1"):
        response = client.get("/schedule/events.json", query_string={**WEEK, "delegation": bad})
        assert response.status_code == 400
    page = client.get("/schedule", query_string={"date": "2026-12-10"}).get_data(as_text=True)
    assert f'<option value="{visit.id}"' in page


def test_confidential_engagement_busy_unless_allowed(
    client, make_user, login, make_leader, make_engagement, database
):
    mayor = make_leader()
    deputy_account = make_user("leader")
    make_leader(names={"en": "Deputy"}, user_id=deputy_account.id)
    secret = make_engagement(leaders=[mayor.id], title={"en": "Secret talks"}, visibility="confidential")
    make_engagement(leaders=[mayor.id], title={"en": "Open meeting"}, visibility="public")

    login(make_user("intern"))  # interns do not see confidential engagements at all, only the rest
    assert titles(events(client)) == ["Open meeting"]
    login(make_user("officer"))  # an officer not on it sees that the mayor is busy, nothing more
    client.post("/language", data={"locale": "en"})
    busy = next(item for item in events(client) if item["id"] == secret.id)
    assert busy["title"] == "Busy"
    assert "url" not in busy["extendedProps"] and "leaders" not in busy["extendedProps"]
    assert "intl-busy" in busy["classNames"]
    login(deputy_account)  # another leader's account: busy too
    assert "Secret talks" not in titles(events(client))
    mayor_account = make_user("leader")
    mayor.user_id = mayor_account.id
    database.session.commit()
    login(mayor_account)  # the mayor's own account sees it
    assert "Secret talks" in titles(events(client))
    login(make_user("admin"))
    assert titles(events(client)) == ["Open meeting", "Secret talks"]


@pytest.mark.parametrize(
    "args",
    [
        {"start": "yesterday", "end": "2026-12-13"},
        {"start": "2026-12-06", "end": "2026-12-06T25:00"},
        {"start": "2026-12-06", "end": "2026-12-13" + "0" * 40},
        {"start": "2026-12-13", "end": "2026-12-06"},
        {"start": "2026-12-06", "end": "2026-12-06"},
        {"start": "2026-13-01", "end": "2026-12-13"},
        {"start": "2026-01-01", "end": "2026-04-15"},  # longer than 100 days
        {"start": "2026-01-01T00:00:00", "end": "2026-04-12T00:00:00"},
    ],
)
def test_malformed_or_too_long_ranges_are_refused(client, as_role, args):
    as_role("officer")
    assert client.get("/schedule/events.json", query_string=args).status_code == 400


def test_a_long_month_grid_is_accepted_and_no_range_means_the_coming_week(client, as_role):
    as_role("intern")
    assert client.get("/schedule/events.json").status_code == 200
    assert client.get("/schedule/events.json", query_string={"start": "2026-12-06"}).status_code == 200
    assert (
        client.get(
            "/schedule/events.json", query_string={"start": "2026-11-29", "end": "2027-01-10"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize("role", ["officer", "leader"])
def test_query_count_does_not_grow_with_the_events(
    client, make_user, login, make_leader, make_engagement, count_queries, database, role
):
    from intl.delegations.services import create_delegation

    user = login(make_user(role))
    leaders = [make_leader(names={"en": f"Leader {i}"}, position=i) for i in range(4)]
    leaders[0].user_id = user.id if role == "leader" else None
    visits = [
        create_delegation(
            [], title={"en": f"Visit {i}"}, start_on=date(2026, 12, 7), end_on=date(2026, 12, 12)
        )
        for i in range(3)
    ]
    database.session.commit()

    def add(i):
        make_engagement(
            leaders=[leaders[i % 4].id, leaders[(i + 1) % 4].id],
            title={"en": f"Item {i}"},
            start=datetime(2026, 12, 7 + i % 5, 1 + i % 10, 0, tzinfo=UTC),
            visibility=("confidential", "internal", "public")[i % 3],
            delegation_id=visits[i % 3].id if i % 2 else None,
            status=("confirmed", "cancelled")[i % 2],
        )

    add(3)  # confidential, in a programme: the same kinds of lookups as with many
    events(client)
    with count_queries() as few:
        assert len(events(client)) == 1
    for i in range(4, 28):
        add(i)
    # a leader account sees its own leader's engagements (leader 0 is on items i with i % 4 in (0, 3)), no more
    expected = 25 if role == "officer" else sum(1 for i in range(3, 28) if 0 in (i % 4, (i + 1) % 4))
    with count_queries() as many:
        assert len(events(client)) == expected
    assert many.count == few.count, many.statements


@pytest.mark.parametrize("role", ["admin", "officer", "intern", "leader"])
def test_the_page_for_every_reader(client, as_role, make_leader, role):
    as_role(role)
    make_leader(color="#fd7e14")
    response = client.get("/schedule")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    config = json.loads(
        re.search(r'<script type="application/json" id="calendar-config">(.*?)</script>', html, re.S).group(1)
    )
    assert config["eventsUrl"] == "/schedule/events.json" and config["view"] == "timeGridWeek"
    assert config["timeZone"] == "+08:00" and config["text"]["today"]
    assert 'data-swatch="#fd7e14"' in html and 'href="/schedule/agenda' in html
    assert ('name="delegation"' in html) == (role != "leader")  # leaders do not read delegations
    assert "<script>" not in html and "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_the_page_refuses_a_bad_date_view_or_delegation(client, as_role):
    as_role("officer")
    assert client.get("/schedule", query_string={"view": "month", "date": "2026-12-10"}).status_code == 200
    assert client.get("/schedule", query_string={"date": "10/12/2026"}).status_code == 400
    assert client.get("/schedule", query_string={"view": "year"}).status_code == 400
    assert client.get("/schedule", query_string={"delegation": "x"}).status_code == 400


def test_leaders_may_not_filter_by_delegation(client, as_role, database):
    from intl.delegations.services import create_delegation

    as_role("leader")
    visit = create_delegation(
        [], title={"en": "Visit"}, start_on=date(2026, 12, 9), end_on=date(2026, 12, 11)
    )
    database.session.commit()
    response = client.get("/schedule/events.json", query_string={**WEEK, "delegation": visit.id})
    assert response.status_code == 403


def test_the_agenda_shows_each_engagement_s_time_where_it_happens_and_in_the_office(
    client, as_role, make_engagement, make_leader
):
    mayor = make_leader()
    as_role("officer")
    client.post("/language", data={"locale": "en"})
    tokyo = make_engagement(
        leaders=[mayor.id], title={"en": "Call on Tokyo"}, timezone="Asia/Tokyo", venue="Tokyo City Hall"
    )
    home = make_engagement(
        leaders=[mayor.id], title={"en": "Briefing"}, start=datetime(2026, 12, 10, 6, 0, tzinfo=UTC)
    )
    festival = make_engagement(
        title={"en": "Lantern Festival"},
        all_day=True,
        start=datetime(2026, 12, 10, tzinfo=UTC) - timedelta(hours=8),
    )
    off = make_engagement(
        title={"en": "Called off"}, status="cancelled", start=datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
    )
    page = client.get("/schedule/agenda", query_string={"from": "2026-12-10", "to": "2026-12-10"}).get_data(
        as_text=True
    )

    def entry(engagement) -> str:
        return page.split(f'data-engagement="{engagement.id}"')[1].split("data-engagement=")[0]

    # 02:00 UTC: 11:00-12:00 in Tokyo, 10:00 in the office (Taipei)
    assert '<span class="text-nowrap">11:00–12:00</span>' in entry(tokyo)
    assert re.search(r"data-office-time>Tokyo · Taipei 10:00</span>", entry(tokyo))
    assert f'href="/engagements/{tokyo.id}">Call on Tokyo</a>' in entry(tokyo) and "Tokyo City Hall" in entry(
        tokyo
    )
    assert 'class="badge text-bg-primary me-1">Mayor Chen Chi-mai</span>' in entry(tokyo)
    assert "14:00–15:00" in entry(home) and "data-office-time" not in entry(home)
    assert '<span class="badge text-bg-light border">All day</span>' in entry(festival)
    assert "text-decoration-line-through" in page.split(f'data-engagement="{off.id}"')[0].rsplit("<div", 1)[1]
