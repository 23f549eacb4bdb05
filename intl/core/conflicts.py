"""Optimistic concurrency: a save made on an outdated version is refused and both versions are shown.

Forms carry the version they were opened on. When it no longer matches, we apply the user's input to the
record only to read it back, roll that back, and show the fields where the saved version and the user's
differ. The user's input stays in the form, now carrying the current version, so a second save overwrites
deliberately — nothing is silently lost on either side.

Services take the version the user saw (`expected_version`) and call `check_version` before they change
anything; views catch `EditConflict` and show its `conflict`. No view writes a conflict check of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from .audit import AuditEntry
from .db import db


@dataclass
class ConflictField:
    field: str
    label: str
    saved: object
    yours: object


@dataclass
class Conflict:
    fields: list[ConflictField]
    last_change: AuditEntry | None


def set_fields(fields: dict) -> Callable[[object], None]:
    """The `apply_input` of detect_conflict for a form that yields {attribute: value}."""

    def apply(target) -> None:
        for name, value in fields.items():
            setattr(target, name, value)

    return apply


def detect_conflict(
    obj, submitted_version: int | None, apply_input: Callable[[object], None], labels: dict[str, str]
) -> Conflict | None:
    if submitted_version is not None and submitted_version == obj.version:
        return None
    saved = obj.audit_state()
    with db.session.no_autoflush:
        apply_input(obj)
        yours = obj.audit_state()
    db.session.rollback()
    last_change = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.kind == obj.record_kind, AuditEntry.entity_id == obj.id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    fields = [
        ConflictField(name, str(labels.get(name, name)), saved.get(name), yours.get(name))
        for name in saved
        if saved.get(name) != yours.get(name)
    ]
    return Conflict(fields=fields, last_change=last_change)


class EditConflict(Exception):
    """Raised by a service when the record changed since the user opened it; `conflict` says how."""

    def __init__(self, conflict: Conflict):
        super().__init__("the record was changed by someone else")
        self.conflict = conflict


def check_version(obj, expected_version: int | None, fields: dict, labels: dict | None = None) -> None:
    """Refuse a save made on an outdated version: raise EditConflict showing where the saved record and
    `fields` (the user's input, {attribute: value}) differ. None as `expected_version` means the caller
    is not an edit form (an import, a command) and always saves."""
    if expected_version is None:
        return
    labels = labels if labels is not None else getattr(obj, "audit_labels", {})
    conflict = detect_conflict(obj, expected_version, set_fields(fields), labels)
    if conflict is not None:
        raise EditConflict(conflict)
