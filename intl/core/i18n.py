"""Languages: which locale a request uses, and the formatting helpers templates and exports call.

Dates, times, numbers and country names come from Babel (CLDR). The ROC calendar (民國) is ours to format,
since Babel has none: ROC year = Gregorian year - 1911.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from flask import current_app, has_request_context, request, session
from flask_babel import force_locale, format_decimal, get_locale
from flask_babel import format_date as babel_format_date
from flask_babel import format_datetime as babel_format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

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
ROC_OFFSET = 1911
BUDDHIST_OFFSET = 543  # Thai Buddhist era (พ.ศ.): Gregorian year + 543; Babel has no such calendar either
BUDDHIST_ERA = "พ.ศ."


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
    if has_request_context() and current_user and current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def current_locale_code() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def uses_roc_dates() -> bool:
    return (
        has_request_context()
        and current_user.is_authenticated
        and current_user.date_style == "roc"
        and current_locale_code().startswith("zh")
    )


def uses_buddhist_era() -> bool:
    """A Thai reader who asked for Buddhist-era years (their date setting), reading Thai."""
    return (
        has_request_context()
        and current_user.is_authenticated
        and current_user.date_style == "buddhist"
        and current_locale_code().startswith("th")
    )


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
    pattern = babel_locale(locale).date_formats[format].pattern
    year = value.year + BUDDHIST_OFFSET
    return babel_dates.format_date(value, _buddhist_pattern(pattern, year), locale=locale)


def roc_date(value: date, style: str = "long") -> str:
    year = value.year - ROC_OFFSET
    if style == "short":
        return f"{year}/{value.month:02d}/{value.day:02d}"
    return f"民國{year}年{value.month}月{value.day}日"


def format_date(value: date | datetime | None, format: str = "medium") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(select_timezone())).date()
    if uses_roc_dates():
        return roc_date(value, "short" if format == "short" else "long")
    if uses_buddhist_era() and format in ("short", "medium", "long", "full"):
        return buddhist_date(value, format, current_locale_code())
    return babel_format_date(value, format)


def format_datetime(value: datetime | None, format: str = "medium") -> str:
    if value is None:
        return ""
    if uses_roc_dates():
        local = value.astimezone(ZoneInfo(select_timezone()))
        return f"{roc_date(local.date())} {local:%H:%M}"
    if uses_buddhist_era():
        local = value.astimezone(ZoneInfo(select_timezone()))
        return f"{buddhist_date(local.date(), 'medium', current_locale_code())} {local:%H:%M}"
    return babel_format_datetime(value, format)


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


def localized(value: LocalizedText | dict | None) -> str:
    if not value:
        return ""
    if not isinstance(value, LocalizedText):
        value = LocalizedText(value)
    return value.get_for(current_locale_code())


_ROC_PATTERNS = [
    re.compile(r"^(?:民國|民国)?\s*(\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{1,3})[./-](\d{1,2})[./-](\d{1,2})$"),
]
_ISO_PATTERN = re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$")


def parse_date_input(text: str, allow_roc: bool = True) -> date:
    """Read a date a person typed: ISO (2026-11-27) always; ROC (115/11/27, 民國115年11月27日) when allowed.

    Raises ValueError with a message in the user's language.
    """
    text = (text or "").strip()
    match = _ISO_PATTERN.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        roc = next((m for p in _ROC_PATTERNS if (m := p.match(text))), None) if allow_roc else None
        if roc is None:
            raise ValueError(
                _("Enter a date such as 2026-11-27 or 115/11/27 (ROC).")
                if allow_roc
                else _("Enter a date such as 2026-11-27.")
            )
        year, month, day = (int(part) for part in roc.groups())
        year += ROC_OFFSET
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("That date does not exist.")) from None
