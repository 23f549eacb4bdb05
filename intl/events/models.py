"""Events ('See Kaohsiung', cultural talks, orientation, job fair, Lantern Festival guests) and the guests'
registrations: invited or open, waitlisted when full, checked in on the day.

An event's calendar entry is an `Engagement` (its main entry, `engagement_id`) and its programme is every
engagement with source_kind "event" and source_id the event's id. An event opened for a lecture's
registrations has no main entry of its own: the lecture's engagement is its programme.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, office_zone_name

EVENT_KINDS = {
    "see_kaohsiung": _l("'See Kaohsiung' event"),
    "cultural_talk": _l("Cultural talk"),
    "orientation": _l("Orientation"),
    "job_fair": _l("Job fair"),
    "festival": _l("Festival guests (Lantern Festival ...)"),
    "workshop": _l("Workshop"),
    "lecture": _l("Lecture"),
    "other": _l("Other"),
}
AUDIENCES = {
    "international_students": _l("International students"),
    "envoys": _l("Envoys and foreign representatives"),
    "foreign_media": _l("Foreign media"),
    "partner_city_guests": _l("Partner-city guests"),
    "public": _l("General public"),
}
EVENT_STATUSES = {
    "planned": _l("Planned"),
    "confirmed": _l("Confirmed"),
    "done": _l("Done"),
    "cancelled": _l("Cancelled"),
}
REGISTRATION_MODES = {
    "open": _l("Open: anyone with the link may register"),
    "invited": _l("By invitation only"),
}
EVENT_VISIBILITIES = {"public": _l("Public"), "internal": _l("Internal")}

REGISTRATION_STATUSES = {
    "invited": _l("Invited"),
    "registered": _l("Registered"),
    "waitlisted": _l("Waitlisted"),
    "declined": _l("Declined"),
    "cancelled": _l("Cancelled"),
}
REGISTRATION_SOURCES = {
    "public": _l("Public form"),
    "invitation": _l("Invitation list"),
    "officer": _l("Entered by the office"),
    "walk_in": _l("Walk-in"),
}

EVENT_LABELS = {
    "plan_item_id": _l("Plan item"),
    "title": _l("Title"),
    "kind": _l("Kind"),
    "audiences": _l("Audience"),
    "description": _l("Description for guests"),
    "start_dt": _l("Starts"),
    "end_dt": _l("Ends"),
    "timezone": _l("Time zone"),
    "venue": _l("Venue"),
    "address": _l("Address"),
    "capacity": _l("Capacity"),
    "languages": _l("Languages"),
    "registration_mode": _l("Registration"),
    "registration_open": _l("Registration is open"),
    "visibility": _l("Visibility"),
    "status": _l("Status"),
    "budget": _l("Budget (NT$)"),
    "actual_cost": _l("Actual cost (NT$)"),
    "lead_officer_id": _l("Lead officer"),
    "host_leader_ids": _l("Hosting leaders"),
    "staff_user_ids": _l("Staff on duty"),
    "notes": _l("Notes"),
}


@record_kind("event")
class Event(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    audiences: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    description: Mapped[LocalizedText] = mapped_column(
        LocalizedTextType, nullable=False, default=LocalizedText
    )
    start_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default=office_zone_name)
    venue: Mapped[str | None] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(String(500))
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    languages: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    registration_mode: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    registration_open: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # The public link's secret part; officers can replace it (the old link then stops working).
    registration_token: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    visibility: Mapped[str] = mapped_column(String(20), nullable=False, default="public")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="planned")
    budget: Mapped[int | None] = mapped_column(Integer)
    actual_cost: Mapped[int | None] = mapped_column(Integer)
    lead_officer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    host_leader_ids: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    staff_user_ids: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    # The event's own calendar entry (None for an event that only holds a lecture's registrations).
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id", ondelete="SET NULL"))
    # The plan item (intl/plan) this counts towards, for the budget and the year's report.
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL"), index=True
    )

    lead_officer = relationship("User", lazy="joined", foreign_keys=[lead_officer_id])
    engagement = relationship("Engagement", foreign_keys=[engagement_id])

    __table_args__ = (
        Index("ix_event_start", "start_dt"),
        Index("ix_event_archived", "archived_at"),
    )

    audit_fields = tuple(EVENT_LABELS)
    audit_labels = EVENT_LABELS

    def audit_label(self) -> str:
        return self.title.native or f"#{self.id}"

    def search_texts(self) -> list[str]:
        return list(self.title.values())

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def accepts_registrations(self) -> bool:
        return self.registration_open and self.status in ("planned", "confirmed") and self.archived_at is None


REGISTRATION_LABELS = {
    "status": _l("Status"),
    "name": _l("Name"),
    "alt_name": _l("Name in another script"),
    "email": _l("E-mail"),
    "phone": _l("Phone"),
    "organization": _l("Organization or school"),
    "country": _l("Country"),
    "needs_notes": _l("Dietary or access needs"),
    "locale": _l("Language"),
    "contact_id": _l("Contact"),
    "checked_in_at": _l("Checked in"),
}


@record_kind("registration")
class Registration(AuditedMixin, TimestampMixin, db.Model):
    """One guest's place at an event: invited, registered, waitlisted, declined or cancelled."""

    __tablename__ = "registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="registered")
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="public")
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    alt_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    email_key: Mapped[str | None] = mapped_column(String(254))  # lower-cased, for look-ups
    phone: Mapped[str | None] = mapped_column(String(50))
    organization: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    needs_notes: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str | None] = mapped_column(String(20))  # the language the guest reads
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    # Consent to the use of their data, with the version of the privacy notice they were shown.
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    privacy_version: Mapped[str | None] = mapped_column(String(20))
    # Secret mixed into the guest's link (tokens.registration_token); a new nonce revokes the old link.
    token_nonce: Mapped[str] = mapped_column(String(32), nullable=False)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the invitation went out by e-mail (intl/events/mailing.py), so that no guest gets it twice.
    invitation_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    event = relationship("Event")
    contact = relationship("Contact")

    __table_args__ = (
        Index("ix_registration_event", "event_id", "id"),
        Index("ix_registration_event_status", "event_id", "status", "id"),
        Index("ix_registration_event_email", "event_id", "email_key"),
        Index("ix_registration_contact", "contact_id"),
    )

    audit_fields = tuple(REGISTRATION_LABELS)
    audit_labels = REGISTRATION_LABELS

    def audit_label(self) -> str:
        return self.name

    def search_texts(self) -> list[str]:
        return [self.name, self.alt_name or "", self.email or ""]

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None

    @property
    def takes_a_seat(self) -> bool:
        return self.status == "registered"
