"""One record of each programme kind and the URL values their endpoints take, for the permission matrix
(tests/test_permissions.py): `values = programme_records(database, contact_id)`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def programme_records(database, contact_id: int | None = None) -> dict:
    from intl.courses.services import add_session, create_course, enrol
    from intl.events.registrations import register_guest
    from intl.events.services import add_session as add_event_session
    from intl.events.services import create_event
    from intl.events.tokens import registration_token
    from intl.lectures.services import add_photo, create_lecture, create_series
    from tests.helpers import PNG_1PX, upload

    start = datetime(2027, 3, 20, 1, 0, tzinfo=UTC)
    event = create_event(
        title={"en": "See Kaohsiung"},
        kind="see_kaohsiung",
        start_dt=start,
        end_dt=start + timedelta(hours=3),
        capacity=10,
    )
    session = add_event_session(
        event, {}, title={"en": "City tour"}, start_dt=start, end_dt=start + timedelta(hours=1)
    )
    guest = register_guest(event, consent=True, name="林志明", email="guest@example.com")
    series = create_series(title={"en": "Diplomacy lectures"}, term="2027 spring")
    lecture = create_lecture(
        series,
        topic={"en": "Diplomacy today"},
        speaker_id=contact_id,
        start_dt=start,
        end_dt=start + timedelta(hours=2),
    )
    photo = add_photo(lecture, upload(PNG_1PX, "talk.png"), "Talk")
    course = create_course(title={"en": "Protocol basics"}, topic="protocol")
    course_session = add_session(course, start_dt=start, end_dt=start + timedelta(hours=2))
    enrolment = enrol(course, name="王小明")
    database.session.commit()
    return {
        "event_id": event.id,
        "item_id": session.id,
        "registration_id": guest.id,
        "token": event.registration_token,
        "reg_token": registration_token(guest),
        "fmt": "csv",
        "series_id": series.id,
        "lecture_id": lecture.id,
        "photo_id": photo.id,
        "course_id": course.id,
        "session_id": course_session.id,
        "enrolment_id": enrolment.id,
    }
