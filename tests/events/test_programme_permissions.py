"""Who may open the programme pages (events, lectures, courses), and that the guests' pages need no sign-in.
The same rows belong in tests/test_permissions.py's matrix; tests/events/records.py makes the records."""

from __future__ import annotations

import pytest

from tests.events.records import programme_records

VIEW = {"admin", "officer", "intern"}
STAFF = {"admin", "officer"}

PUBLIC = {"events.public_register", "events.public_status", "events.public_ics"}
PUBLIC_POST = {"events.public_respond"}

MATRIX = {
    "events.index": ("GET", VIEW),
    "events.detail": ("GET", VIEW),
    "events.check_in": ("GET", VIEW),
    "events.create": ("GET", STAFF),
    "events.edit": ("GET", STAFF),
    "events.add_session": ("GET", STAFF),
    "events.edit_session": ("GET", STAFF),
    "events.registrations_list": ("GET", STAFF),
    "events.export_registrations": ("GET", STAFF),
    "events.invitations": ("GET", STAFF),
    "events.export_invitations": ("GET", STAFF),
    "lectures.index": ("GET", VIEW),
    "lectures.series_detail": ("GET", VIEW),
    "lectures.detail": ("GET", VIEW),
    "lectures.photo": ("GET", VIEW),
    "lectures.create_series": ("GET", STAFF),
    "lectures.edit_series": ("GET", STAFF),
    "lectures.create_lecture": ("GET", STAFF),
    "lectures.edit": ("GET", STAFF),
    "lectures.report": ("GET", STAFF),
    "courses.index": ("GET", VIEW),
    "courses.detail": ("GET", VIEW),
    "courses.create": ("GET", STAFF),
    "courses.edit": ("GET", STAFF),
    "courses.add_session": ("GET", STAFF),
    "courses.edit_session": ("GET", STAFF),
    "courses.attendance": ("GET", STAFF),
    "courses.export_course": ("GET", STAFF),
    "courses.hours": ("GET", STAFF),
    "courses.export_hours": ("GET", STAFF),
    # POSTs last, in an order that keeps the records the later ones need
    "events.mark_attended": ("POST", VIEW),
    "events.walk_in": ("POST", VIEW),
    "events.add_registration": ("POST", STAFF),
    "events.registration_status": ("POST", STAFF),
    "events.promote_next": ("POST", STAFF),
    "events.save_invitations": ("POST", STAFF),
    "events.send_invitations": ("POST", STAFF),
    "events.rotate_token": ("POST", STAFF),
    "events.cancel_session": ("POST", STAFF),
    "events.cancel": ("POST", STAFF),
    "events.archive": ("POST", STAFF),
    "lectures.add_photo": ("POST", STAFF),
    "lectures.open_registration": ("POST", STAFF),
    "lectures.cancel": ("POST", STAFF),
    "lectures.archive_series": ("POST", STAFF),
    "courses.enrol": ("POST", STAFF),
    "courses.withdraw": ("POST", STAFF),
    "courses.cancel_session": ("POST", STAFF),
    "courses.archive": ("POST", STAFF),
}


def url_of(app, endpoint: str, values: dict) -> str:
    from flask import url_for

    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        return url_for(endpoint, **{arg: values[arg] for arg in rule.arguments})


def test_every_programme_endpoint_is_declared(app):
    ours = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in ("events", "lectures", "courses")
    }
    assert ours == set(MATRIX) | PUBLIC | PUBLIC_POST
    for endpoint in PUBLIC | PUBLIC_POST:
        assert getattr(app.view_functions[endpoint], "is_public", False), endpoint


@pytest.mark.parametrize("role", ["admin", "officer", "intern", "leader"])
def test_role_matrix(app, client, make_user, make_contact, login, role, database):
    values = programme_records(database, make_contact().id)
    login(make_user(role))
    for endpoint, (method, allowed) in MATRIX.items():
        response = client.open(
            url_of(app, endpoint, values), method=method, data={"confirm": "purge", "status": "done"}
        )  # as tests/test_permissions.py
        if role in allowed:
            assert response.status_code in (200, 302), f"{role} {endpoint}: {response.status_code}"
        else:
            assert response.status_code == 403, f"{role} {endpoint}: {response.status_code}"


def test_guests_pages_need_no_sign_in_and_the_others_do(app, client, make_contact, database):
    values = programme_records(database, make_contact().id)
    for endpoint in PUBLIC:
        assert client.get(url_of(app, endpoint, values)).status_code == 200, endpoint
    for endpoint, (method, _roles) in MATRIX.items():
        response = client.open(url_of(app, endpoint, values), method=method)
        assert response.status_code == 302 and "/sign-in" in response.location, endpoint


# What each role sees of a guest's own details (their e-mail) on the pages that list guests: True shown,
# False hidden, None the page is refused (403). Those who see them have the guests who are contacts logged
# (tests/events/test_access.py).
GUEST_DETAILS = {
    "events.check_in": {"admin": True, "officer": True, "intern": False, "leader": None},
    "events.registrations_list": {"admin": True, "officer": True, "intern": None, "leader": None},
    "events.export_registrations": {"admin": True, "officer": True, "intern": None, "leader": None},
}


@pytest.mark.parametrize("role", ["admin", "officer", "intern", "leader"])
def test_what_each_role_sees_of_a_guests_details(app, client, make_user, make_contact, login, role, database):
    values = programme_records(database, make_contact().id)
    login(make_user(role))
    for endpoint, answers in GUEST_DETAILS.items():
        response = client.get(url_of(app, endpoint, values) + "?q=林志明")
        if answers[role] is None:
            assert response.status_code == 403, f"{role} {endpoint}"
            continue
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and "林志明" in body, f"{role} {endpoint}"
        assert ("guest@example.com" in body) is answers[role], f"{role} {endpoint}"
