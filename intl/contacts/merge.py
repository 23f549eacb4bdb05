"""Merging two records of the same person: one is kept, the other's details and links move onto it, and the
other is archived with a pointer to the kept one. Both histories stay (the kept contact's timeline shows
the merged one's entries too).

Every table that refers to a contact is listed in CONTACT_REFERENCES; later features add theirs.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update

from ..core import audit
from ..core.archive import archive
from ..core.db import db
from ..groups.models import GroupMember
from ..interactions.models import InteractionLink
from .models import Affiliation, Contact, PersonalDataAccess
from .services import ContactDetails, apply_details, reindex_contact

# (table, column) pairs holding a contact id that simply move to the kept contact.
CONTACT_REFERENCES: list[tuple[object, str]] = []


def _references():
    return [
        (Affiliation.__table__, "contact_id"),
        (GroupMember.__table__, "contact_id"),
        (PersonalDataAccess.__table__, "contact_id"),
        *CONTACT_REFERENCES,
    ]


SIMPLE_FIELDS = (
    "family_name",
    "given_name",
    "name_locale",
    "chinese_name",
    "latin_name",
    "honorific",
    "country",
    "needs_notes",
    "protocol_notes",
    "notes",
    "photo_id",
    "collected_on",
    "collection_method",
    "source",
    "consent_on",
    "retain_until",
)


def merge_contacts(keep: Contact, other: Contact) -> None:
    if keep.id == other.id:
        raise ValueError("a contact cannot be merged into itself")
    before = keep.audit_state()
    for name in SIMPLE_FIELDS:
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(keep, name, getattr(other, name))
    keep.title = {**dict(other.title), **dict(keep.title)}
    keep.needs = list(dict.fromkeys([*keep.needs, *other.needs]))
    keep.consent = keep.consent or other.consent
    known_emails = {e.address_key for e in keep.emails}
    known_phones = {p.number for p in keep.phones}
    known_addresses = {a.text for a in keep.addresses}
    apply_details(
        keep,
        ContactDetails(
            emails=[(e.kind, e.address) for e in keep.emails]
            + [(e.kind, e.address) for e in other.emails if e.address_key not in known_emails],
            phones=[(p.kind, p.number) for p in keep.phones]
            + [(p.kind, p.number) for p in other.phones if p.number not in known_phones],
            addresses=[(a.kind, a.text, a.country) for a in keep.addresses]
            + [(a.kind, a.text, a.country) for a in other.addresses if a.text not in known_addresses],
            languages=[*keep.languages, *other.languages],
            tag_names=[*keep.tag_names, *other.tag_names],
        ),
    )
    db.session.flush()
    # Links to the person from elsewhere follow them.
    if any(a.is_current for a in keep.affiliations):
        for affiliation in other.affiliations:
            affiliation.is_current = False
    db.session.flush()
    for table, column in _references():
        db.session.execute(
            update(table)
            .where(table.c[column] == other.id)
            .values({column: keep.id})
            .execution_options(synchronize_session=False)
        )
    _move_interaction_links(keep.id, other.id)
    db.session.expire(keep, ["affiliations"])
    other.merged_into_id = keep.id
    reindex_contact(keep)
    audit.record(
        "merge", keep, {**audit.diff(before, keep.audit_state()), "merged": [None, other.audit_label()]}
    )
    audit.record("merge", other, {"merged_into": [None, keep.audit_label()]})
    archive(other)


def _move_interaction_links(keep_id: int, other_id: int) -> None:
    already = set(
        db.session.scalars(
            select(InteractionLink.interaction_id).where(
                InteractionLink.kind == "contact", InteractionLink.entity_id == keep_id
            )
        )
    )
    db.session.execute(
        delete(InteractionLink)
        .where(
            InteractionLink.kind == "contact",
            InteractionLink.entity_id == other_id,
            InteractionLink.interaction_id.in_(already),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(InteractionLink)
        .where(InteractionLink.kind == "contact", InteractionLink.entity_id == other_id)
        .values(entity_id=keep_id)
        .execution_options(synchronize_session=False)
    )


def merged_ids(contact: Contact) -> list[int]:
    """The contacts merged into this one (directly or through earlier merges), whose history it carries."""
    found, frontier = [], [contact.id]
    while frontier:
        rows = list(db.session.scalars(select(Contact.id).where(Contact.merged_into_id.in_(frontier))))
        rows = [r for r in rows if r not in found]
        found.extend(rows)
        frontier = rows
    return found
