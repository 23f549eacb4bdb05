"""Who the participants are: names, titles, country and the partner's tie, loaded for a whole occasion in a
few queries (one per kind of person, one for the ties), whatever its size.

Dietary and access needs are personal data: they are read only when `contacts.personal.disclose` answers
True for the current user (it also logs the disclosure), and are otherwise left empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import load_only

from ..auth.models import User
from ..contacts.models import Contact
from ..contacts.personal import disclose
from ..core.db import db
from ..core.i18n import country_name
from ..core.localized import LocalizedText
from ..partners.models import Agreement, Partner
from ..schedule.models import Leader
from .models import Participant

# What protocol reads of a contact (a banquet loads hundreds: not the consent and retention columns).
CONTACT_COLUMNS = (
    Contact.family_name, Contact.given_name, Contact.name_locale, Contact.chinese_name, Contact.latin_name,
    Contact.honorific, Contact.title, Contact.country, Contact.needs, Contact.needs_notes, Contact.protocol_notes,
)  # fmt: skip


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


def load_people(
    participants: Sequence[Participant], with_needs: bool = False, action: str = "view"
) -> list[Person]:
    """The participants as people, in the order given. `with_needs`: read dietary and access needs, for those
    allowed to see them (each shown contact is logged with `action`)."""
    ids = {kind: {p.ref_id for p in participants if p.kind == kind} for kind in ("contact", "leader", "user")}
    contacts = (
        {
            c.id: c
            for c in db.session.scalars(
                select(Contact).options(load_only(*CONTACT_COLUMNS)).where(Contact.id.in_(ids["contact"]))
            )
        }
        if ids["contact"]
        else {}
    )
    leaders = (
        {x.id: x for x in db.session.scalars(select(Leader).where(Leader.id.in_(ids["leader"])))}
        if ids["leader"]
        else {}
    )
    users = (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids["user"])))}
        if ids["user"]
        else {}
    )
    ties = tie_dates({p.partner_id for p in participants if p.partner_id})
    show_needs = with_needs and bool(contacts) and disclose(list(contacts.values()), action)
    people = []
    home = office_country()
    for p in participants:
        person = Person(participant=p, country=p.partner.country if p.partner is not None else None)
        person.tie_since = ties.get(p.partner_id)
        if p.kind == "contact" and (c := contacts.get(p.ref_id)) is not None:
            person.native_name = c.native_name
            person.name_locale = c.name_locale
            person.chinese_name = c.chinese_name or ""
            person.latin_name = c.latin_name or ""
            person.titles = c.title
            person.honorific = c.honorific
            person.country = c.country or person.country
            if show_needs:
                person.needs = list(c.needs or [])
                person.needs_notes = c.needs_notes or ""
                person.protocol_notes = c.protocol_notes or ""
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


def tie_dates(partner_ids: set[int]) -> dict[int, date]:
    """partner id -> when its tie with the city began: its first agreement signed (void ones too: the tie
    was there), or else the date the relationship is recorded to have begun."""
    if not partner_ids:
        return {}
    signed = dict(
        db.session.execute(
            select(Agreement.partner_id, func.min(Agreement.signed_on))
            .where(Agreement.partner_id.in_(partner_ids), Agreement.archived_at.is_(None))
            .group_by(Agreement.partner_id)
        ).all()
    )
    since = dict(
        db.session.execute(
            select(Partner.id, Partner.relationship_since).where(Partner.id.in_(partner_ids))
        ).all()
    )
    return {
        pid: signed.get(pid) or since.get(pid) for pid in partner_ids if signed.get(pid) or since.get(pid)
    }
