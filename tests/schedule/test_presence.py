"""Presence: a leader away on a trip (an outbound programme, or a stay entered on its own) clashes with an
engagement at home, and an engagement that cannot be reached from the one before clashes with it. Checked in
each place's own zone, across the date line and a DST change."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from intl.delegations.services import create_delegation
from intl.schedule.models import LeaderStay


def as_typed(args: dict) -> dict:
    """start="2026-12-10T16:00" (end likewise) as the engagement form's boxes send them: day and time."""
    typed = dict(args)
    for side in ("start", "end"):
        if side in typed:
            day, _sep, time = typed.pop(side).partition("T")
            typed[f"{side}_on"], typed[f"{side}_time"] = day, time
    return typed


@pytest.fixture
def check(client):
    def run(zone="Asia/Taipei", **args):
        response = client.get("/engagements/clashes", query_string={"timezone": zone, **as_typed(args)})
        assert response.status_code == 200
        return sorted((item["reason"], item["title"]) for item in response.get_json())

    return run


def yokohama_trip(make_partner, make_engagement, mayor, database):
    """The mayor in Yokohama on an outbound programme (no flights entered): 14:00–15:00 Tokyo time."""
    yokohama = make_partner()
    trip = create_delegation(
        [yokohama.id],
        title={"zh_Hant": "橫濱訪問團", "en": "Yokohama mission"},
        direction="outbound",
        status="confirmed",
        start_on=date(2026, 12, 10),
        end_on=date(2026, 12, 11),
    )
    database.session.commit()
    meeting = make_engagement(
        leaders=[mayor.id],
        delegation_id=trip.id,
        timezone="Asia/Tokyo",
        city="Yokohama",
        start=datetime(2026, 12, 10, 5, 0, tzinfo=UTC),  # 14:00 Tokyo
        title={"zh_Hant": "橫濱市長會談", "en": "Meeting the Mayor of Yokohama"},
    )
    return trip, meeting


def test_yokohama_then_kaohsiung(
    client, as_role, make_leader, make_partner, make_engagement, database, check
):
    as_role("officer")
    mayor = make_leader()
    yokohama_trip(make_partner, make_engagement, mayor, database)
    # 16:00 in Kaohsiung the same day: he is on the trip abroad, and Yokohama is hours away
    found = check(start="2026-12-10T16:00", end="2026-12-10T17:00", leader=mayor.id, city="Kaohsiung")
    assert ("away", "橫濱訪問團") in found
    assert ("unreachable", "橫濱市長會談") in found
    # the inbound visit at 13:30 Taipei time overlaps and is at home during the trip
    found = check(start="2026-12-10T13:30", end="2026-12-10T14:30", leader=mayor.id, city="Kaohsiung")
    assert ("leader", "橫濱市長會談") in found and ("away", "橫濱訪問團") in found
    # a day after the programme he is home again
    assert check(start="2026-12-12T16:00", end="2026-12-12T17:00", leader=mayor.id) == []
    # the form warns too, in the reader's language, and saves only when confirmed
    form = {
        "title-0-locale": "zh_Hant",
        "title-0-text": "市政會議",
        "kind": "meeting",
        "start_on": "2026-12-10",
        "start_time": "16:00",
        "end_time": "17:00",
        "timezone": "Asia/Taipei",
        "city": "Kaohsiung",
        "visibility": "internal",
        "status": "confirmed",
        "leaders": [str(mayor.id)],
    }
    client.post("/language", data={"locale": "en"})
    page = client.post("/engagements/new", data=form).get_data(as_text=True)
    assert "is away from the city" in page and "cannot get there in time" in page


def test_without_a_trip_the_distance_still_counts_and_the_officer_can_correct_it(
    client, as_role, make_leader, make_engagement, check
):
    as_role("officer")
    mayor = make_leader()
    make_engagement(
        leaders=[mayor.id],
        timezone="Asia/Tokyo",
        city="Yokohama",
        start=datetime(2026, 12, 10, 5, 0, tzinfo=UTC),
        title={"en": "Yokohama call"},
    )
    found = check(start="2026-12-10T16:00", end="2026-12-10T17:00", leader=mayor.id, city="Kaohsiung")
    assert found == [("unreachable", "Yokohama call")]
    # the officer knows a charter gets him there in two hours
    assert check(start="2026-12-10T16:00", leader=mayor.id, city="Kaohsiung", travel="120") == []
    # the next morning is reachable
    assert check(start="2026-12-11T10:00", leader=mayor.id, city="Kaohsiung") == []


