"""The partners' calendars on a visit's dates: the public holidays of each partner's country (the `holidays`
library, names in the reader's language where it has them), and Ramadan for guests who keep it, with the
Hijri (Umm al-Qura) date of each day from `hijridate`.

A guest keeps Ramadan when their dietary and religious needs say halal or their notes speak of Ramadan or
fasting (in the languages the office meets); the needs are personal data, so the caller has asked the
personal-data door first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from hijridate import Gregorian

from ..workdays import library

RAMADAN = 9
SHAWWAL = 10
FASTING_WORDS = re.compile(r"ramadan|ramazan|ramadhan|fasting|puasa|berpuasa|齋戒|斋戒|ラマダン|라마단", re.I)
RAMADAN_LABEL = _l("Ramadan, day %(day)s (%(date)s AH): fasting from dawn to sunset")
EID_LABEL = _l("Eid al-Fitr (%(date)s AH)")
# A Hijri date: "28 Ramadan 1447" in English, "1447年賴買丹月28日" in Chinese.
HIJRI_DATE = _l("%(day)s %(month)s %(year)s")
HIJRI_MONTHS = {
    1: _l("Muharram"),
    2: _l("Safar"),
    3: _l("Rabi al-Awwal"),
    4: _l("Rabi al-Thani"),
    5: _l("Jumada al-Ula"),
    6: _l("Jumada al-Akhirah"),
    7: _l("Rajab"),
    8: _l("Shaban"),
    9: _l("Ramadan"),
    10: _l("Shawwal"),
    11: _l("Dhu al-Qadah"),
    12: _l("Dhu al-Hijjah"),
}


@dataclass
class PartnerHoliday:
    day: date
    country: str
    names: dict[str, str] = field(default_factory=dict)  # locale -> the holiday's name


def partner_holidays(
    countries: list[str], first: date, last: date, locales: list[str]
) -> list[PartnerHoliday]:
    """Each country's public holidays in [first, last], named in each of `locales`."""
    found: dict[tuple[date, str], PartnerHoliday] = {}
    for country in dict.fromkeys(c for c in countries if library.supported(c)):
        for locale in locales:
            for day, name in library.holidays_between(country, first, last, locale).items():
                found.setdefault((day, country), PartnerHoliday(day, country)).names[locale] = name
    return sorted(found.values(), key=lambda h: (h.day, h.country))


def keeps_ramadan(contact) -> bool:
    return "halal" in (contact.needs or []) or bool(FASTING_WORDS.search(contact.needs_notes or ""))


def hijri_date(day: date, locale: str) -> str:
    """'3 Ramadan 1447' in the reader's language (the month names are ours to translate)."""
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:  # the Umm al-Qura tables cover 1937–2077
        return ""
    with force_locale(locale):
        return str(HIJRI_DATE) % {"day": hijri.day, "month": HIJRI_MONTHS[hijri.month], "year": hijri.year}


def ramadan_days(first: date, last: date, locale: str) -> dict[date, str]:
    """The days of [first, last] in Ramadan, and Eid al-Fitr, each with what it means for a fasting guest."""
    notes = {}
    day = first
    while day <= last:
        try:
            hijri = Gregorian(day.year, day.month, day.day).to_hijri()
        except OverflowError:  # the Umm al-Qura tables cover 1937–2077
            break
        with force_locale(locale):
            if hijri.month == RAMADAN:
                notes[day] = str(RAMADAN_LABEL) % {"day": hijri.day, "date": hijri_date(day, locale)}
            elif hijri.month == SHAWWAL and hijri.day == 1:
                notes[day] = str(EID_LABEL) % {"date": hijri_date(day, locale)}
        day += timedelta(days=1)
    return notes


@dataclass
class VisitDayNotes:
    """What a visit's days are for its partners and guests: {day: [(country, holiday name)]}, {day: Ramadan
    note}, and the names of the guests who fast."""

    holidays: dict[date, list[tuple[str, str]]]
    ramadan: dict[date, str]
    fasting: list


def visit_day_notes(delegation, personal: bool, locale: str) -> VisitDayNotes:
    """The partners' holidays on the visit's dates and, when the reader may see the guests' needs (`personal`,
    asked of the personal-data door), Ramadan for those who keep it."""
    holidays: dict[date, list[tuple[str, str]]] = {}
    countries = [p.country for p in delegation.partners if p.country]
    for holiday in partner_holidays(countries, delegation.start_on, delegation.end_on, [locale]):
        holidays.setdefault(holiday.day, []).append((holiday.country, holiday.names[locale]))
    fasting = [
        m.contact.display_name(locale) for m in delegation.members if personal and keeps_ramadan(m.contact)
    ]
    ramadan = ramadan_days(delegation.start_on, delegation.end_on, locale) if fasting else {}
    return VisitDayNotes(holidays, ramadan, fasting)
