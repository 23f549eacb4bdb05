"""Who sees what: an intern sees only their own placement and log, cannot approve, cannot see applications or
contacts' personal details; officers manage; only the supervisor (or an administrator) reviews; leaders see
nothing of the internships."""

from __future__ import annotations

from datetime import date

import pytest

from intl.contacts.services import ContactDetails
from tests.helpers import page_text


@pytest.fixture
def two_interns(make_placement, make_position, database):
    from intl.internships.placement_services import add_entry
    from intl.internships.services import create_application

    position = make_position()
    mine, me, supervisor = make_placement(position=position)
    theirs, other, _ = make_placement(position=position, supervisor=supervisor)
    my_entry = add_entry(mine, True, work_on=date(2026, 7, 1), minutes=60, description="Mine")
    their_entry = add_entry(theirs, True, work_on=date(2026, 7, 1), minutes=60, description="Secret work")
    application = create_application(position.programme, name="Applicant Name")
    database.session.commit()
    return {
        "mine": mine,
        "theirs": theirs,
        "me": me,
        "other": other,
        "supervisor": supervisor,
        "my_entry": my_entry,
        "their_entry": their_entry,
        "application": application,
        "position": position,
    }


def test_an_intern_sees_only_their_own_log(client, login, two_interns):
    login(two_interns["me"])
    theirs, their_entry = two_interns["theirs"], two_interns["their_entry"]
    assert client.get(f"/internships/placements/{two_interns['mine'].id}").status_code == 200
    assert client.get(f"/internships/placements/{theirs.id}").status_code == 403
    assert client.get(f"/internships/placements/{theirs.id}/certificate.pdf").status_code == 403
    assert client.get(f"/internships/log/{their_entry.id}/edit").status_code == 403
    assert client.post(f"/internships/log/{their_entry.id}/submit").status_code == 403
    assert client.post(f"/internships/log/{their_entry.id}/delete").status_code == 403
    assert client.get(f"/internships/me/log/new?placement={theirs.id}").status_code == 403
    assert "Secret work" not in page_text(client.get("/internships/me"))


def test_an_intern_cannot_approve(client, login, two_interns, database):
    from intl.internships.placement_models import ActivityEntry

    login(two_interns["me"])
    mine = two_interns["my_entry"]
    assert client.get("/internships/approvals").status_code == 403
    assert client.post(f"/internships/log/{mine.id}/review", data={"action": "approve"}).status_code == 403
    assert client.post("/internships/approvals/approve", data={"entry": [str(mine.id)]}).status_code == 403
    assert client.get(f"/internships/placements/{two_interns['mine'].id}/evaluation").status_code == 403
    database.session.expire_all()
    assert database.session.get(ActivityEntry, mine.id).status == "submitted"


def test_an_intern_cannot_see_applications_or_programmes(client, login, two_interns):
    login(two_interns["me"])
    application = two_interns["application"]
    for url in (
        "/internships",
        "/internships/applications",
        f"/internships/applications/{application.id}",
        f"/internships/applications/{application.id}/documents/cv",
        f"/internships/programmes/{two_interns['position'].programme_id}",
        "/internships/placements",
    ):
        assert client.get(url).status_code == 403, url


def test_an_intern_cannot_see_contacts_personal_details(client, login, two_interns, make_contact):
    contact = make_contact(
        details=ContactDetails(emails=[("personal", "tanaka.private@example.jp")]), needs=["halal"]
    )
    login(two_interns["me"])
    page = page_text(client.get(f"/contacts/{contact.id}"))
    assert "Hiroshi Tanaka" in page or "田中" in page
    assert "tanaka.private@example.jp" not in page
    assert client.get(f"/contacts/{contact.id}/personal-data").status_code == 403


def test_only_the_supervisor_or_an_administrator_reviews(client, login, make_user, two_interns):
    entry = two_interns["my_entry"]
    login(make_user("officer"))
    assert client.get(f"/internships/placements/{two_interns['mine'].id}").status_code == 200  # staff read
    assert client.get(f"/internships/placements/{two_interns['mine'].id}/evaluation").status_code == 403
    assert client.post(f"/internships/log/{entry.id}/review", data={"action": "approve"}).status_code == 403
    login(two_interns["supervisor"])
    assert client.get(f"/internships/placements/{two_interns['mine'].id}/evaluation").status_code == 200
    login(make_user("admin"))
    assert client.get(f"/internships/placements/{two_interns['mine'].id}/evaluation").status_code == 200


def test_leaders_see_nothing_of_the_internships(client, login, make_user, two_interns):
    login(make_user("leader"))
    placement, entry = two_interns["mine"], two_interns["my_entry"]
    for method, url in (
        ("GET", "/internships"),
        ("GET", "/internships/me"),
        ("GET", "/internships/approvals"),
        ("GET", f"/internships/placements/{placement.id}"),
        ("GET", f"/internships/applications/{two_interns['application'].id}"),
        ("POST", f"/internships/log/{entry.id}/review"),
    ):
        assert client.open(url, method=method).status_code == 403, url
    assert "data-my-internship" not in page_text(client.get("/"))


def test_the_home_page_leads_an_intern_to_their_log(client, login, two_interns):
    login(two_interns["me"])
    page = page_text(client.get("/"))
    assert "data-my-internship" in page and 'href="/internships/me"' in page


def test_an_intern_without_a_placement_is_told_so(client, as_role):
    as_role("intern")
    assert "data-no-placement" in page_text(client.get("/internships/me"))
    response = client.get("/internships/me/log/new")
    assert response.status_code == 302 and response.location.endswith("/internships/me")


def test_a_finished_placement_takes_no_more_hours(client, login, two_interns, database):
    from intl.internships.placement_services import update_placement

    update_placement(two_interns["mine"], status="completed")
    database.session.commit()
    login(two_interns["me"])
    entry = two_interns["my_entry"]
    assert client.get("/internships/me/log/new").status_code == 302
    assert client.get(f"/internships/log/{entry.id}/edit").status_code == 302
    page = page_text(client.get(f"/internships/placements/{two_interns['mine'].id}"))
    assert "data-log-hours" not in page
