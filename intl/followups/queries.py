"""Reading follow-ups: someone's own (the 'My follow-ups' page, the home page, the digest)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..core.access import in_roles
from ..core.db import db
from .access import OWNERS
from .models import FollowUp
from .sources import describe

VIEWS = ("open", "overdue", "done", "all")


def _ordered(stmt):
    return stmt.order_by(FollowUp.due_on.is_(None), FollowUp.due_on, FollowUp.id)


def listing(owner: int | str | None, view: str, today: date):
    """SELECT of follow-ups for the list page. `owner`: a user id, 'all' or 'none' (unassigned)."""
    stmt = select(FollowUp)
    if owner == "none":
        stmt = stmt.where(FollowUp.owner_id.is_(None))
    elif owner != "all":
        stmt = stmt.where(FollowUp.owner_id == owner)
    if view == "open":
        stmt = stmt.where(FollowUp.status == "open")
    elif view == "overdue":
        stmt = stmt.where(FollowUp.status == "open", FollowUp.due_on < today)
    elif view == "done":
        stmt = stmt.where(FollowUp.status.in_(("done", "dropped")))
    if view == "done":
        return stmt.order_by(FollowUp.done_at.desc(), FollowUp.id.desc())
    return _ordered(stmt)


def home_followups(user, today: date, limit: int = 8) -> dict:
    """For the home page: the user's open follow-ups, soonest due first (overdue ones lead)."""
    if not in_roles(user, OWNERS):
        return {"my_followups": [], "my_followups_count": 0, "my_followups_overdue": 0}
    mine = (FollowUp.owner_id == user.id, FollowUp.status == "open")
    items = list(db.session.scalars(_ordered(select(FollowUp).where(*mine)).limit(limit)))
    count, overdue = db.session.execute(
        select(func.count(), func.count(FollowUp.id).filter(FollowUp.due_on < today)).where(*mine)
    ).one()
    return {
        "my_followups": items,
        "my_followups_count": count,
        "my_followups_overdue": overdue,
        "my_followup_sources": describe(items, user) if items else {},
    }


def due_by(until: date) -> list[FollowUp]:
    """Open follow-ups with an owner, due on or before `until` (overdue included), for the digest."""
    return list(
        db.session.scalars(
            select(FollowUp)
            .where(FollowUp.status == "open", FollowUp.owner_id.is_not(None), FollowUp.due_on <= until)
            .order_by(FollowUp.owner_id, FollowUp.due_on, FollowUp.id)
        )
    )
