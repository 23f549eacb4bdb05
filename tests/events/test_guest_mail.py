"""Guests' e-mails, sent to a real SMTP server on this machine (tests/smtp.py) and read back: the confirmation
with the event as an .ics attachment, the waitlist notice, the seat given from the waitlist, the cancellation;
and registrations that succeed all the same when the mail server is down or silent."""

from __future__ import annotations

import logging
import re
import socket
import time
from datetime import timedelta

import pytest
import vobject
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from intl.events.models import Registration
from tests.helpers import page_text
from tests.smtp import free_port

BASE = "https://intl.kcg.example.tw"


def calendars(message) -> list:
    return [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]


def ics_link(client, status_url: str) -> str:
    return re.search(r'href="([^"]+event\.ics)"', page_text(client.get(status_url))).group(1)


def only_registration(database, email: str) -> Registration:
    database.session.expire_all()
    return database.session.scalars(select(Registration).where(Registration.email == email)).one()


def test_a_registered_guest_gets_the_confirmation_with_the_event_attached(
    client, make_event, register, smtp_server, database
):
    event = make_event(
        capacity=5, address="高雄市鹽埕區大勇路1號", description={"en": "A walk by the harbour."}
    )
    client.get(f"/register/{event.registration_token}?lang=en")  # the guest reads English
    response = register(event, name="Nguyễn Thị Mai", email="mai@example.vn")
    assert response.status_code == 302
    status_page = page_text(client.get(response.location))
    assert "You are registered" in status_page and "We are sending you an e-mail about this." in status_page
    assert "data-guest-ics" in status_page  # the download stays

    message = smtp_server.messages["mai@example.vn"]
    registration = only_registration(database, "mai@example.vn")
    personal = f"{BASE}/register/{event.registration_token}/r/" + response.location.rsplit("/r/", 1)[1]
    assert message["Subject"] == "Registration confirmed: See Kaohsiung"
    assert message["To"] == "Nguyễn Thị Mai <mai@example.vn>"
    assert message["From"] == "Intl Desk <intl-desk@kcg.example.tw>"
    assert message["Content-Language"] == "en" and message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    assert "Dear Nguyễn Thị Mai," in text and "Your seat is confirmed." in text
    assert "When: Saturday, March 20, 2027, 9:00\u202fAM – 12:00\u202fPM (Taiwan Time)" in text
    assert "Venue: 駁二藝術特區 · 高雄市鹽埕區大勇路1號" in text and "A walk by the harbour." in text
    assert personal in text and "adds the event to your calendar" in text
    html = message.get_body(("html",)).get_content()
    assert f'<a href="{personal}">' in html and '<html lang="en">' in html

    [attachment] = calendars(message)
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == f"event-{event.id}.ics"
    ics = attachment.get_payload(decode=True)  # the bytes, CRLF and all
    assert ics == client.get(ics_link(client, response.location)).data  # the same file as the download
    parsed = vobject.readOne(ics.decode("utf-8"))
    assert parsed.method.value == "PUBLISH"
    vevent = parsed.vevent
    assert vevent.summary.value == "See Kaohsiung" and vevent.status.value == "CONFIRMED"
    start = vevent.dtstart.value
    assert vevent.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["Asia/Taipei"]  # vobject moves the TZID here
    assert vobject.icalendar.TimezoneComponent.pickTzid(start.tzinfo) == "Asia/Taipei"
    assert (start.hour, start.minute, start.utcoffset()) == (9, 0, timedelta(hours=8))
    assert vevent.url.value == personal
    assert registration.status == "registered"


def test_a_guest_who_reads_chinese_gets_the_mail_in_chinese(client, make_event, register, smtp_server):
    event = make_event()
    register(event, name="林志明", email="lin@example.tw")  # the default language: Traditional Chinese
    message = smtp_server.messages["lin@example.tw"]
    with force_locale("zh_Hant_TW"):
        subject = _("Registration confirmed: %(event)s", event="看見高雄")
        confirmed = _("Thank you for registering. Your seat is confirmed.")
    assert subject != "Registration confirmed: 看見高雄"  # translated
    assert message["Subject"] == subject and message["Content-Language"] == "zh-Hant-TW"
    text = message.get_body(("plain",)).get_content()
    assert confirmed in text and "2027年3月20日 星期六 上午9:00" in text and "（台灣時間）" in text
    vevent = vobject.readOne(calendars(message)[0].get_content()).vevent
    assert vevent.summary.value == "看見高雄" and vevent.dtstart.value.hour == 9


