"""Languages: which locale a request uses, and the formatting helpers templates and exports call.

Dates, times, numbers and country names come from Babel (CLDR). The ROC calendar (民國) is ours to format,
since Babel has none: ROC year = Gregorian year - 1911.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from babel.dates import format_skeleton, get_datetime_format
from flask import current_app, has_request_context, request, session
from flask_babel import force_locale, format_decimal, get_locale
from flask_babel import format_datetime as babel_format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

# ROC_OFFSET and uses_roc_dates are re-exported: many features read the year offset and the reader's setting here.
from .dates import (  # noqa: F401
    BUDDHIST_ERA,
    BUDDHIST_OFFSET,
    ROC_OFFSET,
    buddhist_date,
    era_of_reader,
    roc_text,
    uses_buddhist_era,
    uses_roc_dates,
    write_date,
)
from .localized import LocalizedText

# Each language named in itself (the picker's buttons), in the order of config LANGUAGES.
LANGUAGE_NAMES = {
    "zh_Hant_TW": "繁體中文",
    "en": "English",
    "ja": "日本語",
    "ko": "한국어",
    "vi": "Tiếng Việt",
    "id": "Bahasa Indonesia",
    "th": "ไทย",
}


def select_locale() -> str:
    """The user's saved preference, then the header switcher (session), then the browser, then the default."""
    supported = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background work speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    chosen = session.get("locale")
    if chosen in supported:
        return chosen
    match = _best_browser_match(supported)
    return match or current_app.config["BABEL_DEFAULT_LOCALE"]


def _best_browser_match(supported: list[str]) -> str | None:
    # werkzeug compares tags literally; map language tags (zh-TW, zh-Hant, en-US) to our locales by Babel.
    for tag, _quality in request.accept_languages:
        found = supported_locale(tag)
        if found is not None:
            return found
    return None


def supported_locale(code: str | None) -> str | None:
    """The app's locale that speaks this language tag ("ja-JP", "ja", "zh_Hant" -> ours), or None.

    A Simplified Chinese tag is not matched to Traditional Chinese (its reader is better served in English).
    """
    if not code:
        return None
    supported = current_app.config["LANGUAGES"]
    if code in supported:
        return code
    try:
        wanted = Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, Exception):
        return None
    for ours_code in supported:
        ours = babel_locale(ours_code)
        if ours.language != wanted.language:
            continue
        if ours.language == "zh" and (wanted.script == "Hans" or wanted.territory in {"CN", "SG"}):
            continue
        return ours_code
    return None


def reader_locale(*preferences: str | None) -> str:
    """The language to write to someone in (a mail, a public page, a calendar entry, a document): the first of
    their preferences, best first, that the app speaks, else the office's default. The one rule for every
    reader outside a request: users, guests, students, contacts."""
    for code in preferences:
        found = supported_locale(code)
        if found is not None:
            return found
    return current_app.config["BABEL_DEFAULT_LOCALE"]


CHINESE = "zh_Hant_TW"


def in_both(message: str, other: str, **params) -> Markup:
    """A printed label (an English message id, extracted by the keyword `in_both`) in Chinese, then in the
    document's second language marked with its lang (fonts and line breaking follow it): '行程 <span
    lang="ja">日程</span>'. A language without the translation prints the English (the catalogs' fallback)."""
    with force_locale(CHINESE):
        chinese = _(message, **params)
    with force_locale(other):
        second = _(message, **params)
    if second == chinese:
        return escape(chinese)
    return Markup('{} <span lang="{}">{}</span>').format(chinese, other.replace("_", "-"), second)


def say_in(locale: str, message: str, **params) -> str:
    """A message in a given language (a document's second side), whatever the page's language; extracted by
    the keyword `say_in:2`."""
    with force_locale(locale):
        return _(message, **params)


def select_timezone() -> str:
    if has_request_context():
        user = current_user._get_current_object()  # one look-up of the proxy, not three
        if user is not None and user.is_authenticated and user.timezone:
            return user.timezone
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def current_locale_code() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def roc_date(value: date, style: str = "long") -> str:
    """A day in the ROC calendar: 民國115年11月27日, or 115/11/27 (short); see core.dates for other precisions."""
    return roc_text(value, "day", style)


