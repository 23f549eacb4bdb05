"""Lectures, event sessions and course sessions are on the schedule: in the calendar view, and in the feeds of
the leaders, officers and interns who take part, with the schedule's iCal rules (stable UID, SEQUENCE grows,
cancelled entries stay as CANCELLED)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.schedule.test_feeds import events_of, subscribe

START = datetime(2027, 4, 12, 1, 0, tzinfo=UTC)  # a Monday, 09:00 in Kaohsiung


def test_programme_entries_in_the_calendar_view_and_the_feeds(
    app, client, make_user, login, make_leader, make_event, database
):
    from intl.courses.services import add_session, cancel_session, create_course, enrol
    from intl.events.services import add_session as add_event_session
    from intl.lectures.services import cancel_lecture, create_lecture, create_series

    officer, intern = make_user("officer"), make_user("intern")
    mayor = make_leader()
    lecture = create_lecture(
        create_series(title={"en": "Diplomacy lectures"}),
        topic={"en": "Diplomacy today"},
        start_dt=START,
        end_dt=START + timedelta(hours=2),
        host_leader_ids=[mayor.id],
        host_user_ids=[officer.id],
        status="confirmed",
    )
    event = make_event(
        title={"en": "See Kaohsiung"}, start=START + timedelta(days=1), staff_user_ids=[intern.id]
    )
    add_event_session(
        event,
        {"leader": [mayor.id]},
        title={"en": "Welcome by the Mayor"},
        start_dt=event.start_dt,
        end_dt=event.start_dt + timedelta(minutes=30),
    )
    course = create_course(title={"en": "Protocol basics"}, topic="protocol", organizer_id=officer.id)
    enrol(course, user_id=intern.id, name="Intern")
    session = add_session(
        course, start_dt=START + timedelta(days=2), end_dt=START + timedelta(days=2, hours=3)
    )
    database.session.commit()

    login(officer)
    shown = client.get("/schedule/events.json?start=2027-04-12&end=2027-04-19").get_json()
    assert {e["title"] for e in shown} >= {
        "Diplomacy today",
        "See Kaohsiung",
        "Welcome by the Mayor",
        "Protocol basics",
    }
    mine, _ = events_of(app.test_client().get(subscribe(client, "me", locale="en")).data)
    assert {str(e["SUMMARY"]) for e in mine.values()} == {"Diplomacy today", "Protocol basics"}
    mayors, _ = events_of(app.test_client().get(subscribe(client, f"leader:{mayor.id}", locale="en")).data)
    assert {str(e["SUMMARY"]) for e in mayors.values()} == {"Diplomacy today", "Welcome by the Mayor"}

    login(intern)
    feed_url = subscribe(client, "me", locale="en")
    interns, _ = events_of(app.test_client().get(feed_url).data)
    assert {str(e["SUMMARY"]) for e in interns.values()} == {"See Kaohsiung", "Protocol basics"}
    uid = session.engagement.uid

    cancel_session(session)
    cancel_lecture(lecture)
    database.session.commit()
    interns, _ = events_of(app.test_client().get(feed_url).data)
    assert str(interns[uid]["STATUS"]) == "CANCELLED" and int(interns[uid]["SEQUENCE"]) == 1
    login(officer)
    shown = client.get("/schedule/events.json?start=2027-04-12&end=2027-04-19").get_json()
    cancelled = {e["title"] for e in shown if e["extendedProps"]["cancelled"]}
    assert cancelled == {"Diplomacy today", "Protocol basics"}
