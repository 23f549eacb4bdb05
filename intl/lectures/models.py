"""The diplomatic lecture series held with local universities: series (title, partner university, term) and
lectures (speaker, topic in several languages, date and venue, moderator, hosts, audience, report, photos).

A lecture is on the schedule as an Engagement (source_kind "lecture"). When it takes registrations, it is
linked to an Event (kind "lecture") that holds them, so that lectures use the same public form, waitlist and
check-in as every other event.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, office_zone_name

SPEAKER_ROLES = {
    "envoy": _l("Envoy (ambassador, head of mission)"),
    "representative": _l("Representative of a foreign office in Taiwan"),
    "diplomat": _l("Diplomat"),
    "expert": _l("Expert or scholar"),
    "other": _l("Other"),
}
LECTURE_STATUSES = {
    "planned": _l("Planned"),
    "confirmed": _l("Confirmed"),
    "done": _l("Held"),
    "cancelled": _l("Cancelled"),
}

SERIES_LABELS = {
    "title": _l("Title"),
    "university_id": _l("Partner university"),
    "term": _l("Term"),
    "start_on": _l("From"),
    "end_on": _l("Until"),
    "lead_officer_id": _l("Lead officer"),
    "description": _l("Description"),
}


@record_kind("lecture_series")
class LectureSeries(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "lecture_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    university_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    term: Mapped[str | None] = mapped_column(String(100))  # "114學年度第2學期", "Spring 2027"
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    lead_officer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    description: Mapped[str | None] = mapped_column(Text)

    university = relationship("Organization", lazy="joined")
    lead_officer = relationship("User", lazy="joined", foreign_keys=[lead_officer_id])
    lectures = relationship("Lecture", back_populates="series", order_by="Lecture.start_dt")

    __table_args__ = (Index("ix_lecture_series_start", "start_on"),)

    audit_fields = tuple(SERIES_LABELS)
    audit_labels = SERIES_LABELS

    def audit_label(self) -> str:
        return self.title.native or f"#{self.id}"


LECTURE_LABELS = {
    "plan_item_id": _l("Plan item"),
    "topic": _l("Topic"),
    "speaker_id": _l("Speaker"),
    "speaker_role": _l("Speaker's role"),
    "start_dt": _l("Starts"),
    "end_dt": _l("Ends"),
    "timezone": _l("Time zone"),
    "venue": _l("Venue"),
    "address": _l("Address"),
    "moderator": _l("Moderator"),
    "host_leader_ids": _l("Hosting leaders"),
    "host_user_ids": _l("Hosting officers"),
    "audience_size": _l("Expected audience"),
    "attendance": _l("Attendance"),
    "status": _l("Status"),
    "event_id": _l("Registrations"),
    "report": _l("Report"),
    "notes": _l("Notes"),
}


@record_kind("lecture")
class Lecture(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "lecture"

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("lecture_series.id", ondelete="CASCADE"), nullable=False
    )
    topic: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    speaker_role: Mapped[str] = mapped_column(String(20), nullable=False, default="diplomat")
    start_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default=office_zone_name)
    venue: Mapped[str | None] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(String(500))
    moderator: Mapped[str | None] = mapped_column(String(300))
    host_leader_ids: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    host_user_ids: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    audience_size: Mapped[int | None] = mapped_column(Integer)
    # Head count on the day (when there is no registration list to count from).
    attendance: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="planned")
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    # The plan item (intl/plan) this counts towards, for the budget and the year's report.
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL"), index=True
    )
    report: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    series = relationship("LectureSeries", back_populates="lectures")
    speaker = relationship("Contact", lazy="joined")
    event = relationship("Event")
    photos = relationship(
        "LecturePhoto", cascade="all, delete-orphan", order_by="LecturePhoto.id", back_populates="lecture"
    )

    __table_args__ = (
        Index("ix_lecture_series", "series_id", "start_dt"),
        Index("ix_lecture_start", "start_dt"),
        Index("ix_lecture_event", "event_id"),
        Index("ix_lecture_speaker", "speaker_id"),
    )

    audit_fields = tuple(LECTURE_LABELS)
    audit_labels = LECTURE_LABELS

    def audit_label(self) -> str:
        return self.topic.native or f"#{self.id}"


class LecturePhoto(db.Model):
    """Photos kept with a lecture's short report."""

    __tablename__ = "lecture_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    lecture_id: Mapped[int] = mapped_column(ForeignKey("lecture.id", ondelete="CASCADE"), nullable=False)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id", ondelete="CASCADE"), nullable=False)
    caption: Mapped[str | None] = mapped_column(String(300))

    lecture = relationship("Lecture", back_populates="photos")
    file = relationship("StoredFile", lazy="joined")

    __table_args__ = (Index("ix_lecture_photo_lecture", "lecture_id"),)
