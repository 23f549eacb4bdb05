"""Leaders, engagements (itinerary items and standalone appointments), participants, and feed tokens.

Times are UTC in the database with the IANA zone of the place beside them (an engagement in Tokyo keeps
Asia/Tokyo). Each engagement has a UID that never changes and a SEQUENCE that grows with every change, so
that calendar clients update it in place.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, office_zone_name

ENGAGEMENT_KINDS = {
    "arrival": _l("Arrival"),
    "departure": _l("Departure"),
    "transfer": _l("Transfer"),
    "courtesy_call": _l("Courtesy call"),
    "meeting": _l("Meeting"),
    "banquet": _l("Banquet"),
    "site_visit": _l("Site visit"),
    "inspection": _l("Inspection"),
    "ceremony": _l("Ceremony"),
    "interview": _l("Interview"),
    "lecture": _l("Lecture"),
    "event": _l("Event"),
    "course": _l("Course session"),
    "press": _l("Press"),
    "cultural": _l("Cultural programme"),
    "free_time": _l("Free time"),
    "other": _l("Other"),
}
VISIBILITIES = {"public": _l("Public"), "internal": _l("Internal"), "confidential": _l("Confidential")}
ENGAGEMENT_STATUSES = {
    "tentative": _l("Tentative"),
    "confirmed": _l("Confirmed"),
    "cancelled": _l("Cancelled"),
}
PARTICIPANT_KINDS = ("leader", "contact", "user")
# Engagements about a private person rather than the office's partners: details only to staff and those taking
# part (an internship applicant's interview).
PERSONAL_KINDS = frozenset({"interview"})

ENGAGEMENT_LABELS = {
    "title": _l("Title"),
    "kind": _l("Kind"),
    "start_dt": _l("Starts"),
    "end_dt": _l("Ends"),
    "timezone": _l("Time zone"),
    "all_day": _l("All day"),
    "venue": _l("Venue"),
    "address": _l("Address"),
    "city": _l("City"),
    "host": _l("Host"),
    "dress_code": _l("Dress code"),
    "interpreter": _l("Interpreter"),
    "notes": _l("Notes for participants"),
    "visibility": _l("Visibility"),
    "status": _l("Status"),
    "travel_minutes": _l("Travel time from the previous engagement (minutes)"),
    "participants": _l("Participants"),
}


@record_kind("leader")
class Leader(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """A person whose schedule the office keeps: the mayor, the deputy mayors, the secretary-general."""

    __tablename__ = "leader"

    id: Mapped[int] = mapped_column(primary_key=True)
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    color: Mapped[str] = mapped_column(String(7), nullable=False, default="#0d6efd")

    user = relationship("User", lazy="joined", foreign_keys=[user_id])

    audit_fields = ("names", "title", "user_id", "position", "active", "color")
    audit_labels = {
        "names": _l("Names"),
        "title": _l("Title"),
        "user_id": _l("Their account (or their aide's)"),
        "position": _l("Order"),
        "active": _l("Active"),
        "color": _l("Colour in the calendar"),
    }

    def audit_label(self) -> str:
        return self.names.native or f"#{self.id}"


@record_kind("engagement")
class Engagement(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "engagement"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(
        String(80), unique=True, nullable=False, default=lambda: f"{uuid.uuid4()}@intl-desk"
    )
    sequence: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="SET NULL"))
    # The record this engagement is the calendar entry of, when it is not a delegation's programme item:
    # an internship interview, a lecture, an event session, a course session ("interview", 12).
    source_kind: Mapped[str | None] = mapped_column(String(20))
    source_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="meeting")
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    start_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default=office_zone_name)
    all_day: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    venue: Mapped[str | None] = mapped_column(String(300))
    # The venue folded for clash detection (two spellings of one hall are one hall).
    venue_key: Mapped[str | None] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    host: Mapped[str | None] = mapped_column(String(300))
    dress_code: Mapped[str | None] = mapped_column(String(200))
    interpreter: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(20), nullable=False, default="internal")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="tentative")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Minutes the participants need to get here from their previous engagement, where the officer knows better
    # than the estimate from the places (intl/schedule/places.py).
    travel_minutes: Mapped[int | None] = mapped_column(Integer)

    delegation = relationship("Delegation", back_populates="engagements")
    # In one order on every database (PostgreSQL returns rows as they lie): the calendar text lists the names
    # in this order, and a text rebuilt in another would change every subscriber's event for nothing.
    participants = relationship(
        "EngagementParticipant",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="(EngagementParticipant.kind, EngagementParticipant.ref_id)",
    )

    __table_args__ = (
        Index("ix_engagement_start", "start_dt"),
        Index("ix_engagement_delegation", "delegation_id", "start_dt"),
        Index("ix_engagement_venue", "venue_key", "start_dt"),
        Index("ix_engagement_source", "source_kind", "source_id"),
    )

    audit_fields = tuple(ENGAGEMENT_LABELS)
    audit_labels = ENGAGEMENT_LABELS

    def participant_ids(self, kind: str) -> list[int]:
        return sorted(p.ref_id for p in self.participants if p.kind == kind)

    def audit_state(self) -> dict:
        state = super().audit_state()
        state["participants"] = sorted(f"{p.kind}:{p.ref_id}" for p in self.participants)
        return state

    def audit_label(self) -> str:
        return f"{self.title.native or ''} {self.start_dt:%Y-%m-%d %H:%M}Z".strip()

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"


class EngagementParticipant(db.Model):
    """Who takes part: a leader, a contact, or one of the office's users (officer, intern)."""

    __tablename__ = "engagement_participant"

    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ref_id: Mapped[int] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_engagement_participant_ref", "kind", "ref_id", "engagement_id"),)


