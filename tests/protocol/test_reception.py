"""The level of reception proposed for inbound visits from the head's rank and the office's table, with what
the office decided for visitors of the same rank before, and the decision recorded with its reason."""

from __future__ import annotations

from datetime import date

import pytest

from intl.protocol import reception
from intl.protocol.models import Reception
from tests.protocol.conftest import add_member_to


@pytest.mark.parametrize(
    ("title", "proposed"),
    [
        ({"ja": "横浜市長", "en": "Mayor of Yokohama"}, "mayor"),
        ({"en": "Vice Minister of Economy", "ja": "経済産業副大臣"}, "deputy_mayor"),
        ({"en": "Director, Port and Harbor Bureau", "ja": "港湾局長"}, "director"),
    ],
    ids=["mayor", "vice-minister", "director"],
)
def test_the_proposal_follows_the_head_of_delegation_rank(
    client, as_role, database, person, make_delegation, title, proposed
):
    user = as_role("officer")
    # Two earlier visits by heads of the same rank, one received higher than the table says.
    earlier = []
    for year, level, reason in ((2019, proposed, "As the table says"), (2023, "mayor", "Signing of the MOU")):
        past = make_delegation(
            title={"en": f"Visit {year}"}, start_on=date(year, 3, 1), end_on=date(year, 3, 2)
        )
        add_member_to(past, person(title), "head")
        reception.decide(past, reception.propose(past), level, reason, user.id)
        earlier.append(past)
    delegation = make_delegation()
    add_member_to(delegation, person({"en": "Interpreter"}), "interpreter")
    add_member_to(delegation, person(title), "head")
    database.session.commit()

    page = client.get(f"/protocol/delegations/{delegation.id}/reception").get_data(as_text=True)
    assert f'data-proposed="{proposed}"' in page
    assert page.index("Visit 2023") < page.index("Visit 2019")  # newest first
    assert "Signing of the MOU" in page and "As the table says" in page

    response = client.post(
        f"/protocol/delegations/{delegation.id}/reception",
        data={"decided_level": "deputy_mayor", "reason": "The mayor is abroad that week"},
    )
    assert response.status_code == 302
    decided = database.session.query(Reception).filter_by(delegation_id=delegation.id).one()
    assert (decided.decided_level, decided.proposed_level) == ("deputy_mayor", proposed)
    assert decided.reason == "The mayor is abroad that week" and decided.decided_by_id == user.id
    assert decided.head_rank.reception == proposed


def test_a_decision_needs_its_reason(client, as_role, database, person, make_delegation):
    as_role("officer")
    delegation = make_delegation()
    add_member_to(delegation, person({"en": "Mayor"}), "head")
    database.session.commit()
    response = client.post(
        f"/protocol/delegations/{delegation.id}/reception", data={"decided_level": "mayor", "reason": ""}
    )
    assert response.status_code == 302
    assert database.session.query(Reception).filter_by(delegation_id=delegation.id).count() == 0


def test_a_head_without_a_rank_gets_no_proposal(client, as_role, database, person, make_delegation):
    as_role("intern")
    delegation = make_delegation()
    add_member_to(delegation, person({"en": "Artist"}), "head")
    database.session.commit()
    page = client.get(f"/protocol/delegations/{delegation.id}/reception").get_data(as_text=True)
    assert 'data-proposed=""' in page
    assert "Record the decision" not in page  # interns read, staff decide
