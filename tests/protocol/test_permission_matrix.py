"""Who reaches each page of the protocol desk. Readers (admins, officers, interns) read the order of
precedence, the seating plan and the printed matter of what they may read; staff keep them; leader accounts
have no protocol pages. The rows are part of the product-wide matrix (tests/test_permissions.py)."""

from __future__ import annotations

import pytest
from flask import url_for

from intl.protocol import services

ALL = {"admin", "officer", "intern", "leader"}
VIEW = {"admin", "officer", "intern"}
STAFF = {"admin", "officer"}

# endpoint -> (method, roles allowed); state-changing POSTs last.
ROWS = {
    "protocol.ranks": ("GET", VIEW),
    "protocol.new_rank": ("GET", STAFF),
    "protocol.edit_rank": ("GET", STAFF),
    "protocol.for_source": ("GET", VIEW),
    "protocol.occasion": ("GET", VIEW),
    "protocol.precedence_xlsx": ("GET", VIEW),
    "protocol.precedence_pdf": ("GET", VIEW),
    "protocol.participant": ("GET", STAFF),
    "protocol.reception": ("GET", VIEW),
    "protocol.seating": ("GET", VIEW),
    "protocol.seating_chart": ("GET", VIEW),
    "protocol.place_cards": ("GET", VIEW),
    "protocol.caterer": ("GET", STAFF),
    "protocol.flags": ("GET", VIEW),
    "protocol.gift": ("GET", STAFF),
    "protocol.flag_choice": ("POST", STAFF),
    "protocol.propose": ("POST", STAFF),
    "protocol.move": ("POST", STAFF),
    "protocol.settings": ("POST", STAFF),
    "protocol.refresh": ("POST", STAFF),
    "protocol.add_participant": ("POST", STAFF),
    "protocol.start": ("POST", STAFF),
    "protocol.decide_reception": ("POST", STAFF),
    "protocol.remove_participant": ("POST", STAFF),
}


@pytest.fixture
def records(database, make_delegation, person):
    from tests.protocol.conftest import add_member_to

    delegation = make_delegation()
    add_member_to(delegation, person({"en": "Mayor"}), "head")
    occasion = services.start_occasion("delegation", delegation)
    database.session.commit()
    rank = occasion.participants[0].rank
    return {
        "occasion_id": occasion.id,
        "participant_id": occasion.participants[0].id,
        "rank_id": rank.id,
        "kind": "delegation",
        "source_id": delegation.id,
        "delegation_id": delegation.id,
        "partner_id": delegation.partners[0].id,
    }


def _url(app, endpoint, records):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        return url_for(endpoint, **{arg: records[arg] for arg in rule.arguments})


@pytest.mark.parametrize("role", sorted(ALL))
def test_protocol_role_matrix(app, client, records, make_user, login, role):
    login(make_user(role))
    for endpoint, (method, allowed) in ROWS.items():
        response = client.open(_url(app, endpoint, records), method=method)
        expected = (200, 302) if role in allowed else (403,)
        assert response.status_code in expected, f"{role} {endpoint}: {response.status_code}"


def test_anonymous_visitors_are_sent_to_sign_in(app, client, records):
    for endpoint, (method, _allowed) in ROWS.items():
        response = client.open(_url(app, endpoint, records), method=method)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], endpoint
