"""Soft delete: archive hides a record, restore brings it back, purge removes it for good (admins only)."""

from __future__ import annotations

from . import audit
from .audit import acting_user_id
from .db import db
from .time import now_utc


def archive(obj) -> None:
    obj.archived_at = now_utc()
    obj.archived_by_id = acting_user_id()
    audit.record("archive", obj)
    _after_change(obj)


def restore(obj) -> None:
    obj.archived_at = None
    obj.archived_by_id = None
    audit.record("restore", obj)
    _after_change(obj)


def purge(obj) -> None:
    """Delete a record permanently; the audit log keeps its last state so the purge itself is traceable."""
    audit.record("purge", obj, {"state": obj.audit_state()})
    before_purge = getattr(obj, "before_purge", None)
    if before_purge is not None:
        before_purge()
    db.session.delete(obj)
    db.session.flush()
    _after_change(obj)


def _after_change(obj) -> None:
    # Some records keep derived data in step with what is visible (a partner's sequence number).
    hook = getattr(obj, "after_archive_change", None)
    if hook is not None:
        hook()
