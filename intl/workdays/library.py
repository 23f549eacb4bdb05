"""The `holidays` library, asked the way the office needs it: a country's holidays for some years in the
reader's language where the library has one, Taiwan's make-up workdays (補班日), and its days that are kept
but worked (the library's "workday" category: commemorations such as Arbor Day).

holidays 0.108 keeps Taiwan's make-up workdays in `weekend_workdays` (a Saturday worked to bridge a holiday),
and its "workday" category for commemorations that are not days off; both are read here.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from types import ModuleType

from babel import Locale, UnknownLocaleError


def _library() -> ModuleType:
    """The holidays library (7 MB: every country's calendar, lunar and Islamic ones included), loaded by the
    workers that count working days or show a holiday, not by every worker at its start."""
    import holidays

    return holidays


@lru_cache(maxsize=256)
def _calendar(country: str):
    """The library's calendar of a country, built once per process; None for a country it does not know
    (the library answers those with NotImplementedError)."""
    try:
        return _library().country_holidays(country)
    except NotImplementedError:
        return None


def library_language(country: str, locale: str) -> str | None:
    """The library's language closest to a reader's locale (zh_Hant_TW -> zh_TW, en -> en_US, ja -> ja), else
    English, else the country's own. Always explicit: left to itself the library follows the process's LANG."""
    calendar = _calendar(country)
    if calendar is None:
        return None
    supported = calendar.supported_languages
    fallback = "en_US" if "en_US" in supported else calendar.default_language
    try:
        parsed = Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return fallback
    wanted = [locale, f"{parsed.language}_{parsed.territory}" if parsed.territory else None, parsed.language]
    if parsed.language == "zh":
        wanted.insert(1, "zh_TW" if parsed.script == "Hant" or parsed.territory in {"TW", "HK"} else "zh_CN")
    for code in wanted:
        if code and code in supported:
            return code
    for code in sorted(supported):
        if code.split("_")[0] == parsed.language:
            return code
    return fallback


@lru_cache(maxsize=256)
def country_days(
    country: str, first_year: int, last_year: int, language: str | None, category: str = "public"
):
    """A country's holidays of these years (cached: the library computes lunar calendars)."""
    try:
        return _library().country_holidays(
            country, years=range(first_year, last_year + 1), language=language, categories=(category,)
        )
    except (NotImplementedError, KeyError):
        return {}


def supported(country: str | None) -> bool:
    return bool(country) and _calendar(country) is not None


def holidays_between(country: str, first: date, last: date, locale: str) -> dict[date, str]:
    """{day: name} of a country's public holidays in [first, last], in the reader's language if it has one."""
    days = country_days(country, first.year, last.year, library_language(country, locale))
    return {day: name for day, name in sorted(days.items()) if first <= day <= last}


def makeup_workdays(country: str, first: date, last: date) -> set[date]:
    """Weekend days worked to bridge a holiday (補班日)."""
    days = country_days(country, first.year, last.year, None)
    return {day for day in getattr(days, "weekend_workdays", set()) if first <= day <= last}


def weekend_days(country: str) -> frozenset[int]:
    calendar = _calendar(country)
    return frozenset(calendar.weekend) if calendar is not None else frozenset({5, 6})


def observances_between(country: str, first: date, last: date, locale: str) -> dict[date, str]:
    """Commemorations kept but worked (the library's "workday" category), for showing, not closing."""
    days = country_days(country, first.year, last.year, library_language(country, locale), "workday")
    return {day: name for day, name in sorted(days.items()) if first <= day <= last}