def test_the_dates_are_written_in_the_events_own_zone(app, make_event):
    from intl.events.guest_mail import when_text

    event = make_event(timezone="Asia/Tokyo", hours=26)  # 10:00 in Tokyo until noon the next day
    with app.test_request_context(), force_locale("en"):
        assert when_text(event, "en") == (
            "Saturday, March 20, 2027, 10:00\u202fAM – Sunday, March 21, 2027, 12:00\u202fPM (Japan Time)"
        )
    with app.test_request_context(), force_locale("zh_Hant_TW"):
        assert (
            when_text(event, "zh_Hant_TW")
            == "2027年3月20日 星期六 上午10:00 – 2027年3月21日 星期日 中午12:00（日本時間）"
        )


def test_a_waitlisted_guest_gets_the_waitlist_notice_without_a_calendar(
    client, make_event, register, smtp_server
):
    event = make_event(capacity=1)
    client.get(f"/register/{event.registration_token}?lang=en")
    register(event, name="First", email="first@example.com")
    response = register(event, name="Somchai Jaidee", email="somchai@example.th")
    assert response.status_code == 302
    message = smtp_server.messages["somchai@example.th"]
    assert message["Subject"] == "On the waitlist: See Kaohsiung"
    text = message.get_body(("plain",)).get_content()
    assert "you are number 1 on the waitlist" in text and "You do not have a seat yet." in text
    assert "/r/" in text and "calendar" not in text
    assert not list(message.iter_attachments())


def test_cancelling_is_acknowledged_and_a_seat_from_the_waitlist_is_announced(
    client, as_role, make_event, register, smtp_server, database
):
    event = make_event(capacity=1)
    client.get(f"/register/{event.registration_token}?lang=en")
    first_url = register(event, name="First", email="first@example.com").location
    register(event, name="Second", email="second@example.com")
    register(event, name="Third", email="third@example.com")
    assert len(smtp_server.envelopes) == 3
    confirmed = vobject.readOne(calendars(smtp_server.messages["first@example.com"])[0].get_content()).vevent

    assert client.post(first_url, data={"action": "cancel"}).status_code == 302
    cancelled = smtp_server.received[-1]
    assert cancelled["To"] == "First <first@example.com>"
    assert cancelled["Subject"] == "Registration cancelled: See Kaohsiung"
    text = cancelled.get_body(("plain",)).get_content()
    assert "Your registration is cancelled, as you asked." in text and "/r/" in text
    assert "mark the event as cancelled in your calendar" in text
    # the same entry as the confirmation's, cancelled and newer: a calendar that imported it takes it out
    [attachment] = calendars(cancelled)
    assert attachment.get_param("method") == "PUBLISH"
    withdrawn = vobject.readOne(attachment.get_content()).vevent
    assert withdrawn.uid.value == confirmed.uid.value and withdrawn.status.value == "CANCELLED"
    assert int(withdrawn.sequence.value) == int(confirmed.sequence.value) + 1

    as_role("officer")
    response = client.post(f"/events/{event.id}/waitlist/promote", follow_redirects=True)
    assert "Second is told by e-mail." in page_text(response)
    seat = smtp_server.received[-1]
    assert seat["To"] == "Second <second@example.com>" and seat["Subject"] == "You have a seat: See Kaohsiung"
    assert "a seat has become free and it is yours" in seat.get_body(("plain",)).get_content()
    vevent = vobject.readOne(calendars(seat)[0].get_content()).vevent
    assert vevent.status.value == "CONFIRMED" and vevent.summary.value == "See Kaohsiung"

    third = only_registration(database, "third@example.com")
    response = client.post(
        f"/events/{event.id}/registrations/{third.id}/status",
        data={"action": "promote"},
        follow_redirects=True,
    )
    assert "Third is told by e-mail." in page_text(response)
    assert smtp_server.received[-1]["Subject"] == "You have a seat: See Kaohsiung"
    assert len(smtp_server.envelopes) == 6


def test_an_invited_guest_who_accepts_gets_the_confirmation(client, make_event, smtp_server, database):
    from intl.events.registrations import new_registration
    from intl.events.tokens import registration_token

    event = make_event(registration_mode="invited")
    guest = new_registration(
        event, "invited", "invitation", name="Tanaka Hiroshi", email="tanaka@example.jp", locale="en"
    )
    database.session.commit()
    url = f"/register/{event.registration_token}/r/{registration_token(guest)}"
    client.get(url + "?lang=en")
    assert client.post(url, data={"action": "accept", "consent": "y"}).status_code == 302
    message = smtp_server.messages["tanaka@example.jp"]
    assert message["Subject"] == "Registration confirmed: See Kaohsiung" and len(calendars(message)) == 1
    assert (
        client.post(url, data={"action": "decline"}).status_code == 400
    )  # registered now: nothing to decline
    assert len(smtp_server.envelopes) == 1


