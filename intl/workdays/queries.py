"""What the office calendar page reads."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.db import db
from .models import OfficeDay


def office_days_from(first: date, last: date) -> list[OfficeDay]:
    return list(
        db.session.scalars(
            select(OfficeDay).where(OfficeDay.day >= first, OfficeDay.day <= last).order_by(OfficeDay.day)
        )
    )


def office_day_on(day: date) -> OfficeDay | None:
    return db.session.scalar(select(OfficeDay).where(OfficeDay.day == day))
