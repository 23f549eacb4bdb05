"""Operations on working groups and their members: each writes the record and its audit entry, and flushes;
the view commits."""

from __future__ import annotations

from ..core import audit
from ..core.conflicts import check_version
from ..core.db import db
from ..core.localized import LocalizedText
from .models import GroupMember, WorkingGroup


def create_group(names: LocalizedText, description: str | None) -> WorkingGroup:
    group = WorkingGroup(names=names, description=description)
    db.session.add(group)
    db.session.flush()
    audit.record_create(group)
    return group


def add_member(group: WorkingGroup, **fields) -> GroupMember:
    member = GroupMember(group=group, **fields)
    db.session.add(member)
    db.session.flush()
    audit.record_create(member)
    return member


def update_member(member: GroupMember, expected_version: int | None, **fields) -> None:
    """Change a membership seen at `expected_version` (EditConflict when it changed since)."""
    check_version(member, expected_version, fields)
    before = member.audit_state()
    for name, value in fields.items():
        setattr(member, name, value)
    db.session.flush()
    audit.record_update(member, before)


def remove_member(member: GroupMember) -> None:
    """Take someone off a group for good; the audit log keeps what the membership was."""
    audit.record("purge", member, {"state": member.audit_state()})
    db.session.delete(member)
    db.session.flush()
