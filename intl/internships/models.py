"""Internship and work-study programmes, their positions, the applications, and the status history.

A programme runs for one term (winter, summer, a semester) and is either the city government's internship
for local students with language skills or work-study for international students. Positions sit in a host
bureau or division; applications move through a status workflow whose every step is kept with who and when.
Placements and the activity log are in placement_models.py.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, now_utc

PROGRAMME_KINDS = {
    "internship": _l("City government internship (local students)"),
    "work_study": _l("Work-study (international students)"),
}
TERMS = {"winter": _l("Winter"), "summer": _l("Summer"), "semester": _l("Semester")}
STUDY_LEVELS = {
    "bachelor": _l("Undergraduate"),
    "master": _l("Master's"),
    "doctorate": _l("Doctoral"),
    "other": _l("Other"),
}
# CEFR levels, and 'native'; TOCFL and other tests map onto them.
LANGUAGE_LEVELS = {
    "native": _l("Native"),
    "C2": "C2",
    "C1": "C1",
    "B2": "B2",
    "B1": "B1",
    "A2": "A2",
    "A1": "A1",
}
APPLICATION_STATUSES = {
    "received": _l("Received"),
    "shortlisted": _l("Shortlisted"),
    "interviewed": _l("Interviewed"),
    "offered": _l("Offered"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
}
# Where an application may go from each status. Declined and withdrawn ones may be reopened.
STATUS_MOVES = {
    "received": ("shortlisted", "offered", "declined", "withdrawn"),
    "shortlisted": ("interviewed", "offered", "declined", "withdrawn"),
    "interviewed": ("offered", "declined", "withdrawn"),
    "offered": ("accepted", "declined", "withdrawn"),
    "accepted": ("withdrawn",),
    "declined": ("received",),
    "withdrawn": ("received",),
}
CLOSED_STATUSES = ("declined", "withdrawn")
# How an application reached the office: typed in by an officer, or sent by the student through the
# programme's public link (intl/internships/public_views.py).
APPLICATION_SOURCES = {"office": _l("Entered by the office"), "public": _l("Sent through the public link")}
APPLICATION_TOKEN_BYTES = 18


def new_application_token() -> str:
    """The secret in a programme's public application link (24 URL-safe characters)."""
    return secrets.token_urlsafe(APPLICATION_TOKEN_BYTES)


PROGRAMME_LABELS = {
    "plan_item_id": _l("Plan item"),
    "title": _l("Title"),
    "kind": _l("Kind"),
    "term": _l("Term"),
    "year": _l("Year"),
    "start_on": _l("From"),
    "end_on": _l("Until"),
    "apply_by": _l("Applications close"),
    "coordinator_id": _l("Coordinator"),
    "description": _l("Description"),
}


@record_kind("internship_programme")
class InternshipProgramme(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "internship_programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="internship")
    term: Mapped[str] = mapped_column(String(20), nullable=False, default="summer")
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    end_on: Mapped[date] = mapped_column(Date, nullable=False)
    apply_by: Mapped[date | None] = mapped_column(Date)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    description: Mapped[str | None] = mapped_column(Text)
    # The plan item (intl/plan) this counts towards, for the budget and the year's report.
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL"), index=True
    )
    # The secret in the programme's public application link; officers replace it to revoke the old link.
    application_token: Mapped[str] = mapped_column(
        String(64), unique=True, nullable=False, default=new_application_token
    )

    coordinator = relationship("User", lazy="joined", foreign_keys=[coordinator_id])
    positions = relationship(
        "InternshipPosition",
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="InternshipPosition.id",
    )

    __table_args__ = (
        Index("ix_internship_programme_dates", "start_on", "id"),
        CheckConstraint("end_on >= start_on", name="dates_in_order"),
    )

    audit_fields = tuple(PROGRAMME_LABELS)
    audit_labels = PROGRAMME_LABELS

    def audit_label(self) -> str:
        return self.title.native or f"#{self.id}"


POSITION_LABELS = {
    "title": _l("Title"),
    "host_organization_id": _l("Host bureau"),
    "host_unit": _l("Division or section"),
    "supervisor_id": _l("Supervisor"),
    "languages": _l("Languages wanted"),
    "places": _l("Places"),
    "description": _l("What the intern will do"),
}


