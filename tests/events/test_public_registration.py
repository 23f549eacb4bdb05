"""The guests' public pages: registration without an account, waitlist, consent, CSRF, rate limits, the guest's
own page and .ics, invitations answered through personal links; nothing about other guests leaks."""

from __future__ import annotations

import re

import icalendar
import vobject
from sqlalchemy import select

from intl.events.models import Registration
from tests.helpers import app_config, page_text


def test_a_guest_registers_without_an_account_and_is_waitlisted_when_full(
    client, make_event, register, database
):
    event = make_event(capacity=1)
    page = page_text(client.get(f"/register/{event.registration_token}?lang=en"))
    assert "See Kaohsiung" in page and "How we use your details" in page and "data-full-notice" not in page
    first = register(event, name="Nguyễn Thị Mai", email="mai@example.vn", organization="NSYSU")
    assert first.status_code == 302
    confirmation = page_text(client.get(first.location))
    assert "You are registered" in confirmation and "Nguyễn Thị Mai" in confirmation
    assert "data-guest-ics" in confirmation
    assert "data-full-notice" in page_text(client.get(f"/register/{event.registration_token}"))
    second = register(event, name="Somchai Jaidee", email="somchai@example.th")
    waitlisted = page_text(client.get(second.location))
    assert "You are on the waitlist" in waitlisted and "number 1 on the waitlist" in waitlisted
    assert "Nguyễn" not in waitlisted  # one guest's page says nothing about another
    rows = database.session.scalars(select(Registration).order_by(Registration.id)).all()
    assert [(r.status, r.source, r.locale) for r in rows] == [
        ("registered", "public", "en"),
        ("waitlisted", "public", "en"),
    ]
    assert rows[0].consent_at is not None and rows[0].privacy_version == "2026-11"


def test_the_guest_reads_chinese_by_default_and_can_switch(client, make_event):
    event = make_event()

    def heading(page):
        return page.split('<h1 class="h3 mb-1">')[1].split("</h1>")[0]

    assert heading(page_text(client.get(f"/register/{event.registration_token}"))) == "看見高雄"
    english = client.get(f"/register/{event.registration_token}", headers={"Accept-Language": "en-US,en"})
    assert heading(page_text(english)) == "See Kaohsiung"
    assert heading(page_text(client.get(f"/register/{event.registration_token}?lang=en"))) == "See Kaohsiung"
    assert 'lang="en"' in page_text(
        client.get(f"/register/{event.registration_token}")
    )  # kept in the session


def test_consent_is_required(client, make_event, register, database):
    event = make_event()
    response = register(event, consent=False)
    assert response.status_code == 200
    assert "is-invalid" in page_text(response) or "consent" in page_text(response)
    assert database.session.scalars(select(Registration)).first() is None


def test_the_same_e_mail_cannot_take_two_seats(client, make_event, register, database):
    event = make_event(capacity=5)
    register(event, name="A", email="same@example.com")
    again = register(event, name="A again", email="Same@Example.com")
    assert again.status_code == 200 and "data-public-message" in page_text(again)
    assert len(database.session.scalars(select(Registration)).all()) == 1


def test_an_existing_contact_is_linked_by_e_mail(client, make_event, make_contact, register, database):
    from intl.contacts.services import ContactDetails

    contact = make_contact(details=ContactDetails(emails=[("work", "tanaka@example.jp")]))
    event = make_event()
    register(event, name="Hiroshi Tanaka", email="TANAKA@example.jp")
    assert database.session.scalars(select(Registration)).one().contact_id == contact.id


def test_public_form_refuses_a_post_without_csrf_token(app, client, make_event, database):
    event = make_event()
    url = f"/register/{event.registration_token}"
    data = {"name": "No Token", "email": "x@example.com", "consent": "y"}
    with app_config(app, WTF_CSRF_ENABLED=True):
        refused = client.post(url, data=data, headers={"Accept-Language": "en"})
        assert refused.status_code == 400 and "not sent by this site" in page_text(refused)
        token = re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"', page_text(client.get(url))
        ).group(1)
        accepted = client.post(url, data={**data, "csrf_token": token})
        assert accepted.status_code == 302
    assert database.session.scalars(select(Registration)).one().name == "No Token"


def test_too_many_submissions_answer_429_in_the_guests_language(app, client, make_event, register, database):
    event = make_event(capacity=100)
    with app_config(app, REGISTRATION_IP_LIMIT=3):
        for i in range(3):
            assert register(event, name=f"Guest {i}", email=f"g{i}@example.com").status_code == 302
        client.post("/language", data={"locale": "en"})
        blocked = register(event, name="One too many", email="late@example.com")
        assert blocked.status_code == 429 and "Too many requests" in page_text(blocked)
        assert int(blocked.headers["Retry-After"]) > 0
        client.post("/language", data={"locale": "zh_Hant_TW"})
        chinese = register(event, name="再一次", email="again@example.com")
        assert chinese.status_code == 429 and "Too many requests" not in page_text(chinese)
    assert database.session.scalar(select(Registration).where(Registration.name == "One too many")) is None