def test_a_trip_across_the_date_line_to_honolulu(
    client, as_role, make_leader, make_partner, make_engagement, database, check
):
    as_role("officer")
    mayor = make_leader()
    honolulu = make_partner(names={"en": "Honolulu"}, country="US", timezone="Pacific/Honolulu")
    trip = create_delegation(
        [honolulu.id],
        title={"en": "Honolulu sister-city visit"},
        direction="outbound",
        status="confirmed",
        start_on=date(2026, 3, 5),
        end_on=date(2026, 3, 8),
    )
    database.session.commit()
    # leaves Kaohsiung 23:00 on 5 March, lands in Honolulu 13:00 on... 5 March, local time
    make_engagement(
        leaders=[mayor.id],
        delegation_id=trip.id,
        kind="departure",
        start=datetime(2026, 3, 5, 15, 0, tzinfo=UTC),
        hours=8,
        title={"en": "Flight to Honolulu"},
    )
    make_engagement(
        leaders=[mayor.id],
        delegation_id=trip.id,
        kind="departure",
        timezone="Pacific/Honolulu",
        start=datetime(2026, 3, 7, 23, 0, tzinfo=UTC),  # 13:00 Honolulu on the 7th
        hours=10,
        title={"en": "Flight home"},
    )
    # Kaohsiung, the evening before the flight: at home, nothing in the way (the flight itself is travel)
    assert check(start="2026-03-05T19:00", end="2026-03-05T20:00", leader=mayor.id) == []
    # Kaohsiung the next morning: he is over the Pacific or in Honolulu
    assert ("away", "Honolulu sister-city visit") in check(start="2026-03-06T10:00", leader=mayor.id)
    # Honolulu at 14:00 on 5 March, local time: after landing, though "earlier" than the departure date at home
    assert check("Pacific/Honolulu", start="2026-03-05T14:00", leader=mayor.id, city="Honolulu") == []
    # Honolulu at 09:00 on 5 March: he is still in the air
    assert ("leader", "Flight to Honolulu") in check(
        "Pacific/Honolulu", start="2026-03-05T09:00", leader=mayor.id, city="Honolulu"
    )
    # home again the evening after landing (09:00 UTC on the 8th)
    assert check(start="2026-03-08T20:00", leader=mayor.id) == []


def test_a_stay_in_portland_across_the_dst_change(client, as_role, make_leader, database, check):
    as_role("officer")
    mayor = make_leader()
    response = client.post(
        "/schedule/stays/new",
        data={
            "leader_id": str(mayor.id),
            "place": "Portland",
            "timezone": "America/Los_Angeles",
            "start_on": "2026-03-07",
            "start_time": "10:00",
            "end_on": "2026-03-09",
            "end_time": "12:00",  # daylight saving time began on the 8th: 12:00 PDT is 19:00 UTC
        },
    )
    assert response.status_code == 302
    stay = database.session.query(LeaderStay).one()
    assert stay.start_dt == datetime(2026, 3, 7, 18, 0, tzinfo=UTC)  # PST, -8
    assert stay.end_dt == datetime(2026, 3, 9, 19, 0, tzinfo=UTC)  # PDT, -7
    # 02:30 on the 10th in Kaohsiung is 11:30 in Portland: still there
    assert ("away", "Portland") in check(start="2026-03-10T02:30", leader=mayor.id)
    # 03:30 in Kaohsiung is 12:30 in Portland: the stay is over
    assert check(start="2026-03-10T03:30", leader=mayor.id) == []
    # a meeting in Portland during the stay is where he is
    assert check("America/Los_Angeles", start="2026-03-08T10:00", leader=mayor.id, city="Portland") == []


def test_the_check_costs_the_same_queries_however_long_the_schedule(
    client, as_role, make_leader, make_partner, make_engagement, database, count_queries
):
    as_role("officer")
    mayor = make_leader()
    yokohama_trip(make_partner, make_engagement, mayor, database)
    args = as_typed(
        {"timezone": "Asia/Taipei", "start": "2026-12-10T16:00", "leader": mayor.id, "city": "Kaohsiung"}
    )
    client.get("/engagements/clashes", query_string=args)

    def queries() -> int:
        with count_queries() as counter:
            assert client.get("/engagements/clashes", query_string=args).status_code == 200
        return len(counter.statements)

    before = queries()
    for day in range(1, 40):
        make_engagement(
            leaders=[mayor.id], start=datetime(2026, 11, 1, 1, 0, tzinfo=UTC).replace(day=1 + day % 28)
        )
        make_engagement(leaders=[mayor.id], start=datetime(2026, 12, 10, 1 + day % 5, 0, tzinfo=UTC))
    assert queries() == before
