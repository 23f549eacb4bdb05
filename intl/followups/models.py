from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.models import AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, now_utc

FOLLOWUP_STATUSES = {"open": _l("Open"), "done": _l("Done"), "dropped": _l("Dropped")}
FOLLOWUP_LABELS = {
    "description": _l("What was agreed"),
    "owner_id": _l("Owner"),
    "due_on": _l("Due"),
    "status": _l("Status"),
}


@record_kind("followup")
class FollowUp(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "followup"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What it came from: a delegation now; letters and meetings later.
    source_kind: Mapped[str] = mapped_column(String(20), nullable=False)
    source_id: Mapped[int] = mapped_column(nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    owner = relationship("User", lazy="joined", foreign_keys=[owner_id])

    __table_args__ = (
        Index("ix_followup_source", "source_kind", "source_id"),
        Index("ix_followup_owner", "owner_id", "status", "due_on"),
    )

    audit_fields = tuple(FOLLOWUP_LABELS)
    audit_labels = FOLLOWUP_LABELS

    def audit_label(self) -> str:
        return self.description[:120]

    def is_overdue(self, today: date) -> bool:
        return self.status == "open" and self.due_on is not None and self.due_on < today

    def is_due_within(self, today: date, days: int) -> bool:
        return (
            self.status == "open"
            and self.due_on is not None
            and today <= self.due_on < today + timedelta(days)
        )


class DigestSent(db.Model):
    """That a person's reminder digest for a day went out: cron may run the command twice (a retry, a second
    server), and nobody should get the same reminders twice."""

    __tablename__ = "followup_digest_sent"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False)
    sent_on: Mapped[date] = mapped_column(Date, nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)

    __table_args__ = (UniqueConstraint("user_id", "sent_on", name="uq_followup_digest_sent_user_day"),)
