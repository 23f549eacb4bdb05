"""Follow-ups from visits, letters and meetings: 'My follow-ups', the home page, editing and closing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from intl.core.time import today_in
from intl.followups import services
from intl.followups.models import FollowUp
from tests.helpers import page_text


@pytest.fixture
def today(app):
    return today_in(app.config["OFFICE_TIMEZONE"])


@pytest.fixture
def meeting(make_partner, database):
    from intl.interactions.services import create_interaction

    partner = make_partner()
    interaction = create_interaction(
        ("partner", partner.id),
        [],
        kind="meeting",
        subject="Lantern Festival video call",
        occurred_at=datetime(2026, 1, 5, 2, tzinfo=UTC),
    )
    database.session.commit()
    return interaction


@pytest.fixture
def make_followup(database, meeting):
    def make(owner, due_on, description="Send the programme", status="open", source=("interaction", None)):
        kind, source_id = source
        followup = services.add_followup(
            kind, source_id or meeting.id, description, owner.id if owner else None, due_on
        )
        if status != "open":
            services.set_status(followup, status)
        database.session.commit()
        return followup

    return make


def test_my_followups_page(client, make_user, login, make_followup, meeting, today):
    me = login(make_user("officer", locale="en"))
    colleague = make_user("officer")
    late = make_followup(me, today - timedelta(days=2), "Send the invitation")
    soon = make_followup(me, today + timedelta(days=3), "Confirm the numbers")
    done = make_followup(me, today - timedelta(days=9), "Book the hotel", status="done")
    theirs = make_followup(colleague, today, "Their task")
    page = page_text(client.get("/followups/mine"))
    assert page.index("Send the invitation") < page.index("Confirm the numbers")
    assert "Book the hotel" not in page and "Their task" not in page
    assert f'data-followup="{late.id}" data-overdue' in page
    assert f'data-followup="{soon.id}" data-overdue' not in page
    assert "Lantern Festival video call" in page and f"/partners/{meeting.home_id}" in page
    overdue = page_text(client.get("/followups/mine?view=overdue"))
    assert "Send the invitation" in overdue and "Confirm the numbers" not in overdue
    assert "Book the hotel" in page_text(client.get("/followups/mine?view=done"))
    everyone = page_text(client.get("/followups/mine?owner=all"))
    assert "Their task" in everyone and colleague.display_name in everyone
    assert done.done_at is not None and theirs.owner_id == colleague.id


def test_interns_see_their_own_and_may_close_them(client, make_user, login, make_followup, today):
    intern = login(make_user("intern", locale="en"))
    officer = make_user("officer")
    mine = make_followup(intern, today, "Translate the letter")
    other = make_followup(officer, today, "Officer's task")
    page = page_text(client.get("/followups/mine?owner=all"))  # 'everyone' is for officers only
    assert "Translate the letter" in page and "Officer&#39;s task" not in page
    assert client.get(f"/followups/{mine.id}/edit").status_code == 403
    response = client.post(
        f"/followups/{mine.id}/set-status", data={"status": "done", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.location.endswith("/followups/mine")
    assert client.post(f"/followups/{other.id}/set-status", data={"status": "done"}).status_code == 403
    assert client.post(f"/followups/{mine.id}/set-status", data={"status": "bogus"}).status_code == 400


def test_home_page_shows_my_followups_with_overdue_highlighted(
    client, make_user, login, make_followup, today
):
    me = login(make_user("officer", locale="en"))
    late = make_followup(me, today - timedelta(days=1), "Send the MOU draft")
    make_followup(me, None, "Someday")
    make_followup(me, today, "Closed one", status="done")
    home = page_text(client.get("/"))
    section = home.split("data-my-followups")[1].split("</section>")[0]
    assert f'data-followup="{late.id}" data-overdue' in section
    assert "Someday" in section and "Closed one" not in section
    assert "1 overdue" in section and "All (2)" in section
    response = client.post(f"/followups/{late.id}/set-status", data={"status": "done", "next": "/"})
    assert response.status_code == 302 and response.location.endswith("/")
    assert "Send the MOU draft" not in page_text(client.get("/"))


def test_leaders_have_no_followups_panel(client, make_user, login):
    login(make_user("leader"))
    assert "data-my-followups" not in page_text(client.get("/"))


def test_add_a_followup_to_a_meeting_and_a_delegation(client, make_user, login, meeting, database):
    from intl.delegations.services import create_delegation

    officer = login(make_user("officer", locale="en"))
    owner = make_user("intern")
    page = page_text(client.get(f"/followups/new/interaction/{meeting.id}"))
    assert "Lantern Festival video call" in page
    response = client.post(
        f"/followups/new/interaction/{meeting.id}",
        data={
            "description": "Send the festival programme",
            "owner_id": str(owner.id),
            "due_on": "2026-02-01",
        },
    )
    assert response.status_code == 302 and f"/partners/{meeting.home_id}" in response.location
    followup = database.session.scalars(select(FollowUp)).one()
    assert (followup.source_kind, followup.source_id, followup.owner_id, followup.due_on) == (
        "interaction",
        meeting.id,
        owner.id,
        date(2026, 2, 1),
    )
    visit = create_delegation([], title={"en": "Visit"}, start_on=date(2026, 3, 1), end_on=date(2026, 3, 2))
    database.session.commit()
    response = client.post(f"/followups/new/delegation/{visit.id}", data={"description": "Thank-you letter"})
    assert response.location.endswith(f"/delegations/{visit.id}#outcome")
    assert services.followups_of("delegation", visit.id)[0].owner_id is None
    assert client.get("/followups/new/interaction/999999").status_code == 404
    assert client.get("/followups/new/gift/1").status_code == 404
    assert officer.role == "officer"


def test_edit_owner_due_and_status_with_conflicts(client, make_user, login, make_followup, database, today):
    officer = login(make_user("officer", locale="en"))
    colleague = make_user("officer")
    followup = make_followup(officer, today)
    version = followup.version
    data = {
        "description": "Send the signed MOU",
        "owner_id": str(colleague.id),
        "due_on": "2026-05-01",
        "status": "done",
        "version": str(version),
    }
    assert client.post(f"/followups/{followup.id}/edit", data=data).status_code == 302
    database.session.refresh(followup)
    assert (followup.owner_id, followup.due_on, followup.status) == (colleague.id, date(2026, 5, 1), "done")
    assert followup.done_at is not None
    stale = client.post(f"/followups/{followup.id}/edit", data={**data, "description": "Mine"})
    assert "data-conflict" in page_text(stale)
    database.session.refresh(followup)
    assert followup.description == "Send the signed MOU"
    services.update_followup(followup, status="open")
    assert followup.done_at is None


def test_followups_of_letters_link_to_the_letter_and_respect_confidentiality(
    client, make_user, login, database, today
):
    from intl.correspondence.services import create_letter

    officer = login(make_user("officer", locale="en"))
    letter = create_letter(
        "incoming",
        subject="Invitation to the Lantern Festival",
        letter_on=today,
        language="en",
        channel="email",
        body=".",
    )
    secret = create_letter(
        "incoming",
        subject="Confidential: mayor's visit",
        letter_on=today,
        language="en",
        channel="email",
        body=".",
        confidential=True,
    )
    database.session.commit()
    response = client.post(
        f"/followups/new/letter/{letter.id}",
        data={"description": "Reply by Friday", "owner_id": str(officer.id)},
    )
    assert response.status_code == 302 and response.location.endswith(f"/letters/{letter.id}")
    assert client.get(f"/followups/new/letter/{secret.id}").status_code == 403
    services.add_followup("letter", secret.id, "Book the hotel", officer.id, today)
    database.session.commit()
    page = page_text(client.get("/followups/mine"))
    assert "Invitation to the Lantern Festival" in page and f"/letters/{letter.id}" in page
    assert "Book the hotel" in page and "Confidential: mayor" not in page
