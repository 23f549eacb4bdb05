"""The reminder digest, sent to a real SMTP server on this machine (aiosmtpd, tests/smtp.py) and read back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from intl.followups import services
from intl.gifts import services as gift_services
from tests.smtp import free_port

TODAY = date(2026, 3, 10)


@pytest.fixture
def office(make_user, make_partner, make_contact, database):
    """Two officers (English, Chinese with ROC dates), an intern without an e-mail address, and their tasks."""
    from intl.delegations.services import create_delegation

    alice = make_user(
        "officer", username="alice", display_name="Alice Wang", email="alice@kcg.example.tw", locale="en"
    )
    lin = make_user(
        "officer", username="lin", display_name="林怡君", email="lin@kcg.example.tw", locale="zh_Hant_TW"
    )
    lin.date_style = "roc"
    intern = make_user("intern", username="mai", display_name="Mai")
    visit = create_delegation(
        [],
        title={"en": "Yokohama delegation", "zh_Hant": "橫濱市訪問團"},
        start_on=date(2026, 2, 1),
        end_on=date(2026, 2, 2),
    )

    def task(owner, days, text, status="open"):
        followup = services.add_followup("delegation", visit.id, text, owner.id, TODAY + timedelta(days=days))
        if status != "open":
            services.set_status(followup, status)

    task(alice, -3, "Send the signed MOU")
    task(alice, 2, "Confirm the hotel")
    task(alice, 10, "Plan the return visit")  # beyond the week: not in today's digest
    task(alice, -5, "Already done", status="done")
    task(lin, -1, "寄送感謝函")
    task(intern, -1, "Translate the menu")
    contact = make_contact()
    gift_services.create_gift(
        "received",
        exchanged_on=TODAY - timedelta(days=6),
        occasion_kind="visit",
        user_id=alice.id,
        contact_id=contact.id,
        description="Arita porcelain vase",
        estimated_value=6000,
        quantity=1,
        giver_has_interest=False,
        official_courtesy=True,
    )
    database.session.commit()
    return {"alice": alice, "lin": lin, "intern": intern, "visit": visit}


def test_digest_over_real_smtp(runner, smtp_server, office):
    result = runner.invoke(args=["followups", "send-digest", "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Skipped mai: no e-mail address." in result.output
    assert (
        "Sent to Alice Wang <alice@kcg.example.tw>" in result.output and "Sent 2 digest(s)." in result.output
    )
    messages = smtp_server.messages
    assert set(messages) == {"alice@kcg.example.tw", "lin@kcg.example.tw"}

    alice = messages["alice@kcg.example.tw"]
    assert alice["To"] == "Alice Wang <alice@kcg.example.tw>"
    assert alice["From"] == "Intl Desk <intl-desk@kcg.example.tw>"
    assert alice["Subject"] == "Intl Desk reminders: 2 overdue, 1 due this week"
    text = alice.get_body(("plain",)).get_content()
    overdue = text.split("Overdue follow-ups (1)")[1].split("Follow-ups due this week")[0]
    assert "Send the signed MOU — Yokohama delegation — due Mar 7, 2026" in overdue
    assert f"https://intl.kcg.example.tw/delegations/{office['visit'].id}#outcome" in overdue
    assert "Confirm the hotel" in text.split("Follow-ups due this week (1)")[1]
    assert "Plan the return visit" not in text and "Already done" not in text
    gifts = text.split("Gift reports to make (1)")[1]
    # received Wed 4 March: the report is due three working days later, Mon 9 March (the office's calendar)
    assert "Arita porcelain vase" in gifts and "OVERDUE, was due Mar 9, 2026" in gifts
    html = alice.get_body(("html",)).get_content()
    assert "<h2>Overdue follow-ups (1)</h2>" in html and "Send the signed MOU" in html
    assert "https://intl.kcg.example.tw/gifts/" in html and "<strong>OVERDUE" in html

    lin = messages["lin@kcg.example.tw"]
    with force_locale("zh_Hant_TW"):
        subject = _("Intl Desk reminders: %(late)s overdue, %(soon)s due this week", late=1, soon=0)
        heading = _("Overdue follow-ups")
    assert lin["Subject"] == subject
    assert lin["Content-Language"] == "zh-Hant-TW"
    body = lin.get_body(("plain",)).get_content()
    assert heading in body and "寄送感謝函 — 橫濱市訪問團" in body
    assert "民國115年3月9日" in body  # the officer reads ROC dates
    assert "Send the signed MOU" not in body and "Arita" not in body


def test_a_second_run_the_same_day_sends_nothing_again(runner, smtp_server, office):
    day = ["followups", "send-digest", "--date", TODAY.isoformat()]
    assert runner.invoke(args=day).exit_code == 0
    assert len(smtp_server.envelopes) == 2
    again = runner.invoke(args=day)
    assert again.exit_code == 0, again.output
    assert "Skipped alice: already sent today" in again.output and "Nothing to send." in again.output
    assert len(smtp_server.envelopes) == 2
    # the next day's digest goes out, and --again sends today's once more on purpose
    assert (
        runner.invoke(
            args=["followups", "send-digest", "--date", TODAY.replace(day=TODAY.day + 1).isoformat()]
        ).exit_code
        == 0
    )
    assert len(smtp_server.envelopes) == 4
    assert runner.invoke(args=[*day, "--again"]).exit_code == 0
    assert len(smtp_server.envelopes) == 6


def test_dry_run_prints_and_sends_nothing(runner, smtp_server, office):
    result = runner.invoke(args=["followups", "send-digest", "--dry-run", "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert (
        "Would send to Alice Wang <alice@kcg.example.tw>: Intl Desk reminders: 2 overdue, 1 due this week"
        in (result.output)
    )
    assert "Would send to 林怡君 <lin@kcg.example.tw>" in result.output
    assert "Dry run: 2 digest(s) not sent." in result.output
    assert smtp_server.envelopes == []


def test_nothing_due_sends_nothing(runner, smtp_server, office):
    result = runner.invoke(args=["followups", "send-digest", "--date", "2025-01-01"])
    assert result.exit_code == 0 and "Nothing to send." in result.output
    assert smtp_server.envelopes == []


def test_an_unreachable_mail_server_fails_loudly(runner, app, office, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())
    result = runner.invoke(args=["followups", "send-digest", "--date", TODAY.isoformat()])
    assert result.exit_code == 1 and "Could not reach the mail server" in result.output


def test_no_mail_server_configured_fails_loudly(runner, app, office, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    result = runner.invoke(args=["followups", "send-digest", "--date", TODAY.isoformat()])
    assert result.exit_code == 1 and "SMTP_HOST is not set" in result.output


def test_bad_date_is_refused(runner):
    result = runner.invoke(args=["followups", "send-digest", "--date", "10/03/2026"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
