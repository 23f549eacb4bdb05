"""The diplomatic lecture series: series and lectures on the schedule (in the hosts' and speaker's calendars),
kept in step and cancelled; registrations through an event; the report with photos."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import icalendar
from sqlalchemy import select

from intl.events.models import Event
from intl.lectures.models import Lecture, LectureSeries
from intl.schedule.models import Engagement
from tests.helpers import MINIMAL_PDF, PNG_1PX, page_text


def lecture_form(**overrides):
    data = {
        "topic-0-locale": "zh_Hant",
        "topic-0-text": "印太局勢與城市外交",
        "topic-1-locale": "en",
        "topic-1-text": "The Indo-Pacific and city diplomacy",
        "speaker_role": "envoy",
        "start_on": "2027-04-15",
        "start_time": "14:00",
        "end_time": "16:00",
        "timezone": "Asia/Taipei",
        "venue": "國立中山大學 國際會議廳",
        "moderator": "陳教授",
        "audience_size": "120",
        "status": "confirmed",
    }
    data.update(overrides)
    return data


def test_a_series_and_its_lecture_on_the_hosts_and_speakers_calendars(
    app, client, as_role, make_organization, make_contact, make_leader, database
):
    from tests.schedule.test_feeds import events_of, subscribe

    officer = as_role("officer")
    university = make_organization(
        names={"zh_Hant": "國立中山大學", "en": "National Sun Yat-sen University"}, kind="university"
    )
    response = client.post(
        "/lectures/series/new",
        data={
            "title-0-locale": "zh_Hant",
            "title-0-text": "外交講座",
            "university_id": f"National Sun Yat-sen University [#{university.id}]",
            "term": "115學年度第2學期",
            "lead_officer_id": str(officer.id),
        },
    )
    assert response.status_code == 302, page_text(response)
    series = database.session.scalars(select(LectureSeries)).one()
    assert series.university_id == university.id and series.term == "115學年度第2學期"

    ambassador = make_contact(
        family_name="Tanaka", given_name="Kenji", name_locale="en", latin_name="Kenji Tanaka"
    )
    deputy = make_leader(names={"zh_Hant": "林副市長", "en": "Deputy Mayor Lin"})
    response = client.post(
        f"/lectures/series/{series.id}/lectures/new",
        data=lecture_form(
            speaker_id=f"Kenji Tanaka [#{ambassador.id}]",
            host_leaders=[str(deputy.id)],
            host_officers=[str(officer.id)],
        ),
    )
    assert response.status_code == 302, page_text(response)
    lecture = database.session.scalars(select(Lecture)).one()
    assert lecture.start_dt == datetime(2027, 4, 15, 6, 0, tzinfo=UTC) and lecture.speaker_id == ambassador.id
    entry = database.session.scalars(select(Engagement).where(Engagement.source_kind == "lecture")).one()
    assert (entry.source_id, entry.kind, entry.visibility, entry.status) == (
        lecture.id,
        "lecture",
        "public",
        "confirmed",
    )
    assert entry.participant_ids("leader") == [deputy.id]
    assert entry.participant_ids("contact") == [ambassador.id]
    assert entry.host == "國立中山大學"
    feed, _calendar = events_of(app.test_client().get(subscribe(client, "me", locale="en")).data)
    assert str(feed[entry.uid]["SUMMARY"]) == "The Indo-Pacific and city diplomacy"

    page = page_text(client.get(f"/lectures/{lecture.id}", headers={"Accept-Language": "en"}))
    assert "Kenji Tanaka" in page and "陳教授" in page
    response = client.post(
        f"/lectures/{lecture.id}/edit",
        data=lecture_form(start_time="15:00", end_time="17:00", version=str(lecture.version)),
    )
    assert response.status_code == 302
    database.session.expire_all()
    entry = database.session.get(Engagement, entry.id)
    assert entry.start_dt == datetime(2027, 4, 15, 7, 0, tzinfo=UTC) and entry.sequence == 1
    assert entry.participant_ids("contact") == []  # the speaker was taken off
    client.post(f"/lectures/{lecture.id}/cancel")
    database.session.expire_all()
    assert database.session.get(Engagement, entry.id).status == "cancelled"
    assert database.session.get(Lecture, lecture.id).status == "cancelled"


def _lecture(database, **fields):
    from intl.lectures.services import create_lecture, create_series

    series = create_series(title={"en": "Diplomacy lectures"})
    values = {
        "topic": {"zh_Hant": "東南亞經貿", "en": "Trade with Southeast Asia"},
        "start_dt": datetime(2027, 5, 6, 6, 0, tzinfo=UTC),
        "end_dt": datetime(2027, 5, 6, 8, 0, tzinfo=UTC),
        "venue": "高雄大學",
        "status": "confirmed",
    }
    values.update(fields)
    lecture = create_lecture(series, **values)
    database.session.commit()
    return lecture


def event_entry(database, lecture) -> int:
    return database.session.scalars(
        select(Engagement.id).where(Engagement.source_kind == "lecture", Engagement.source_id == lecture.id)
    ).one()


def test_a_lecture_takes_registrations_through_an_event(client, as_role, database):
    as_role("officer")
    lecture = _lecture(database, audience_size=80)
    response = client.post(f"/lectures/{lecture.id}/registration", data={"capacity": "1"})
    assert response.status_code == 302
    database.session.expire_all()
    event = database.session.scalars(select(Event)).one()
    assert (event.kind, event.capacity, event.engagement_id, event.start_dt) == (
        "lecture",
        1,
        None,
        lecture.start_dt,
    )
    assert database.session.get(Lecture, lecture.id).event_id == event.id
    # no second calendar entry: the lecture's is the event's programme
    assert database.session.scalars(select(Engagement)).one().source_kind == "lecture"
    page = page_text(client.get(f"/events/{event.id}"))
    assert "data-public-link" in page and "東南亞經貿" in page
    assert f'href="/lectures/{lecture.id}"' in page  # the lecture, registered as the event's host, is named
    assert f'data-engagement="{event_entry(database, lecture)}"' in page  # and its entry is the programme

    guest = client.application.test_client()
    status_url = guest.post(
        f"/register/{event.registration_token}",
        data={"name": "Mai", "email": "mai@example.vn", "consent": "y"},
    ).location
    ics = re.search(r'href="([^"]+event\.ics)"', page_text(guest.get(status_url))).group(1)
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(guest.get(ics).data).walk("VEVENT")]
    assert summaries == ["東南亞經貿"]

    # moving the lecture moves the event; attendance comes from the check-ins
    from intl.events.models import Registration
    from intl.events.registrations import check_in
    from intl.lectures.services import attendance_of, update_lecture

    update_lecture(database.session.get(Lecture, lecture.id), start_dt=datetime(2027, 5, 7, 6, 0, tzinfo=UTC))
    check_in(database.session.scalars(select(Registration)).one())
    database.session.commit()
    assert database.session.get(Event, event.id).start_dt == datetime(2027, 5, 7, 6, 0, tzinfo=UTC)
    assert attendance_of(database.session.get(Lecture, lecture.id)) == 1


def test_the_report_with_photos(client, as_role, make_user, login, database):
    as_role("officer")
    lecture = _lecture(database)
    response = client.post(
        f"/lectures/{lecture.id}/report",
        data={
            "report": "120 students came; questions on ASEAN trade.",
            "attendance": "120",
            "version": lecture.version,
        },
    )
    assert response.status_code == 302
    client.post(
        f"/lectures/{lecture.id}/photos",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(PNG_1PX), "speaker.png"), "caption": "The speaker"},
    )
    client.post(
        f"/lectures/{lecture.id}/photos",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(MINIMAL_PDF), "not-a-photo.pdf")},
    )
    database.session.expire_all()
    lecture = database.session.get(Lecture, lecture.id)
    assert lecture.attendance == 120 and [p.caption for p in lecture.photos] == ["The speaker"]
    login(make_user("intern"))
    page = page_text(client.get(f"/lectures/{lecture.id}"))
    assert "questions on ASEAN trade" in page and "data-attendance>120<" in page
    photo = re.search(r'src="(/lectures/\d+/photos/\d+)"', page).group(1)
    assert client.get(photo).data == PNG_1PX
    assert client.get(f"/lectures/{lecture.id}/report").status_code == 403


def test_archiving_a_series_cancels_its_lectures_on_the_calendars(client, make_user, login, database):
    login(make_user("admin"))
    lecture = _lecture(database)
    client.post(f"/lectures/series/{lecture.series_id}/archive")
    database.session.expire_all()
    assert database.session.scalars(select(Engagement)).one().status == "cancelled"
    assert client.post(f"/admin/archive/lecture_series/{lecture.series_id}/restore").status_code == 302
    database.session.expire_all()
    assert database.session.scalars(select(Engagement)).one().status == "confirmed"


def test_lists_for_every_role_that_may_see_them(client, make_user, login, database):
    lecture = _lecture(database)
    for role in ("admin", "officer", "intern"):
        login(make_user(role))
        assert "東南亞經貿" in page_text(client.get("/lectures"))
        assert client.get(f"/lectures/series/{lecture.series_id}").status_code == 200
    login(make_user("leader"))
    assert client.get("/lectures").status_code == 403


def test_the_speakers_letters_are_listed_with_the_lecture(client, as_role, database):
    from datetime import date

    from intl.correspondence.services import create_letter

    as_role("officer")
    lecture = _lecture(database)
    letter = create_letter(
        "outgoing",
        parties=[],
        links=[("lecture", lecture.id)],
        registered_on=None,
        subject="邀請擔任外交講座主講人",
        letter_on=date(2027, 3, 1),
        language="zh_Hant",
        channel="email",
        body="敬邀。",
    )
    database.session.commit()
    page = page_text(client.get(f"/lectures/{lecture.id}"))
    letters = page.split("data-letters")[1].split("</ul>")[0]
    assert "邀請擔任外交講座主講人" in letters and f"/letters/{letter.id}" in letters