def test_officers_choose_whether_the_guest_is_mailed(
    client, make_user, login, make_event, smtp_server, database
):
    login(make_user("officer", locale="en"))
    event = make_event(capacity=5)
    form = page_text(client.get(f"/events/{event.id}/registrations"))
    assert re.search(
        r'<input[^>]*checked[^>]*name="send_email"|<input[^>]*name="send_email"[^>]*checked', form
    )
    client.post(
        f"/events/{event.id}/registrations/new",
        data={"name": "Quiet Guest", "email": "quiet@example.com", "status": "", "locale": "en"},
    )
    assert smtp_server.envelopes == []  # the box unticked: no mail
    response = client.post(
        f"/events/{event.id}/registrations/new",
        data={
            "name": "Told Guest",
            "email": "told@example.com",
            "status": "",
            "locale": "en",
            "send_email": "y",
        },
        follow_redirects=True,
    )
    assert "Told Guest is told by e-mail." in page_text(response)
    assert smtp_server.messages["told@example.com"]["Subject"] == "Registration confirmed: See Kaohsiung"
    client.post(
        f"/events/{event.id}/registrations/new",
        data={"name": "Invited Guest", "email": "inv@example.com", "status": "invited", "send_email": "y"},
    )
    assert set(smtp_server.messages) == {"told@example.com"}  # nothing to confirm to an invitee
    told = only_registration(database, "told@example.com")
    assert (told.locale, told.source, told.status) == ("en", "officer", "registered")
    # the door: checking in sends nothing
    client.post(f"/events/{event.id}/check-in/{told.id}")
    assert len(smtp_server.envelopes) == 1


def test_a_mail_server_that_is_down_loses_no_registration_and_no_mail(
    app, client, make_event, register, database, smtp_server, make_user, login, caplog
):
    from intl.core.jobs import Job

    working_port = app.config["SMTP_PORT"]
    app.config["SMTP_PORT"] = free_port()  # nothing listens: connection refused
    event = make_event(capacity=1)
    client.get(f"/register/{event.registration_token}?lang=en")
    with caplog.at_level(logging.WARNING):
        response = register(event, name="Mai", email="mai@example.vn")
        waitlisted = register(event, name="Late", email="late@example.com")
    assert response.status_code == 302 and waitlisted.status_code == 302
    assert only_registration(database, "mai@example.vn").status == "registered"
    assert only_registration(database, "late@example.com").status == "waitlisted"
    page = client.get(response.location)
    assert page.status_code == 200
    text = page_text(page)
    assert "You are registered" in text and "data-guest-ics" in text  # the .ics is still offered
    assert "alert-danger" not in text  # nothing alarming: the mail is the queue's business
    assert client.get(ics_link(client, response.location)).status_code == 200
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2 and all("events.guest_notice" in w and "refused" in w for w in warnings)
    assert not any("mai@example.vn" in w for w in warnings)  # the log names the job, not the guest
    failed = database.session.scalars(select(Job).order_by(Job.id)).all()
    assert [j.state for j in failed] == ["failed", "failed"] and "Connection refused" in failed[0].error
    assert smtp_server.envelopes == []

    # The server is back: an officer retries, and the guests get what they were owed.
    app.config["SMTP_PORT"] = working_port
    login(make_user("officer"))
    for job in failed:
        assert client.post(f"/jobs/{job.id}/retry").status_code == 302
    assert sorted(e.rcpt_tos[0] for e in smtp_server.envelopes) == ["late@example.com", "mai@example.vn"]
    database.session.expire_all()
    assert [database.session.get(Job, j.id).state for j in failed] == ["done", "done"]


def test_a_silent_mail_server_is_given_up_after_smtp_timeout(
    app, client, make_event, register, database, monkeypatch
):
    with socket.socket() as silent:  # accepts connections, never says hello
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
        monkeypatch.setitem(app.config, "SMTP_PORT", silent.getsockname()[1])
        monkeypatch.setitem(app.config, "SMTP_TIMEOUT", 1)
        event = make_event()
        started = time.monotonic()
        response = register(event, name="Mai", email="mai@example.vn")
        elapsed = time.monotonic() - started
    assert response.status_code == 302 and elapsed < 5
    assert only_registration(database, "mai@example.vn").status == "registered"


@pytest.mark.parametrize("email", [None, ""])
def test_no_address_or_no_server_sends_nothing(app, make_event, database, email):
    from intl.events import guest_mail
    from intl.events.registrations import register_guest

    event = make_event()
    guest = register_guest(event, consent=True, name="Walk-up", email=email)
    assert guest_mail.send(guest, "registered") is False
    with_address = register_guest(event, consent=True, name="Mai", email="mai@example.vn")
    assert app.config["SMTP_HOST"] == "" and guest_mail.send(with_address, "registered") is False
