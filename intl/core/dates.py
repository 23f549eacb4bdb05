"""The one date reader and the one date writer: every form field, import and page script reads dates a person
wrote through `read_date`, and every page shows a date known to a day, a month or a year through `write_date`.

Offices write dates in many ways (DOMAIN.md, dates): Gregorian `2026-11-27`, `2026/11/27`, `2026年11月27日`,
and ROC (民國, year - 1911) `民國115年11月27日`, `民國 115/11/27`, `115/11/27`, `115.11.27`, `115-11-27`,
`63年7月23日`. Old ties are often known to the year only (`1962`, `民國51年`) or the month (`1974-07`): where a
caller allows it, these are read as such, never invented as the 1st of January.

A four-digit year is Gregorian; one to three digits are ROC years. A date that cannot exist (2025-02-30,
115/02/30) always gets the same message, whichever form or file it came from.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from flask import current_app, has_request_context
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

ROC_OFFSET = 1911  # ROC year = Gregorian year - 1911

DAY, MONTH, YEAR = "day", "month", "year"
PRECISIONS = {DAY: _l("Day"), MONTH: _l("Month"), YEAR: _l("Year")}
DAY_ONLY = frozenset({DAY})
ANY_PRECISION = frozenset({DAY, MONTH, YEAR})


def _locale_code() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


@lru_cache(maxsize=16)
def _babel_locale(code: str) -> Locale:
    return Locale.parse(code)


ASK = object()  # write_date's era not given: the reader's, looked up


def era_of_reader(locale: str) -> str | None:
    """ "roc" or "buddhist" when the reader's date setting asks for that era and they read its language
    (Chinese, Thai), else None. A list formats a hundred dates: the user is looked up once per date here,
    not once per question about them."""
    if not has_request_context():
        return None
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return None
    style = user.date_style
    if style == "roc" and locale.startswith("zh"):
        return "roc"
    if style == "buddhist" and locale.startswith("th"):
        return "buddhist"
    return None


def uses_roc_dates() -> bool:
    """The reader asked for ROC dates (their setting, in Chinese)."""
    return era_of_reader(_locale_code()) == "roc"


BUDDHIST_OFFSET = 543  # Thai Buddhist era (พ.ศ.): Gregorian year + 543; Babel has no such calendar either
BUDDHIST_ERA = "พ.ศ."


def uses_buddhist_era() -> bool:
    """A Thai reader who asked for Buddhist-era years (their date setting), reading Thai."""
    return era_of_reader(_locale_code()) == "buddhist"


def _buddhist_pattern(pattern: str, year: int) -> str:
    """A CLDR date pattern with its year (y...) as the Buddhist-era year and its era (G...) as พ.ศ., both
    as quoted literals; quoted text in the pattern is left alone."""
    out, i, quoted = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "'":
            quoted = not quoted
            out.append(ch)
            i += 1
            continue
        run = 1
        while not quoted and ch in "yG" and i + run < len(pattern) and pattern[i + run] == ch:
            run += 1
        if quoted or ch not in "yG":
            out.append(ch)
        elif ch == "y":
            out.append(f"'{year % 100:02d}'" if run == 2 else f"'{year}'")
        else:
            out.append(f"'{BUDDHIST_ERA}'")
        i += run
    return "".join(out)


def buddhist_date(value: date, format: str = "long", locale: str = "th") -> str:
    """A date in the locale's own pattern (Thai by default) with the Buddhist-era year: 27 พ.ย. 2569
    (medium), 27 พฤศจิกายน พ.ศ. 2569 (long), วันศุกร์ที่ 27 พฤศจิกายน พ.ศ. 2569 (full)."""
    pattern = _babel_locale(locale).date_formats[format].pattern
    year = value.year + BUDDHIST_OFFSET
    return babel_format_date(value, _buddhist_pattern(pattern, year), locale=locale)


class DateReadError(ValueError):
    """A date that cannot be read, or that does not exist; the message is in the user's language."""


def impossible_date_message() -> str:
    """The one message for a date that does not exist, on every form and in every import."""
    return _("That date does not exist.")


class KnownDate(NamedTuple):
    """A date as far as it is known: `value` is its first day (1 January for a year, the 1st for a month)."""

    value: date
    precision: str = DAY


_ROC_PREFIX = r"(?:民國|民国|中華民國|中华民国)"
_SEP = r"\s*[./\-]\s*"
# Patterns give (era, year, month, day): era "g" Gregorian, "r" ROC, "?" by the number of digits.
_PATTERNS: list[tuple[re.Pattern, str]] = [
    # 民國115年11月27日, 115年11月27日, 民國51年, 民國63年7月, 2026年11月27日, 1962年
    (
        re.compile(
            rf"^(?P<roc>{_ROC_PREFIX})?\s*(?P<y>\d{{1,4}})\s*年(?:\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日?)?)?$"
        ),
        "?",
    ),
    # 民國 115/11/27, 民國115/11/27, 民國63/07, 民國51
    (
        re.compile(
            rf"^(?P<roc>{_ROC_PREFIX})\s*(?P<y>\d{{1,3}})(?:{_SEP}(?P<m>\d{{1,2}})(?:{_SEP}(?P<d>\d{{1,2}}))?)?$"
        ),
        "r",
    ),
    # 2026-11-27, 2026/11/27, 2026.11.27, 1974-07, 1962 (a time after the date, as spreadsheets write, is dropped)
    (
        re.compile(
            rf"^(?P<y>\d{{4}})(?:{_SEP}(?P<m>\d{{1,2}})(?:{_SEP}(?P<d>\d{{1,2}})(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?)?)?$"
        ),
        "g",
    ),
    # 115/11/27, 115.11.27, 115-11-27, 63/07/23 (a ROC year alone or with its month needs 民國 or 年)
    (re.compile(rf"^(?P<y>\d{{1,3}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}})$"), "r"),
]


