"""Who reaches each internship page. Ownership matters here: an intern reaches only their own placement and
log, a supervisor reviews only their interns' entries (admins any). The rows are part of the product-wide
matrix (tests/test_permissions.py checks that every endpoint is declared somewhere)."""

from __future__ import annotations

from datetime import date

import pytest
from flask import url_for

from tests.helpers import MINIMAL_PDF, upload

ALL = {"admin", "officer", "intern", "leader"}
STAFF = {"admin", "officer"}
ADMIN = {"admin"}
INTERNS = {"intern"}
NOBODY: set[str] = set()  # only the entry's own intern, who is none of the users tried here
# Reachable without an account (marked @public): the students' application form behind a programme's link.
PUBLIC = {"internships.public_apply", "internships.public_applied"}

# endpoint -> (method, roles allowed); state-changing POSTs last, in an order that keeps what later rows need.
ROWS = {
    "internships.index": ("GET", STAFF),
    "internships.create_programme": ("GET", STAFF),
    "internships.programme": ("GET", STAFF),
    "internships.edit_programme": ("GET", STAFF),
    "internships.create_position": ("GET", STAFF),
    "internships.edit_position": ("GET", STAFF),
    "internships.applications": ("GET", STAFF),
    "internships.create_application": ("GET", STAFF),
    "internships.application": ("GET", STAFF),
    "internships.edit_application": ("GET", STAFF),
    "internships.document": ("GET", STAFF),
    "internships.interview": ("GET", STAFF),
    "internships.placements": ("GET", STAFF),
    "internships.create_placement": ("GET", STAFF),
    "internships.edit_placement": ("GET", STAFF),
    "internships.placement": ("GET", STAFF),
    "internships.certificate_pdf": ("GET", STAFF),
    "internships.evaluate": ("GET", ADMIN),
    "internships.approvals": ("GET", STAFF),
    "internships.my_internship": ("GET", INTERNS),
    "internships.new_entry": ("GET", INTERNS),
    "internships.edit_entry": ("GET", NOBODY),
    "internships.submit_entry": ("POST", NOBODY),
    "internships.delete_entry": ("POST", NOBODY),
    "internships.review_entry": ("POST", ADMIN),
    "internships.bulk_approve": ("POST", STAFF),
    "internships.change_status": ("POST", STAFF),
    "internships.cancel_interview": ("POST", STAFF),
    "internships.archive_application": ("POST", STAFF),
    "internships.rotate_application_token": ("POST", STAFF),
    "internships.archive_programme": ("POST", STAFF),
}


@pytest.fixture
def records(make_position, make_placement, database):
    from intl.internships.placement_services import add_entry, save_evaluation
    from intl.internships.services import create_application

    position = make_position()
    application = create_application(
        position.programme, position_id=position.id, name="Siti Nurhaliza", cv=upload(MINIMAL_PDF, "cv.pdf")
    )
    finished, _intern, _supervisor = make_placement(position=position)
    add_entry(finished, True, work_on=date(2026, 7, 1), minutes=120, description="Translated a letter")
    save_evaluation(
        finished,
        rating_reliability=5,
        rating_quality=4,
        rating_languages=5,
        rating_teamwork=4,
        rating_initiative=4,
        rating_overall=5,
        recommend=True,
    )
    running, _intern2, _supervisor2 = make_placement(position=position)
    entry = add_entry(running, True, work_on=date(2026, 7, 2), minutes=60, description="Airport pick-up")
    database.session.commit()
    return {
        "programme_id": position.programme_id,
        "position_id": position.id,
        "application_id": application.id,
        "which": "cv",
        "placement_id": finished.id,
        "entry_id": entry.id,
    }


@pytest.mark.parametrize("role", sorted(ALL))
def test_internship_role_matrix(app, client, records, make_user, login, role):
    login(make_user(role))
    for endpoint, (method, allowed) in ROWS.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{arg: records[arg] for arg in rule.arguments})
        response = client.open(
            url,
            method=method,
            data={"action": "approve", "status": "shortlisted"} if method == "POST" else None,
        )
        expected = (200, 302) if role in allowed else (403,)
        assert response.status_code in expected, f"{role} {endpoint}: {response.status_code}"


def test_the_students_pages_need_no_sign_in_and_the_others_do(app, client, records, database):
    from intl.internships.models import InternshipProgramme

    ours = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("internships.")}
    assert ours == set(ROWS) | PUBLIC
    for endpoint in PUBLIC:
        assert getattr(app.view_functions[endpoint], "is_public", False), endpoint
    for endpoint in ROWS:
        assert not getattr(app.view_functions[endpoint], "is_public", False), endpoint
    token = database.session.get(InternshipProgramme, records["programme_id"]).application_token
    with app.test_request_context():
        form = url_for("internships.public_apply", token=token)
        received = url_for("internships.public_applied", token=token)
    assert client.get(form).status_code == 200
    answer = client.get(received)  # nothing sent yet: back to the form, not to the sign-in page
    assert answer.status_code == 302 and "/sign-in" not in answer.location
    for endpoint, (method, _roles) in ROWS.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{arg: records[arg] for arg in rule.arguments})
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/sign-in" in response.location, endpoint
