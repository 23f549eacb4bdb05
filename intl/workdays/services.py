"""Adding and removing the office's own days. Each writes its audit entry; none commits."""

from __future__ import annotations

from ..core import audit
from ..core.db import db
from .models import OfficeDay


def add_office_day(**fields) -> OfficeDay:
    day = OfficeDay(**fields)
    db.session.add(day)
    db.session.flush()
    audit.record_create(day)
    return day


def remove_office_day(day: OfficeDay) -> None:
    audit.record("delete", day, day.audit_state())
    db.session.delete(day)
    db.session.flush()
