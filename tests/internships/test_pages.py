"""Every internship page opens for the staff who manage them, in both languages, and edits keep the record's
version (a save over someone else's change is refused)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import page_text


@pytest.fixture
def records(make_position, make_placement, database):
    from intl.internships.placement_services import add_entry
    from intl.internships.services import create_application

    position = make_position()
    placement, intern, supervisor = make_placement(position=position)
    entry = add_entry(placement, True, work_on=date(2026, 7, 1), minutes=60, description="Work")
    application = create_application(position.programme, position_id=position.id, name="Applicant")
    database.session.commit()
    return {
        "position": position,
        "placement": placement,
        "application": application,
        "supervisor": supervisor,
        "entry": entry,
    }


@pytest.mark.parametrize("locale", ["zh_Hant_TW", "en"])
def test_staff_pages_open(client, login, records, locale):
    login(records["supervisor"])
    client.post("/language", data={"locale": locale})
    programme_id = records["position"].programme_id
    application_id = records["application"].id
    placement_id = records["placement"].id
    for url in (
        "/internships",
        "/internships?kind=internship&term=summer&year=2026",
        "/internships/programmes/new",
        f"/internships/programmes/{programme_id}",
        f"/internships/programmes/{programme_id}/edit",
        f"/internships/programmes/{programme_id}/positions/new",
        f"/internships/positions/{records['position'].id}/edit",
        "/internships/applications",
        f"/internships/applications?programme={programme_id}&status=received&q=appl",
        f"/internships/programmes/{programme_id}/applications/new",
        f"/internships/applications/{application_id}",
        f"/internships/applications/{application_id}/edit",
        f"/internships/applications/{application_id}/interview",
        "/internships/placements",
        "/internships/placements?status=all&mine=1",
        "/internships/placements/new",
        f"/internships/placements/new?position={records['position'].id}",
        f"/internships/placements/{placement_id}",
        f"/internships/placements/{placement_id}/edit",
        f"/internships/placements/{placement_id}/evaluation",
        "/internships/approvals",
    ):
        assert client.get(url).status_code == 200, url


def test_bad_input_answers_400_or_404(client, login, records):
    login(records["supervisor"])
    assert client.get("/internships/applications?programme=abc").status_code == 400
    assert client.get("/internships/applications?programme=999999").status_code == 404
    assert client.get("/internships/placements?cursor=%%%").status_code == 400
    assert client.get("/internships/programmes/999999").status_code == 404
    assert client.get("/internships/placements/999999").status_code == 404
    assert client.post("/internships/approvals/approve", data={"entry": ["x"]}).status_code == 400
    entry_id = records["entry"].id
    response = client.post(f"/internships/log/{entry_id}/review", data={"action": "maybe"})
    assert response.status_code == 302  # told to choose, nothing changed
    assert records["entry"].status == "submitted"


def test_a_save_over_someone_elses_change_is_refused(client, login, records, database):
    from intl.internships.services import update_programme

    login(records["supervisor"])
    programme = records["position"].programme
    opened_on = programme.version
    update_programme(programme, description="Changed meanwhile")
    database.session.commit()
    response = client.post(
        f"/internships/programmes/{programme.id}/edit",
        data={
            "title-0-locale": "en",
            "title-0-text": "Summer internship",
            "kind": "internship",
            "term": "summer",
            "year": "2026",
            "start_on": "2026-07-01",
            "end_on": "2026-08-31",
            "description": "Mine",
            "version": str(opened_on),
        },
    )
    assert response.status_code == 200 and "data-conflict" in page_text(response)
    database.session.expire_all()
    assert database.session.get(type(programme), programme.id).description == "Changed meanwhile"


def test_archiving_hides_a_programme_and_an_application(client, login, make_user, records, database):
    login(records["supervisor"])
    application = records["application"]
    programme_id = records["position"].programme_id
    assert client.post(f"/internships/applications/{application.id}/archive").status_code == 302
    assert client.get(f"/internships/applications/{application.id}").status_code == 404
    assert "Applicant" not in page_text(client.get("/internships/applications"))
    assert client.post(f"/internships/programmes/{programme_id}/archive").status_code == 302
    assert client.get(f"/internships/programmes/{programme_id}").status_code == 404
    login(make_user("admin"))
    archive = page_text(client.get("/admin/archive"))
    assert 'data-archive-kind="internship_programme"' in archive and "Applicant" in archive
    client.post(f"/admin/archive/internship_application/{application.id}/purge", data={"confirm": "purge"})
    assert client.get(f"/internships/applications/{application.id}").status_code == 404
