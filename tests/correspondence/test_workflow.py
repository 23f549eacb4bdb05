"""Workflow: the allowed moves of each direction, the refusals, the steps (who, when, from, to) and the audit
entries; a reply that goes out answers the letter it replies to; overdue letters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from intl.core.audit import AuditEntry
from intl.correspondence import steps
from intl.correspondence.models import LetterStep
from intl.correspondence.workflow import MOVES, MoveRefused
from tests.helpers import page_text


def moves_of(letter, database):
    return [
        (s.from_status, s.to_status, s.user_id)
        for s in database.session.scalars(
            select(LetterStep).where(LetterStep.letter_id == letter.id).order_by(LetterStep.id)
        )
    ]


def test_incoming_letter_is_registered_assigned_answered_and_filed(
    client, as_role, make_user, make_letter, database
):
    officer = as_role("officer")
    colleague = make_user("officer", display_name="Colleague")
    letter = make_letter("incoming")
    assert letter.status == "registered"

    response = client.post(
        f"/letters/{letter.id}/assign", data={"assigned_to_id": str(colleague.id), "note": "急件"}
    )
    assert response.status_code == 302
    database.session.refresh(letter)
    assert (letter.status, letter.assigned_to_id) == ("assigned", colleague.id)

    # marking it answered needs a reply linked to it
    response = client.post(f"/letters/{letter.id}/move", data={"target": "answered", "expected": "assigned"})
    database.session.refresh(letter)
    assert letter.status == "assigned"
    assert "請先連結回覆函" in page_text(client.get(f"/letters/{letter.id}"))

    reply = make_letter("outgoing", in_reply_to_id=letter.id, language="en", assigned_to_id=officer.id)
    for target in ("in_review", "approved", "sent"):
        response = client.post(f"/letters/{reply.id}/move", data={"target": target, "expected": ""})
        assert response.status_code == 302
    database.session.refresh(reply)
    database.session.refresh(letter)
    assert reply.status == "sent" and reply.sent_on is not None
    assert letter.status == "answered"  # the reply going out answered it

    client.post(f"/letters/{letter.id}/move", data={"target": "filed", "note": "歸檔"})
    database.session.refresh(letter)
    assert letter.status == "filed"
    assert moves_of(letter, database) == [
        (None, "registered", None),
        ("registered", "assigned", officer.id),
        ("assigned", "answered", officer.id),
        ("answered", "filed", officer.id),
    ]
    steps_rows = database.session.scalars(
        select(LetterStep).where(LetterStep.letter_id == letter.id).order_by(LetterStep.id)
    ).all()
    assert steps_rows[1].assignee_id == colleague.id and steps_rows[1].note == "急件"
    assert all(s.at_dt is not None and s.at_dt.tzinfo is not None for s in steps_rows)
    changes = [
        e.changes.get("status")
        for e in database.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.kind == "letter", AuditEntry.entity_id == letter.id)
            .order_by(AuditEntry.id)
        )
    ]
    assert ["assigned", "answered"] in changes and ["answered", "filed"] in changes
    history = page_text(client.get(f"/letters/{letter.id}")).split("data-steps")[1]
    assert "Colleague" in history and "歸檔" in history


def test_outgoing_letter_goes_from_draft_to_sent(client, as_role, make_letter, database):
    officer = as_role("officer")
    letter = make_letter("outgoing", assigned_to_id=officer.id)
    assert letter.status == "draft"
    path = ["in_translation", "in_review", "draft", "in_review", "approved", "sent"]
    for target in path:
        client.post(f"/letters/{letter.id}/move", data={"target": target})
    database.session.refresh(letter)
    assert letter.status == "sent"
    assert [to for _f, to, _u in moves_of(letter, database)] == ["draft", *path]


@pytest.mark.parametrize(
    ("direction", "status", "target"),
    [
        ("outgoing", "draft", "approved"),  # no skipping the review
        ("outgoing", "draft", "sent"),
        ("outgoing", "in_translation", "sent"),
        ("incoming", "registered", "in_review"),  # another direction's status
        ("incoming", "registered", "nonsense"),
    ],
)
def test_moves_that_are_not_allowed_are_refused(make_letter, database, direction, status, target):
    letter = make_letter(direction)
    letter.status = status
    database.session.flush()
    with pytest.raises(MoveRefused):
        steps.move(letter, target)
    assert target not in MOVES[direction].get(status, ())


def test_a_sent_letter_stays_sent(make_letter, database):
    letter = make_letter("outgoing")
    for target in ("in_review", "approved", "sent"):
        steps.move(letter, target)
    for target in ("draft", "in_review", "approved"):
        with pytest.raises(MoveRefused):
            steps.move(letter, target)


def test_a_stale_page_cannot_move_the_letter_twice(client, as_role, make_letter, database):
    as_role("officer")
    letter = make_letter("outgoing")
    client.post(f"/letters/{letter.id}/move", data={"target": "in_review", "expected": "draft"})
    response = client.post(f"/letters/{letter.id}/move", data={"target": "in_review", "expected": "draft"})
    assert response.status_code == 302
    database.session.refresh(letter)
    assert letter.status == "in_review"
    assert len(moves_of(letter, database)) == 2


def test_approval_waits_for_reviewed_translations(client, as_role, make_user, make_letter, database):
    from intl.correspondence.translations import add_translation, review_translation, save_translation

    as_role("officer")
    letter = make_letter("outgoing", language="en", body="One.\n\nTwo.")
    translation = add_translation(letter, "zh_Hant", None)
    save_translation(translation, "主旨", ["一。", "二。"])
    steps.move(letter, "in_review")
    database.session.commit()
    client.post(f"/letters/{letter.id}/move", data={"target": "approved"})
    database.session.refresh(letter)
    assert letter.status == "in_review"
    review_translation(translation)
    database.session.commit()
    client.post(f"/letters/{letter.id}/move", data={"target": "approved"})
    database.session.refresh(letter)
    assert letter.status == "approved"


def test_interns_and_leaders_cannot_move_or_assign(client, make_user, login, make_letter, database):
    officer = make_user("officer")
    letter = make_letter("outgoing", assigned_to_id=officer.id)
    for role in ("intern", "leader"):
        login(make_user(role))
        assert client.post(f"/letters/{letter.id}/move", data={"target": "in_review"}).status_code == 403
        assert (
            client.post(f"/letters/{letter.id}/assign", data={"assigned_to_id": officer.id}).status_code
            == 403
        )
    database.session.refresh(letter)
    assert letter.status == "draft"


def test_only_officers_can_be_put_in_charge(make_user, make_letter):
    intern = make_user("intern")
    letter = make_letter("incoming")
    with pytest.raises(MoveRefused):
        steps.assign(letter, intern.id)


def test_overdue_means_due_and_not_answered_filed_or_sent(client, as_role, make_letter, database):
    from intl.core.time import office_today

    officer = as_role("officer")
    today = office_today()
    late_in = make_letter("incoming", subject="late incoming", due_on=today - timedelta(days=1))
    late_out = make_letter("outgoing", subject="late outgoing", due_on=today - timedelta(days=3))
    make_letter("incoming", subject="due today", due_on=today)
    filed = make_letter("incoming", subject="filed late", due_on=today - timedelta(days=9))
    sent = make_letter("outgoing", subject="sent late", due_on=today - timedelta(days=9))
    steps.move(filed, "filed")
    for target in ("in_review", "approved", "sent"):
        steps.move(sent, target)
    database.session.commit()
    assert late_in.is_overdue(today) and late_out.is_overdue(today)
    assert not filed.is_overdue(today) and not sent.is_overdue(today)
    page = page_text(client.get("/letters?overdue=1"))
    rows = page.split("data-letter-list")[1]
    assert "late incoming" in rows and "late outgoing" in rows
    assert "due today" not in rows and "filed late" not in rows and "sent late" not in rows
    assert 'data-overdue-count="2"' in page
    assert officer  # the count is what this officer may see
    everything = page_text(client.get("/letters"))
    assert everything.count("data-overdue>") == 2


def test_letters_on_and_due_dates_are_checked(client, as_role, database):
    as_role("officer")
    response = client.post(
        "/letters/new",
        data={
            "direction": "incoming",
            "subject": "Test",
            "letter_on": "2026-11-20",
            "due_on": "2026-11-01",
            "language": "en",
            "channel": "post",
        },
    )
    assert response.status_code == 200
    assert "回覆期限不能早於發文日期" in page_text(response)
    assert date(2026, 11, 1)  # nothing saved: the form is shown again