def _example_message(precision_allowed: frozenset[str]) -> str:
    if precision_allowed == DAY_ONLY:
        return _("Enter a date such as 2026-11-27 or 115/11/27 (ROC).")
    return _("Enter a date such as 2026-11-27, 1974-07 or 1962 (or ROC: 民國51年).")


def read_date(text: str | None, *, precision_allowed: frozenset[str] = DAY_ONLY) -> KnownDate | None:
    """Read a date a person wrote (forms, imports, page scripts): None when blank, a KnownDate otherwise.

    Raises DateReadError when the text is no date, is less precise than allowed (a year where a day is
    needed), or names a day that does not exist (impossible_date_message()).
    """
    text = unicodedata.normalize("NFKC", text or "").strip()  # full-width digits and slashes
    if not text:
        return None
    found = next(((m, era) for pattern, era in _PATTERNS if (m := pattern.match(text))), None)
    if found is None:
        raise DateReadError(_example_message(precision_allowed))
    match, era = found
    parts = match.groupdict()
    year = int(parts["y"])
    if era == "r" or parts.get("roc") or (era == "?" and len(parts["y"]) < 4):
        if len(parts["y"]) == 4:
            raise DateReadError(_example_message(precision_allowed))
        year += ROC_OFFSET
    month = int(parts["m"]) if parts.get("m") else None
    day = int(parts["d"]) if parts.get("d") else None
    precision = DAY if day is not None else MONTH if month is not None else YEAR
    try:
        value = date(year, month or 1, day or 1)
    except ValueError:
        raise DateReadError(impossible_date_message()) from None
    if precision not in precision_allowed:
        raise DateReadError(
            _("Enter the full date, with its day: such as 2026-11-27 or 115/11/27 (ROC).")
            if precision_allowed == DAY_ONLY
            else _example_message(precision_allowed)
        )
    return KnownDate(value, precision)


def read_day(text: str | None) -> date | None:
    """A full date (day precision) or None when blank; raises DateReadError as read_date does."""
    found = read_date(text)
    return found.value if found else None


def roc_text(value: date, precision: str = DAY, style: str = "long") -> str:
    """A date in the ROC calendar: 民國115年11月27日 (long) or 115/11/27 (short), at its precision."""
    year = value.year - ROC_OFFSET
    if precision == YEAR:
        return f"民國{year}年"
    if precision == MONTH:
        return f"民國{year}年{value.month}月" if style == "long" else f"{year}/{value.month:02d}"
    if style == "short":
        return f"{year}/{value.month:02d}/{value.day:02d}"
    return f"民國{year}年{value.month}月{value.day}日"


def write_date(
    value: date | None,
    precision: str | None = DAY,
    format: str = "medium",
    *,
    roc: bool | None = None,
    locale: str | None = None,
    era: str | None | object = ASK,
) -> str:
    """A date as the reader writes it: ROC when their setting asks (`roc` None: the current user's), else
    Babel's pattern of their language, at the precision known (1962, Jul 1974 / 1962年, 1974年7月).
    `era`: the reader's (era_of_reader) when the caller already knows it, as a list writing a hundred dates
    does (asking costs a look-up of the user and of the locale each time)."""
    if value is None:
        return ""
    precision = precision or DAY
    locale = locale or _locale_code()
    if era is ASK:
        era = era_of_reader(locale)
    if roc is None:
        roc = era == "roc"
    if not roc and precision == DAY and format in ("short", "medium", "long", "full") and era == "buddhist":
        return buddhist_date(value, format, locale)
    if roc:
        text = roc_text(value, precision, "short" if format == "short" else "long")
        if format == "full" and precision == DAY:  # with the weekday, as the full Gregorian form has it
            text = f"{text} {babel_format_date(value, 'EEEE', locale=_babel_locale(locale))}"
        return text
    loc = _babel_locale(locale)
    if precision == YEAR:
        return format_skeleton("y", value, locale=loc)
    if precision == MONTH:
        return format_skeleton("yMM" if format == "short" else "yMMM", value, locale=loc)
    return _day_text(value, format, locale)


@lru_cache(maxsize=8192)
def _day_text(value: date, format: str, locale: str) -> str:
    """Babel's text of a day (about 40 µs each; a list repeats its days): kept per day, format and locale."""
    return babel_format_date(value, format, locale=_babel_locale(locale))


def input_text(value: date | None, precision: str | None = DAY, *, roc: bool | None = None) -> str:
    """A date as a form shows it for editing, in a form read_date reads back: 2026-11-27, 1974-07, 1962,
    or for ROC users 115/11/27, 民國63年7月, 民國51年."""
    if value is None:
        return ""
    precision = precision or DAY
    if roc is None:
        roc = uses_roc_dates()
    if roc:
        return roc_text(value, precision, "short" if precision == DAY else "long")
    if precision == YEAR:
        return f"{value.year:04d}"
    if precision == MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def iso_text(value: date | None, precision: str | None = DAY) -> str:
    """The neutral written form of a date at its precision (files, JSON): 2026-11-27, 1974-07, 1962."""
    return input_text(value, precision, roc=False)
