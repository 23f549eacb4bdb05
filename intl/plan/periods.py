"""Report periods: a plan year or one of its quarters, with their labels in the ROC calendar and in English."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from ..core.i18n import ROC_OFFSET

QUARTER_KEYS = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True)
class Period:
    year: int  # Gregorian
    quarter: int | None = None  # 1-4, or None for the whole year

    @classmethod
    def parse(cls, year: int, key: str | None) -> Period:
        """`key` is "year" (or empty) or "Q1".."Q4"; anything else raises ValueError."""
        if not key or key == "year":
            return cls(year)
        if key in QUARTER_KEYS:
            return cls(year, int(key[1]))
        raise ValueError(key)

    @property
    def key(self) -> str:
        return f"Q{self.quarter}" if self.quarter else "year"

    @property
    def start(self) -> date:
        return date(self.year, 3 * (self.quarter - 1) + 1, 1) if self.quarter else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        if not self.quarter:
            return date(self.year, 12, 31)
        month = 3 * self.quarter
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def year_start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def roc_year(self) -> int:
        return self.year - ROC_OFFSET

    def months(self) -> list[date]:
        first = self.start.month
        return [date(self.year, m, 1) for m in range(first, self.end.month + 1)]

    def label(self) -> str:
        """In the user's language: 民國115年 (2026) · 民國115年第1季 / 2026 (ROC 115) · Q1 2026 (ROC 115)."""
        if self.quarter:
            return _(
                "Q%(q)d of ROC year %(roc)d (%(year)d)", q=self.quarter, roc=self.roc_year, year=self.year
            )
        return _("ROC year %(roc)d (%(year)d)", roc=self.roc_year, year=self.year)

    def bilingual(self) -> tuple[str, str]:
        """Chinese and English labels for printed sheets, whoever prints them."""
        if self.quarter:
            return (
                f"民國{self.roc_year}年第{self.quarter}季",
                f"Q{self.quarter} {self.year} (ROC {self.roc_year})",
            )
        return f"民國{self.roc_year}年度", f"{self.year} (ROC {self.roc_year})"


def instant_bounds(start: date, end: date, zone: str) -> tuple[datetime, datetime]:
    """The half-open range of instants [start 00:00, end+1 00:00) in the office's zone, for UTC columns."""
    tz = ZoneInfo(zone)
    return datetime.combine(start, time(), tz), datetime.combine(end + timedelta(days=1), time(), tz)


def month_start(day: date, back: int = 0) -> date:
    """The first day of the month `back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)
