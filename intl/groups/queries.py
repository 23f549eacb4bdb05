"""Reading working groups and their members."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.db import db
from .models import GROUP_ROLES, GroupMember, WorkingGroup

ROLE_ORDER = list(GROUP_ROLES)


def all_groups() -> list[WorkingGroup]:
    return list(db.session.scalars(select(WorkingGroup).order_by(WorkingGroup.id)))


def members(group: WorkingGroup, show: str, today: date, locale: str) -> list[GroupMember]:
    """The group's members in the order of their roles, then bureau and name; only those whose term covers
    `today` unless `show` is "all"."""
    found = db.session.scalars(select(GroupMember).where(GroupMember.group_id == group.id)).all()
    if show != "all":
        found = [m for m in found if m.is_current(today)]
    return sorted(
        found,
        key=lambda m: (
            ROLE_ORDER.index(m.role) if m.role in ROLE_ORDER else 99,
            m.organization.names.get_for(locale) if m.organization else "",
            m.contact.display_name(locale),
        ),
    )
