"""Reading gifts: the reports someone owes (home page, digest), a partner's or contact's history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_, select

from ..core.db import db
from . import ethics
from .models import Gift


def report_missing():
    """SQL: a needed report that is not complete (see ethics.report_complete)."""
    return and_(
        Gift.needs_report.is_(True),
        Gift.archived_at.is_(None),
        or_(
            Gift.reported_to_supervisor_on.is_(None),
            and_(Gift.report_reason == ethics.INTEREST, Gift.ethics_unit_notified_on.is_(None)),
        ),
    )


def responsible(user_id: int):
    """SQL: gifts a user answers for: the officer who received the gift, or who recorded it."""
    return or_(Gift.user_id == user_id, Gift.recorded_by_id == user_id)


def reports_owed(user_id: int, due_by: date | None = None) -> list[Gift]:
    """Gifts whose report the user owes, oldest deadline first; only those due by `due_by` if given."""
    stmt = select(Gift).where(report_missing(), responsible(user_id))
    if due_by is not None:
        stmt = stmt.where(Gift.report_due_on <= due_by)
    return list(db.session.scalars(stmt.order_by(Gift.report_due_on, Gift.id)))


def home_gift_reports(user, today: date) -> dict:
    """For the home page of officers: the reports they owe, overdue ones flagged."""
    if not getattr(user, "is_staff", False):
        return {"gift_reports": [], "gift_reports_today": today}
    return {"gift_reports": reports_owed(user.id), "gift_reports_today": today}


def history(contact_id: int | None = None, partner_id: int | None = None) -> list[Gift]:
    """Every gift with a contact or a partner, given and received, newest first."""
    stmt = select(Gift).where(Gift.archived_at.is_(None))
    if contact_id is not None:
        stmt = stmt.where(Gift.contact_id == contact_id)
    if partner_id is not None:
        stmt = stmt.where(Gift.partner_id == partner_id)
    return list(db.session.scalars(stmt.order_by(Gift.exchanged_on.desc(), Gift.id.desc())))
