"""Placements (an intern in a position under a supervisor), the intern's activity log, and the evaluation.
Who may do what with them is in access.py."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.models import AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, now_utc

PLACEMENT_STATUSES = {"active": _l("Active"), "completed": _l("Completed"), "cancelled": _l("Cancelled")}
PLACEMENT_LABELS = {
    "position_id": _l("Position"),
    "intern_id": _l("Intern"),
    "supervisor_id": _l("Supervisor"),
    "start_on": _l("From"),
    "end_on": _l("Until"),
    "weekly_hours": _l("Hours per week"),
    "working_hours": _l("Working hours"),
    "status": _l("Status"),
}


@record_kind("internship_placement")
class Placement(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "internship_placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(
        ForeignKey("internship_position.id", ondelete="CASCADE"), nullable=False
    )
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("internship_application.id", ondelete="SET NULL"), unique=True
    )
    intern_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    end_on: Mapped[date] = mapped_column(Date, nullable=False)
    weekly_hours: Mapped[float | None] = mapped_column(Float)
    # As agreed with the intern, in words: "Mon–Fri 09:00–17:00, Wednesday afternoons off".
    working_hours: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="active")
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    position = relationship("InternshipPosition", lazy="joined")
    application = relationship("InternshipApplication")
    intern = relationship("User", lazy="joined", foreign_keys=[intern_id])
    supervisor = relationship("User", lazy="joined", foreign_keys=[supervisor_id])
    evaluation = relationship("Evaluation", uselist=False, back_populates="placement", lazy="selectin")

    __table_args__ = (
        Index("ix_internship_placement_intern", "intern_id", "start_on"),
        Index("ix_internship_placement_supervisor", "supervisor_id", "status"),
        Index("ix_internship_placement_position", "position_id"),
        CheckConstraint("end_on >= start_on", name="dates_in_order"),
    )

    audit_fields = tuple(PLACEMENT_LABELS)
    audit_labels = PLACEMENT_LABELS

    def audit_label(self) -> str:
        return f"{self.intern.display_name if self.intern else ''} #{self.id}".strip()

    @property
    def programme(self):
        return self.position.programme

    @property
    def has_certificate(self) -> bool:
        return self.status == "completed" and self.evaluation is not None


ENTRY_STATUSES = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "approved": _l("Approved"),
    "returned": _l("Returned"),
}
ENTRY_LABELS = {
    "work_on": _l("Date"),
    "minutes": _l("Hours"),
    "description": _l("What I did"),
    "served_kind": _l("For"),
    "served_id": _l("For"),
    "status": _l("Status"),
    "review_comment": _l("Supervisor's comment"),
}
QUARTER_HOUR = 15


@record_kind("internship_activity")
class ActivityEntry(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """One day's work in the log. Hours are kept as minutes, in quarter hours, so that totals add up exactly."""

    __tablename__ = "internship_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("internship_placement.id", ondelete="CASCADE"), nullable=False
    )
    work_on: Mapped[date] = mapped_column(Date, nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    # What the work served: a delegation now; an event or a letter once those exist ("delegation", 12).
    served_kind: Mapped[str | None] = mapped_column(String(20))
    served_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    review_comment: Mapped[str | None] = mapped_column(Text)

    placement = relationship("Placement")
    reviewed_by = relationship("User", lazy="joined")

    __table_args__ = (
        Index("ix_internship_activity_log", "placement_id", "work_on", "id"),
        Index("ix_internship_activity_queue", "status", "work_on", "id"),
        Index("ix_internship_activity_served", "served_kind", "served_id"),
        CheckConstraint(
            f"minutes > 0 AND minutes <= 1440 AND minutes % {QUARTER_HOUR} = 0", name="quarter_hours"
        ),
    )

    audit_fields = tuple(k for k in ENTRY_LABELS if k != "served_id")
    audit_labels = ENTRY_LABELS

    def audit_state(self) -> dict:
        state = super().audit_state()
        state["served_kind"] = f"{self.served_kind}:{self.served_id}" if self.served_kind else None
        return state

    def audit_label(self) -> str:
        return f"{self.work_on.isoformat()} · {self.hours:g} h"

    @property
    def hours(self) -> float:
        return self.minutes / 60


EVALUATION_CRITERIA = {
    "rating_reliability": _l("Reliability and punctuality"),
    "rating_quality": _l("Quality of work"),
    "rating_languages": _l("Language skills"),
    "rating_teamwork": _l("Teamwork and communication"),
    "rating_initiative": _l("Initiative"),
}
RATINGS = {5: _l("Excellent"), 4: _l("Very good"), 3: _l("Good"), 2: _l("Fair"), 1: _l("Poor")}
EVALUATION_LABELS = {
    **EVALUATION_CRITERIA,
    "rating_overall": _l("Overall"),
    "strengths": _l("Strengths"),
    "improvements": _l("To work on"),
    "recommend": _l("Would recommend"),
}


@record_kind("internship_evaluation")
class Evaluation(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """The supervisor's evaluation at the end of a placement; with it the placement is completed."""

    __tablename__ = "internship_evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("internship_placement.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    rating_reliability: Mapped[int] = mapped_column(Integer, nullable=False)
    rating_quality: Mapped[int] = mapped_column(Integer, nullable=False)
    rating_languages: Mapped[int] = mapped_column(Integer, nullable=False)
    rating_teamwork: Mapped[int] = mapped_column(Integer, nullable=False)
    rating_initiative: Mapped[int] = mapped_column(Integer, nullable=False)
    rating_overall: Mapped[int] = mapped_column(Integer, nullable=False)
    strengths: Mapped[str | None] = mapped_column(Text)
    improvements: Mapped[str | None] = mapped_column(Text)
    recommend: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    evaluated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    evaluated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)

    placement = relationship("Placement", back_populates="evaluation")
    evaluated_by = relationship("User", lazy="joined")

    __table_args__ = tuple(
        CheckConstraint(f"{name} BETWEEN 1 AND 5", name=f"{name}_range")
        for name in (*EVALUATION_CRITERIA, "rating_overall")
    )

    audit_fields = tuple(EVALUATION_LABELS)
    audit_labels = EVALUATION_LABELS

    def audit_label(self) -> str:
        return f"#{self.placement_id}"