def test_the_event_limit_holds_for_every_address(app, client, make_event, register):
    event = make_event(capacity=100)
    with app_config(app, REGISTRATION_EVENT_LIMIT=2):
        register(event, name="A", email="a@example.com")
        register(event, name="B", email="b@example.com")
        assert register(event, name="C", email="c@example.com").status_code == 429
        other = make_event(title={"en": "Another event"})
        assert register(other, name="C", email="c@example.com").status_code == 302


def test_guessing_links_is_slowed_down(app, client, make_event):
    event = make_event()
    with app_config(app, REGISTRATION_IP_LIMIT=2):
        assert client.get("/register/not-a-token").status_code == 404
        assert client.get(f"/register/{event.registration_token}/r/1-{'0' * 32}").status_code == 404
        assert client.get("/register/still-not-a-token").status_code == 429


def test_the_guest_calendar_file_parses_and_has_the_public_programme(client, make_event, register, database):
    from datetime import timedelta

    from intl.events.services import add_session

    event = make_event(capacity=1)
    add_session(
        event,
        {},
        title={"en": "Harbour cruise"},
        start_dt=event.start_dt,
        end_dt=event.start_dt + timedelta(hours=1),
    )
    add_session(
        event,
        {},
        title={"en": "Staff briefing"},
        start_dt=event.start_dt - timedelta(hours=1),
        end_dt=event.start_dt,
        visibility="internal",
    )
    database.session.commit()
    status_url = register(event, name="Mai", email="mai@example.vn").location
    ics_url = re.search(r'href="([^"]+event\.ics)"', page_text(client.get(status_url))).group(1)
    response = client.get(ics_url)
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"看見高雄", "Harbour cruise"}  # the guest read Chinese; no internal briefing
    main = events["看見高雄"]
    assert main["STATUS"] == "CONFIRMED" and main.decoded("DTSTART").hour == 9
    assert str(main["DTSTART"].params["TZID"]) == "Asia/Taipei" and calendar.walk("VTIMEZONE")
    assert status_url.split("?")[0] in str(main["URL"])
    parsed = vobject.readOne(response.data.decode("utf-8"))
    assert len(parsed.vevent_list) == 2
    # a waitlisted guest's file says tentative
    late = register(event, name="Late", email="late@example.com").location
    late_ics = re.search(r'href="([^"]+event\.ics)"', page_text(client.get(late))).group(1)
    statuses = {
        str(e["STATUS"]) for e in icalendar.Calendar.from_ical(client.get(late_ics).data).walk("VEVENT")
    }
    assert statuses == {"TENTATIVE"}


def test_guest_links_need_the_right_tokens(client, make_event, register, database):
    event = make_event()
    other = make_event(title={"en": "Other"})
    status_url = register(event, name="Mai", email="mai@example.vn").location
    registration = database.session.scalars(select(Registration)).one()
    reg_token = status_url.rsplit("/", 1)[1]
    page = client.get(status_url)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer" and "noindex" in page.headers["X-Robots-Tag"]
    assert client.get(f"/register/{other.registration_token}/r/{reg_token}").status_code == 404
    forged = f"{registration.id}-{'a' * 32}"
    assert client.get(f"/register/{event.registration_token}/r/{forged}").status_code == 404
    assert client.get(f"/register/{event.registration_token}/r/{forged}/event.ics").status_code == 404
    old_token = event.registration_token
    from intl.events.services import rotate_token

    rotate_token(event)
    database.session.commit()
    assert client.get(f"/register/{old_token}").status_code == 404
    assert client.get(f"/register/{event.registration_token}").status_code == 200


def test_a_guest_cancels_and_the_office_gives_the_seat_to_the_waitlist(
    client, as_role, make_event, register, database
):
    event = make_event(capacity=1)
    first_url = register(event, name="First", email="first@example.com").location
    register(event, name="Second", email="second@example.com")
    client.post(first_url, data={"action": "cancel"})
    first, second = database.session.scalars(select(Registration).order_by(Registration.id)).all()
    assert first.status == "cancelled" and first.cancelled_at is not None
    assert "Your registration is cancelled" in page_text(
        client.get(first_url, headers={"Accept-Language": "en"})
    )
    as_role("officer")
    page = page_text(client.get(f"/events/{event.id}/registrations"))
    assert "data-promote-next" in page
    client.post(f"/events/{event.id}/waitlist/promote")
    database.session.expire_all()
    assert database.session.get(Registration, second.id).status == "registered"


def test_closed_or_invitation_only_events_show_a_notice(client, make_event):
    closed = make_event(registration_open=False)
    page = page_text(client.get(f"/register/{closed.registration_token}", headers={"Accept-Language": "en"}))
    assert "Registration is closed" in page and "data-public-registration" not in page
    invited = make_event(registration_mode="invited", title={"en": "Lantern Festival guests"})
    response = client.post(f"/register/{invited.registration_token}", data={"name": "X", "email": "x@x.com"})
    assert response.status_code == 200 and "data-public-registration" not in page_text(response)
