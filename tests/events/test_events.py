"""Events: the calendar entry kept in step, programme sessions, archive; the officer's registration list and
exports; check-in and attendance figures."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import openpyxl
from sqlalchemy import select

from intl.events.models import Event, Registration
from intl.schedule.models import Engagement
from tests.helpers import page_text


def event_form(**overrides):
    data = {
        "title-0-locale": "zh_Hant",
        "title-0-text": "看見高雄：國際學生",
        "title-1-locale": "en",
        "title-1-text": "See Kaohsiung for international students",
        "kind": "see_kaohsiung",
        "audiences": ["international_students", "envoys"],
        "start_on": "2027-03-20",
        "start_time": "09:00",
        "end_time": "16:30",
        "timezone": "Asia/Taipei",
        "venue": "駁二藝術特區",
        "capacity": "40",
        "languages": ["zh", "en"],
        "registration_mode": "open",
        "registration_open": "y",
        "visibility": "public",
        "status": "confirmed",
        "budget": "120000",
    }
    data.update(overrides)
    return data


def test_an_event_is_on_the_schedule_and_its_entry_follows_every_change(
    client, as_role, make_leader, make_user, database
):
    officer = as_role("officer")
    mayor = make_leader()
    intern = make_user("intern")
    response = client.post(
        "/events/new",
        data=event_form(
            lead_officer_id=str(officer.id), host_leaders=[str(mayor.id)], staff=[str(intern.id)]
        ),
    )
    assert response.status_code == 302, page_text(response)
    event = database.session.scalars(select(Event)).one()
    assert event.capacity == 40 and event.audiences == ["international_students", "envoys"]
    assert event.start_dt == datetime(2027, 3, 20, 1, 0, tzinfo=UTC)
    entry = database.session.get(Engagement, event.engagement_id)
    assert (entry.source_kind, entry.source_id, entry.kind, entry.visibility) == (
        "event",
        event.id,
        "event",
        "public",
    )
    assert entry.participant_ids("leader") == [mayor.id]
    assert entry.participant_ids("user") == sorted([officer.id, intern.id])
    assert entry.status == "confirmed" and entry.sequence == 0

    response = client.post(
        f"/events/{event.id}/edit",
        data=event_form(start_time="10:00", lead_officer_id=str(officer.id), version=str(event.version)),
    )
    assert response.status_code == 302
    database.session.expire_all()
    entry = database.session.get(Engagement, event.engagement_id)
    assert entry.start_dt == datetime(2027, 3, 20, 2, 0, tzinfo=UTC) and entry.sequence == 1
    assert entry.participant_ids("leader") == []  # the mayor was taken off the event

    # a session on the programme, then the event cancelled: every entry is cancelled
    response = client.post(
        f"/events/{event.id}/sessions/new",
        data={
            "title-0-locale": "zh_Hant",
            "title-0-text": "市長致詞",
            "start_on": "2027-03-20",
            "start_time": "10:00",
            "end_time": "10:30",
            "timezone": "Asia/Taipei",
            "visibility": "public",
            "status": "confirmed",
            "leaders": [str(mayor.id)],
        },
    )
    assert response.status_code == 302
    session = database.session.scalars(
        select(Engagement).where(Engagement.source_kind == "event", Engagement.id != event.engagement_id)
    ).one()
    assert session.source_id == event.id and session.participant_ids("leader") == [mayor.id]
    page = page_text(client.get(f"/events/{event.id}"))
    assert "市長致詞" in page and f'data-engagement="{session.id}"' in page
    client.post(f"/events/{event.id}/cancel")
    database.session.expire_all()
    assert {e.status for e in database.session.scalars(select(Engagement))} == {"cancelled"}


def test_a_session_can_be_edited_and_cancelled_alone(client, as_role, make_event, database):
    from intl.events.services import add_session

    as_role("officer")
    event = make_event()
    session = add_session(
        event,
        {},
        title={"en": "Harbour cruise"},
        start_dt=event.start_dt,
        end_dt=event.start_dt + timedelta(hours=1),
        status="confirmed",
    )
    database.session.commit()
    form = client.get(f"/events/{event.id}/sessions/{session.id}")
    assert "Harbour cruise" in page_text(form)
    client.post(f"/events/{event.id}/sessions/{session.id}/cancel")
    database.session.expire_all()
    assert database.session.get(Engagement, session.id).status == "cancelled"
    assert database.session.get(Engagement, event.engagement_id).status == "confirmed"
    # the event's own entry is not a session to cancel on its own
    assert client.post(f"/events/{event.id}/sessions/{event.engagement_id}/cancel").status_code == 400


def test_archiving_cancels_the_calendar_entries_and_restoring_brings_the_event_back(
    client, make_user, login, make_event, database
):
    login(make_user("admin"))
    event = make_event()
    client.post(f"/events/{event.id}/archive")
    database.session.expire_all()
    assert database.session.get(Engagement, event.engagement_id).status == "cancelled"
    assert "看見高雄" not in page_text(client.get("/events?when=all")).split("data-event-list")[1]
    assert client.post(f"/admin/archive/event/{event.id}/restore").status_code == 302
    database.session.expire_all()
    assert database.session.get(Engagement, event.engagement_id).status == "confirmed"


def test_registration_list_filters_searches_and_exports(client, as_role, make_event, register, database):
    as_role("officer")
    event = make_event(capacity=2)
    for name in ("林志明", "Nguyễn Văn An", "Somchai Jaidee"):
        assert (
            register(event, name=name, needs_notes="素食 vegetarian" if name == "林志明" else "").status_code
            == 302
        )
    page = page_text(client.get(f"/events/{event.id}/registrations"))
    assert all(name in page for name in ("林志明", "Nguyễn Văn An", "Somchai Jaidee"))
    assert 'data-figure="waitlisted">1<' in page
    waitlisted = page_text(client.get(f"/events/{event.id}/registrations?status=waitlisted"))
    assert "Somchai" in waitlisted and "林志明" not in waitlisted
    found = page_text(client.get(f"/events/{event.id}/registrations?q=nguyen"))
    assert "Nguyễn Văn An" in found and "Somchai" not in found

    body = client.get(f"/events/{event.id}/registrations.xlsx").data
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[1][1] == "林志明" and rows[1][8] == "素食 vegetarian"
    assert rows[1][14] == "2026-11"  # the privacy notice each guest agreed to
    text = client.get(f"/events/{event.id}/registrations.csv?status=waitlisted").data.decode("utf-8-sig")
    exported = list(csv.reader(io.StringIO(text)))
    assert [r[1] for r in exported[1:]] == ["Somchai Jaidee"]


def test_the_office_manages_the_waitlist(client, as_role, make_event, register, database):
    as_role("officer")
    event = make_event(capacity=1)
    register(event, name="First Guest", email="first@example.com")
    register(event, name="Second Guest", email="second@example.com")
    first, second = database.session.scalars(select(Registration).order_by(Registration.id)).all()
    assert (first.status, second.status) == ("registered", "waitlisted")
    # full: nothing to promote yet
    client.post(f"/events/{event.id}/waitlist/promote")
    database.session.expire_all()
    assert database.session.get(Registration, second.id).status == "waitlisted"
    client.post(f"/events/{event.id}/registrations/{first.id}/status", data={"action": "cancel"})
    client.post(f"/events/{event.id}/waitlist/promote")
    database.session.expire_all()
    assert database.session.get(Registration, first.id).status == "cancelled"
    assert database.session.get(Registration, second.id).status == "registered"
    # the office may still seat someone beyond the capacity, and is told so
    response = client.post(
        f"/events/{event.id}/registrations/{first.id}/status",
        data={"action": "promote", "back": "https://evil.example/"},
        headers={"Accept-Language": "en"},
    )
    assert response.location.endswith(f"/events/{event.id}/registrations")  # never off the site
    assert "beyond the capacity" in page_text(client.get(response.location))


def test_officers_add_guests_by_hand(client, as_role, make_event, make_contact, database):
    from intl.contacts.services import ContactDetails

    as_role("officer")
    contact = make_contact(details=ContactDetails(emails=[("work", "Tanaka@Example.jp")]))
    event = make_event(capacity=5)
    client.post(
        f"/events/{event.id}/registrations/new",
        data={"name": "田中博", "email": "tanaka@example.jp", "status": ""},
    )
    client.post(f"/events/{event.id}/registrations/new", data={"name": "Guest Two", "status": "invited"})
    tanaka, other = database.session.scalars(select(Registration).order_by(Registration.id)).all()
    assert (tanaka.status, tanaka.source, tanaka.contact_id, tanaka.consent_at) == (
        "registered",
        "officer",
        contact.id,
        None,
    )
    assert other.status == "invited"


def test_registration_list_query_count_is_constant(client, as_role, make_event, count_queries, database):
    from intl.events.registrations import register_guest

    as_role("officer")
    event = make_event(capacity=3)
    register_guest(event, consent=True, name="陳美玲", email="a@example.com")
    database.session.commit()
    url = f"/events/{event.id}/registrations"
    client.get(url)
    with count_queries() as few:
        client.get(url)
    for i in range(60):
        register_guest(event, consent=True, name=f"Guest {i}", email=f"g{i}@example.com")
    database.session.commit()
    with count_queries() as many:
        page = page_text(client.get(url))
    assert 'rel="next"' in page
    assert many.count == few.count, "\n".join(s[:150] for s in many.statements)
    with count_queries() as searched:
        client.get(url + "?q=guest&status=waitlisted")
    assert searched.count == few.count


def test_check_in_finds_a_two_character_chinese_name_and_counts_attendance(
    client, make_user, login, make_event, database
):
    from intl.events.registrations import figures, register_guest

    event = make_event(capacity=10)
    for name, email in (
        ("林志明", "lin@example.com"),
        ("王志強", "wang@example.com"),
        ("Chih-ming Lin", "c@example.com"),
    ):
        register_guest(event, consent=True, name=name, email=email)
    other = make_event(title={"en": "Other event"})
    register_guest(other, consent=True, name="張志明", email="chang@example.com")
    database.session.commit()
    login(make_user("intern"))  # interns help at the door
    page = page_text(client.get(f"/events/{event.id}/check-in?q=志明"))
    results = page.split("data-check-in-results")[1].split("</table>")[0]
    assert "林志明" in results and "王志強" not in results and "張志明" not in results
    assert "lin@example.com" not in results  # no personal details for interns
    lin = database.session.scalars(select(Registration).where(Registration.name == "林志明")).one()
    response = client.post(f"/events/{event.id}/check-in/{lin.id}", data={"q": "志明"})
    assert response.status_code == 302 and "q=" in response.location
    database.session.expire_all()
    assert figures(event).attended == 1
    page = page_text(client.get(response.location))
    assert 'data-figure="attended">1<' in page and "data-recent-check-ins" in page
    client.post(f"/events/{event.id}/check-in/{lin.id}", data={"action": "undo"})
    database.session.expire_all()
    assert figures(event).attended == 0
    client.post(f"/events/{event.id}/walk-in", data={"name": "黃小華", "organization": "中山大學"})
    database.session.expire_all()
    walk_in = database.session.scalars(select(Registration).where(Registration.name == "黃小華")).one()
    assert walk_in.source == "walk_in" and walk_in.checked_in_at is not None
    assert client.get(f"/events/{event.id}/registrations").status_code == 403


def test_no_shows_are_counted_once_the_event_is_over(make_event, database):
    from intl.events.registrations import check_in, figures, register_guest

    event = make_event(start=datetime(2025, 3, 1, 1, 0, tzinfo=UTC), capacity=5)
    came = register_guest(event, consent=True, name="Came", email="came@example.com")
    register_guest(event, consent=True, name="Stayed home", email="home@example.com")
    check_in(came)
    result = figures(event)
    assert (result.registered, result.attended, result.no_shows, result.free_seats) == (2, 1, 1, 3)


def test_both_search_plans_find_the_same_guests(make_event, monkeypatch, database):
    from intl.events import queries
    from intl.events.registrations import register_guest

    event = make_event(capacity=100)
    other = make_event(title={"en": "Other"})
    for name, email in (
        ("林志明", "lin_zm@example.tw"),
        ("Nguyễn Văn An", "an@example.vn"),
        ("Nguyen Thi Mai", "mai@example.vn"),
        ("100% Guest", "pct@example.com"),
    ):
        register_guest(event, consent=True, name=name, email=email)
    register_guest(other, consent=True, name="Nguyễn Văn Bình", email="binh@example.vn")
    database.session.commit()

    def names(q):
        return sorted(r.name for r in queries.check_in_matches(event, q, 4))

    expected = {
        "志明": ["林志明"],
        "nguyen": ["Nguyen Thi Mai", "Nguyễn Văn An"],
        "nguyễn an": ["Nguyễn Văn An"],
        "lin_zm": ["林志明"],
        "100%": ["100% Guest"],
        "_": [],
    }
    for q, found in expected.items():
        assert names(q) == found, q
    monkeypatch.setattr(queries, "SCAN_LIMIT", 0)  # a very large event: the n-gram postings answer
    for q, found in expected.items():
        assert names(q) == found, q


def test_reindex_keeps_registrations_searchable(make_event, database):
    from intl.events import queries
    from intl.events.registrations import register_guest
    from intl.reindex import reindex_all

    event = make_event()
    register_guest(event, consent=True, name="林志明", email="lin@example.tw")
    database.session.commit()
    reindex_all()
    assert [r.name for r in queries.check_in_matches(event, "志明", None)] == ["林志明"]
