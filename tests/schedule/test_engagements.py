from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from intl.schedule.models import Engagement
from tests.helpers import page_text


def engagement_form(**overrides):
    data = {
        "title-0-locale": "zh_Hant",
        "title-0-text": "歡迎晚宴",
        "title-1-locale": "en",
        "title-1-text": "Welcome banquet",
        "kind": "banquet",
        "start_on": "2026-12-10",
        "start_time": "18:30",
        "end_time": "20:30",
        "timezone": "Asia/Taipei",
        "visibility": "internal",
        "status": "confirmed",
        "venue": "漢來大飯店 Grand Hi-Lai",
        "dress_code": "Business suit",
    }
    data.update(overrides)
    return data


def test_engagement_kept_in_the_place_zone_shown_with_taipei_time(client, as_role, make_leader, database):
    as_role("officer")
    leader = make_leader()
    response = client.post(
        "/engagements/new",
        data=engagement_form(
            timezone="Asia/Tokyo", start_time="10:00", end_time="11:00", leaders=[str(leader.id)]
        ),
    )
    assert response.status_code == 302
    engagement = database.session.scalars(select(Engagement)).one()
    assert engagement.timezone == "Asia/Tokyo"
    assert engagement.start_dt == datetime(2026, 12, 10, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/engagements/{engagement.id}"))
    assert "10:00–11:00" in page and "Taipei 09:00" in page


def test_double_booking_the_mayor_warns_and_needs_confirmation(
    client, as_role, make_leader, make_engagement, database
):
    as_role("officer")
    mayor = make_leader()
    make_engagement(leaders=[mayor.id], start=datetime(2026, 12, 10, 10, 0, tzinfo=UTC), hours=2)
    form = engagement_form(start_time="19:00", end_time="20:00", leaders=[str(mayor.id)])
    response = client.post("/engagements/new", data=form, headers={"Accept-Language": "en"})
    text = page_text(response)
    assert (
        response.status_code == 200 and "is already booked" in text and "Courtesy call on the Mayor" in text
    )
    assert database.session.query(Engagement).count() == 1
    form["confirm_clashes"] = "y"
    assert client.post("/engagements/new", data=form).status_code == 302
    assert database.session.query(Engagement).count() == 2


def test_live_clash_check_for_leaders_contacts_venues_and_transfers(
    client, as_role, make_leader, make_contact, make_engagement, database
):
    from intl.delegations.services import create_delegation

    as_role("officer")
    mayor = make_leader()
    guest = make_contact()
    make_engagement(leaders=[mayor.id], start=datetime(2026, 12, 10, 2, 0, tzinfo=UTC))
    make_engagement(
        contacts=[guest.id], venue="Kaohsiung Music Center", start=datetime(2026, 12, 11, 2, 0, tzinfo=UTC)
    )
    delegation = create_delegation(
        [], title={"en": "Trip"}, start_on=datetime(2026, 12, 12).date(), end_on=datetime(2026, 12, 12).date()
    )
    make_engagement(
        kind="transfer",
        delegation_id=delegation.id,
        start=datetime(2026, 12, 12, 2, 0, tzinfo=UTC),
        hours=2,
        title={"en": "Bus to Tainan"},
    )
    make_engagement(
        leaders=[mayor.id], delegation_id=delegation.id, start=datetime(2026, 12, 12, 5, 0, tzinfo=UTC)
    )
    database.session.commit()

    def check(**args):
        response = client.get("/engagements/clashes", query_string={"timezone": "Asia/Taipei", **args})
        assert response.status_code == 200
        return [(item["reason"], item["title"]) for item in response.get_json()]

    def at(day, start, end=""):
        return {"start_on": day, "start_time": start, "end_time": end}

    assert ("leader", "市長接見") in check(**at("2026-12-10", "10:30", "11:30"), leader=mayor.id)
    assert check(**at("2026-12-10", "12:00", "13:00"), leader=mayor.id) == []
    assert check(**at("2026-12-11", "10:00"), contact=guest.id)[0][0] == "contact"
    assert check(**at("2026-12-11", "10:00"), venue="kaohsiung music  CENTER")[0][0] == "venue"
    # the mayor travels with the programme: its transfer is busy time for him
    assert ("transfer", "Bus to Tainan") in check(**at("2026-12-12", "10:30", "11:00"), leader=mayor.id)
    # the boxes as typed, read by the form's own date field: ROC dates as well (issue 11, problem 4)
    for typed in ("115/12/10", "民國115年12月10日", "115.12.10"):
        assert ("leader", "市長接見") in check(**at(typed, "10:30", "11:30"), leader=mayor.id), typed
    assert check(start_on="115/12/10", all_day="y", leader=mayor.id)[0][0] == "leader"
    for bad in (
        {"start_on": "not a date", "start_time": "10:00"},
        at("115/02/30", "10:00"),
    ):
        assert client.get("/engagements/clashes", query_string=bad).status_code == 400
    assert (
        client.get("/engagements/clashes", query_string=at("2026-12-10", "11:00", "10:00")).status_code == 400
    )


def test_every_change_grows_the_sequence_and_keeps_the_uid(client, as_role, make_engagement, database):
    as_role("officer")
    engagement = make_engagement()
    uid, sequence = engagement.uid, engagement.sequence
    response = client.post(
        f"/engagements/{engagement.id}/edit",
        data=engagement_form(
            **{"title-0-text": "市長接見", "title-1-text": "Courtesy call on the Mayor"},
            start_time="10:00",
            end_time="11:00",
            kind="courtesy_call",
            version=engagement.version,
        ),
    )
    assert response.status_code == 302
    database.session.expire_all()
    engagement = database.session.get(Engagement, engagement.id)
    assert engagement.uid == uid and engagement.sequence == sequence + 1
    # saving the same values again changes nothing and keeps the sequence
    client.post(
        f"/engagements/{engagement.id}/edit",
        data=engagement_form(
            **{"title-0-text": "市長接見", "title-1-text": "Courtesy call on the Mayor"},
            start_time="10:00",
            end_time="11:00",
            kind="courtesy_call",
            version=engagement.version,
        ),
    )
    database.session.expire_all()
    assert database.session.get(Engagement, engagement.id).sequence == sequence + 1


def test_cancel_and_remove(client, as_role, make_engagement, database):
    as_role("officer")
    engagement = make_engagement()
    client.post(f"/engagements/{engagement.id}/cancel")
    database.session.expire_all()
    engagement = database.session.get(Engagement, engagement.id)
    assert (
        engagement.status == "cancelled" and engagement.cancelled_at is not None and engagement.sequence == 1
    )
    client.post(f"/engagements/{engagement.id}/archive")
    database.session.expire_all()
    assert database.session.get(Engagement, engagement.id).archived_at is not None

    # an administrator sees it on the archive page and brings it back
    as_role("admin")
    assert f"/admin/archive/engagement/{engagement.id}/restore" in client.get("/admin/archive").get_data(
        as_text=True
    )
    assert client.post(f"/admin/archive/engagement/{engagement.id}/restore").status_code == 302
    database.session.expire_all()
    assert database.session.get(Engagement, engagement.id).archived_at is None


def test_confidential_engagements_are_busy_for_those_not_involved(client, make_user, login, make_engagement):
    officer = make_user("officer")
    involved = make_engagement(visibility="confidential", users=[officer.id], title={"en": "Secret talks"})
    login(make_user("officer"))
    assert "Secret talks" not in page_text(client.get(f"/engagements/{involved.id}"))
    assert client.get(f"/engagements/{involved.id}/edit").status_code == 403
    login(officer)
    assert "Secret talks" in page_text(client.get(f"/engagements/{involved.id}"))
    login(make_user("intern"))
    assert client.get(f"/engagements/{involved.id}").status_code == 403


def test_bad_times_are_refused(client, as_role):
    as_role("officer")
    response = client.post(
        "/engagements/new",
        data=engagement_form(start_time="18:00", end_time="17:00"),
        headers={"Accept-Language": "en"},
    )
    assert "The end must come after the start" in page_text(response)
    response = client.post(
        "/engagements/new", data=engagement_form(start_time="25:00"), headers={"Accept-Language": "en"}
    )
    assert "Enter a time such as 14:30" in page_text(response)
    response = client.post(
        "/engagements/new", data=engagement_form(timezone="Mars/Olympus"), headers={"Accept-Language": "en"}
    )
    assert "Choose a time zone" in page_text(response)
