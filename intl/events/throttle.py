"""Rate limits for the public registration pages, counted in the database (every app server sees the same
counts), per visitor address and per event: a form anyone can reach must not let one script fill an event
or flood the office's list.

Each key counts requests in a fixed window; once over its limit the key answers 'no' until the window ends.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ..core.db import db
from ..core.time import UTCDateTime, now_utc

DEFAULTS = {
    "REGISTRATION_IP_LIMIT": 20,  # submissions and failed look-ups from one address per window
    "REGISTRATION_EVENT_LIMIT": 300,  # submissions to one event per window, from everyone
    "REGISTRATION_WINDOW_MINUTES": 10,
}
STALE = timedelta(days=1)


class PublicFormHit(db.Model):
    __tablename__ = "public_form_hit"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    hits: Mapped[int] = mapped_column(nullable=False, default=0)
    window_start_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


def setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


def keys_for(address: str | None, event_id: int | None) -> list[tuple[str, int]]:
    keys = []
    if address:
        keys.append((f"reg-addr:{address[:100]}", setting("REGISTRATION_IP_LIMIT")))
    if event_id is not None:
        keys.append((f"reg-event:{event_id}", setting("REGISTRATION_EVENT_LIMIT")))
    return keys


def is_limited(keys: list[tuple[str, int]]) -> bool:
    """Whether any of these keys has used up its window (without counting this request)."""
    now = now_utc()
    window = timedelta(minutes=setting("REGISTRATION_WINDOW_MINUTES"))
    for key, limit in keys:
        row = db.session.get(PublicFormHit, key)
        if row is not None and now - row.window_start_at <= window and row.hits >= limit:
            return True
    return False


def note_hit(keys: list[tuple[str, int]]) -> None:
    """Count one request against each key. Flushed with the request's own work, committed by the view."""
    now = now_utc()
    window = timedelta(minutes=setting("REGISTRATION_WINDOW_MINUTES"))
    for key, _limit in keys:
        row = db.session.get(PublicFormHit, key)
        if row is None:
            # a new visitor: a good moment to drop counters from long-past windows (the table stays small)
            db.session.execute(
                delete(PublicFormHit).where(
                    PublicFormHit.window_start_at < now - STALE,
                    PublicFormHit.key.not_in([k for k, _limit in keys]),
                )
            )
            try:
                with db.session.begin_nested():
                    db.session.add(PublicFormHit(key=key, hits=1, window_start_at=now))
            except IntegrityError:
                pass  # another server counted this key's first request at the same moment
            continue
        if now - row.window_start_at > window:
            row.hits, row.window_start_at = 0, now
        row.hits += 1
    db.session.flush()
