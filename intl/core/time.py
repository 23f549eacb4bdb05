"""The one clock, the office's own day, time-zone helpers and a UTC datetime column type that refuses naive
values.

The office's zone is a setting (`OFFICE_TIMEZONE`): "today", anniversaries, file names of exports and the
zone a new engagement, event or user starts in all come from `office_zone_name()`, never from a literal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from flask import current_app, has_app_context
from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def now_utc() -> datetime:
    """The current time, timezone-aware in UTC. Every 'now' in the application comes from here."""
    return datetime.now(UTC)


def today_in(zone: str) -> date:
    return now_utc().astimezone(ZoneInfo(zone)).date()


DEFAULT_OFFICE_ZONE = "Asia/Taipei"  # the default of the OFFICE_TIMEZONE setting (intl/config.py)


def office_zone_name() -> str:
    """The office's IANA zone, from the OFFICE_TIMEZONE setting (also the default of new records' zones)."""
    if has_app_context():
        return current_app.config.get("OFFICE_TIMEZONE") or DEFAULT_OFFICE_ZONE
    return DEFAULT_OFFICE_ZONE


def office_zone() -> ZoneInfo:
    return ZoneInfo(office_zone_name())


def office_today() -> date:
    """The office's date now: what "today" means for deadlines, anniversaries and the home page."""
    return today_in(office_zone_name())


def office_now() -> datetime:
    """The current instant in the office's zone (for file names and stamps a person reads)."""
    return now_utc().astimezone(office_zone())


@lru_cache(maxsize=1)
def all_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_zone(name: str | None) -> bool:
    return bool(name) and name in all_zone_names()


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as UTC; refuses naive ones so that no local time slips in unnoticed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
