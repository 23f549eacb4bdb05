"""Who reaches the gift and follow-up pages: the same rows as in tests/test_permissions.py's matrix."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import url_for

from tests.helpers import PNG_1PX, upload

VIEW = {"admin", "officer", "intern"}
STAFF = {"admin", "officer"}
ADMIN = {"admin"}

# endpoint -> (method, roles allowed, extra URL values); state-changing POSTs last.
ROWS = {
    "gifts.index": ("GET", STAFF, {}),
    "gifts.give": ("GET", STAFF, {}),
    "gifts.receive": ("GET", STAFF, {}),
    "gifts.detail": ("GET", STAFF, {}),
    "gifts.edit": ("GET", STAFF, {}),
    "gifts.ethics": ("GET", STAFF, {}),
    "gifts.photo": ("GET", STAFF, {}),
    "gifts.partner_history": ("GET", STAFF, {}),
    "gifts.contact_history": ("GET", STAFF, {}),
    "gifts.stock": ("GET", VIEW, {}),
    "gifts.stock_item": ("GET", VIEW, {}),
    "gifts.stock_photo": ("GET", VIEW, {}),
    "gifts.create_stock_item": ("GET", STAFF, {}),
    "gifts.edit_stock_item": ("GET", STAFF, {}),
    "followups.mine": ("GET", VIEW, {}),
    "followups.create": ("GET", STAFF, {"source_kind": "interaction"}),
    "followups.edit": ("GET", STAFF, {}),
    "followups.set_status": ("POST", STAFF, {}),
    "gifts.move_stock": ("POST", STAFF, {}),
    "gifts.restore": ("POST", ADMIN, {}),
    "gifts.archive": ("POST", STAFF, {}),
    "gifts.archive_stock_item": ("POST", STAFF, {}),
}


@pytest.fixture
def records(make_partner, make_contact, database):
    from intl.followups.services import add_followup
    from intl.gifts import services
    from intl.interactions.services import create_interaction

    partner = make_partner()
    contact = make_contact()
    item = services.create_stock_item(name={"en": "Tea"}, quantity=5, unit_value=800)
    services.set_photo(item, upload(PNG_1PX, "tea.png"))
    gift = services.create_gift(
        "received",
        exchanged_on=date(2026, 3, 2),
        description="Vase",
        estimated_value=5000,
        quantity=1,
        contact_id=contact.id,
        giver_has_interest=False,
    )
    services.set_photo(gift, upload(PNG_1PX, "vase.png"))
    meeting = create_interaction(
        ("partner", partner.id),
        [],
        kind="meeting",
        subject="Call",
        occurred_at=datetime(2026, 1, 5, tzinfo=UTC),
    )
    followup = add_followup("interaction", meeting.id, "Send the MOU", None, None)
    database.session.commit()
    return {
        "gift_id": gift.id,
        "item_id": item.id,
        "partner_id": partner.id,
        "contact_id": contact.id,
        "followup_id": followup.id,
        "source_id": meeting.id,
    }


def test_every_gift_and_followup_endpoint_is_listed(app):
    endpoints = {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith(("gifts.", "followups."))
    }
    assert endpoints == set(ROWS)


@pytest.mark.parametrize("role", ["admin", "officer", "intern", "leader"])
def test_role_rows(app, client, records, make_user, login, role):
    login(make_user(role))
    for endpoint, (method, allowed, extra) in ROWS.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        values = {**records, **extra}
        with app.test_request_context():
            url = url_for(endpoint, **{arg: values[arg] for arg in rule.arguments})
        response = client.open(url, method=method, data={"status": "done"} if method == "POST" else None)
        expected = (200, 302) if role in allowed else (403,)
        assert response.status_code in expected, f"{role} {endpoint}: {response.status_code}"


def test_anonymous_visitors_are_sent_to_sign_in(app, client, records):
    for endpoint, (method, _allowed, extra) in ROWS.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        values = {**records, **extra}
        with app.test_request_context():
            url = url_for(endpoint, **{arg: values[arg] for arg in rule.arguments})
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/sign-in" in response.location, endpoint