def format_date(value: date | datetime | None, format: str = "medium", precision: str | None = "day") -> str:
    """The |date filter: a date in the reader's style (ROC or their language's), at the precision known
    (`precision` "year" or "month" for a date known to the year or month only; see core.dates)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(select_timezone())).date()
    return write_date(value, precision or "day", format)


def format_month(value: date, width: str = "long") -> str:
    """A month: 'November 2026' / '2026年11月' ('Nov 2026' when short), '民國115年11月' ('115/11') in ROC."""
    if uses_roc_dates():
        year = value.year - ROC_OFFSET
        return f"{year}/{value.month:02d}" if width == "short" else f"民國{year}年{value.month}月"
    return format_skeleton("yMMM" if width == "short" else "yMMMM", value, locale=current_locale_code())


def format_datetime(value: datetime | None, format: str = "medium") -> str:
    """The |datetime filter: an instant in the reader's zone, era and language."""
    if value is None:
        return ""
    return datetime_writer(format)(value)


def datetime_writer(format: str = "medium") -> Callable[[datetime | None], str]:
    """format_datetime for the many instants of one page: the reader's language, era and zone are looked up
    once here (three look-ups of the user and the locale per instant otherwise), the rest per instant."""
    locale = current_locale_code()
    era = era_of_reader(locale)
    zone = (
        ZoneInfo(select_timezone())
        if era in ("roc", "buddhist") or format in _CACHED_DATETIME_FORMATS
        else None
    )

    def write(value: datetime | None) -> str:
        if value is None:
            return ""
        if era == "roc":
            local = value.astimezone(zone)
            return f"{roc_date(local.date())} {local:%H:%M}"
        if era == "buddhist":
            local = value.astimezone(zone)
            return f"{buddhist_date(local.date(), 'medium', locale)} {local:%H:%M}"
        if format in _CACHED_DATETIME_FORMATS:
            local = value.astimezone(zone)
            return _datetime_text(local.replace(tzinfo=None), format, locale)
        return babel_format_datetime(value, format)

    return write


# A list of 100 registrations formats 200 instants, at about 0.1 ms each in Babel (a fifth of the page, issue 12).
# Babel writes a "short" or "medium" date-time as the locale's pattern joining a date and a time, neither with
# a zone; the day and the time of day repeat down a list, so each is kept once per locale, and the text is
# Babel's own. ("long" and "full" name the zone: they go to Babel whole.)
_CACHED_DATETIME_FORMATS = ("short", "medium")


def _datetime_text(local: datetime, format: str, locale: str) -> str:
    joined = _datetime_pattern(format, locale)
    return joined.replace("{0}", _time_text(local.time(), format, locale)).replace(
        "{1}", _date_text(local.date(), format, locale)
    )


@lru_cache(maxsize=64)
def _datetime_pattern(format: str, locale: str) -> str:
    return str(get_datetime_format(format, locale=babel_locale(locale))).replace("'", "")


@lru_cache(maxsize=8192)
def _date_text(day: date, format: str, locale: str) -> str:
    return babel_dates.format_date(day, format, locale=babel_locale(locale))


@lru_cache(maxsize=8192)
def _time_text(wall: time, format: str, locale: str) -> str:
    return babel_dates.format_time(wall, format, tzinfo=None, locale=babel_locale(locale))


def format_number(value) -> str:
    return "" if value is None else format_decimal(value)


@lru_cache(maxsize=64)
def babel_locale(code: str) -> Locale:
    return Locale.parse(code)


def country_name(code: str | None, locale: str | None = None) -> str:
    if not code:
        return ""
    return babel_locale(locale or current_locale_code()).territories.get(code, code)


def language_name(code: str | None, locale: str | None = None) -> str:
    if not code:
        return ""
    loc = babel_locale(locale or current_locale_code())
    try:
        return Locale.parse(code).get_display_name(loc) or code
    except (ValueError, Exception):
        return loc.languages.get(code, code)


def localized(value: LocalizedText | dict | None, locale: str | None = None) -> str:
    """The form of a name a reader of `locale` (the current reader's when None) reads."""
    if not value:
        return ""
    if not isinstance(value, LocalizedText):
        value = LocalizedText(value)
    return value.get_for(locale or current_locale_code())


def fallback_lang(value: LocalizedText | dict | None) -> str | None:
    """The lang tag (ja, zh-Hans ...) of the form `localized` shows when it is not in the reader's language, so
    that the page can mark it (WCAG 3.1.2); None when the reader's own form is shown."""
    if not value:
        return None
    if not isinstance(value, LocalizedText):
        value = LocalizedText(value)
    code = value.fallback_locale(current_locale_code())
    return code.replace("_", "-") if code else None
