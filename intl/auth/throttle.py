"""Slowing down password guessing: failed sign-ins are counted per name and per address in the database
(so every app server sees the same counts) and lock further attempts for a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from ..core.db import db
from ..core.time import UTCDateTime, now_utc


class SignInFailure(db.Model):
    __tablename__ = "sign_in_failure"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(nullable=False, default=0)
    window_start_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


def _keys(username: str, address: str | None) -> list[tuple[str, int]]:
    config = current_app.config
    keys = [(f"name:{username.strip().casefold()[:200]}", config["SIGN_IN_MAX_FAILURES"])]
    if address:
        keys.append((f"addr:{address[:100]}", config["SIGN_IN_IP_MAX_FAILURES"]))
    return keys


def locked_until(username: str, address: str | None) -> datetime | None:
    """When the lock on this name or address ends, if one is in force now."""
    now = now_utc()
    keys = [key for key, _limit in _keys(username, address)]
    rows = db.session.scalars(select(SignInFailure).where(SignInFailure.key.in_(keys)))
    ends = [row.locked_until for row in rows if row.locked_until and row.locked_until > now]
    return max(ends) if ends else None


def note_failure(username: str, address: str | None) -> None:
    config = current_app.config
    now = now_utc()
    window = timedelta(minutes=config["SIGN_IN_WINDOW_MINUTES"])
    for key, limit in _keys(username, address):
        row = db.session.get(SignInFailure, key)
        if row is None:
            row = SignInFailure(key=key, failures=0, window_start_at=now)
            db.session.add(row)
        if now - row.window_start_at > window:
            row.failures, row.window_start_at = 0, now
        row.failures += 1
        if row.failures >= limit:
            row.locked_until = now + timedelta(minutes=config["SIGN_IN_LOCK_MINUTES"])
    db.session.commit()


def clear_failures(username: str) -> None:
    row = db.session.get(SignInFailure, f"name:{username.strip().casefold()[:200]}")
    if row is not None:
        db.session.delete(row)
