"""What the admin pages read: the accounts, the audit log's entries by its filters, the archived records."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..auth.models import User
from ..core.access import in_roles, policy_of
from ..core.audit import ACTIONS, AuditEntry
from ..core.db import db
from ..core.models import RECORD_KINDS
from .records import ARCHIVABLE


def users() -> list[User]:
    """Every account: active ones first, by role and name."""
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.role, User.username)))


def user_choices() -> list[tuple[str, str]]:
    return [(str(u.id), u.display_name) for u in db.session.scalars(select(User).order_by(User.display_name))]


def audit_entries(
    kind: str | None,
    action: str | None,
    user_id: int | None,
    since: date | None,
    until: date | None,
    zone: str,
):
    """The statement of the audit entries matching the filters (days are the reader's, in `zone`)."""
    stmt = select(AuditEntry)
    if kind in RECORD_KINDS:
        stmt = stmt.where(AuditEntry.kind == kind)
    if action in ACTIONS:
        stmt = stmt.where(AuditEntry.action == action)
    if user_id is not None:
        stmt = stmt.where(AuditEntry.user_id == user_id)
    here = ZoneInfo(zone)
    if since is not None:
        stmt = stmt.where(AuditEntry.at_dt >= datetime.combine(since, time(), here))
    if until is not None:
        stmt = stmt.where(AuditEntry.at_dt < datetime.combine(until + timedelta(days=1), time(), here))
    return stmt


def archived_records(user, limit: int = 200) -> list[tuple[str, list]]:
    """(kind, the latest archived records) for each archivable kind whose archived records `user` may open
    (the kind's policy's `archived` rule: they restore and purge them)."""
    groups = []
    for kind in ARCHIVABLE:
        model = RECORD_KINDS.get(kind)
        if model is None or not in_roles(user, policy_of(model).archived):
            continue
        rows = db.session.scalars(
            select(model)
            .where(model.archived_at.is_not(None))
            .order_by(model.archived_at.desc())
            .limit(limit)
        ).all()
        groups.append((kind, rows))
    return groups
