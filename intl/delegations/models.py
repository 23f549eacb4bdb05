"""Delegations (visits): inbound from partners, outbound with the city's leaders; a visiting dignitary who
comes alone is a delegation of one."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.attachments import AttachmentMixin
from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime

DIRECTIONS = {"inbound": _l("Inbound (visit to the city)"), "outbound": _l("Outbound (trip abroad)")}
DELEGATION_STATUSES = {
    "proposed": _l("Proposed"),
    "confirmed": _l("Confirmed"),
    "under_way": _l("Under way"),
    "done": _l("Done"),
    "cancelled": _l("Cancelled"),
}
CATEGORIES = {
    "tourism": _l("Tourism"),
    "trade": _l("Trade"),
    "culture": _l("Culture"),
    "education": _l("Education"),
    "sport": _l("Sport"),
    "health": _l("Health"),
    "technology": _l("Technology"),
    "government": _l("Government and city affairs"),
    "other": _l("Other"),
}
MEMBER_ROLES = {
    "head": _l("Head of delegation"),
    "member": _l("Member"),
    "interpreter": _l("Interpreter"),
    "press": _l("Press"),
    "security": _l("Security"),
    "staff": _l("Staff"),
}

delegation_partner = Table(
    "delegation_partner",
    db.metadata,
    Column("delegation_id", ForeignKey("delegation.id", ondelete="CASCADE"), primary_key=True),
    Column("partner_id", ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True, index=True),
)

DELEGATION_LABELS = {
    "title": _l("Title"),
    "direction": _l("Direction"),
    "partner_ids": _l("Partners"),
    "purpose": _l("Purpose"),
    "categories": _l("Categories"),
    "start_on": _l("From"),
    "end_on": _l("Until"),
    "status": _l("Status"),
    "lead_officer_id": _l("Lead officer"),
    "budget": _l("Budget (NT$)"),
    "actual_cost": _l("Actual cost (NT$)"),
    "emergency_contacts": _l("Emergency contacts"),
    "notes": _l("Notes"),
    "outcome": _l("Outcome: what was agreed"),
    "plan_item_id": _l("Plan item"),
}


@record_kind("delegation")
class Delegation(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "delegation"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    direction: Mapped[str] = mapped_column(String(20), nullable=False, default="inbound")
    purpose: Mapped[str | None] = mapped_column(Text)
    categories: Mapped[list] = mapped_column(db.JSON, nullable=False, default=list)
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    end_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="proposed")
    lead_officer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    budget: Mapped[int | None] = mapped_column(Integer)
    actual_cost: Mapped[int | None] = mapped_column(Integer)
    emergency_contacts: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    # The programme this one was copied from, if any.
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="SET NULL"))
    # The plan item (intl/plan) this visit counts towards, for the budget and the year's report.
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL"), index=True
    )

    partners = relationship("Partner", secondary=delegation_partner, lazy="selectin", order_by="Partner.id")
    lead_officer = relationship("User", lazy="joined", foreign_keys=[lead_officer_id])
    members = relationship(
        "DelegationMember",
        back_populates="delegation",
        cascade="all, delete-orphan",
        order_by="DelegationMember.position",
    )
    engagements = relationship("Engagement", back_populates="delegation", order_by="Engagement.start_dt")
    attachments = relationship(
        "DelegationAttachment", cascade="all, delete-orphan", order_by="DelegationAttachment.id"
    )

    __table_args__ = (
        Index("ix_delegation_dates", "start_on", "end_on"),
        Index("ix_delegation_status", "status"),
    )

    audit_fields = tuple(DELEGATION_LABELS)
    audit_labels = DELEGATION_LABELS

    @property
    def partner_ids(self) -> list[int]:
        return sorted(p.id for p in self.partners)

    @property
    def days(self) -> int:
        return (self.end_on - self.start_on).days + 1

    def audit_label(self) -> str:
        return self.title.native or f"#{self.id}"

    def search_texts(self) -> list[str]:
        return list(self.title.values())


MEMBER_FIELD_LABELS = {
    "contact_id": _l("Person"),
    "role": _l("Role"),
    "arrival_flight": _l("Arrival flight"),
    "arrival_at": _l("Arrival"),
    "departure_flight": _l("Departure flight"),
    "departure_at": _l("Departure"),
    "hotel": _l("Hotel"),
    "notes": _l("Notes"),
}


@record_kind("delegation_member")
class DelegationMember(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "delegation_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), nullable=False
    )
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="member")
    position: Mapped[int] = mapped_column(nullable=False, default=0)
    arrival_flight: Mapped[str | None] = mapped_column(String(50))
    arrival_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    departure_flight: Mapped[str | None] = mapped_column(String(50))
    departure_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hotel: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)

    delegation = relationship("Delegation", back_populates="members")
    contact = relationship("Contact", lazy="joined")

    __table_args__ = (
        Index("ix_delegation_member_delegation", "delegation_id"),
        Index("ix_delegation_member_contact", "contact_id"),
    )

    audit_fields = tuple(MEMBER_FIELD_LABELS)
    audit_labels = MEMBER_FIELD_LABELS

    def audit_label(self) -> str:
        return self.contact.audit_label() if self.contact else f"#{self.id}"


class DelegationAttachment(AttachmentMixin, db.Model):
    """Photos and signed documents kept with a visit's outcome."""

    __tablename__ = "delegation_attachment"
    owner_column = "delegation_id"

    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), nullable=False
    )

    __table_args__ = (Index("ix_delegation_attachment_delegation", "delegation_id"),)
