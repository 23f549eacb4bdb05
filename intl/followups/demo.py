"""Demo follow-ups beyond the delegation's: one from a meeting, overdue, so that 'My follow-ups' on the demo
officer's home page shows the highlight. Illustrative."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from ..auth.services import find_user
from ..core.db import db
from ..core.time import office_today
from ..interactions.models import Interaction
from ..interactions.services import create_interaction
from ..partners.models import Partner
from .models import FollowUp
from .services import add_followup


def load_followups_demo() -> None:
    """Add a meeting with an overdue follow-up for the demo officer, once."""
    if db.session.scalars(select(FollowUp).where(FollowUp.source_kind == "interaction")).first():
        return
    officer = find_user("officer")
    seattle = next((p for p in db.session.scalars(select(Partner)) if p.names.get("en") == "Seattle"), None)
    if officer is None or seattle is None:
        return
    today = office_today()
    meeting: Interaction = create_interaction(
        ("partner", seattle.id),
        [],
        kind="meeting",
        subject="燈會合作視訊會議 / Video meeting on the Lantern Festival",
        occurred_at=datetime.combine(today - timedelta(days=20), time(2, 0), UTC),
    )
    add_followup(
        "interaction",
        meeting.id,
        "寄送燈會邀請函與行程草案 / Send the Lantern Festival invitation and draft programme",
        officer.id,
        today - timedelta(days=5),
    )
    add_followup(
        "interaction",
        meeting.id,
        "確認西雅圖代表團人數 / Confirm the size of Seattle's delegation",
        officer.id,
        today + timedelta(days=3),
    )
    db.session.flush()
