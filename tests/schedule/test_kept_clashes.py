"""A clash seen and saved anyway is kept (who, when) and marked wherever either engagement shows: the pages,
the agenda, the calendar's events, the printed briefing and itinerary. The clashes page settles it (move,
cancel, accept with a reason); a change to either engagement re-opens it."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import vobject
from pypdf import PdfReader
from sqlalchemy import select

from intl.delegations.services import create_delegation, update_delegation
from intl.schedule import kept
from intl.schedule.models import Engagement, KeptClash
from intl.schedule.services import update_engagement
from tests.helpers import page_text


def pdf_text(response) -> str:
    assert response.status_code == 200, response.data[:300]
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


@pytest.fixture
def booked(client, make_user, login, make_leader, make_partner, make_engagement, database):
    """The issue's scenario: the mayor in Yokohama 14:00–15:00 Tokyo time on a programme abroad; the officer
    books him for an inbound visit at 13:30 Taipei time, sees the warning, ticks it and saves."""
    officer = login(make_user("officer", display_name="王小明"))
    mayor = make_leader()
    trip = create_delegation(
        [make_partner().id],
        title={"zh_Hant": "橫濱訪問團", "en": "Yokohama mission"},
        direction="outbound",
        status="confirmed",
        start_on=date(2026, 12, 10),
        end_on=date(2026, 12, 11),
    )
    database.session.commit()
    yokohama = make_engagement(
        leaders=[mayor.id],
        delegation_id=trip.id,
        timezone="Asia/Tokyo",
        city="Yokohama",
        start=datetime(2026, 12, 10, 5, 0, tzinfo=UTC),
        title={"zh_Hant": "橫濱市長會談", "en": "Meeting the Mayor of Yokohama"},
    )
    form = {
        "title-0-locale": "zh_Hant",
        "title-0-text": "越南訪團拜會",
        "title-1-locale": "en",
        "title-1-text": "Courtesy call by the Da Nang delegation",
        "kind": "courtesy_call",
        "start_on": "2026-12-10",
        "start_time": "13:30",
        "end_time": "14:30",
        "timezone": "Asia/Taipei",
        "city": "Kaohsiung",
        "visibility": "internal",
        "status": "confirmed",
        "leaders": [str(mayor.id)],
    }
    assert client.post("/engagements/new", data=form).status_code == 200  # warned, not saved
    assert client.post("/engagements/new", data={**form, "confirm_clashes": "y"}).status_code == 302
    visit = database.session.scalars(select(Engagement).where(Engagement.id != yokohama.id)).one()
    return {"officer": officer, "mayor": mayor, "trip": trip, "yokohama": yokohama, "visit": visit}


def test_the_acknowledged_clash_is_kept_and_marked_everywhere(client, booked, database):
    mayor, visit, yokohama, trip = booked["mayor"], booked["visit"], booked["yokohama"], booked["trip"]
    rows = database.session.scalars(select(KeptClash)).all()
    assert {(r.reason, r.acknowledged_by_id) for r in rows} >= {
        ("leader", booked["officer"].id),
        ("away", booked["officer"].id),
    }
    client.post("/language", data={"locale": "en"})
    for engagement in (visit, yokohama):
        page = page_text(client.get(f"/engagements/{engagement.id}"))
        assert "Clash kept" in page and "王小明" in page, engagement.id
    assert "Clash kept" in page_text(client.get(f"/delegations/{trip.id}"))
    agenda = page_text(
        client.get("/schedule/agenda", query_string={"from": "2026-12-10", "to": "2026-12-10"})
    )
    assert agenda.count("data-clash-of") >= 2
    events = client.get("/schedule/events.json", query_string={"start": "2026-12-07", "end": "2026-12-14"})
    marked = {e["id"]: e for e in events.get_json()}
    assert (
        "intl-clash" in marked[visit.id]["classNames"]
        and "Clash kept" in marked[visit.id]["extendedProps"]["clash"]
    )
    assert "intl-clash" in marked[yokohama.id]["classNames"]
    briefing = pdf_text(client.get(f"/schedule/briefing/{mayor.id}/2026-12-10.pdf"))
    assert "衝突已知悉" in briefing and "Clash kept" in briefing and "away from the city" in briefing
    itinerary = pdf_text(client.get(f"/delegations/{trip.id}/itinerary.pdf"))
    assert "衝突已知悉" in itinerary


def test_a_change_to_either_engagement_reopens_it_and_a_move_settles_it(client, booked, database):
    yokohama, visit = booked["yokohama"], booked["visit"]
    # the Yokohama meeting moves by ten minutes: still a clash, the question is open again
    update_engagement(yokohama, start_dt=yokohama.start_dt + timedelta(minutes=10))
    database.session.commit()
    overlap = database.session.scalars(select(KeptClash).where(KeptClash.reason == "leader")).one()
    assert overlap.reopened_at is not None
    client.post("/language", data={"locale": "en"})
    assert "Clash re-opened" in page_text(client.get(f"/engagements/{visit.id}"))
    # the visit moves to the morning after the trip: every clash of it is gone
    update_engagement(
        visit,
        start_dt=datetime(2026, 12, 12, 1, 0, tzinfo=UTC),
        end_dt=datetime(2026, 12, 12, 2, 0, tzinfo=UTC),
    )
    database.session.commit()
    assert database.session.scalars(select(KeptClash)).all() == []
    assert "data-kept-clashes" not in page_text(client.get(f"/engagements/{visit.id}"))


def test_a_change_to_the_trip_reopens_the_away_clash_kept_at_home(client, booked, make_engagement, database):
    """The visit at home was saved while the mayor is on the Yokohama trip: that clash is kept against the
    trip. Another engagement of the trip moving, or the trip's dates, re-opens it; the trip called off
    settles it."""
    mayor, trip, visit = booked["mayor"], booked["trip"], booked["visit"]
    dinner = make_engagement(
        leaders=[mayor.id],
        delegation_id=trip.id,
        timezone="Asia/Tokyo",
        city="Yokohama",
        start=datetime(2026, 12, 10, 10, 0, tzinfo=UTC),
        title={"zh_Hant": "橫濱晚宴", "en": "Dinner in Yokohama"},
    )

    def away() -> KeptClash | None:
        database.session.expire_all()
        return database.session.scalars(
            select(KeptClash).where(KeptClash.reason == "away", KeptClash.engagement_id == visit.id)
        ).one_or_none()

    assert away().delegation_id == trip.id and away().reopened_at is None
    # the dinner is in no kept clash itself, but it is part of the trip that keeps the mayor away
    update_engagement(dinner, start_dt=dinner.start_dt + timedelta(minutes=30))
    database.session.commit()
    assert away().reopened_at is not None
    kept.accept(away(), "The deputy mayor receives them")
    database.session.commit()
    assert away().is_accepted
    sequence = database.session.get(Engagement, visit.id).sequence
    # the trip's dates change: the question is open again, and the visit's feed entry says so
    update_delegation(trip, end_on=date(2026, 12, 12))
    database.session.commit()
    assert away().reopened_at is not None and not away().is_accepted
    assert database.session.get(Engagement, visit.id).sequence > sequence
    # the trip is called off: the mayor is at home, no clash is left to keep
    update_delegation(trip, status="cancelled")
    database.session.commit()
    assert away() is None
    assert "away from the city" not in page_text(client.get(f"/engagements/{visit.id}"))


def test_removing_the_stay_settles_the_clash_kept_against_it(client, as_role, make_leader, database):
    as_role("officer")
    mayor = make_leader()
    stay = {
        "leader_id": str(mayor.id),
        "place": "Portland",
        "timezone": "America/Los_Angeles",
        "start_on": "2026-12-07",
        "start_time": "10:00",
        "end_on": "2026-12-09",
        "end_time": "12:00",
    }
    assert client.post("/schedule/stays/new", data=stay).status_code == 302
    form = {
        "title-0-locale": "zh_Hant",
        "title-0-text": "市政會議",
        "kind": "meeting",
        "start_on": "2026-12-08",
        "start_time": "10:00",
        "end_time": "11:00",
        "timezone": "Asia/Taipei",
        "city": "Kaohsiung",
        "visibility": "internal",
        "status": "confirmed",
        "leaders": [str(mayor.id)],
        "confirm_clashes": "y",
    }
    assert client.post("/engagements/new", data=form).status_code == 302
    meeting = database.session.scalars(select(Engagement)).one()
    row = database.session.scalars(select(KeptClash)).one()
    assert (row.reason, row.engagement_id, row.stay_id is not None) == ("away", meeting.id, True)
    sequence = meeting.sequence
    assert client.post(f"/schedule/stays/{row.stay_id}/delete").status_code == 302
    database.session.expire_all()
    assert database.session.scalars(select(KeptClash)).all() == []
    # the meeting's entry in the leader's feed no longer says "Clash: see ..."
    assert database.session.get(Engagement, meeting.id).sequence > sequence


def test_the_clashes_page_settles_by_accepting_with_a_reason_or_cancelling(client, booked, database):
    mayor, visit = booked["mayor"], booked["visit"]
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get("/schedule/clashes", query_string={"leader": mayor.id, "weeks": 26}))
    # the coming weeks are counted from the office's today; the scenario lies ahead of it
    assert 'data-clash="away"' in page and 'data-clash="leader"' in page and 'data-open="yes"' in page
    overlap = database.session.scalars(select(KeptClash).where(KeptClash.reason == "leader")).one()
    response = client.post(
        "/schedule/clashes/accept",
        data={
            "engagement": overlap.engagement_id,
            "first": overlap.engagement_id,
            "second": overlap.other_engagement_id,
            "reason": "leader",
            "ref": mayor.id,
            "note": "The deputy mayor receives them; the mayor joins by video",
        },
    )
    assert response.status_code == 302
    database.session.expire_all()
    overlap = database.session.get(KeptClash, overlap.id)
    assert overlap.is_accepted and overlap.accepted_by_id == booked["officer"].id
    page = page_text(client.get(f"/engagements/{visit.id}"))
    assert "Clash accepted" in page and "joins by video" in page
    page = page_text(client.get("/schedule/clashes", query_string={"leader": mayor.id, "weeks": 26}))
    assert 'data-clash="leader" data-open="no"' in page
    # an empty reason is refused with a message, not a 500
    assert client.post("/schedule/clashes/accept", data={"engagement": visit.id}).status_code == 302
    # cancelling the visit settles the rest
    assert client.post(f"/engagements/{visit.id}/cancel").status_code == 302
    assert database.session.scalars(select(KeptClash)).all() == []


def test_the_clashes_page_costs_the_same_queries_however_many_engagements(
    client, booked, make_engagement, count_queries
):
    mayor = booked["mayor"]
    url = f"/schedule/clashes?leader={mayor.id}&weeks=26"
    client.get(url)

    def queries() -> int:
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return len(counter.statements)

    before = queries()
    for day in range(11, 31):
        make_engagement(leaders=[mayor.id], start=datetime(2026, 12, day, 2, 0, tzinfo=UTC))
        make_engagement(leaders=[mayor.id], start=datetime(2026, 12, day, 2, 30, tzinfo=UTC))
    assert queries() == before


def test_the_leader_s_feed_says_clash_see_while_it_is_open(app, client, booked, database):
    mayor, visit, yokohama = booked["mayor"], booked["visit"], booked["yokohama"]
    response = client.post(
        "/feeds", data={"subject": f"leader:{mayor.id}", "scope": "full", "locale": "en", "label": "Phone"}
    )
    url = re.search(r"data-feed-url>([^<]+)<", page_text(response)).group(1)
    path = "/" + url.split("/", 3)[3]
    phone = app.test_client()
    first = phone.get(path)
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(first.data).walk("VEVENT")}
    assert len(events) == 2  # the clash itself is no event
    for engagement in (visit, yokohama):
        description = str(events[engagement.uid]["DESCRIPTION"])
        assert description.startswith("Clash: see http") and f"/engagements/{engagement.id}" in description
    parsed = vobject.readOne(first.data.decode())
    assert any("Clash: see" in e.description.value for e in parsed.vevent_list)
    # accepted with a reason: the feed changes (a new validator) and the line goes
    overlap, away = (
        database.session.scalars(select(KeptClash).where(KeptClash.reason == reason)).one()
        for reason in ("leader", "away")
    )
    for row in (overlap, away):
        client.post(
            "/schedule/clashes/accept",
            data={
                "engagement": row.engagement_id,
                "first": row.engagement_id,
                "second": row.other_engagement_id or "",
                "delegation": row.delegation_id or "",
                "reason": row.reason,
                "ref": mayor.id,
                "note": "Agreed with the mayor's office",
            },
        )
    second = phone.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(second.data).walk("VEVENT")}
    assert all("Clash" not in str(e.get("DESCRIPTION", "")) for e in events.values())
    assert int(events[visit.uid]["SEQUENCE"]) > 0
