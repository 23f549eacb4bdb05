"""Possible duplicates: the same e-mail address, or names that match across scripts.

Each contact keeps a few match keys: every name form folded (marks removed, case folded, spaces dropped)
and its Latin transliteration (unidecode: 김민수 -> gimminsu, Nguyễn -> nguyen, 陳志明 -> chenzhiming),
so 'Nguyen Van An', 'Nguyễn Văn An' and 'An Nguyen Van' meet, and so do a Korean name and its
romanization. Kept by the services that write names, looked up by an index.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ForeignKey, Index, String, delete, insert, select
from sqlalchemy.orm import Mapped, mapped_column
from unidecode import unidecode

from ..core.db import db, one_of
from ..core.textnorm import normalize
from .models import Contact, ContactEmail


class ContactMatchKey(db.Model):
    __tablename__ = "contact_match_key"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)

    __table_args__ = (Index("ix_contact_match_key_key", "key", "contact_id"),)


def _letters(word: str) -> str:
    return "".join(ch for ch in word if ch.isalnum())


def _fold(text: str) -> str:
    return _letters(normalize(text))[:200]


def _rotations(text: str) -> set[str]:
    """A Latin name folded in its own order and with a word moved across (family and given name swapped)."""
    words = [_letters(w) for w in normalize(text.replace("-", " ")).split()]
    words = [w for w in words if w]
    if not words:
        return set()
    orders = [words, words[1:] + words[:1], words[-1:] + words[:-1]]
    return {"".join(order)[:200] for order in orders}


def _meaningful(key: str) -> bool:
    # A single short Latin token ('li', 'an') is too common to mean anything; two CJK characters are a name.
    body = key[2:]
    return len(body) >= (5 if body.isascii() else 2)


def match_keys(
    family: str | None, given: str | None, chinese: str | None, latin: str | None
) -> tuple[set[str], set[str]]:
    """(keys to store, keys to look up) under which two people count as possibly the same.

    Latin forms meet Latin forms in any common word order ('l:'). A name in another script meets the same
    name in that script ('n:') and Latin forms equal to its transliteration ('r:' stored, looked up by the
    Latin side), but never another name of its own script that merely sounds alike (陳志明 and 陳智明).
    """
    stored: set[str] = set()
    probes: set[str] = set()
    for form in (f"{family or ''} {given or ''}", chinese or "", latin or ""):
        if not _fold(form):
            continue
        if normalize(form).isascii():
            rotations = _rotations(form)
            stored |= {"l:" + r for r in rotations}
            probes |= {"l:" + r for r in rotations} | {"r:" + r for r in rotations}
        else:
            stored |= {"n:" + _fold(form), "r:" + _fold(unidecode(form))}
            probes |= {"n:" + _fold(form), "l:" + _fold(unidecode(form))}
    return {k for k in stored if _meaningful(k)}, {k for k in probes if _meaningful(k)}


def email_keys(addresses: Iterable[str]) -> set[str]:
    return {a.strip().lower() for a in addresses if a and a.strip()}


def store_match_keys(contact_id: int, keys: set[str]) -> None:
    forget_match_keys(contact_id)
    if keys:
        db.session.execute(
            insert(ContactMatchKey), [{"contact_id": contact_id, "key": k} for k in sorted(keys)]
        )


def forget_match_keys(contact_id: int) -> None:
    db.session.execute(delete(ContactMatchKey).where(ContactMatchKey.contact_id == contact_id))


def find_duplicates(
    keys: set[str], emails: set[str], exclude_id: int | None = None, limit: int = 10
) -> list[int]:
    """Ids of live contacts sharing a match key or an e-mail address, most likely first (e-mail matches)."""

    found: list[int] = []
    if emails:
        stmt = (
            select(ContactEmail.contact_id)
            .join(Contact, Contact.id == ContactEmail.contact_id)
            .where(ContactEmail.address_key.in_(sorted(emails)), Contact.archived_at.is_(None))
        )
        found.extend(db.session.scalars(stmt))
    if keys:
        stmt = (
            select(ContactMatchKey.contact_id)
            .join(Contact, Contact.id == ContactMatchKey.contact_id)
            .where(ContactMatchKey.key.in_(sorted(keys)), Contact.archived_at.is_(None))
        )
        found.extend(db.session.scalars(stmt))
    ordered = [cid for cid in dict.fromkeys(found) if cid != exclude_id]
    return ordered[:limit]


def duplicates_in_bulk(rows: list[tuple[set[str], set[str]]]) -> list[list[int]]:
    """For many (keys, emails) pairs at once (an import): the existing contacts each one matches."""

    all_keys = sorted({k for keys, _ in rows for k in keys})
    all_emails = sorted({e for _, emails in rows for e in emails})
    # Each list as one parameter in one statement: 900 keys at a time (SQLite's limit of placeholders) took 62
    # statements for a 10,000-row file, and PostgreSQL planned each one as a join with every contact.
    by_key: dict[str, list[int]] = {}
    if all_keys:
        for key, cid in db.session.execute(
            select(ContactMatchKey.key, ContactMatchKey.contact_id)
            .join(Contact, Contact.id == ContactMatchKey.contact_id)
            .where(one_of(ContactMatchKey.key, all_keys, String), Contact.archived_at.is_(None))
        ):
            by_key.setdefault(key, []).append(cid)
    by_email: dict[str, list[int]] = {}
    if all_emails:
        for email, cid in db.session.execute(
            select(ContactEmail.address_key, ContactEmail.contact_id)
            .join(Contact, Contact.id == ContactEmail.contact_id)
            .where(one_of(ContactEmail.address_key, all_emails, String), Contact.archived_at.is_(None))
        ):
            by_email.setdefault(email, []).append(cid)
    result = []
    for keys, emails in rows:
        ids = [cid for e in sorted(emails) for cid in by_email.get(e, [])]
        ids += [cid for k in sorted(keys) for cid in by_key.get(k, [])]
        result.append(list(dict.fromkeys(ids))[:10])
    return result
