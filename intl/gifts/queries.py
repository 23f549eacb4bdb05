"""Reading gifts: the list and its filters, the reports someone owes (home page, digest), a partner's or
contact's history, what the store holds and what was given to whom; the choices of the gift forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select

from ..auth.models import User
from ..core.access import can
from ..core.db import db
from ..core.i18n import current_locale_code, format_date
from ..core.models import RECORD_KINDS
from ..core.plan_links import item_filter
from ..core.time import office_today
from ..schedule.models import Leader
from . import ethics
from .access import GIVERS
from .models import GIFT_DIRECTIONS, Gift, StockItem, StockMovement

FLAGS = ("report_owed", "overdue", "disposition")


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
    if not can(user, Gift, "view"):
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


@dataclass
class GiftFilters:
    direction: str = ""
    flag: str = ""
    year: int | None = None
    q: str = ""
    archived: bool = False  # the withdrawn records instead of the others
    plan_item: int | None = None

    @classmethod
    def from_args(cls, args, archived_allowed: bool, plan_item: int | None) -> GiftFilters:
        year = args.get("year", "")
        return cls(
            direction=args.get("direction") if args.get("direction") in GIFT_DIRECTIONS else "",
            flag=args.get("flag") if args.get("flag") in FLAGS else "",
            year=int(year) if year.isdigit() and len(year) < 10 else None,
            q=(args.get("q") or "").strip()[:200],
            archived=archived_allowed and args.get("archived") == "1",
            plan_item=plan_item,
        )


def gift_list(filters: GiftFilters, today: date):
    """The statement of the gifts the filters ask for (the list pages it by date, newest first)."""
    stmt = select(Gift).where(
        Gift.archived_at.is_not(None) if filters.archived else Gift.archived_at.is_(None)
    )
    if filters.direction:
        stmt = stmt.where(Gift.direction == filters.direction)
    if filters.year and 1900 < filters.year < 3000:
        stmt = stmt.where(Gift.exchanged_on.between(date(filters.year, 1, 1), date(filters.year, 12, 31)))
    if filters.plan_item:
        stmt = stmt.where(item_filter(Gift.plan_item_id, filters.plan_item))
    if filters.flag == "report_owed":
        stmt = stmt.where(report_missing())
    elif filters.flag == "overdue":
        stmt = stmt.where(report_missing(), Gift.report_due_on < today)
    elif filters.flag == "disposition":
        stmt = stmt.where(Gift.needs_report.is_(True), Gift.disposition.is_(None))
    if filters.q:
        pattern = f"%{filters.q.lower()}%"
        stmt = stmt.where(
            or_(func.lower(Gift.description).like(pattern), func.lower(Gift.occasion_note).like(pattern))
        )
    return stmt


def already_given(contact_id: int | None, partner_id: int | None) -> dict[int, date]:
    """stock item id -> the latest date it was given to this contact or partner."""
    if contact_id is None and partner_id is None:
        return {}
    whom = [Gift.contact_id == contact_id] if contact_id else []
    whom += [Gift.partner_id == partner_id] if partner_id else []
    rows = db.session.execute(
        select(Gift.stock_item_id, func.max(Gift.exchanged_on))
        .where(
            Gift.direction == "given",
            Gift.archived_at.is_(None),
            Gift.stock_item_id.is_not(None),
            or_(*whom),
        )
        .group_by(Gift.stock_item_id)
    ).all()
    return dict(rows)


def stock_items() -> list[StockItem]:
    """What the store offers, in the order it was added."""
    return list(
        db.session.scalars(select(StockItem).where(StockItem.archived_at.is_(None)).order_by(StockItem.id))
    )


def leader_choices() -> list[tuple[str, str]]:
    locale = current_locale_code()
    leaders = db.session.scalars(select(Leader).where(Leader.active.is_(True)).order_by(Leader.position))
    return [("", "—")] + [(str(leader.id), leader.names.get_for(locale)) for leader in leaders]


def giver_choices() -> list[tuple[str, str]]:
    users = db.session.scalars(
        select(User).where(User.active.is_(True), User.role.in_(GIVERS)).order_by(User.display_name)
    )
    return [("", "—")] + [(str(u.id), u.display_name) for u in users]


def delegation_choices(current: int | None = None) -> list[tuple[str, str]]:
    """Delegations from three years back to two years ahead (and the one a gift names already), newest first.
    Delegations are a feature above gifts: they are found by their kind name."""
    delegation = RECORD_KINDS.get("delegation")
    if delegation is None:
        return [("", "—")]
    locale = current_locale_code()
    today = office_today()
    stmt = (
        select(delegation)
        .where(
            delegation.archived_at.is_(None),
            delegation.end_on >= today - timedelta(days=3 * 365),
            delegation.start_on <= today + timedelta(days=2 * 365),
        )
        .order_by(delegation.start_on.desc())
        .limit(300)
    )
    rows = list(db.session.scalars(stmt))
    if current and current not in {d.id for d in rows}:
        extra = db.session.get(delegation, current)
        rows += [extra] if extra is not None else []
    return [("", "—")] + [(str(d.id), f"{format_date(d.start_on)} {d.title.get_for(locale)}") for d in rows]


def given_before(
    stock_item_id: int | None,
    contact_id: int | None,
    partner_id: int | None,
    exclude_gift_id: int | None = None,
) -> list[Gift]:
    """Gifts of this stock item the city already gave to this contact or this partner, newest first."""
    if stock_item_id is None or (contact_id is None and partner_id is None):
        return []
    whom = []
    if contact_id is not None:
        whom.append(Gift.contact_id == contact_id)
    if partner_id is not None:
        whom.append(Gift.partner_id == partner_id)
    stmt = select(Gift).where(
        Gift.direction == "given",
        Gift.archived_at.is_(None),
        Gift.stock_item_id == stock_item_id,
        whom[0] if len(whom) == 1 else whom[0] | whom[1],
    )
    if exclude_gift_id is not None:
        stmt = stmt.where(Gift.id != exclude_gift_id)
    return list(db.session.scalars(stmt.order_by(Gift.exchanged_on.desc(), Gift.id.desc())))


def stock_movements(item: StockItem, limit: int = 200) -> list[StockMovement]:
    return list(
        db.session.scalars(
            select(StockMovement)
            .where(StockMovement.stock_item_id == item.id)
            .order_by(StockMovement.id.desc())
            .limit(limit)
        )
    )
