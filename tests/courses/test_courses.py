"""Staff courses: sessions on the schedule (in the enrolled staff's calendars), enrolment from each bureau,
attendance per session, training hours per person, exports re-read with openpyxl."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import openpyxl
from sqlalchemy import select

from intl.courses.models import Course, CourseSession, Enrolment
from intl.schedule.models import Engagement
from tests.helpers import page_text


def session_form(day: str, start: str, end: str, **extra):
    return {
        "start_on": day,
        "start_time": start,
        "end_time": end,
        "timezone": "Asia/Taipei",
        "venue": "四維行政中心 10F",
        **extra,
    }


def test_course_sessions_enrolment_attendance_and_hours(
    client, as_role, make_user, make_contact, make_organization, database
):
    officer = as_role("officer")
    colleague = make_user("officer", display_name="王大明")
    bureau = make_organization(
        names={"zh_Hant": "高雄市政府觀光局", "en": "Tourism Bureau"}, kind="city_bureau", country="TW"
    )
    trainer = make_contact(family_name="Smith", given_name="Jane", name_locale="en", latin_name="Jane Smith")
    response = client.post(
        "/courses/new",
        data={
            "title-0-locale": "zh_Hant",
            "title-0-text": "國際禮賓實務",
            "title-1-locale": "en",
            "title-1-text": "Protocol in practice",
            "topic": "protocol",
            "language": "zh",
            "capacity": "30",
            "organizer_id": str(officer.id),
            "status": "open",
        },
    )
    assert response.status_code == 302, page_text(response)
    course = database.session.scalars(select(Course)).one()

    client.post(
        f"/courses/{course.id}/enrol", data={"user_id": str(colleague.id), "bureau_id": str(bureau.id)}
    )
    client.post(
        f"/courses/{course.id}/enrol",
        data={"name": "李小華", "bureau_id": str(bureau.id), "email": "lee@kcg.gov.tw"},
    )
    assert client.post(f"/courses/{course.id}/enrol", data={"bureau_id": str(bureau.id)}).status_code == 302
    wang, lee = database.session.scalars(select(Enrolment).order_by(Enrolment.id)).all()
    assert (wang.name, wang.user_id, lee.user_id, lee.bureau_id) == ("王大明", colleague.id, None, bureau.id)

    for data in (
        session_form("2027-03-02", "09:00", "11:00", trainer_id=f"Jane Smith [#{trainer.id}]"),
        session_form("2027-03-09", "09:00", "10:30", trainer_name="禮賓科 陳科長"),
        session_form("2027-03-16", "09:00", "12:00"),
    ):
        assert client.post(f"/courses/{course.id}/sessions/new", data=data).status_code == 302
    first, second, third = database.session.scalars(
        select(CourseSession).order_by(CourseSession.start_dt)
    ).all()
    entry = database.session.get(Engagement, first.engagement_id)
    assert (entry.source_kind, entry.source_id, entry.kind) == ("course", course.id, "course")
    assert entry.participant_ids("user") == sorted([officer.id, colleague.id])
    assert entry.participant_ids("contact") == [trainer.id]
    assert entry.title["en"] == "Protocol in practice" and entry.host == "Jane Smith"

    client.post(
        f"/courses/{course.id}/sessions/{first.id}/attendance", data={"present": [str(wang.id), str(lee.id)]}
    )
    client.post(f"/courses/{course.id}/sessions/{second.id}/attendance", data={"present": [str(wang.id)]})
    client.post(f"/courses/{course.id}/sessions/{third.id}/attendance", data={"present": [str(wang.id)]})
    client.post(f"/courses/{course.id}/sessions/{third.id}/cancel")  # cancelled: its hours do not count
    database.session.expire_all()
    assert database.session.get(Engagement, third.engagement_id).status == "cancelled"

    page = page_text(client.get(f"/courses/{course.id}"))
    rows = page.split("data-enrolments")[1]
    assert f'data-enrolment="{wang.id}"' in rows
    wang_row = rows.split(f'data-enrolment="{wang.id}"')[1].split("</tr>")[0]
    assert "data-sessions-attended>2<" in wang_row and "data-hours>3.5<" in wang_row

    body = client.get(f"/courses/{course.id}/export.xlsx", headers={"Accept-Language": "en"}).data
    sheet = list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    assert sheet[0][:4] == ("Name", "Bureau", "E-mail", "Status") and sheet[0][4] == "2027-03-02 09:00"
    assert sheet[1][0] == "王大明" and sheet[1][4:6] == ("✓", "✓") and sheet[1][-2:] == (2, 3.5)
    assert sheet[2][0] == "李小華" and sheet[2][1] == "Tourism Bureau" and sheet[2][-1] == 2.0

    hours = page_text(client.get("/courses/hours?year=2027"))
    assert "王大明" in hours and "3.5" in hours
    text = client.get("/courses/hours.csv?year=2027", headers={"Accept-Language": "en"}).data.decode(
        "utf-8-sig"
    )
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["Name", "Bureau", "E-mail", "Courses", "Sessions attended", "Hours"]
    assert table[1][0] == "王大明" and table[1][3:] == ["1", "2", "3.5"]
    assert table[2][0] == "李小華" and table[2][2] == "lee@kcg.gov.tw" and table[2][5] == "2.0"
    xlsx = client.get("/courses/hours.xlsx?year=2027").data
    assert list(openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))[1][5] == 3.5
    assert "王大明" not in page_text(client.get("/courses/hours?year=2026"))


def test_enrolment_changes_reach_upcoming_sessions_only(client, as_role, make_user, database):
    from intl.courses.services import add_session, create_course, enrol, withdraw

    as_role("officer")
    colleague = make_user("intern")
    course = create_course(title={"en": "English for city staff"}, topic="language")
    past = add_session(
        course, start_dt=datetime(2020, 1, 6, 1, tzinfo=UTC), end_dt=datetime(2020, 1, 6, 3, tzinfo=UTC)
    )
    future = add_session(
        course, start_dt=datetime(2030, 1, 6, 1, tzinfo=UTC), end_dt=datetime(2030, 1, 6, 3, tzinfo=UTC)
    )
    enrolment = enrol(course, user_id=colleague.id, name=colleague.display_name)
    database.session.commit()
    assert colleague.id in future.engagement.participant_ids("user")
    assert colleague.id not in past.engagement.participant_ids("user")
    withdraw(enrolment)
    database.session.commit()
    assert colleague.id not in future.engagement.participant_ids("user")


def test_a_full_course_refuses_more_and_an_account_enrols_once(client, as_role, make_user, database):
    from intl.courses.services import create_course

    as_role("officer")
    course = create_course(title={"en": "World affairs"}, topic="world_affairs", capacity=1)
    database.session.commit()
    colleague = make_user("officer")
    client.post(f"/courses/{course.id}/enrol", data={"user_id": str(colleague.id)})
    again = client.post(
        f"/courses/{course.id}/enrol", data={"user_id": str(colleague.id)}, headers={"Accept-Language": "en"}
    )
    assert "already enrolled" in page_text(client.get(again.location))
    full = client.post(
        f"/courses/{course.id}/enrol", data={"name": "Someone"}, headers={"Accept-Language": "en"}
    )
    assert "The course is full" in page_text(client.get(full.location))
    assert len(database.session.scalars(select(Enrolment)).all()) == 1


def test_interns_read_courses_but_do_not_change_them(client, make_user, login, database):
    from intl.courses.services import create_course

    course = create_course(title={"en": "Protocol basics"}, topic="protocol")
    database.session.commit()
    login(make_user("intern"))
    assert "Protocol basics" in page_text(client.get("/courses"))
    assert client.get(f"/courses/{course.id}").status_code == 200
    assert client.get(f"/courses/{course.id}/edit").status_code == 403
    assert client.get("/courses/hours").status_code == 403
