"""Programmes, positions and applications: the status workflow and its history, checked uploads, and the
interview that goes on the schedule (calendar view and the interviewers' own feeds)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from intl.core.audit import AuditEntry
from intl.internships.models import ApplicationStatusChange, InternshipApplication, InternshipProgramme
from intl.schedule.models import Engagement, FeedToken
from tests.helpers import MINIMAL_PDF, page_text


def programme_form(**overrides):
    data = {
        "title-0-locale": "zh_Hant",
        "title-0-text": "115年暑期實習",
        "title-1-locale": "en",
        "title-1-text": "Summer internship 2026",
        "kind": "work_study",
        "term": "summer",
        "year": "2026",
        "start_on": "2026-07-01",
        "end_on": "2026-08-31",
    }
    data.update(overrides)
    return data


def application_form(**overrides):
    data = {
        "name": "阮氏梅",
        "latin_name": "Nguyen Thi Mai",
        "email": "mai@example.edu.tw",
        "nationality": "VN",
        "school": "國立中山大學",
        "department": "International Business",
        "study_level": "master",
        "study_year": "1",
        "languages-0-language": "vi",
        "languages-0-level": "native",
        "languages-1-language": "en",
        "languages-1-level": "C1",
    }
    data.update(overrides)
    return data


def test_programme_position_and_application_with_documents(client, as_role, make_organization, database):
    officer = as_role("officer")
    bureau = make_organization(names={"zh_Hant": "高雄市政府秘書處"}, kind="city_bureau", country="TW")
    response = client.post("/internships/programmes/new", data=programme_form(coordinator_id=str(officer.id)))
    assert response.status_code == 302
    programme = database.session.scalars(select(InternshipProgramme)).one()
    assert programme.kind == "work_study" and programme.coordinator_id == officer.id
    response = client.post(
        f"/internships/programmes/{programme.id}/positions/new",
        data={
            "title-0-locale": "zh_Hant",
            "title-0-text": "國際交流助理",
            "host_organization_id": f"高雄市政府秘書處 [#{bureau.id}]",
            "host_unit": "國際事務科",
            "supervisor_id": str(officer.id),
            "languages": ["en", "vi"],
            "places": "2",
        },
    )
    assert response.status_code == 302
    position = programme.positions[0] if programme.positions else None
    database.session.expire_all()
    position = database.session.get(InternshipProgramme, programme.id).positions[0]
    assert position.host_organization_id == bureau.id and position.languages == ["en", "vi"]
    response = client.post(
        f"/internships/programmes/{programme.id}/applications/new",
        content_type="multipart/form-data",
        data=application_form(
            position_id=str(position.id),
            cv=(io.BytesIO(MINIMAL_PDF), "cv.pdf"),
        ),
    )
    assert response.status_code == 302, page_text(response)[:2000]
    application = database.session.scalars(select(InternshipApplication)).one()
    assert application.languages == [["vi", "native"], ["en", "C1"]]
    assert application.status == "received" and application.cv_file is not None
    assert [(s.from_status, s.to_status) for s in application.history] == [(None, "received")]
    assert client.get(f"/internships/applications/{application.id}/documents/cv").data == MINIMAL_PDF
    assert client.get(f"/internships/applications/{application.id}/documents/transcript").status_code == 404
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/internships/applications/{application.id}"))
    assert "Nguyen Thi Mai" in page and "Vietnamese" in page and "C1" in page
    assert "Nguyen Thi Mai" in page_text(client.get("/internships/applications?q=nguyen"))
    assert "Nguyen Thi Mai" not in page_text(client.get("/internships/applications?q=tanaka"))
    # editing keeps the languages and replaces a document
    edit = page_text(client.get(f"/internships/applications/{application.id}/edit"))
    assert 'value="vi" selected' in edit or '<option selected value="vi"' in edit


def test_uploads_are_checked_by_type_and_size(client, as_role, make_programme, app, monkeypatch, database):
    as_role("officer")
    programme = make_programme()
    url = f"/internships/programmes/{programme.id}/applications/new"
    response = client.post(
        url,
        content_type="multipart/form-data",
        data=application_form(cv=(io.BytesIO(b"MZ\x90\x00 not a document"), "cv.pdf")),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200 and "This kind of file is not accepted" in page_text(response)
    monkeypatch.setitem(app.config, "MAX_DOCUMENT_BYTES", 100)
    response = client.post(
        url,
        content_type="multipart/form-data",
        data=application_form(transcript=(io.BytesIO(MINIMAL_PDF * 3), "transcript.pdf")),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200 and "larger than" in page_text(response)
    assert database.session.scalars(select(InternshipApplication)).all() == []


def test_status_moves_are_kept_with_who_and_when(client, make_user, login, make_programme, database):
    from intl.internships.services import create_application

    first, second = make_user("officer", display_name="王小明"), make_user("officer", display_name="林怡君")
    programme = make_programme()
    application = create_application(programme, name="Siti Nurhaliza")
    database.session.commit()
    login(first)
    url = f"/internships/applications/{application.id}/status"
    assert (
        client.post(url, data={"status": "shortlisted", "note": "Strong Malay and English"}).status_code
        == 302
    )
    login(second)
    client.post(url, data={"status": "offered"})
    # not allowed from 'offered': back to 'received'
    refused = client.post(
        url, data={"status": "received"}, headers={"Accept-Language": "en"}, follow_redirects=True
    )
    assert "cannot become received" in page_text(refused)
    client.post(url, data={"status": "accepted"})
    database.session.expire_all()
    steps = database.session.scalars(
        select(ApplicationStatusChange)
        .where(ApplicationStatusChange.application_id == application.id)
        .order_by(ApplicationStatusChange.id)
    ).all()
    assert [(s.from_status, s.to_status) for s in steps] == [
        (None, "received"),
        ("received", "shortlisted"),
        ("shortlisted", "offered"),
        ("offered", "accepted"),
    ]
    assert [s.changed_by_id for s in steps[1:]] == [first.id, second.id, second.id]
    assert steps[1].note == "Strong Malay and English" and steps[1].changed_at is not None
    assert database.session.get(InternshipApplication, application.id).status == "accepted"
    audited = database.session.scalars(
        select(AuditEntry).where(
            AuditEntry.kind == "internship_application", AuditEntry.entity_id == application.id
        )
    ).all()
    assert any(e.changes.get("status") == ["offered", "accepted"] and e.user_id == second.id for e in audited)
    page = page_text(client.get(f"/internships/applications/{application.id}"))
    assert "王小明" in page and "林怡君" in page and "data-make-placement" in page


def interviewer_feed(database, user_id: int) -> list[Engagement]:
    from intl.schedule.feeds import feed_condition

    token = FeedToken(user_id=user_id)
    now = datetime.now(UTC)
    return list(database.session.scalars(select(Engagement).where(feed_condition(token, now))))


def test_interview_goes_on_the_schedule_and_follows_changes(
    client, as_role, login, make_user, make_leader, make_programme, database
):
    from intl.internships.services import create_application

    as_role("officer")
    panel, other = make_user("officer"), make_user("officer")
    deputy = make_leader(names={"zh_Hant": "林欽榮", "en": "Lin Chin-rong"})
    application = create_application(make_programme(), name="Siti Nurhaliza")
    database.session.commit()
    day = (datetime.now(UTC) + timedelta(days=20)).date().isoformat()
    url = f"/internships/applications/{application.id}/interview"
    form = {
        "day": day,
        "start_time": "10:00",
        "end_time": "10:30",
        "venue": "8F meeting room",
        "interviewers": [str(panel.id)],
        "leaders": [str(deputy.id)],
        "notes": "Bring the CV",
    }
    assert client.post(url, data=form).status_code == 302
    database.session.expire_all()
    application = database.session.get(InternshipApplication, application.id)
    interview = application.interview
    assert (interview.kind, interview.source_kind, interview.source_id) == (
        "interview",
        "interview",
        application.id,
    )
    assert interview.visibility == "internal" and interview.status == "confirmed"
    assert interview.participant_ids("user") == [panel.id]
    assert interview.participant_ids("leader") == [deputy.id]
    assert interview.start_dt.astimezone(UTC).hour == 2  # 10:00 Taipei
    assert "Siti Nurhaliza" in interview.title.get("en") and "Bring the CV" in interview.notes
    assert application.status == "shortlisted"  # invited: shortlisted on the way
    assert interview in interviewer_feed(database, panel.id)
    assert interview not in interviewer_feed(database, other.id)
    events = client.get(f"/schedule/events.json?start={day}&end={day}T23:59").get_json()
    assert interview.id in [e["id"] for e in events]  # the calendar view
    assert client.get(f"/schedule/events.json?start={day}&end={day}T23:59&leader={deputy.id}").get_json()

    # the applicant's name is personal data: interns and leaders who do not take part see only that it is busy
    from intl.schedule.leaders import leader_ids_of

    intern = make_user("intern")
    login(intern)
    shown = client.get(f"/schedule/events.json?start={day}&end={day}T23:59").get_json()
    assert interview.id in [e["id"] for e in shown] and "Siti" not in str(shown)
    assert "Siti" not in page_text(client.get(f"/engagements/{interview.id}"))
    mayor_account = make_user("leader")
    make_leader(names={"en": "Mayor"}, user_id=mayor_account.id)
    database.session.commit()
    login(mayor_account)
    assert leader_ids_of(mayor_account) and "Siti" not in str(
        client.get(f"/schedule/events.json?start={day}&end={day}T23:59").get_json()
    )
    login(panel)
    assert "Siti" in str(client.get(f"/schedule/events.json?start={day}&end={day}T23:59").get_json())

    # rescheduled: the same calendar entry, a new SEQUENCE, new people
    sequence = interview.sequence
    client.post(
        url, data={**form, "start_time": "14:00", "end_time": "14:45", "interviewers": [str(other.id)]}
    )
    database.session.expire_all()
    moved = database.session.get(Engagement, interview.id)
    assert moved.sequence > sequence and moved.start_dt.astimezone(UTC).hour == 6
    assert moved.participant_ids("user") == [other.id]
    assert moved in interviewer_feed(database, other.id) and moved not in interviewer_feed(database, panel.id)
    edit = page_text(client.get(url))
    assert (
        "14:00" in edit and "Bring the CV</textarea>" in edit
    )  # the link to the application is not the note

    # cancelled: stays in the feed as cancelled, so calendars remove it
    assert client.post(f"{url}/cancel").status_code == 302
    database.session.expire_all()
    cancelled = database.session.get(Engagement, interview.id)
    assert cancelled.status == "cancelled" and cancelled in interviewer_feed(database, other.id)
    assert database.session.get(InternshipApplication, application.id).interview_id == interview.id
    # a new interview is a new calendar entry
    client.post(url, data=form)
    database.session.expire_all()
    assert database.session.get(InternshipApplication, application.id).interview_id != interview.id


def test_closing_an_application_cancels_its_coming_interview(make_user, make_programme, database):
    from intl.internships.services import change_status, create_application, schedule_interview

    officer = make_user("officer")
    application = create_application(make_programme(), name="Somchai")
    start = datetime.now(UTC) + timedelta(days=5)
    interview = schedule_interview(application, start, start + timedelta(minutes=30), None, [officer.id])
    change_status(application, "withdrawn", "Took another offer")
    database.session.commit()
    assert interview.status == "cancelled"
    assert application.history[-1].note == "Took another offer"


def test_placement_from_an_accepted_application(client, as_role, make_user, make_position, database):
    from intl.internships.placement_models import Placement
    from intl.internships.services import change_status, create_application

    officer = as_role("officer")
    intern = make_user("intern", display_name="Nguyen Thi Mai")
    position = make_position(places=1)
    application = create_application(position.programme, position_id=position.id, name="Nguyen Thi Mai")
    database.session.commit()
    url = f"/internships/placements/new?application={application.id}"
    assert client.get(url).status_code == 302  # not accepted yet
    for status in ("offered", "accepted"):
        change_status(application, status)
    database.session.commit()
    page = page_text(client.get(url))
    assert f'value="{position.id}" selected' in page or f'<option selected value="{position.id}"' in page
    form = {
        "position_id": str(position.id),
        "intern_id": str(intern.id),
        "supervisor_id": str(officer.id),
        "start_on": "2026-07-01",
        "end_on": "2026-08-31",
        "weekly_hours": "20",
        "working_hours": "Mon–Fri 09:00–13:00",
    }
    response = client.post(
        url, data={**form, "intern_id": str(officer.id)}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200 and "Not a valid choice" in page_text(response)  # only intern accounts
    assert client.post(url, data=form).status_code == 302
    placement = database.session.scalars(select(Placement)).one()
    database.session.expire_all()
    assert placement.application_id == application.id and placement.intern_id == intern.id
    assert database.session.get(InternshipApplication, application.id).user_id == intern.id
    # the only place is taken
    other = make_user("intern")
    response = client.post(
        f"/internships/placements/new?position={position.id}",
        data={**form, "intern_id": str(other.id)},
        headers={"Accept-Language": "en"},
    )
    assert "Every place of this position is taken" in page_text(response)
