"""Operations on follow-ups from any source (delegations, letters, meetings): add, change, close."""

from __future__ import annotations

from datetime import date

from ..core import audit
from ..core.conflicts import check_version
from ..core.db import db
from ..core.time import now_utc
from .models import FOLLOWUP_LABELS, FollowUp
from .sources import SOURCE_KINDS


def add_followup(
    source_kind: str, source_id: int, description: str, owner_id: int | None, due_on: date | None
) -> FollowUp:
    if source_kind not in SOURCE_KINDS:
        raise ValueError(f"unknown follow-up source {source_kind!r}")
    followup = FollowUp(
        source_kind=source_kind,
        source_id=source_id,
        description=description,
        owner_id=owner_id,
        due_on=due_on,
        status="open",
    )
    db.session.add(followup)
    db.session.flush()
    audit.record_create(followup)
    return followup


def update_followup(followup: FollowUp, expected_version: int | None = None, **fields) -> None:
    """Change description, owner, due date or status; closing stamps `done_at`, reopening clears it. Raises
    EditConflict when `expected_version` (the version the user saw) is no longer the saved one."""
    check_version(followup, expected_version, fields, FOLLOWUP_LABELS)
    before = followup.audit_state()
    for name, value in fields.items():
        setattr(followup, name, value)
    if "status" in fields:
        if followup.status == "done" and before["status"] != "done":
            followup.done_at = now_utc()
        elif followup.status != "done":
            followup.done_at = None
    db.session.flush()
    audit.record_update(followup, before)


def set_status(followup: FollowUp, status: str) -> None:
    update_followup(followup, status=status)


def followups_of(source_kind: str, source_id: int) -> list[FollowUp]:
    return list(
        db.session.query(FollowUp)
        .filter(FollowUp.source_kind == source_kind, FollowUp.source_id == source_id)
        .order_by(FollowUp.due_on, FollowUp.id)
    )
