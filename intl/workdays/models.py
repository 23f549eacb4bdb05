"""Days the office adds to the national calendar: its own closures and the city's typhoon days (停止上班)."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.db import db
from ..core.models import AuditedMixin, TimestampMixin, record_kind

CLOSURE_KINDS = {
    "typhoon": _l("Typhoon day (work suspended)"),
    "closure": _l("Office closure"),
    "workday": _l("Extra working day"),
}
CLOSURE_LABELS = {
    "day": _l("Date"),
    "kind": _l("Kind"),
    "name": _l("Name"),
    "notes": _l("Notes"),
}


@record_kind("office_day")
class OfficeDay(AuditedMixin, TimestampMixin, db.Model):
    """One day the office is closed (a closure, a typhoon day) or works although the national calendar
    says otherwise (an extra working day)."""

    __tablename__ = "office_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="closure")
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_office_day_kind", "kind", "day"),)

    audit_fields = tuple(CLOSURE_LABELS)
    audit_labels = CLOSURE_LABELS

    def audit_label(self) -> str:
        return f"{self.day.isoformat()} {self.name}"

    @property
    def is_closed(self) -> bool:
        return self.kind != "workday"
