"""Anniversaries of signed agreements (5, 10, 15, 20 ... years), which drive events and letters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ..core.db import db
from .models import Agreement, Partner

STEP_YEARS = 5


@dataclass
class Anniversary:
    on: date
    years: int
    agreement_id: int
    agreement_type: str
    partner: Partner


def _same_day_in(year: int, signed: date) -> date:
    try:
        return signed.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28)


def upcoming_anniversaries(today: date, days: int = 365) -> list[Anniversary]:
    """Round-number anniversaries of agreements in force, from today to `days` ahead, soonest first."""
    end = today + timedelta(days=days)
    rows = db.session.execute(
        select(Agreement.id, Agreement.agreement_type, Agreement.signed_on, Agreement.partner_id)
        .join(Partner, Partner.id == Agreement.partner_id)
        .where(
            Agreement.signed_on.is_not(None),
            Agreement.void.is_(False),
            Agreement.archived_at.is_(None),
            Partner.archived_at.is_(None),
        )
    ).all()
    found = []
    for agreement_id, agreement_type, signed, partner_id in rows:
        for year in range(today.year, end.year + 1):
            years = year - signed.year
            if years <= 0 or years % STEP_YEARS:
                continue
            day = _same_day_in(year, signed)
            if today <= day <= end:
                found.append((day, years, agreement_id, agreement_type, partner_id))
    found.sort()
    partners = (
        {p.id: p for p in db.session.scalars(select(Partner).where(Partner.id.in_({f[4] for f in found})))}
        if found
        else {}
    )
    return [Anniversary(day, years, aid, atype, partners[pid]) for day, years, aid, atype, pid in found]
