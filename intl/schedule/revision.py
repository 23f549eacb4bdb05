"""One counter for the whole schedule, bumped by every change a calendar subscriber could see.

Feeds are polled every few minutes by every subscriber; answering "nothing changed" (304) from this one
row costs far less than looking at the feed's engagements. Bumping is conservative: any change anywhere
makes every feed's validator change, never the other way round.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Mapped, mapped_column

from ..core.db import db
from ..core.time import UTCDateTime, now_utc


class ScheduleRevision(db.Model):
    __tablename__ = "schedule_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(nullable=False, default=0)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


def bump() -> None:
    now = now_utc()
    updated = db.session.execute(
        update(ScheduleRevision)
        .where(ScheduleRevision.id == 1)
        .values(revision=ScheduleRevision.revision + 1, changed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not updated:
        db.session.add(ScheduleRevision(id=1, revision=1, changed_at=now))
        db.session.flush()
