"""Lectures and courses in the one shape: their demo records are their own (loaded once by the demo loader),
their services refuse a save made on a stale version, and a record reached through an archived series or
course is hidden as the parent is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from intl.core.conflicts import EditConflict
from intl.courses.models import Course, CourseSession
from intl.events.models import Event
from intl.lectures.models import Lecture, LectureSeries

START = datetime(2027, 4, 15, 6, 0, tzinfo=UTC)


def count(database, model, *where) -> int:
    return database.session.scalar(select(func.count()).select_from(model).where(*where))


def test_each_programme_loads_its_own_demo_once(app, database):
    from intl.courses.demo import load_course_demo
    from intl.demo.loader import load_demo
    from intl.events.demo import load_event_demo
    from intl.lectures.demo import load_lecture_demo

    load_demo()
    figures = (
        count(database, LectureSeries),
        count(database, Lecture),
        count(database, Event, Event.kind == "lecture"),
        count(database, Event, Event.kind == "see_kaohsiung"),
        count(database, Course),
        count(database, CourseSession),
    )
    assert figures == (1, 2, 1, 1, 1, 3)
    for load in (load_lecture_demo, load_event_demo, load_course_demo):
        load()
    database.session.commit()
    assert figures == (
        count(database, LectureSeries),
        count(database, Lecture),
        count(database, Event, Event.kind == "lecture"),
        count(database, Event, Event.kind == "see_kaohsiung"),
        count(database, Course),
        count(database, CourseSession),
    )


@pytest.fixture
def records(database):
    from intl.courses.services import add_session, create_course
    from intl.lectures.services import create_lecture, create_series

    series = create_series(title={"en": "Diplomacy lectures"})
    lecture = create_lecture(
        series, topic={"en": "Diplomacy today"}, start_dt=START, end_dt=START + timedelta(hours=2)
    )
    course = create_course(title={"en": "Protocol basics"}, topic="protocol")
    session = add_session(course, start_dt=START, end_dt=START + timedelta(hours=2))
    database.session.commit()
    return series, lecture, course, session


def test_saves_on_a_stale_version_are_refused(records, database):
    from intl.courses.services import update_course, update_session
    from intl.lectures.services import update_lecture, update_series

    series, lecture, course, session = records
    for update, record, field in (
        (update_series, series, "term"),
        (update_lecture, lecture, "moderator"),
        (update_course, course, "notes"),
        (update_session, session, "venue"),
    ):
        seen = record.version
        update(record, expected_version=seen, **{field: "first"})
        database.session.commit()
        with pytest.raises(EditConflict) as refused:
            update(record, expected_version=seen, **{field: "second"})
        assert [f.field for f in refused.value.conflict.fields] == [field]
        database.session.expire_all()
        assert getattr(database.session.get(type(record), record.id), field) == "first"


def test_a_lecture_or_session_of_an_archived_parent_is_hidden_but_from_administrators(
    client, make_user, login, records, database
):
    from intl.core.archive import archive

    series, lecture, course, session = records
    archive(series)
    archive(course)
    database.session.commit()
    login(make_user("officer"))
    assert client.get(f"/lectures/{lecture.id}").status_code == 404
    assert client.get(f"/courses/{course.id}/sessions/{session.id}/edit").status_code == 404
    login(make_user("admin"))
    assert client.get(f"/lectures/{lecture.id}").status_code == 200
    assert client.get(f"/courses/{course.id}").status_code == 200
