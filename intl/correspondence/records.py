"""The records letters point at: correspondents (contacts, organizations, partners) and what a letter is about
(delegations, events, lectures), loaded in one query per kind for a whole page of letters.

Events and lectures are other features' records: a kind counts once its model is registered in
`RECORD_KINDS`, so letters can be linked to them as soon as they exist, without this package knowing them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.orm import lazyload, load_only

from ..contacts.names import name_variants
from ..core.access import may
from ..core.db import db
from ..core.localized import LocalizedText
from ..core.models import RECORD_KINDS
from .models import LINK_KINDS, PARTY_KINDS


def party_model(kind: str):
    if kind not in PARTY_KINDS:
        return None
    return RECORD_KINDS.get(kind)


def link_model(kind: str):
    """The model of a linkable kind, or None while that feature does not exist yet."""
    return RECORD_KINDS.get(kind) if kind in LINK_KINDS else None


def available_link_kinds() -> list[str]:
    return [kind for kind in LINK_KINDS if link_model(kind) is not None]


def live_record(kind: str, record_id: int | None):
    """The record of a correspondent or linkable kind by its id, or None (no such kind, no such record, or
    archived): what a letter may be written to or about."""
    model = party_model(kind) or link_model(kind)
    record = db.session.get(model, record_id) if model is not None and record_id else None
    return record if record is not None and getattr(record, "archived_at", None) is None else None


# The columns a name is made of, for lists that show nothing else (loading only these keeps a page of 50
# letters' correspondents cheap).
NAME_COLUMNS = {
    "contact": ("family_name", "given_name", "name_locale", "chinese_name", "latin_name"),
    "organization": ("names",),
    "partner": ("names",),
}


def load(
    pairs: Iterable[tuple[str, int]], model_of, names_only: bool = False
) -> dict[tuple[str, int], object]:
    """{(kind, id): record} for the given pairs, one query per kind."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for kind, entity_id in pairs:
        wanted[kind].add(entity_id)
    found = {}
    for kind, ids in sorted(wanted.items()):
        model = model_of(kind)
        if model is None:
            continue
        # names only: none of the records' own eager relationships (tags, focus areas) are needed here
        query = select(model).where(model.id.in_(sorted(ids))).options(lazyload("*"))
        if names_only and kind in NAME_COLUMNS:
            query = query.options(load_only(*(getattr(model, column) for column in NAME_COLUMNS[kind])))
        for record in db.session.scalars(query):
            found[(kind, record.id)] = record
    return found


def load_parties(letters, names_only: bool = False) -> dict[tuple[str, int], object]:
    return load(
        ((p.kind, p.entity_id) for letter in letters for p in letter.parties), party_model, names_only
    )


def load_links(letters) -> dict[tuple[str, int], object]:
    return load(((link.kind, link.entity_id) for letter in letters for link in letter.links), link_model)


def label(kind: str, record, locale: str) -> str:
    """A record's name as a reader of `locale` reads it."""
    if record is None:
        return ""
    if kind == "contact":
        return record.display_name(locale)
    for attribute in ("names", "title", "topic", "name"):
        value = getattr(record, attribute, None)
        if isinstance(value, LocalizedText | dict) and value:
            return LocalizedText(value).get_for(locale)
        if isinstance(value, str) and value:
            return value
    return record.audit_label() if hasattr(record, "audit_label") else f"#{record.id}"


def search_names(kind: str, record) -> list[str]:
    """Every form of a correspondent's name, for the letter's search index."""
    if kind == "contact":
        return [
            *name_variants(record.family_name, record.given_name),
            record.chinese_name or "",
            record.latin_name or "",
        ]
    return list(getattr(record, "names", {}).values())


@lru_cache(maxsize=16)
def _detail_endpoint(app_id: int, kind: str) -> tuple[str, str] | None:
    """The endpoint that shows one record of `kind` (found in the URL map: '<feature>.detail'-like rules
    taking '<kind>_id'), so links work for features this package does not know."""
    argument = f"{kind}_id"
    for rule in current_app.url_map.iter_rules():
        if (
            rule.arguments == {argument}
            and "GET" in (rule.methods or ())
            and rule.endpoint.endswith(("detail", kind))
            and not rule.rule.endswith((".pdf", ".ics", ".docx", ".csv", ".xlsx", ".json"))
        ):
            return rule.endpoint, argument
    return None


def record_url(kind: str, entity_id: int) -> str | None:
    """The page of a correspondent or of what a letter is about, when the current user reaches it (else None:
    the name is shown without a link)."""
    known = {
        "contact": ("contacts.detail", "contact_id"),
        "organization": ("organizations.detail", "org_id"),
        "partner": ("partners.detail", "partner_id"),
        "delegation": ("delegations.detail", "delegation_id"),
    }
    endpoint = known.get(kind) or _detail_endpoint(id(current_app._get_current_object()), kind)
    if endpoint is None or not may(endpoint[0]):
        return None
    return url_for(endpoint[0], **{endpoint[1]: entity_id})
