"""Who the participants are: names, titles, country and the partner's tie, loaded for a whole occasion in a
few queries (one per kind of person, two for the partners), whatever its size.

Dietary and access needs are personal data: they are read only when `contacts.personal.disclose` answers
True for the current user (it also logs the disclosure), and are otherwise left empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import Row, func, select

from ..auth.models import User
from ..contacts.models import Contact
from ..contacts.names import full_name
from ..contacts.personal import disclose
from ..core.db import db
from ..core.i18n import country_name
from ..core.localized import LocalizedText
from ..partners.models import Agreement, Partner
from ..schedule.models import Leader
from .models import PARTICIPANT_KINDS, Participant

# What protocol reads of each kind of person, as plain rows: a banquet reads hundreds of people on every page
# view, and rows cost a fraction of ORM objects (no identity map, no instrumented attributes, no timestamps).
CONTACT_COLUMNS = (
    Contact.id, Contact.family_name, Contact.given_name, Contact.name_locale, Contact.chinese_name,
    Contact.latin_name, Contact.honorific, Contact.title, Contact.country,
)  # fmt: skip
NEEDS_COLUMNS = (Contact.needs, Contact.needs_notes, Contact.protocol_notes)


def office_country() -> str:
    """The host nation's ISO code (the office's country; Taiwan unless configured otherwise)."""
    return current_app.config.get("OFFICE_COUNTRY", "TW")


@dataclass
class Person:
    """What protocol shows and sorts of one participant."""

    participant: Participant
    native_name: str = ""  # as written in the person's own script
    name_locale: str | None = None
    chinese_name: str = ""
    latin_name: str = ""
    titles: LocalizedText = field(default_factory=LocalizedText)
    honorific: str | None = None
    country: str | None = None
    needs: list[str] = field(default_factory=list)
    needs_notes: str = ""
    protocol_notes: str = ""
    tie_since: date | None = None

    @property
    def id(self) -> int:
        return self.participant.id

    def name_for(self, locale: str) -> str:
        """The name a reader of `locale` reads: the Chinese name for Chinese, the Latin one for most others,
        the person's own script for their own language."""
        if locale.startswith("zh"):
            return self.chinese_name or self.native_name or self.latin_name
        if self.name_locale and locale.split("_")[0] == self.name_locale.split("_")[0]:
            return self.native_name or self.latin_name or self.chinese_name
        return self.latin_name or self.native_name or self.chinese_name

    def country_name(self, locale: str) -> str:
        return country_name(self.country, locale) if self.country else ""


def _rows(columns, ids: set[int]) -> dict[int, Row]:
    """id -> row of these columns (the first is the id) for the given ids; no query for none."""
    if not ids:
        return {}
    return {row[0]: row for row in db.session.execute(select(*columns).where(columns[0].in_(ids)))}


def load_people(
    participants: Sequence[Participant], with_needs: bool = False, action: str = "view"
) -> list[Person]:
    """The participants as people, in the order given. `with_needs`: read dietary and access needs, for those
    allowed to see them (each shown contact is logged with `action`)."""
    ids: dict[str, set[int]] = {kind: set() for kind in PARTICIPANT_KINDS}
    for p in participants:  # one pass over the participants, not one per kind
        ids.setdefault(p.kind, set()).add(p.ref_id)
    contacts = _rows(CONTACT_COLUMNS, ids["contact"])
    show_needs = with_needs and bool(contacts) and disclose(list(contacts), action)
    needs = _rows((Contact.id, *NEEDS_COLUMNS), set(contacts)) if show_needs else {}
    leaders = _rows((Leader.id, Leader.names, Leader.title), ids["leader"])
    users = _rows((User.id, User.display_name), ids["user"])
    partners = partner_facts({p.partner_id for p in participants if p.partner_id})
    people = []
    home = office_country()
    for p in participants:
        country, tie_since = partners.get(p.partner_id, (None, None))
        person = Person(participant=p, country=country, tie_since=tie_since)
        if p.kind == "contact" and (c := contacts.get(p.ref_id)) is not None:
            person.native_name = full_name(c.family_name, c.given_name, c.name_locale)
            person.name_locale = c.name_locale
            person.chinese_name = c.chinese_name or ""
            person.latin_name = c.latin_name or ""
            person.titles = c.title
            person.honorific = c.honorific
            person.country = c.country or person.country
            if (n := needs.get(p.ref_id)) is not None:
                person.needs = list(n.needs or [])
                person.needs_notes = n.needs_notes or ""
                person.protocol_notes = n.protocol_notes or ""
        elif p.kind == "leader" and (leader := leaders.get(p.ref_id)) is not None:
            names = leader.names
            person.chinese_name = names.get("zh_Hant") or names.get("zh_Hant_TW") or names.get("zh") or ""
            person.latin_name = names.get("en") or ""
            person.native_name = names.native or ""
            person.name_locale = names.native_locale
            person.titles = leader.title
            person.country = home
        elif p.kind == "user" and (user := users.get(p.ref_id)) is not None:
            person.native_name = user.display_name
            person.chinese_name = user.display_name if not user.display_name.isascii() else ""
            person.latin_name = user.display_name if user.display_name.isascii() else ""
            person.country = home
        if not person.native_name:
            person.native_name = f"#{p.ref_id}"
        people.append(person)
    return people


def partner_facts(partner_ids: set[int]) -> dict[int, tuple[str | None, date | None]]:
    """partner id -> (its country, when its tie with the city began), in two queries for any number."""
    if not partner_ids:
        return {}
    rows = db.session.execute(
        select(Partner.id, Partner.country, Partner.relationship_since).where(Partner.id.in_(partner_ids))
    ).all()
    signed = first_signed(partner_ids)
    return {pid: (country, signed.get(pid) or since) for pid, country, since in rows}


def first_signed(partner_ids: set[int]) -> dict[int, date]:
    """partner id -> its first agreement's signing (void ones too: the tie was there)."""
    return dict(
        db.session.execute(
            select(Agreement.partner_id, func.min(Agreement.signed_on))
            .where(Agreement.partner_id.in_(partner_ids), Agreement.archived_at.is_(None))
            .group_by(Agreement.partner_id)
        ).all()
    )
