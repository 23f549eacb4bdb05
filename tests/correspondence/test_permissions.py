"""Every letter endpoint answers each role as declared (the same matrix tests/test_permissions.py keeps for the
whole app; these rows are to be merged there)."""

from __future__ import annotations

import pytest

from tests.helpers import MINIMAL_PDF, upload

ALL = {"admin", "officer", "intern", "leader"}
VIEW = {"admin", "officer", "intern"}
STAFF = {"admin", "officer"}

LETTER_MATRIX = {
    "correspondence.index": ("GET", VIEW),
    "correspondence.detail": ("GET", VIEW),
    "correspondence.attachment": ("GET", VIEW),
    "correspondence.letter_pdf": ("GET", VIEW),
    "correspondence.letter_docx": ("GET", VIEW),
    "correspondence.translation": ("GET", VIEW),
    "correspondence.create": ("GET", STAFF),
    "correspondence.edit": ("GET", STAFF),
    "correspondence.draft": ("GET", STAFF),
    "correspondence.templates": ("GET", STAFF),
    "correspondence.template_create": ("GET", STAFF),
    "correspondence.template_edit": ("GET", STAFF),
    "correspondence.add_translation": ("POST", STAFF),
    "correspondence.review_translation": ("POST", STAFF),
    "correspondence.add_attachment": ("POST", STAFF),
    "correspondence.assign": ("POST", STAFF),
    "correspondence.move": ("POST", STAFF),
    "correspondence.archive": ("POST", STAFF),
}


@pytest.fixture
def letter_records(make_user, make_letter, make_template, database):
    from intl.correspondence.services import add_attachment
    from intl.correspondence.translations import add_translation

    intern = make_user("intern")
    letter = make_letter("outgoing", language="zh_Hant")
    add_translation(letter, "en", intern.id)
    attachment = add_attachment(letter, upload(MINIMAL_PDF, "scan.pdf"), None)
    database.session.commit()
    return {
        "intern": intern,
        "letter_id": letter.id,
        "attachment_id": attachment.id,
        "language": "en",
        "template_id": make_template().id,
    }


def test_every_letter_endpoint_is_declared(app):
    endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("correspondence.")
    }
    assert endpoints == set(LETTER_MATRIX)


@pytest.mark.parametrize("role", sorted(ALL))
def test_letter_role_matrix(app, client, make_user, login, letter_records, role):
    from flask import url_for

    # the intern is the letter's translator: the one intern who may open it
    user = letter_records["intern"] if role == "intern" else make_user(role)
    login(user)
    for endpoint, (method, allowed) in LETTER_MATRIX.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{arg: letter_records[arg] for arg in rule.arguments})
        response = client.open(url, method=method, data={"status": "done"} if method == "POST" else None)
        if role in allowed:
            assert response.status_code in (200, 302), f"{role} {endpoint}: {response.status_code}"
        else:
            assert response.status_code == 403, f"{role} {endpoint}: {response.status_code}"


def test_anonymous_visitors_are_sent_to_sign_in(app, client, letter_records):
    from flask import url_for

    for endpoint, (method, _allowed) in LETTER_MATRIX.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{arg: letter_records[arg] for arg in rule.arguments})
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/sign-in" in response.location, endpoint


# What each role gets of a confidential letter another officer is in charge of (and that an intern cannot
# translate): its pages, downloads and attachments open to administrators and to the officer in charge only.
CONFIDENTIAL_ROWS = {
    "correspondence.detail": {"admin", "in_charge"},
    "correspondence.attachment": {"admin", "in_charge"},
    "correspondence.letter_pdf": {"admin", "in_charge"},
    "correspondence.letter_docx": {"admin", "in_charge"},
    "correspondence.translation": {"admin", "in_charge"},
    "correspondence.edit": {"admin", "in_charge"},
}


@pytest.mark.parametrize("who", ["admin", "in_charge", "officer", "intern", "leader"])
def test_a_confidential_letter_by_role(app, client, make_user, login, make_letter, database, who):
    from flask import url_for

    from intl.correspondence import steps
    from intl.correspondence.services import add_attachment
    from intl.correspondence.translations import add_translation

    in_charge = make_user("officer")
    letter = make_letter("outgoing", language="zh_Hant", confidential=True)
    steps.assign(letter, in_charge.id)
    add_translation(letter, "en", in_charge.id)
    attachment = add_attachment(letter, upload(MINIMAL_PDF, "scan.pdf"), None)
    database.session.commit()
    values = {"letter_id": letter.id, "attachment_id": attachment.id, "language": "en"}
    login(in_charge if who == "in_charge" else make_user(who))
    listed = "data-letter-list" in client.get("/letters").get_data(as_text=True)
    for endpoint, allowed in CONFIDENTIAL_ROWS.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{arg: values[arg] for arg in rule.arguments})
        status = client.get(url).status_code
        assert status == (200 if who in allowed else 403), f"{who} {endpoint}: {status}"
    if listed:  # the list shows it to exactly those who open it
        assert (letter.reference_no in client.get("/letters").get_data(as_text=True)) is (
            who in {"admin", "in_charge"}
        )