class EngagementCalendarText(db.Model):
    """An engagement's VEVENT, serialized once per SEQUENCE, language and scope (full or busy), so that a
    feed is assembled from stored text instead of being rebuilt on every poll."""

    __tablename__ = "engagement_calendar_text"

    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(20), primary_key=True)
    scope: Mapped[str] = mapped_column(String(10), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


FEED_SCOPES = {"full": _l("Full details"), "busy": _l("Busy only")}
# Why an address stopped working (stored when it is revoked; a leader link that is gone is found on each request).
FEED_ENDS = {
    "revoked": _l("Revoked"),
    "deactivated": _l("No longer valid: the account was deactivated"),
    "role": _l("No longer valid: the account's role changed"),
    "leader_link": _l("No longer valid: the account no longer belongs to this leader"),
}
FEED_LABELS = {
    "leader_id": _l("Leader"),
    "user_id": _l("Whose schedule"),
    "scope": _l("Detail"),
    "locale": _l("Language"),
    "label": _l("Label (where you use it)"),
    "revoked_at": _l("Revoked"),
    "revoked_reason": _l("Why"),
}


@record_kind("feed_token")
class FeedToken(AuditedMixin, db.Model):
    """A secret, revocable address for subscribing to a schedule in Outlook, Apple or Google Calendar."""

    __tablename__ = "feed_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False)
    # Whose schedule: a leader's, or one user's own engagements.
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("leader.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(10), nullable=False, default="full")
    locale: Mapped[str] = mapped_column(String(20), nullable=False, default="zh_Hant_TW")
    label: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(String(20))  # a key of FEED_ENDS
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Loaded with the token: a feed asks on every poll whether its owner may still read that schedule. A
    # personal feed's user is its owner, already loaded.
    owner = relationship("User", foreign_keys=[owner_id], lazy="joined")
    leader = relationship("Leader", lazy="joined")
    user = relationship("User", foreign_keys=[user_id])

    __table_args__ = (Index("ix_feed_token_owner", "owner_id"),)

    audit_fields = tuple(FEED_LABELS)
    audit_labels = FEED_LABELS

    def audit_label(self) -> str:
        whose = f"leader #{self.leader_id}" if self.leader_id is not None else f"user #{self.user_id}"
        return f"{whose} ({self.label})" if self.label else whose


STAY_LABELS = {
    "leader_id": _l("Leader"),
    "place": _l("Place"),
    "timezone": _l("Time zone"),
    "start_dt": _l("Away from"),
    "end_dt": _l("Until"),
    "notes": _l("Notes"),
}


@record_kind("leader_stay")
class LeaderStay(AuditedMixin, TimestampMixin, db.Model):
    """A leader away from the city outside any programme of the office (a national meeting in Taipei, a trip
    with another body), door to door: from leaving home to being back."""

    __tablename__ = "leader_stay"

    id: Mapped[int] = mapped_column(primary_key=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id", ondelete="CASCADE"), nullable=False)
    place: Mapped[str] = mapped_column(String(200), nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False)
    start_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)

    leader = relationship("Leader", lazy="joined")

    __table_args__ = (Index("ix_leader_stay_leader", "leader_id", "start_dt"),)

    audit_fields = tuple(STAY_LABELS)
    audit_labels = STAY_LABELS

    def audit_label(self) -> str:
        return f"{self.place} {self.start_dt:%Y-%m-%d}"


CLASH_REASONS = {
    "leader": _l("already booked"),
    "contact": _l("already booked"),
    "venue": _l("the venue is taken"),
    "transfer": _l("travel time (transfer)"),
    "away": _l("away from the city"),
    "unreachable": _l("cannot get there in time"),
}


@record_kind("kept_clash")
class KeptClash(AuditedMixin, db.Model):
    """A clash someone has seen and saved anyway: who, when, and how it was settled. The pair of engagements
    is kept in id order (the same clash seen from either side is one row); a trip (the programme) or a stay
    stands in for the second engagement when the leader is away. A change to either engagement re-opens it
    (`reopened_at`), and it goes when the clash does (moved or cancelled)."""

    __tablename__ = "kept_clash"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), nullable=False
    )
    other_engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id", ondelete="CASCADE"))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="CASCADE"))
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("leader_stay.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20), nullable=False)  # a key of CLASH_REASONS
    ref_id: Mapped[int | None] = mapped_column(Integer)  # the leader or contact booked twice
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_reason: Mapped[str | None] = mapped_column(Text)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    acknowledged_by = relationship("User", foreign_keys=[acknowledged_by_id], lazy="joined")
    accepted_by = relationship("User", foreign_keys=[accepted_by_id], lazy="joined")

    __table_args__ = (
        Index("ix_kept_clash_engagement", "engagement_id"),
        Index("ix_kept_clash_other", "other_engagement_id"),
    )

    audit_fields = ("reason", "ref_id", "acknowledged_by_id", "reopened_at", "accepted_reason")
    audit_labels = {
        "reason": _l("Clash"),
        "ref_id": _l("Booked twice"),
        "acknowledged_by_id": _l("Seen by"),
        "reopened_at": _l("Re-opened"),
        "accepted_reason": _l("Reason for accepting"),
    }

    def audit_label(self) -> str:
        other = self.other_engagement_id or self.delegation_id or self.stay_id
        return f"{self.reason} #{self.engagement_id}/{other}"

    @property
    def key(self) -> tuple:
        return (
            self.engagement_id,
            self.other_engagement_id,
            self.delegation_id,
            self.stay_id,
            self.reason,
            self.ref_id,
        )

    @property
    def reason_label(self) -> str:
        return str(CLASH_REASONS.get(self.reason, self.reason))

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None and self.reopened_at is None