@record_kind("internship_position")
class InternshipPosition(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "internship_position"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("internship_programme.id", ondelete="CASCADE"), nullable=False
    )
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    host_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    host_unit: Mapped[str | None] = mapped_column(String(300))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    languages: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    places: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    description: Mapped[str | None] = mapped_column(Text)

    programme = relationship("InternshipProgramme", back_populates="positions", lazy="joined")
    host_organization = relationship("Organization", lazy="joined")
    supervisor = relationship("User", lazy="joined", foreign_keys=[supervisor_id])

    __table_args__ = (
        Index("ix_internship_position_programme", "programme_id"),
        CheckConstraint("places > 0", name="places_positive"),
    )

    audit_fields = tuple(POSITION_LABELS)
    audit_labels = POSITION_LABELS

    def audit_label(self) -> str:
        return self.title.native or f"#{self.id}"


APPLICATION_LABELS = {
    "position_id": _l("Position applied for"),
    "name": _l("Name"),
    "latin_name": _l("Name in Latin letters"),
    "email": _l("E-mail"),
    "phone": _l("Phone"),
    "nationality": _l("Nationality"),
    "school": _l("School"),
    "department": _l("Department"),
    "study_level": _l("Level of study"),
    "study_year": _l("Year of study"),
    "languages": _l("Languages"),
    "status": _l("Status"),
    "source": _l("Received through"),
    "user_id": _l("User account"),
    "notes": _l("Notes"),
    "locale": _l("Language"),
}


@record_kind("internship_application")
class InternshipApplication(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """A student's application: personal data, kept for the programme's purpose and seen by staff only."""

    __tablename__ = "internship_application"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("internship_programme.id", ondelete="CASCADE"), nullable=False
    )
    position_id: Mapped[int | None] = mapped_column(ForeignKey("internship_position.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    latin_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    nationality: Mapped[str | None] = mapped_column(String(2))
    school: Mapped[str | None] = mapped_column(String(300))
    department: Mapped[str | None] = mapped_column(String(300))
    study_level: Mapped[str | None] = mapped_column(String(20))
    study_year: Mapped[int | None] = mapped_column(Integer)
    # [[language code, level], ...] in the order the applicant gave them.
    languages: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="received")
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)
    cv_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    transcript_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    # The applicant's own account, once they have one (an intern user).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The interview's calendar entry (an engagement with source_kind "interview").
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id", ondelete="SET NULL"))
    notes: Mapped[str | None] = mapped_column(Text)
    # "office" (typed in by an officer) or "public" (sent by the student through the programme's link).
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="office", server_default="office")
    # The student's consent to the use of their data, with the version of the privacy notice they were shown.
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    privacy_version: Mapped[str | None] = mapped_column(String(20))
    # The language the student reads (the form's language when they applied): the office writes to them in it.
    locale: Mapped[str | None] = mapped_column(String(20))

    programme = relationship("InternshipProgramme", lazy="joined")
    position = relationship("InternshipPosition", lazy="joined")
    user = relationship("User", lazy="joined", foreign_keys=[user_id])
    interview = relationship("Engagement", lazy="joined")
    cv_file = relationship("StoredFile", foreign_keys=[cv_file_id])
    transcript_file = relationship("StoredFile", foreign_keys=[transcript_file_id])
    history = relationship(
        "ApplicationStatusChange",
        cascade="all, delete-orphan",
        order_by="ApplicationStatusChange.id",
        back_populates="application",
    )

    __table_args__ = (
        Index("ix_internship_application_programme", "programme_id", "status"),
        Index("ix_internship_application_user", "user_id"),
    )

    audit_fields = tuple(APPLICATION_LABELS)
    audit_labels = APPLICATION_LABELS

    def audit_label(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.latin_name and self.latin_name != self.name:
            return f"{self.name} ({self.latin_name})"
        return self.name

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return STATUS_MOVES.get(self.status, ())


class ApplicationStatusChange(db.Model):
    """One step of an application's workflow: from, to, who moved it, when, and why."""

    __tablename__ = "internship_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("internship_application.id", ondelete="CASCADE"), nullable=False
    )
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)

    application = relationship("InternshipApplication", back_populates="history")
    changed_by = relationship("User", lazy="joined")

    __table_args__ = (Index("ix_internship_status_change_application", "application_id", "id"),)
