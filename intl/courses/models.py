"""International-topic training courses for the city's staff (languages, protocol, world affairs): courses,
their sessions (trainer, venue, time), enrolment of staff from each bureau, and attendance per session.

Each session is on the schedule as an Engagement (source_kind "course", source_id the course's id; the session
keeps its engagement's id), with the trainer, the organizer and enrolled staff who have accounts taking part.
Training hours per person are the sum of the durations of the sessions they attended.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, office_zone_name

COURSE_TOPICS = {
    "language": _l("Languages"),
    "protocol": _l("Protocol and etiquette"),
    "world_affairs": _l("World affairs"),
    "intercultural": _l("Intercultural communication"),
    "other": _l("Other"),
}
COURSE_STATUSES = {
    "planned": _l("Planned"),
    "open": _l("Enrolment open"),
    "running": _l("Running"),
    "done": _l("Finished"),
    "cancelled": _l("Cancelled"),
}
SESSION_STATUSES = {"scheduled": _l("Scheduled"), "cancelled": _l("Cancelled")}
ENROLMENT_STATUSES = {"enrolled": _l("Enrolled"), "withdrawn": _l("Withdrawn")}

COURSE_LABELS = {
    "plan_item_id": _l("Plan item"),
    "title": _l("Title"),
    "topic": _l("Topic"),
    "description": _l("Description"),
    "language": _l("Language of instruction"),
    "capacity": _l("Places"),
    "organizer_id": _l("Organizer"),
    "status": _l("Status"),
    "notes": _l("Notes"),
}


@record_kind("course")
class Course(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    topic: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    description: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    capacity: Mapped[int | None] = mapped_column(Integer)
    organizer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="planned")
    notes: Mapped[str | None] = mapped_column(Text)
    # The plan item (intl/plan) this counts towards, for the budget and the year's report.
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL"), index=True
    )

    organizer = relationship("User", lazy="joined", foreign_keys=[organizer_id])
    sessions = relationship("CourseSession", back_populates="course", order_by="CourseSession.start_dt")
    enrolments = relationship("Enrolment", back_populates="course", order_by="Enrolment.id")

    __table_args__ = (Index("ix_course_archived", "archived_at"),)

    audit_fields = tuple(COURSE_LABELS)
    audit_labels = COURSE_LABELS

    def audit_label(self) -> str:
        return self.title.native or f"#{self.id}"


SESSION_LABELS = {
    "title": _l("Title"),
    "start_dt": _l("Starts"),
    "end_dt": _l("Ends"),
    "timezone": _l("Time zone"),
    "venue": _l("Venue"),
    "trainer_id": _l("Trainer"),
    "trainer_name": _l("Trainer (not in contacts)"),
    "status": _l("Status"),
}


@record_kind("course_session")
class CourseSession(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "course_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), nullable=False)
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False, default=LocalizedText)
    start_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default=office_zone_name)
    venue: Mapped[str | None] = mapped_column(String(300))
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    trainer_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="scheduled")
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id", ondelete="SET NULL"))

    course = relationship("Course", back_populates="sessions")
    trainer = relationship("Contact", lazy="joined")
    engagement = relationship("Engagement")

    __table_args__ = (Index("ix_course_session_course", "course_id", "start_dt"),)

    audit_fields = tuple(SESSION_LABELS)
    audit_labels = SESSION_LABELS

    def audit_label(self) -> str:
        return f"{self.course.audit_label() if self.course else ''} {self.start_dt:%Y-%m-%d %H:%M}Z".strip()

    @property
    def hours(self) -> float:
        return round((self.end_dt - self.start_dt).total_seconds() / 3600, 2)

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"


ENROLMENT_LABELS = {
    "user_id": _l("Staff account"),
    "name": _l("Name"),
    "bureau_id": _l("Bureau"),
    "email": _l("E-mail"),
    "status": _l("Status"),
}


@record_kind("enrolment")
class Enrolment(AuditedMixin, TimestampMixin, db.Model):
    """A member of staff on a course: one with an Intl Desk account (the session is then in their calendar
    feed) or a colleague from another bureau known by name."""

    __tablename__ = "enrolment"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="enrolled")

    course = relationship("Course", back_populates="enrolments")
    user = relationship("User", lazy="joined", foreign_keys=[user_id])
    bureau = relationship("Organization", lazy="joined")

    __table_args__ = (
        Index("ix_enrolment_course", "course_id", "id"),
        Index("ix_enrolment_user", "user_id"),
        UniqueConstraint("course_id", "user_id"),
    )

    audit_fields = tuple(ENROLMENT_LABELS)
    audit_labels = ENROLMENT_LABELS

    def audit_label(self) -> str:
        return self.name

    @property
    def person_key(self) -> str:
        """Who this is across courses: the account, else the e-mail, else the name."""
        if self.user_id:
            return f"user:{self.user_id}"
        if self.email:
            return f"email:{self.email.strip().lower()}"
        return f"name:{self.name.strip().casefold()}"


class SessionAttendance(db.Model):
    """This enrolled person attended that session (a row per person present)."""

    __tablename__ = "session_attendance"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("course_session.id", ondelete="CASCADE"), primary_key=True
    )
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("enrolment.id", ondelete="CASCADE"), primary_key=True
    )
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_session_attendance_enrolment", "enrolment_id"),)
