"""Operations on contacts: each keeps the search index, the duplicate keys and the audit log in step, and
flushes; the view commits."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app

from ..core import audit, search
from ..core.archive import archive
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.files import IMAGE_TYPES, store_upload
from ..core.tags import tags_named
from .duplicates import email_keys, find_duplicates, forget_match_keys, match_keys, store_match_keys
from .models import Affiliation, Contact, ContactAddress, ContactEmail, ContactPhone
from .phones import dialable

SEARCH_KIND = "contact"


@dataclass
class ContactDetails:
    """What the contact form (or an import row) says about the person's ways of being reached."""

    emails: list[tuple[str, str]] = field(default_factory=list)  # (kind, address)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (kind, number)
    addresses: list[tuple[str, str, str | None]] = field(default_factory=list)  # (kind, text, country)
    languages: list[str] = field(default_factory=list)
    tag_names: list[str] = field(default_factory=list)


def sort_names(contact: Contact) -> dict[str, str]:
    return {locale: contact.display_name(locale) for locale in current_app.config["LANGUAGES"]}


def keys_of(contact: Contact) -> set[str]:
    stored, _probes = match_keys(
        contact.family_name, contact.given_name, contact.chinese_name, contact.latin_name
    )
    return stored


def reindex_contact(contact: Contact) -> None:
    search.index_record(SEARCH_KIND, contact.id, contact.search_texts(), sort_names(contact))
    store_match_keys(contact.id, keys_of(contact))


def unindex_contact(contact: Contact) -> None:
    """Hook (hooks.before_purge): a purged contact leaves the search index and the duplicate keys."""
    search.unindex_record(SEARCH_KIND, contact.id)
    forget_match_keys(contact.id)


def detail_values(details: ContactDetails) -> dict:
    """The contact's attributes as `details` describe them (new rows for e-mails, phones, addresses)."""
    return {
        "emails": [
            ContactEmail(kind=kind, address=address.strip(), address_key=address.strip().lower(), position=i)
            for i, (kind, address) in enumerate(details.emails)
            if address and address.strip()
        ],
        "phones": [
            ContactPhone(kind=kind, number=dialable(number), position=i)
            for i, (kind, number) in enumerate(details.phones)
            if number and dialable(number)
        ],
        "addresses": [
            ContactAddress(kind=kind, text=text.strip(), country=country or None, position=i)
            for i, (kind, text, country) in enumerate(details.addresses)
            if text and text.strip()
        ],
        "languages": details.languages,
        "tags": tags_named(details.tag_names),
    }


def apply_details(contact: Contact, details: ContactDetails) -> None:
    for name, value in detail_values(details).items():
        setattr(contact, name, value)


def possible_duplicates(
    fields: dict, details: ContactDetails, exclude_id: int | None = None
) -> list[Contact]:
    _stored, probes = match_keys(
        fields.get("family_name"),
        fields.get("given_name"),
        fields.get("chinese_name"),
        fields.get("latin_name"),
    )
    ids = find_duplicates(probes, email_keys(a for _k, a in details.emails), exclude_id=exclude_id)
    if not ids:
        return []
    found = {c.id: c for c in db.session.query(Contact).filter(Contact.id.in_(ids))}
    return [found[i] for i in ids if i in found]


def create_contact(fields: dict, details: ContactDetails | None = None) -> Contact:
    contact = Contact(**fields)
    apply_details(contact, details or ContactDetails())
    db.session.add(contact)
    db.session.flush()
    reindex_contact(contact)
    audit.record_create(contact)
    return contact


def update_contact(
    contact: Contact, expected_version: int | None, fields: dict, details: ContactDetails | None = None
) -> None:
    """Change a contact seen at `expected_version` (EditConflict when it changed since)."""
    values = {**fields, **(detail_values(details) if details is not None else {})}
    check_version(contact, expected_version, values)
    before = contact.audit_state()
    for name, value in values.items():
        setattr(contact, name, value)
    db.session.flush()
    reindex_contact(contact)
    audit.record_update(contact, before)


def set_photo(contact: Contact, upload) -> None:
    stored = store_upload(upload, IMAGE_TYPES, max_bytes=5 * 1024 * 1024, user_id=acting_user_id())
    db.session.flush()
    before = contact.audit_state()
    contact.photo_id = stored.id
    contact.photo = stored
    audit.record_update(contact, before)


def add_affiliation(
    contact: Contact, organization_id: int, position: str | None, start_on, end_on, is_current: bool
) -> Affiliation:
    if is_current:
        for other in contact.affiliations:
            other.is_current = False
    affiliation = Affiliation(
        contact=contact,
        organization_id=organization_id,
        position=position,
        start_on=start_on,
        end_on=end_on,
        is_current=is_current,
    )
    db.session.add(affiliation)
    db.session.flush()
    audit.record(
        "update",
        contact,
        {"affiliations": [None, f"+ {affiliation.organization.audit_label()} {position or ''}".strip()]},
    )
    return affiliation


def update_affiliation(affiliation: Affiliation, **fields) -> None:
    before = affiliation.audit_state()
    if fields.get("is_current"):
        for other in affiliation.contact.affiliations:
            if other is not affiliation:
                other.is_current = False
    for name, value in fields.items():
        setattr(affiliation, name, value)
    db.session.flush()
    changes = audit.diff(before, affiliation.audit_state())
    if changes:
        audit.record("update", affiliation.contact, {f"affiliation.{k}": v for k, v in changes.items()})


def remove_affiliation(affiliation: Affiliation) -> None:
    contact = affiliation.contact
    audit.record("update", contact, {"affiliations": [affiliation.organization.audit_label(), None]})
    contact.affiliations.remove(affiliation)
    db.session.flush()


def archive_contact(contact: Contact) -> None:
    archive(contact)
