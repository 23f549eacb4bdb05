"""The office's ranking table, the occasions the desk works on, their participants (with rank, side and seat),
the reception decided for inbound visits, and each partner's choice of flag.

An occasion belongs to an event, an engagement or a delegation (`source_kind`, `source_id`), as the schedule's
engagements do: those features know nothing of protocol.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime

SOURCE_KINDS = {"event": _l("Event"), "engagement": _l("Engagement"), "delegation": _l("Delegation")}
SIDES = {"host": _l("Host"), "guest": _l("Guest")}
PARTICIPANT_KINDS = ("leader", "contact", "user")
ROLES = {
    "principal": _l("Principal"),
    "member": _l("Member"),
    "interpreter": _l("Interpreter"),
}
TIE_BREAKS = {
    "office_date": _l("Date of taking office (earlier first)"),
    "alphabetical": _l("Alphabetical order of country and name in the host's language"),
    "tie_seniority": _l("Seniority of the country's tie with the city"),
}
TABLE_SHAPES = {"round": _l("Round tables"), "long": _l("Long tables")}
LONG_STYLES = {
    "head": _l("Head table (host in the middle, facing the room)"),
    "facing": _l("Facing across the middle (host opposite the principal guest)"),
}
FLAG_RULES = {
    "host_right": _l("Host flag on its own right, guest seated on the host's right (Taiwan's practice)"),
    "guest_right": _l("Guest's flag on the right, the place of honour"),
}
FLAG_CHOICES = {
    "national": _l("National flag"),
    "city": _l("The partner's own flag (city, region or organization)"),
    "none": _l("No flag"),
}
RECEPTION_LEVELS = {
    "mayor": _l("The mayor"),
    "deputy_mayor": _l("A deputy mayor"),
    "secretary_general": _l("The secretary-general"),
    "director": _l("A bureau director"),
    "section_chief": _l("A section chief of the office"),
}

RANK_LABELS = {
    "label": _l("Name of the rank"),
    "level": _l("Level (smaller is more senior)"),
    "keywords": _l("Titles that give this rank"),
    "reception": _l("Received by"),
    "active": _l("In use"),
}


@record_kind("protocol_rank")
class Rank(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """One row of the office's ranking table: a label in every language, a level (smaller ranks higher), the
    titles that give it (matched against people's titles in any language), and who receives a visitor of
    that rank."""

    __tablename__ = "protocol_rank"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    label: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    keywords: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    reception: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    __table_args__ = (Index("ix_protocol_rank_level", "level"),)

    audit_fields = tuple(RANK_LABELS)
    audit_labels = RANK_LABELS

    def audit_label(self) -> str:
        return self.label.native or self.code


OCCASION_LABELS = {
    "tie_break": _l("Equal ranks are ordered by"),
    "host_locale": _l("Host's language"),
    "table_shape": _l("Tables"),
    "long_style": _l("Long-table arrangement"),
    "table_count": _l("Number of tables"),
    "seats_per_table": _l("Seats per table"),
    "co_host": _l("A co-host sits opposite the host"),
    "flag_rule": _l("Flags"),
}


@record_kind("protocol_occasion")
class Occasion(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """The protocol work of one event, engagement or delegation: its participants, order and room."""

    __tablename__ = "protocol_occasion"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(20), nullable=False)
    source_id: Mapped[int] = mapped_column(Integer, nullable=False)
    tie_break: Mapped[str] = mapped_column(String(20), nullable=False, default="office_date")
    host_locale: Mapped[str] = mapped_column(String(20), nullable=False, default="zh_Hant_TW")
    table_shape: Mapped[str] = mapped_column(String(10), nullable=False, default="round")
    long_style: Mapped[str] = mapped_column(String(10), nullable=False, default="head")
    table_count: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    seats_per_table: Mapped[int] = mapped_column(Integer, nullable=False, default=10)
    co_host: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    flag_rule: Mapped[str] = mapped_column(String(20), nullable=False, default="host_right")

    participants = relationship(
        "Participant", back_populates="occasion", cascade="all, delete-orphan", order_by="Participant.id"
    )

    __table_args__ = (UniqueConstraint("source_kind", "source_id", name="uq_protocol_occasion_source"),)

    audit_fields = tuple(OCCASION_LABELS)
    audit_labels = OCCASION_LABELS


PARTICIPANT_LABELS = {
    "side": _l("Side"),
    "role": _l("Role"),
    "rank_id": _l("Rank"),
    "adjustment": _l("Adjustment (levels, minus ranks higher)"),
    "adjustment_reason": _l("Reason for the adjustment"),
    "took_office_on": _l("Took office on"),
    "partner_id": _l("Partner (country and tie)"),
    "interprets_for_id": _l("Interprets for"),
    "table_no": _l("Table"),
    "seat_no": _l("Seat"),
}


@record_kind("protocol_participant")
class Participant(AuditedMixin, TimestampMixin, db.Model):
    """Someone at an occasion: one of our leaders or staff, or a contact; their rank for this occasion (from
    their title, or set by the officer), the side they are on, an adjustment with its reason, and their seat."""

    __tablename__ = "protocol_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    occasion_id: Mapped[int] = mapped_column(
        ForeignKey("protocol_occasion.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    ref_id: Mapped[int] = mapped_column(Integer, nullable=False)
    side: Mapped[str] = mapped_column(String(10), nullable=False, default="guest")
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="member")
    rank_id: Mapped[int | None] = mapped_column(ForeignKey("protocol_rank.id", ondelete="SET NULL"))
    rank_from_title: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    adjustment: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    adjustment_reason: Mapped[str | None] = mapped_column(String(300))
    took_office_on: Mapped[date | None] = mapped_column(Date)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="SET NULL"))
    interprets_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("protocol_participant.id", ondelete="SET NULL")
    )
    table_no: Mapped[int | None] = mapped_column(Integer)
    seat_no: Mapped[int | None] = mapped_column(Integer)  # 0: behind the seat of the one interpreted for

    occasion = relationship("Occasion", back_populates="participants")
    # Loaded with selectinload by queries.participants (a join would repeat the rank's JSON on every row).
    rank = relationship("Rank")
    partner = relationship("Partner")

    __table_args__ = (
        Index("ix_protocol_participant_occasion", "occasion_id"),
        UniqueConstraint("occasion_id", "kind", "ref_id", name="uq_protocol_participant_person"),
    )

    audit_fields = tuple(PARTICIPANT_LABELS)
    audit_labels = PARTICIPANT_LABELS

    def audit_label(self) -> str:
        return f"{self.kind} #{self.ref_id}"


RECEPTION_FIELDS = {
    "proposed_level": _l("Proposed"),
    "decided_level": _l("Decided"),
    "reason": _l("Reason"),
    "head_rank_id": _l("Rank of the head of delegation"),
}


@record_kind("protocol_reception")
class Reception(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """Who received an inbound delegation, as decided, with the rank of its head at the time and the reason."""

    __tablename__ = "protocol_reception"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    head_rank_id: Mapped[int | None] = mapped_column(ForeignKey("protocol_rank.id", ondelete="SET NULL"))
    proposed_level: Mapped[str | None] = mapped_column(String(30))
    decided_level: Mapped[str] = mapped_column(String(30), nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    head_rank = relationship("Rank", lazy="joined")
    delegation = relationship("Delegation", lazy="joined")

    __table_args__ = (Index("ix_protocol_reception_rank", "head_rank_id"),)

    audit_fields = tuple(RECEPTION_FIELDS)
    audit_labels = RECEPTION_FIELDS


@record_kind("protocol_flag_choice")
class FlagChoice(AuditedMixin, TimestampMixin, db.Model):
    """The office's choice of flag for a partner (some avoid national flags: a city's own flag, or none)."""

    __tablename__ = "protocol_flag_choice"

    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True)
    choice: Mapped[str] = mapped_column(String(10), nullable=False, default="national")
    note: Mapped[str | None] = mapped_column(String(300))

    audit_fields = ("choice", "note")
    audit_labels = {"choice": _l("Flag"), "note": _l("Note")}

    @property
    def id(self) -> int:
        return self.partner_id
