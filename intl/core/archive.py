"""Soft delete: archive hides a record, restore brings it back, purge removes it for good (admins only).

Features keep derived data in step through the hooks they register (`hooks.archive_changed`,
`hooks.before_purge`), not through methods this module would have to know about.
"""

from __future__ import annotations

from . import audit, hooks
from .audit import acting_user_id
from .db import db
from .time import now_utc


def archive(obj) -> None:
    obj.archived_at = now_utc()
    obj.archived_by_id = acting_user_id()
    audit.record("archive", obj)
    hooks.archive_changed(obj)


def restore(obj) -> None:
    obj.archived_at = None
    obj.archived_by_id = None
    audit.record("restore", obj)
    hooks.archive_changed(obj)


def purge(obj) -> None:
    """Delete a record permanently; the audit log keeps its last state so the purge itself is traceable."""
    audit.record("purge", obj, {"state": obj.audit_state()})
    hooks.before_purge(obj)
    db.session.delete(obj)
    db.session.flush()
    hooks.archive_changed(obj)
