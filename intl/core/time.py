"""The one clock, time-zone helpers and a UTC datetime column type that refuses naive values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def now_utc() -> datetime:
    """The current time, timezone-aware in UTC. Every 'now' in the application comes from here."""
    return datetime.now(UTC)


def today_in(zone: str) -> date:
    return now_utc().astimezone(ZoneInfo(zone)).date()


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
