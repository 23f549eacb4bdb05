"""Partners (cities, counties, states, organizations abroad) and their agreements."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm import relationship as relation  # "relationship" is also a column here

from ..core.countries import is_new_southbound
from ..core.dates import iso_text
from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import office_today


def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February -> 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_end(renewal_on: date | None, term_years: int | None, signed_on: date | None) -> date | None:
    """The last day of a tie's term: the renewal due date, else the signing plus the term; None: no term."""
    if renewal_on is not None:
        return renewal_on
    if term_years and signed_on is not None:
        return add_years(signed_on, term_years)
    return None


PARTNER_KINDS = {
    "city": _l("City"),
    "county": _l("County / prefecture"),
    "state": _l("State / province"),
    "organization": _l("Organization"),
}
# A partner's standing, which follows from its ties in force (standing.py): the closest tie in force, else
# "former" (ties recorded, none in force: void, ended, expired) or "prospect" (no tie recorded).
RELATIONSHIPS = {
    "prospect": _l("Prospect"),
    "friendly": _l("Friendly city"),
    "sister": _l("Sister city"),
    "mou": _l("MOU"),
    "cooperation": _l("Cooperation"),
    "former": _l("Former partner (no tie in force)"),
}
FOCUS_AREAS = {
    "tourism": _l("Tourism"),
    "trade": _l("Trade"),
    "culture": _l("Culture"),
    "education": _l("Education"),
    "sport": _l("Sport"),
    "health": _l("Health"),
    "technology": _l("Technology"),
    "other": _l("Other"),
}
AGREEMENT_TYPES = {
    "sister": _l("Sister city agreement"),
    "friendly": _l("Friendly city agreement"),
    "mou": _l("Memorandum of understanding"),
    "cooperation": _l("Cooperation agreement"),
}
# The state of a tie: only ties in force make a partner count (standing.py); the others stay, marked, as history.
AGREEMENT_STATES = {
    "in_force": _l("In force"),
    "expired": _l("Expired"),
    "superseded": _l("Superseded"),
    "void": _l("Void"),
    "ended": _l("Ended"),
}
OUR_PARTIES = {
    "city_government": _l("City government"),
    "city_council": _l("City council"),
    "district": _l("A district"),
    "port": _l("The port"),
    "other": _l("Other party"),
}

PARTNER_LABELS = {
    "names": _l("Names"),
    "kind": _l("Kind"),
    "country": _l("Country"),
    "region": _l("Region"),
    "timezone": _l("Time zone"),
    "relationship": _l("Relationship"),
    "relationship_since": _l("Relationship since"),
    "focus_areas": _l("Focus areas"),
    "notes": _l("Notes"),
    "latitude": _l("Latitude"),
    "longitude": _l("Longitude"),
}


@record_kind("partner")
class Partner(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="city")
    country: Mapped[str] = mapped_column(String(2), nullable=False)
    region: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), nullable=False)
    relationship: Mapped[str] = mapped_column(String(20), nullable=False, default="prospect")
    # relationship, relationship_since (at since_precision) and sequence_no follow from the partner's ties in
    # force: written only by standing.refresh_standing, never by a form.
    relationship_since: Mapped[date | None] = mapped_column(Date)
    since_precision: Mapped[str] = mapped_column(String(5), nullable=False, default="day")
    notes: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Order of signing among the city government's sister and friendly cities ("our 43rd partner"):
    # part of the standing, written by standing.refresh_standing.
    sequence_no: Mapped[int | None] = mapped_column(Integer)

    focus = relation(
        "PartnerFocus", cascade="all, delete-orphan", lazy="selectin", order_by="PartnerFocus.area"
    )
    agreements = relation(
        "Agreement",
        back_populates="partner",
        cascade="all, delete-orphan",
        foreign_keys="Agreement.partner_id",
        order_by="Agreement.signed_on",
    )

    __table_args__ = (
        Index("ix_partner_country", "country"),
        Index("ix_partner_archived", "archived_at"),
        Index("ix_partner_relationship", "relationship"),
        # The dashboard's and the home page's count of live partners per standing reads this index only
        # (PostgreSQL scanned the whole table for it).
        Index(
            "ix_partner_live_relationship",
            "relationship",
            sqlite_where=text("archived_at IS NULL"),
            postgresql_where=text("archived_at IS NULL"),
        ),
        CheckConstraint("latitude IS NULL OR (latitude >= -90 AND latitude <= 90)", name="latitude_range"),
        CheckConstraint(
            "longitude IS NULL OR (longitude >= -180 AND longitude <= 180)", name="longitude_range"
        ),
    )

    audit_fields = tuple(PARTNER_LABELS)
    audit_labels = PARTNER_LABELS

    @property
    def focus_areas(self) -> list[str]:
        return [f.area for f in self.focus]

    @focus_areas.setter
    def focus_areas(self, areas: list[str]) -> None:
        wanted = [a for a in dict.fromkeys(areas) if a in FOCUS_AREAS]
        self.focus = [f for f in self.focus if f.area in wanted] + [
            PartnerFocus(area=a) for a in wanted if a not in self.focus_areas
        ]

    @property
    def new_southbound(self) -> bool:
        return is_new_southbound(self.country)

    def audit_label(self) -> str:
        return self.names.native or f"#{self.id}"

    def search_texts(self) -> list[str]:
        return list(self.names.values())


