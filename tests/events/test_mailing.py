"""Mail to many guests as jobs, to a real SMTP server (tests/smtp.py) and read back: the invitations to the
invitation list, each once, in each guest's language with their own link; and the news that the whole event is
cancelled, to every invited, registered and waitlisted guest (the registered with the CANCELLED .ics)."""

from __future__ import annotations

import vobject
from sqlalchemy import select

from intl.core.jobs import Job
from intl.events.registrations import new_registration
from tests.helpers import page_text
from tests.smtp import free_port

EN = {"Accept-Language": "en"}


def guests(database, event, *rows):
    made = [
        new_registration(event, status, "officer", name=name, email=email, locale=locale)
        for status, name, email, locale in rows
    ]
    database.session.commit()
    return made


def test_the_invitation_list_is_mailed_once_each_in_the_guests_language(
    client, as_role, make_event, database, smtp_server
):
    as_role("officer")
    event = make_event()
    guests(
        database,
        event,
        ("invited", "Tanaka Hiroshi", "tanaka@example.jp", "en"),
        ("invited", "林志明", "lin@example.tw", "zh_Hant_TW"),
        ("invited", "No Address", None, "en"),
        ("registered", "Already Coming", "coming@example.com", "en"),
    )
    page = page_text(client.get(f"/events/{event.id}/invitations", headers=EN))
    assert "data-send-invitations" in page and "(2 not yet mailed)" in page
    response = client.post(f"/events/{event.id}/invitations/send")
    assert response.status_code == 302 and "/jobs/" in response.location
    by_address = smtp_server.messages
    assert sorted(by_address) == ["lin@example.tw", "tanaka@example.jp"]
    english, chinese = by_address["tanaka@example.jp"], by_address["lin@example.tw"]
    assert english["Subject"] == "Invitation: See Kaohsiung" and english["Content-Language"] == "en"
    assert chinese["Content-Language"] == "zh-Hant-TW" and "看見高雄" in chinese["Subject"]
    assert "https://intl.kcg.example.tw/register/" in english.get_body(("plain",)).get_content()
    job = database.session.scalars(select(Job)).one()
    assert (job.state, job.done, job.total) == ("done", 2, 2)
    job_page = page_text(client.get(response.location, headers=EN))
    assert "2 of 2 sent" in job_page and "Invitations by e-mail" in job_page

    # Pressed again: nobody is mailed twice.
    again = client.post(f"/events/{event.id}/invitations/send", follow_redirects=True, headers=EN)
    assert "has been mailed the invitation" in page_text(again)
    assert len(smtp_server.envelopes) == 2


def test_a_refused_address_is_noted_and_the_others_still_go(
    client, as_role, make_event, database, smtp_server
):
    as_role("officer")
    event = make_event()
    guests(
        database,
        event,
        ("invited", "Refused", "nobody@refused.example", "en"),
        ("invited", "Fine", "fine@example.com", "en"),
    )
    client.post(f"/events/{event.id}/invitations/send")
    assert [e.rcpt_tos[0] for e in smtp_server.envelopes] == ["fine@example.com"]
    job = database.session.scalars(select(Job)).one()
    assert (job.state, job.done, job.skipped) == ("done", 1, 1)
    assert "nobody@refused.example" in job.notes[0]


def test_cancelling_the_event_tells_every_guest(client, as_role, make_event, database, smtp_server):
    as_role("officer")
    event = make_event(capacity=1)
    guests(
        database,
        event,
        ("registered", "Coming", "coming@example.com", "en"),
        ("waitlisted", "Waiting", "waiting@example.com", "en"),
        ("invited", "Invited", "invited@example.com", "zh_Hant_TW"),
        ("declined", "Declined", "declined@example.com", "en"),
        ("cancelled", "Gone", "gone@example.com", "en"),
    )
    response = client.post(f"/events/{event.id}/cancel", follow_redirects=True, headers=EN)
    assert "Every guest is being told by e-mail." in page_text(response)
    by_address = smtp_server.messages
    assert sorted(by_address) == ["coming@example.com", "invited@example.com", "waiting@example.com"]
    coming = by_address["coming@example.com"]
    assert coming["Subject"] == "Cancelled: See Kaohsiung"
    [calendar] = [p for p in coming.iter_attachments() if p.get_content_type() == "text/calendar"]
    parsed = vobject.readOne(calendar.get_content())
    assert parsed.vevent.status.value == "CANCELLED"
    assert not [p for p in by_address["waiting@example.com"].iter_attachments()]
    assert by_address["invited@example.com"]["Content-Language"] == "zh-Hant-TW"


def test_a_mail_server_that_drops_out_midway_loses_nobody_and_mails_nobody_twice(
    app, client, as_role, make_event, database, smtp_server
):
    """The first attempt stops after the first guest (the server refuses connections from then on); the retry
    resumes after the last guest served."""
    as_role("officer")
    event = make_event()
    rows = [("invited", f"Guest {n}", f"guest{n}@example.com", "en") for n in range(4)]
    guests(database, event, *rows)
    smtp_server.fail_after = 1  # the server closes the connection after one message
    client.post(f"/events/{event.id}/invitations/send")
    job = database.session.scalars(select(Job)).one()
    assert job.state == "failed" and job.done == 1 and job.error
    assert [e.rcpt_tos[0] for e in smtp_server.envelopes] == ["guest0@example.com"]
    smtp_server.fail_after = None
    assert client.post(f"/jobs/{job.id}/retry").status_code == 302
    database.session.expire_all()
    job = database.session.get(Job, job.id)
    assert (job.state, job.done, job.total, job.attempts) == ("done", 4, 4, 2)
    assert [e.rcpt_tos[0] for e in smtp_server.envelopes] == [f"guest{n}@example.com" for n in range(4)]


def test_no_mail_server_no_job(app, client, as_role, make_event, database):
    as_role("officer")
    event = make_event()
    guests(database, event, ("invited", "Guest", "guest@example.com", "en"))
    assert app.config["SMTP_HOST"] == ""
    response = client.post(f"/events/{event.id}/invitations/send", follow_redirects=True, headers=EN)
    assert "No mail server is configured" in page_text(response)
    assert database.session.scalars(select(Job)).all() == []
    assert free_port()  # the smtp helper stays importable for the other tests
