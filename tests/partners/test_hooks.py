"""The signing order and the search index follow archive, restore and purge through hooks the partners
feature registers (core.hooks), whoever archives, restores or purges (the partner pages, the admin's
archive list)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from intl.core.search import SearchDoc
from intl.partners.models import Agreement, Partner


@pytest.fixture
def three_partners(make_partner, make_agreement):
    busan = make_partner(names={"ko": "부산"}, country="KR", timezone="Asia/Seoul")
    seattle = make_partner(names={"en": "Seattle"}, country="US", timezone="America/Los_Angeles")
    kumamoto = make_partner(names={"ja": "熊本市"})
    make_agreement(busan, signed_on=date(1966, 3, 14))
    make_agreement(seattle, signed_on=date(1979, 9, 25))
    make_agreement(kumamoto, agreement_type="friendly", signed_on=date(2017, 8, 21))
    return busan, seattle, kumamoto


def numbers(database) -> dict[str, int | None]:
    database.session.expire_all()
    return {p.names.native: p.sequence_no for p in database.session.scalars(select(Partner))}


def admin_action(client, login, make_user, action: str, kind: str, record_id: int) -> None:
    login(make_user("admin"))
    response = client.post(f"/admin/archive/{kind}/{record_id}/{action}", data={"confirm": "purge"})
    assert response.status_code == 302


def test_archiving_a_partner_closes_the_signing_order_and_restoring_reopens_it(
    client, as_role, login, make_user, three_partners, database
):
    busan, _seattle, _kumamoto = three_partners
    assert numbers(database) == {"부산": 1, "Seattle": 2, "熊本市": 3}
    as_role("officer")
    assert client.post(f"/partners/{busan.id}/archive").status_code == 302
    assert numbers(database) == {"부산": None, "Seattle": 1, "熊本市": 2}
    admin_action(client, login, make_user, "restore", "partner", busan.id)
    assert numbers(database) == {"부산": 1, "Seattle": 2, "熊本市": 3}


def test_purging_a_partner_renumbers_and_unindexes_it(
    client, as_role, login, make_user, three_partners, database
):
    busan_id = three_partners[0].id
    as_role("officer")
    client.post(f"/partners/{busan_id}/archive")
    admin_action(client, login, make_user, "purge", "partner", busan_id)
    assert numbers(database) == {"Seattle": 1, "熊本市": 2}
    docs = database.session.scalars(select(SearchDoc).where(SearchDoc.kind == "partner")).all()
    assert busan_id not in {d.entity_id for d in docs} and len(docs) == 2


def test_archiving_restoring_and_purging_an_agreement_renumber(
    client, as_role, login, make_user, three_partners, database
):
    _busan, seattle, _kumamoto = three_partners
    agreement_id = database.session.scalar(select(Agreement.id).where(Agreement.partner_id == seattle.id))
    as_role("officer")
    assert client.post(f"/agreements/{agreement_id}/archive").status_code == 302
    assert numbers(database) == {"부산": 1, "Seattle": None, "熊本市": 2}
    admin_action(client, login, make_user, "restore", "agreement", agreement_id)
    assert numbers(database) == {"부산": 1, "Seattle": 2, "熊本市": 3}
    login(make_user("officer"))
    client.post(f"/agreements/{agreement_id}/archive")
    admin_action(client, login, make_user, "purge", "agreement", agreement_id)
    assert numbers(database) == {"부산": 1, "Seattle": None, "熊本市": 2}
    assert database.session.get(Agreement, agreement_id) is None


def test_the_models_carry_no_hooks_of_their_own():
    for model in (Partner, Agreement):
        assert not hasattr(model, "after_archive_change") and not hasattr(model, "before_purge")