class PartnerFocus(db.Model):
    __tablename__ = "partner_focus"

    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True)
    area: Mapped[str] = mapped_column(String(20), primary_key=True)

    __table_args__ = (Index("ix_partner_focus_area", "area", "partner_id"),)


AGREEMENT_LABELS = {
    "agreement_type": _l("Type"),
    "our_party": _l("Party on our side"),
    "our_party_detail": _l("Which district, office or body"),
    "title": _l("Title"),
    "signed_on": _l("Signed on"),
    "signed_precision": _l("Signing date known to"),
    "signatory_ours": _l("Our signatory"),
    "signatory_theirs": _l("Their signatory"),
    "place": _l("Place of signing"),
    "council_approved_on": _l("Council approval"),
    "term_years": _l("Term (years)"),
    "renewal_on": _l("Renewal due"),
    "superseded_by_id": _l("Superseded by"),
    "state": _l("State"),
    "state_since": _l("In this state since"),
    "source": _l("Source"),
    "notes": _l("Notes"),
    "document_id": _l("Document"),
}


@record_kind("agreement")
class Agreement(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"), nullable=False)
    agreement_type: Mapped[str] = mapped_column(String(20), nullable=False)
    our_party: Mapped[str] = mapped_column(String(20), nullable=False, default="city_government")
    our_party_detail: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(300))
    signed_on: Mapped[date | None] = mapped_column(
        Date
    )  # the first day of what is known (1962 -> 1962-01-01)
    signed_precision: Mapped[str] = mapped_column(String(5), nullable=False, default="day")
    signatory_ours: Mapped[str | None] = mapped_column(String(300))
    signatory_theirs: Mapped[str | None] = mapped_column(String(300))
    place: Mapped[str | None] = mapped_column(String(300))
    council_approved_on: Mapped[date | None] = mapped_column(Date)
    term_years: Mapped[int | None] = mapped_column(Integer)
    renewal_on: Mapped[date | None] = mapped_column(Date)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="in_force")
    state_since: Mapped[date | None] = mapped_column(Date)  # when it expired, was voided, ended or superseded
    source: Mapped[str | None] = mapped_column(String(300))  # where the fact comes from (a file, a register)
    notes: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))

    partner = relation("Partner", back_populates="agreements", foreign_keys=[partner_id])
    superseded_by = relation("Agreement", remote_side=[id], foreign_keys=[superseded_by_id])
    document = relation("StoredFile", lazy="joined")

    __table_args__ = (
        Index("ix_agreement_partner", "partner_id"),
        Index("ix_agreement_signed_on", "signed_on"),
        Index("ix_agreement_state", "state", "partner_id"),
        CheckConstraint("term_years IS NULL OR term_years > 0", name="term_positive"),
        CheckConstraint(
            "state IN ('in_force', 'expired', 'superseded', 'void', 'ended')", name="agreement_state"
        ),
        CheckConstraint("signed_precision IN ('day', 'month', 'year')", name="signed_precision"),
    )

    audit_fields = tuple(AGREEMENT_LABELS)
    audit_labels = AGREEMENT_LABELS

    def audit_label(self) -> str:
        partner = self.partner.names.native if self.partner else ""
        kind = str(AGREEMENT_TYPES.get(self.agreement_type, self.agreement_type))
        return f"{partner} — {kind} {iso_text(self.signed_on, self.signed_precision)}".strip()

    @property
    def term_ends_on(self) -> date | None:
        """The last day of the tie's term: its renewal due date, else the signing plus the term in years;
        None for a tie without a term (most sister-city agreements)."""
        return term_end(self.renewal_on, self.term_years, self.signed_on)

    @property
    def effective_state(self) -> str:
        """The state that counts: a tie recorded in force whose term ended before the office's today is
        expired, without anyone having to say so (standing.py applies the same rule in SQL)."""
        if self.state == "in_force":
            ends = self.term_ends_on
            if ends is not None and ends < office_today():
                return "expired"
        return self.state

    @property
    def is_in_force(self) -> bool:
        return self.effective_state == "in_force" and self.archived_at is None

    @property
    def void(self) -> bool:
        return self.state == "void"
