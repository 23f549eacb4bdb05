"""Mixins every record kind shares: created/updated stamps, archiving (soft delete) and edit versions."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from .localized import LocalizedText
from .time import UTCDateTime, now_utc

# kind name -> model class, for the audit log and the archive page to name and link any record.
RECORD_KINDS: dict[str, type] = {}


def record_kind(name: str):
    """Class decorator: give a model a stable kind name used by the audit log, search and the archive."""

    def register(cls):
        cls.record_kind = name
        RECORD_KINDS[name] = cls
        return cls

    return register


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=now_utc, onupdate=now_utc, nullable=False
    )


class ArchivableMixin:
    """Deleting archives: the row stays, hidden from lists, until an admin restores or purges it."""

    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @declared_attr
    def archived_by_id(cls) -> Mapped[int | None]:
        return mapped_column(Integer, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class VersionedMixin:
    """An edit counter; SQLAlchemy refuses an UPDATE whose version no longer matches (a lost update)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}


def audit_value(value):
    """A JSON-friendly form of a field value for the audit log and the conflict view."""
    if isinstance(value, LocalizedText):
        return dict(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()  # one instant, one text, whatever zone it came in
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, list | tuple):
        return [audit_value(v) for v in value]
    return value


class AuditedMixin:
    """Records list the fields the audit log follows; `audit_state()` is the snapshot diffs are made of."""

    audit_fields: tuple[str, ...] = ()

    def audit_state(self) -> dict:
        return {name: audit_value(getattr(self, name)) for name in self.audit_fields}

    def audit_label(self) -> str:
        return f"{self.record_kind} #{self.id}"
