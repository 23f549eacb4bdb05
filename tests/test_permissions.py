"""Every endpoint demands a signed-in user (but the sign-in page, static files and token feeds), and each role
gets 403 exactly where it should. A new endpoint fails here until it is added to the matrix."""

from __future__ import annotations

import pytest

from tests.helpers import MINIMAL_PDF, upload

ALL = {"admin", "officer", "intern", "leader"}
VIEW = {"admin", "officer", "intern"}
STAFF = {"admin", "officer"}
ADMIN = {"admin"}

PUBLIC = {"static", "auth.sign_in", "auth.set_language"}

# endpoint -> (method, roles allowed)
# endpoint -> (method, roles allowed); POSTs that change state come last, in an order that keeps the
# records the later ones need.
MATRIX = {
    "home.index": ("GET", ALL),
    "auth.account": ("GET", ALL),
    "auth.change_password": ("GET", ALL),
    "partners.index": ("GET", VIEW),
    "partners.export": ("GET", VIEW),
    "partners.detail": ("GET", VIEW),
    "partners.agreement_document": ("GET", VIEW),
    "partners.create": ("GET", STAFF),
    "partners.edit": ("GET", STAFF),
    "partners.create_agreement": ("GET", STAFF),
    "partners.edit_agreement": ("GET", STAFF),
    "admin.users": ("GET", ADMIN),
    "admin.create_user_view": ("GET", ADMIN),
    "admin.edit_user": ("GET", ADMIN),
    "admin.audit_log": ("GET", ADMIN),
    "admin.archive_list": ("GET", ADMIN),
    "partners.archive_agreement": ("POST", STAFF),
    "partners.archive": ("POST", STAFF),
    "admin.restore_record": ("POST", ADMIN),
    "admin.purge_record": ("POST", ADMIN),
    "auth.sign_out": ("POST", ALL),
}


@pytest.fixture
def records(make_partner, make_agreement, make_user, database):
    from intl.core.archive import archive
    from intl.partners.services import attach_document

    partner = make_partner()
    agreement = make_agreement(partner)
    attach_document(agreement, upload(MINIMAL_PDF, "agreement.pdf"))
    archived = make_partner(names={"en": "Archived City"})
    to_purge = make_partner(names={"en": "Purged City"})
    archive(archived)
    archive(to_purge)
    database.session.commit()
    other = make_user("intern")
    return {
        "partner_id": partner.id,
        "agreement_id": agreement.id,
        "user_id": other.id,
        "kind": "partner",
        "record_id": archived.id,
        "purge_id": to_purge.id,
        "fmt": "csv",
    }


def url_for_endpoint(app, endpoint, values):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        from flask import url_for

        values = dict(values, record_id=values["purge_id"]) if endpoint == "admin.purge_record" else values
        return url_for(endpoint, **{arg: values[arg] for arg in rule.arguments})


def test_every_endpoint_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - PUBLIC - set(MATRIX) == set(), "declare who may use these endpoints"
    assert set(MATRIX) - endpoints == set()


def test_anonymous_visitors_are_sent_to_sign_in(app, client, records):
    for endpoint, (method, _roles) in MATRIX.items():
        url = url_for_endpoint(app, endpoint, records)
        response = client.open(url, method=method)
        assert response.status_code == 302, endpoint
        assert "/sign-in" in response.location, endpoint


@pytest.mark.parametrize("role", sorted(ALL))
def test_role_matrix(app, client, records, make_user, login, role):
    login(make_user(role))
    for endpoint, (method, allowed) in MATRIX.items():
        if endpoint == "auth.sign_out":
            continue  # would end the session the rest of the loop needs; covered in test_sign_in
        url = url_for_endpoint(app, endpoint, records)
        response = client.open(url, method=method, data={"confirm": "purge"} if method == "POST" else None)
        if role in allowed:
            assert response.status_code in (200, 302), f"{role} {endpoint}: {response.status_code}"
        else:
            assert response.status_code == 403, f"{role} {endpoint}: {response.status_code}"


def test_public_pages_open_without_sign_in(client):
    assert client.get("/sign-in").status_code == 200
    assert client.get("/static/css/app.css").status_code == 200


def test_deactivated_user_loses_access(client, make_user, login, database):
    user = login(make_user("officer"))
    assert client.get("/partners").status_code == 200
    user.active = False
    database.session.commit()
    assert client.get("/partners").status_code == 302
