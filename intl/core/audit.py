"""The audit log: who created, changed, archived, restored or purged which record, with before and after.

Services write it (not database triggers) so that each entry carries the acting user and a readable label.
"""

from __future__ import annotations

from datetime import datetime

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, Index, String, and_, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import db
from .time import UTCDateTime, now_utc

ACTIONS = {
    "create": _l("created"),
    "update": _l("changed"),
    "archive": _l("archived"),
    "restore": _l("restored"),
    "purge": _l("purged"),
    "anonymize": _l("anonymized"),
    "merge": _l("merged"),
}


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    entity_id: Mapped[int] = mapped_column(nullable=False)
    label: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    changes: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

    user = relationship("User", lazy="joined")

    __table_args__ = (
        Index("ix_audit_entry_record", "kind", "entity_id", "id"),
        Index("ix_audit_entry_user", "user_id", "id"),
    )

    @property
    def action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))


def acting_user_id() -> int | None:
    """The signed-in user, or the user a CLI command acts for (set in g.audit_user_id)."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id
    return g.get("audit_user_id") if g else None


def diff(before: dict, after: dict) -> dict:
    return {field: [before.get(field), value] for field, value in after.items() if before.get(field) != value}


def record(action: str, obj, changes: dict | None = None) -> AuditEntry:
    db.session.flush()
    entry = AuditEntry(
        user_id=acting_user_id(),
        action=action,
        kind=obj.record_kind,
        entity_id=obj.id,
        label=obj.audit_label()[:300],
        changes=changes or {},
    )
    db.session.add(entry)
    return entry


def record_create(obj) -> AuditEntry:
    state = obj.audit_state()
    return record(
        "create",
        obj,
        {field: [None, value] for field, value in state.items() if value not in (None, "", [], {})},
    )


def record_update(obj, before: dict) -> AuditEntry | None:
    """Log the fields that changed since `before` (an `audit_state()` snapshot); nothing if none did."""
    changes = diff(before, obj.audit_state())
    if not changes:
        return None
    return record("update", obj, changes)


def history(kind: str, entity_id: int, limit: int = 200, related: dict | None = None) -> list[AuditEntry]:
    """A record's audit entries, newest first, with those of related records (kind -> SELECT of their ids)."""
    condition = and_(AuditEntry.kind == kind, AuditEntry.entity_id == entity_id)
    for other_kind, ids in (related or {}).items():
        condition = or_(condition, and_(AuditEntry.kind == other_kind, AuditEntry.entity_id.in_(ids)))
    return list(
        db.session.scalars(select(AuditEntry).where(condition).order_by(AuditEntry.id.desc()).limit(limit))
    )
