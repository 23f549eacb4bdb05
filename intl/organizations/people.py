"""The people who work at an organization, listed on its page.

Contacts sit above organizations (a contact's affiliation names an organization, not the other way round),
so this feature cannot ask the contacts for its people: the contacts feature registers the query that
answers (`register_people`, from its blueprint), and the organization's page asks here.
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Organization

# (organization, limit) -> the organization's current affiliations, each with `.contact` and `.position`
PeopleQuery = Callable[[Organization, int], list]

_registered: list[PeopleQuery] = []


def register_people(query: PeopleQuery) -> None:
    _registered[:] = [query]


def people_of(organization: Organization, limit: int = 200) -> list:
    """Who works at the organization now (live contacts, current affiliations), or nobody when no feature
    keeps people."""
    return _registered[0](organization, limit) if _registered else []
