"""Contacts and everything the office keeps about a person."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.tags import contact_tag
from ..core.time import UTCDateTime, now_utc
from .names import HONORIFICS, PersonNames, full_name, name_variants  # noqa: F401 (HONORIFICS: read from here too)

NEEDS = {
    "halal": _l("Halal"),
    "vegetarian": _l("Vegetarian"),
    "vegan": _l("Vegan"),
    "no_beef": _l("No beef"),
    "no_pork": _l("No pork"),
    "alcohol_free": _l("No alcohol"),
    "kosher": _l("Kosher"),
    "gluten_free": _l("Gluten-free"),
    "nut_allergy": _l("Nut allergy"),
    "seafood_allergy": _l("Seafood allergy"),
    "prayer_room": _l("Prayer room"),
    "wheelchair": _l("Wheelchair access"),
}
EMAIL_KINDS = {"work": _l("Work"), "personal": _l("Personal"), "other": _l("Other")}
PHONE_KINDS = {
    "work": _l("Work"),
    "mobile": _l("Mobile"),
    "home": lazy_pgettext("phone or address", "Home"),
    "fax": _l("Fax"),
    "other": _l("Other"),
}
ADDRESS_KINDS = {"work": _l("Work"), "home": lazy_pgettext("phone or address", "Home"), "other": _l("Other")}
PURPOSES = {
    "protocol": _l("Protocol, visits and exchanges"),
    "correspondence": _l("Correspondence"),
    "events": _l("Events and invitations"),
    "programmes": _l("Internships, lectures and courses"),
    "other": _l("Other official duties"),
}
LEGAL_BASES = {
    "public_task": _l("Official duties of a public agency (PDPA art. 15)"),
    "consent": _l("Consent of the person"),
    "contract": _l("Contract or similar relationship"),
    "public_source": _l("Publicly available information"),
}
COLLECTION_METHODS = {
    "in_person": _l("In person / business card"),
    "email": _l("E-mail or letter from the person"),
    "third_party": _l("From a third party (embassy, partner city ...)"),
    "registration": _l("Event registration form"),
    "import": _l("Imported from a spreadsheet"),
    "public": _l("Public source"),
}

CONTACT_LABELS = {
    "family_name": _l("Family name"),
    "given_name": _l("Given name"),
    "name_locale": _l("Language of the name"),
    "chinese_name": _l("Chinese name"),
    "latin_name": _l("English / Latin name"),
    "honorific": _l("Honorific"),
    "title": _l("Title"),
    "country": _l("Country"),
    "languages": _l("Languages spoken"),
    "needs": _l("Dietary and religious needs"),
    "needs_notes": _l("Needs, allergies (details)"),
    "protocol_notes": _l("Protocol notes"),
    "notes": _l("Notes"),
    "tag_names": _l("Tags"),
    "purpose": _l("Purpose of keeping the data"),
    "legal_basis": _l("Legal basis"),
    "collected_on": _l("Collected on"),
    "collection_method": _l("How it was collected"),
    "source": _l("Source"),
    "consent": _l("Consent given"),
    "consent_on": _l("Consent date"),
    "retain_until": _l("Keep until"),
    "emails": _l("E-mails"),
    "phones": _l("Phones"),
    "addresses": _l("Addresses"),
    "photo_id": _l("Photo"),
}
# What an intern may see of a contact (DESIGN.md): name, title and organization only; the rest is personal
# data, shown through `personal.disclose`.
PUBLIC_FIELDS = frozenset(
    {"family_name", "given_name", "name_locale", "chinese_name", "latin_name", "honorific", "title"}
)


@record_kind("contact")
class Contact(PersonNames, ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable identity for vCard and calendar exports; never changes, survives merges of others into it.
    uid: Mapped[str] = mapped_column(
        String(36), unique=True, nullable=False, default=lambda: str(uuid.uuid4())
    )
    family_name: Mapped[str | None] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(200))
    name_locale: Mapped[str | None] = mapped_column(String(20))
    chinese_name: Mapped[str | None] = mapped_column(String(200))
    latin_name: Mapped[str | None] = mapped_column(String(300))
    honorific: Mapped[str | None] = mapped_column(String(30))
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False, default=LocalizedText)
    country: Mapped[str | None] = mapped_column(String(2))
    needs: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    needs_notes: Mapped[str | None] = mapped_column(Text)
    protocol_notes: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    purpose: Mapped[str] = mapped_column(String(30), nullable=False, default="protocol")
    legal_basis: Mapped[str] = mapped_column(String(30), nullable=False, default="public_task")
    collected_on: Mapped[date | None] = mapped_column(Date)
    collection_method: Mapped[str | None] = mapped_column(String(30))
    source: Mapped[str | None] = mapped_column(String(300))
    consent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    consent_on: Mapped[date | None] = mapped_column(Date)
    retain_until: Mapped[date | None] = mapped_column(Date)
    anonymized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))

    emails = relationship("ContactEmail", cascade="all, delete-orphan", order_by="ContactEmail.position")
    phones = relationship("ContactPhone", cascade="all, delete-orphan", order_by="ContactPhone.position")
    addresses = relationship(
        "ContactAddress", cascade="all, delete-orphan", order_by="ContactAddress.position"
    )
    language_rows = relationship(
        "ContactLanguage", cascade="all, delete-orphan", order_by="ContactLanguage.language"
    )
    tags = relationship("Tag", secondary=contact_tag, order_by="Tag.name")
    affiliations = relationship(
        "Affiliation",
        cascade="all, delete-orphan",
        back_populates="contact",
        order_by="Affiliation.is_current.desc(), Affiliation.start_on.desc()",
    )
    photo = relationship("StoredFile", lazy="select")

    __table_args__ = (
        Index("ix_contact_country", "country"),
        Index("ix_contact_archived", "archived_at"),  # counting the live contacts of a list
        Index("ix_contact_merged_into", "merged_into_id"),
    )

    audit_fields = tuple(CONTACT_LABELS)
    audit_labels = CONTACT_LABELS

    # --- names: native_name, display_name, other_names come from PersonNames -----------------------

    @property
    def languages(self) -> list[str]:
        return [row.language for row in self.language_rows]

    @languages.setter
    def languages(self, codes: list[str]) -> None:
        wanted = list(dict.fromkeys(c for c in codes if c))
        self.language_rows = [r for r in self.language_rows if r.language in wanted] + [
            ContactLanguage(language=c) for c in wanted if c not in self.languages
        ]

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]

    @property
    def current_affiliation(self):
        return next((a for a in self.affiliations if a.is_current), None)

    @property
    def is_anonymized(self) -> bool:
        return self.anonymized_at is not None

    # --- audit and search --------------------------------------------------------------------------
    def audit_state(self) -> dict:
        state = super().audit_state()
        state["emails"] = [f"{e.kind}:{e.address}" for e in self.emails]
        state["phones"] = [f"{p.kind}:{p.number}" for p in self.phones]
        state["addresses"] = [f"{a.kind}:{a.text}" for a in self.addresses]
        return state

    def audit_label(self) -> str:
        return self.chinese_name or self.native_name or self.latin_name or f"#{self.id}"

    def search_texts(self) -> list[str]:
        return [
            *name_variants(self.family_name, self.given_name),
            self.chinese_name or "",
            self.latin_name or "",
            *[e.address for e in self.emails],
        ]


class ContactEmail(db.Model):
    __tablename__ = "contact_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="work")
    address: Mapped[str] = mapped_column(String(254), nullable=False)
    # lower-cased, for finding duplicates and exact look-ups
    address_key: Mapped[str] = mapped_column(String(254), nullable=False)
    position: Mapped[int] = mapped_column(nullable=False, default=0)

    __table_args__ = (
        Index("ix_contact_email_key", "address_key"),
        Index("ix_contact_email_contact", "contact_id"),
    )


class ContactPhone(db.Model):
    __tablename__ = "contact_phone"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="work")
    number: Mapped[str] = mapped_column(String(100), nullable=False)
    position: Mapped[int] = mapped_column(nullable=False, default=0)

    __table_args__ = (Index("ix_contact_phone_contact", "contact_id"),)


class ContactAddress(db.Model):
    __tablename__ = "contact_address"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="work")
    text: Mapped[str] = mapped_column(Text, nullable=False)
    country: Mapped[str | None] = mapped_column(String(2))
    position: Mapped[int] = mapped_column(nullable=False, default=0)

    __table_args__ = (Index("ix_contact_address_contact", "contact_id"),)


class ContactLanguage(db.Model):
    __tablename__ = "contact_language"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)

    __table_args__ = (Index("ix_contact_language_language", "language", "contact_id"),)


@record_kind("affiliation")
class Affiliation(AuditedMixin, db.Model):
    """A person's position at an organization over time; one is marked current."""

    __tablename__ = "affiliation"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[str | None] = mapped_column(String(300))
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    is_current: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    contact = relationship("Contact", back_populates="affiliations")
    organization = relationship("Organization", lazy="joined")

    __table_args__ = (
        Index("ix_affiliation_contact", "contact_id"),
        Index("ix_affiliation_organization", "organization_id", "is_current"),
    )

    audit_fields = ("organization_id", "position", "start_on", "end_on", "is_current")
    audit_labels = {
        "organization_id": _l("Organization"),
        "position": _l("Position"),
        "start_on": _l("From"),
        "end_on": _l("Until"),
        "is_current": _l("Current"),
    }


class PersonalDataAccess(db.Model):
    """Who looked at or exported a person's details, and when (PDPA: records of use)."""

    __tablename__ = "personal_data_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    at_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)

    user = relationship("User", lazy="joined")

    __table_args__ = (Index("ix_personal_data_access_contact", "contact_id", "id"),)
