"""Dates in a partner's own era, for the documents made for them: Japanese era names (令和8年12月7日) for
Japanese partners, Buddhist-era years (พ.ศ. 2569) for Thai ones. ROC years are the office's own (core/i18n).

ICU (pyicu, already here for collation) knows these calendars, era changes included (平成31年4月30日 is
followed by 令和元年5月1日), so no table of era starts is kept here. Babel has neither calendar.
"""

from __future__ import annotations

from datetime import date

# Era -> the ICU locale whose calendar and wording a native reader expects.
ERA_LOCALES = {"japanese": "ja_JP@calendar=japanese", "buddhist": "th_TH@calendar=buddhist"}
COUNTRY_ERAS = {"JP": "japanese", "TH": "buddhist"}
ERA_CHOICES = ("", "none", *ERA_LOCALES)


def era_date(day: date, era: str, locale: str | None = None) -> str:
    """`day` in the era's calendar, worded for the era's own readers (or for `locale`'s: 'December 7, 2569 BE')."""
    import icu  # PyICU (18 MB) only in the workers that print a document dated in an era

    wanted = ERA_LOCALES[era] if locale is None else f"{locale}@calendar={era}"
    utc = icu.TimeZone.getGMT()
    gregorian = icu.GregorianCalendar(utc)
    gregorian.clear()
    gregorian.set(day.year, day.month - 1, day.day, 12, 0)
    formatter = icu.DateFormat.createDateInstance(icu.DateFormat.kLong, icu.Locale(wanted))
    formatter.setTimeZone(utc)
    return formatter.format(gregorian.getTime())


def document_era(countries: list[str], asked: str | None = None) -> str | None:
    """The era a document for partners of these countries is dated in: what it asks ("none" for none), else
    the first partner's country's own (Japan, Thailand), else None."""
    if asked == "none":
        return None
    if asked in ERA_LOCALES:
        return asked
    return next((COUNTRY_ERAS[c] for c in countries if c in COUNTRY_ERAS), None)
