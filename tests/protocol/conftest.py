"""Occasions to work on: a delegation with its visitors, and helpers to add people with titles."""

from __future__ import annotations

from datetime import date

import pytest

from intl.delegations.services import add_member, create_delegation
from intl.protocol import services
from intl.protocol.models import Occasion


@pytest.fixture
def make_delegation(database, make_partner):
    def make(partner=None, title=None, **fields):
        partner = partner or make_partner()
        delegation = create_delegation(
            [partner.id],
            title=title or {"zh_Hant": "橫濱市訪問團", "en": "Yokohama delegation"},
            start_on=fields.pop("start_on", date(2026, 12, 10)),
            end_on=fields.pop("end_on", date(2026, 12, 12)),
            **fields,
        )
        database.session.commit()
        return delegation

    return make


@pytest.fixture
def person(make_contact):
    """A contact with a title (in several languages) and a name in their own script."""
    counter = iter(range(10_000))

    def make(
        title: dict, family="山田", given=None, locale="ja", chinese=None, latin=None, country="JP", **fields
    ):
        n = next(counter)
        return make_contact(
            family_name=family,
            given_name=given or f"太郎{n}",
            name_locale=locale,
            chinese_name=chinese,
            latin_name=latin or f"Taro Yamada {n}",
            country=country,
            title=title,
            **fields,
        )

    return make


@pytest.fixture
def occasion_with(database, make_delegation):
    """An occasion (on a delegation) with these people: [(contact or leader, side), ...]."""

    def make(people, partner=None, **settings) -> Occasion:
        delegation = make_delegation(partner=partner)
        occasion = services.start_occasion("delegation", delegation)
        invitees = [
            services.Invitee(
                "leader" if type(who).__name__ == "Leader" else "contact",
                who.id,
                side,
                partner_id=(partner.id if partner is not None and side == "guest" else None),
            )
            for who, side in people
        ]
        services.add_invitees(occasion, invitees)
        for name, value in settings.items():
            setattr(occasion, name, value)
        database.session.commit()
        return occasion

    return make


def add_member_to(delegation, contact, role="member"):
    return add_member(delegation, contact.id, role=role)


@pytest.fixture
def as_role(make_user, login):
    """Signed in as a user of this role who reads the app in English (the assertions read English)."""

    def become(role: str):
        return login(make_user(role, locale="en"))

    return become
