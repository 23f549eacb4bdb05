"""Issue 5: a student who applies through the public link gets a receipt by e-mail in the language of the form,
and the programme's coordinator and the position's supervisor a note in theirs with the link to the
application; sent to a real SMTP server on this machine (tests/smtp.py) and read back. The application is saved
all the same when the mail server is down."""

from __future__ import annotations

import io
import logging

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from intl.core.jobs import Job
from intl.internships.models import InternshipApplication
from tests.helpers import MINIMAL_PDF, app_config, page_text
from tests.internships.students import student
from tests.smtp import free_port

BASE = "https://intl.kcg.example.tw"


def send_application(client, programme, language: str = "en", **overrides):
    data = student(programme.positions[0].id, **overrides)
    data["cv"] = (io.BytesIO(MINIMAL_PDF), "cv.pdf")
    return client.post(
        f"/internships/apply/{programme.application_token}?lang={language}",
        data=data,
        content_type="multipart/form-data",
    )


def only_application(database) -> InternshipApplication:
    database.session.expire_all()
    return database.session.scalars(select(InternshipApplication)).one()


@pytest.fixture
def staffed_programme(open_programme, make_user, database):
    """A programme with a coordinator who reads English and a position supervised by one who reads Chinese."""
    coordinator = make_user(
        "officer", display_name="Coordinator Chen", email="chen@kcg.example.tw", locale="en"
    )
    supervisor = make_user("officer", display_name="督導林", email="lin@kcg.example.tw", locale="zh_Hant_TW")
    programme = open_programme(coordinator_id=coordinator.id)
    programme.positions[0].supervisor_id = supervisor.id
    database.session.commit()
    return programme


def test_the_student_gets_a_receipt_and_the_officers_a_note(client, staffed_programme, smtp_server, database):
    response = send_application(client, staffed_programme)
    assert response.status_code == 302
    received = page_text(client.get(response.location))
    assert "We are sending you an e-mail confirming that your application arrived." in received

    application = only_application(database)
    receipt = smtp_server.messages["mai@example.edu.vn"]
    assert receipt["To"] == "阮氏梅 <mai@example.edu.vn>" and receipt["Content-Language"] == "en"
    assert receipt["Subject"] == "Application received: Summer internship"
    text = receipt.get_body(("plain",)).get_content()
    assert "Dear 阮氏梅," in text and "The office has received your application." in text
    assert "Position: International exchange assistant" in text and "Documents received: CV" in text
    assert "Transcript" not in text
    assert not list(receipt.iter_attachments())  # nothing of theirs travels back

    note = smtp_server.messages["chen@kcg.example.tw"]
    assert note["Subject"] == "New application: 阮氏梅 · Summer internship"
    text = note.get_body(("plain",)).get_content()
    assert "Dear Coordinator Chen," in text and "阮氏梅 (Nguyen Thi Mai)" in text
    assert "Nationality: Vietnam" in text and "Vietnamese (Native), English (C1)" in text
    assert f"{BASE}/internships/applications/{application.id}" in text
    assert not list(note.iter_attachments())  # the CV stays behind the sign-in
    html = note.get_body(("html",)).get_content()
    assert f'<a href="{BASE}/internships/applications/{application.id}">' in html

    chinese = smtp_server.messages["lin@kcg.example.tw"]
    with force_locale("zh_Hant_TW"):
        expected = _("New application: %(name)s · %(programme)s", name="阮氏梅", programme="暑期實習")
    assert expected != "New application: 阮氏梅 · 暑期實習"  # translated
    assert chinese["Subject"] == expected and chinese["Content-Language"] == "zh-Hant-TW"
    assert "越南" in chinese.get_body(("plain",)).get_content()
    assert len(smtp_server.envelopes) == 3


def test_a_student_who_applies_in_chinese_gets_the_receipt_in_chinese(client, staffed_programme, smtp_server):
    send_application(client, staffed_programme, language="zh_Hant_TW")
    receipt = smtp_server.messages["mai@example.edu.vn"]
    with force_locale("zh_Hant_TW"):
        expected = _("Application received: %(programme)s", programme="暑期實習")
    assert receipt["Subject"] == expected and receipt["Content-Language"] == "zh-Hant-TW"


def test_one_officer_who_is_both_coordinator_and_supervisor_gets_one_note(
    client,
    open_programme,
    make_user,
    smtp_server,
    database,
):
    officer = make_user("officer", email="both@kcg.example.tw")
    without_address = make_user("officer")
    programme = open_programme(coordinator_id=officer.id)
    programme.positions[0].supervisor_id = officer.id
    database.session.commit()
    send_application(client, programme)
    assert sorted(e.rcpt_tos[0] for e in smtp_server.envelopes) == [
        "both@kcg.example.tw",
        "mai@example.edu.vn",
    ]

    programme.coordinator_id = without_address.id
    programme.positions[0].supervisor_id = None
    database.session.commit()
    send_application(client, programme, email="second@example.edu.vn")
    assert [e.rcpt_tos[0] for e in smtp_server.envelopes][2:] == ["second@example.edu.vn"]


def test_a_mail_server_that_is_down_loses_no_application(app, client, staffed_programme, database, caplog):
    with app_config(app, SMTP_HOST="127.0.0.1", SMTP_PORT=free_port()), caplog.at_level(logging.WARNING):
        response = send_application(client, staffed_programme)
    assert response.status_code == 302
    received = page_text(client.get(response.location))
    assert "Application received" in received and "alert-danger" not in received
    assert only_application(database).email == "mai@example.edu.vn"
    assert "internships.application_mail" in caplog.text and "Connection refused" in caplog.text
    assert "mai@example.edu.vn" not in caplog.text  # the log names the job, not the person
    job = database.session.scalars(select(Job)).one()
    assert job.state == "failed" and job.done == 0 and job.error
