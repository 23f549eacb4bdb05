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
from .models import RECORD_KINDS
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


# Keys that services write beside a record's own fields (audit.record(..., {"key": [before, after]})), for
# every kind. A kind's own fields are labelled by its model's `audit_labels`; a feature that writes further
# keys for a kind registers their labels with `register_field_labels`.
COMMON_FIELD_LABELS = {
    "import_row": _l("Row of the imported file"),
    "state": _l("Last state"),
    "password": _l("Password"),
    "photo": _l("Photo"),
    "photos": _l("Photos"),
    "attachments": _l("Attachments"),
    "translations": _l("Translations"),
    "members": _l("Members"),
    "member": _l("Member"),
    "affiliations": _l("Affiliations"),
    "affiliation": _l("Affiliation"),
    "merged": _l("Merged with"),
    "merged_into": _l("Merged into"),
    "interview": _l("Interview"),
    "note": _l("Note"),
    "cv": _l("CV"),
    "transcript": _l("Transcript"),
    "parties": _l("Parties"),
    "links": _l("Links"),
    "programme": _l("Programme"),
    "invitations": _l("Invitations"),
    "registration_token": _l("Registration link"),
    "application_token": _l("Application link"),
    "attendance": _l("Attendance"),
    "quantity": _l("Quantity"),
    "event_id": _l("Event"),
    "target": _l("Target"),
}

_REGISTERED_LABELS: dict[str, dict[str, object]] = {}
_MERGED_LABELS: dict[str, dict[str, object]] = {}  # kind -> its labels, built once (lazy strings inside)


def register_field_labels(kind: str, labels: dict[str, object]) -> None:
    """A feature names the further keys it writes into a kind's audit entries (an import's columns)."""
    _REGISTERED_LABELS.setdefault(kind, {}).update(labels)
    _MERGED_LABELS.clear()


def _labels_of(kind: str) -> dict:
    merged = _MERGED_LABELS.get(kind)
    if merged is None:
        model = RECORD_KINDS.get(kind)
        merged = {**_REGISTERED_LABELS.get(kind, {}), **(getattr(model, "audit_labels", None) or {})}
        if model is not None:  # a kind whose model is not imported yet is not remembered without it
            _MERGED_LABELS[kind] = merged
    return merged


def _any_kind_label(field: str):
    for kind in RECORD_KINDS:
        label = _labels_of(kind).get(field)
        if label is not None:
            return label
    return None


def field_label(kind: str, field: str) -> str:
    """What a field of an audit entry is called, in the reader's language: the one place the audit log and
    every record history ask, so that no raw key ("family_name", "import_row") reaches a reader.

    "member.role" reads as "Member · Role"; a year or a number stays as it is; a key nobody labelled (a
    bug the tests look for) is shown in words rather than as an identifier."""
    label = _labels_of(kind).get(field) or COMMON_FIELD_LABELS.get(field)
    if label is not None:
        return str(label)
    head, dot, rest = field.partition(".")
    if dot:
        return f"{field_label(kind, head)} · {_part_label(kind, rest)}"
    return str(_any_kind_label(field) or field.replace("_id", "").replace("_", " "))


def _part_label(kind: str, part: str) -> str:
    head, dot, rest = part.partition(".")
    if head.isdigit():
        text = head
    else:
        found = _labels_of(kind).get(head) or COMMON_FIELD_LABELS.get(head) or _any_kind_label(head)
        text = str(found) if found is not None else head.replace("_", " ")
    return f"{text} · {_part_label(kind, rest)}" if dot else text


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
