"""Reading one cell: dates (ISO, ROC or Excel dates), countries and choices by code or by name in either
language, lists, yes/no. Each reader raises ValueError with a message in the user's language."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from flask_babel import force_locale
from flask_babel import gettext as _

from ..core.countries import country_codes
from ..core.dates import ANY_PRECISION, KnownDate
from ..core.dates import read_date as read_written_date
from ..core.textnorm import normalize

LIST_SEPARATORS = re.compile(r"[;,、，\n]+")
UI_LOCALES = ("zh_Hant_TW", "en")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(text or "") if part.strip()]


def read_date(text: str) -> date | None:
    """A full date (the one reader of core.dates: Gregorian or ROC, in any written form)."""
    found = read_written_date(text)
    return found.value if found else None


def read_partial_date(text: str) -> KnownDate | None:
    """A date known to the day, the month or the year (1962, 1974-07, 民國51年)."""
    return read_written_date(text, precision_allowed=ANY_PRECISION)


@lru_cache(maxsize=1)
def _country_lookup() -> dict[str, str]:
    lookup = {}
    for locale in ("en", "zh_Hant_TW", "zh_Hans", "ja"):
        for code, name in Locale.parse(locale).territories.items():
            if code in country_codes():
                lookup[normalize(name)] = code
    for code in country_codes():
        lookup[code.lower()] = code
    lookup.update(
        {
            "taiwan": "TW",
            "臺灣": "TW",
            "台灣": "TW",
            "usa": "US",
            "uk": "GB",
            "korea": "KR",
            "south korea": "KR",
            "vietnam": "VN",
            "viet nam": "VN",
        }
    )
    return lookup


def read_country(text: str) -> str | None:
    text = (text or "").strip()
    if not text:
        return None
    code = _country_lookup().get(normalize(text))
    if code is None:
        raise ValueError(_("Unknown country: %(value)s", value=text))
    return code


_CHOICE_LOOKUPS: dict[tuple[int, int], dict[str, str]] = {}


def _choice_lookup(mapping: dict) -> dict[str, str]:
    """Codes and labels (in both languages), folded, to codes; built once per choice list."""
    cache_key = (id(mapping), len(mapping))
    if cache_key not in _CHOICE_LOOKUPS:
        _CHOICE_LOOKUPS[cache_key] = _build_choice_lookup(mapping)
    return _CHOICE_LOOKUPS[cache_key]


def _build_choice_lookup(mapping: dict) -> dict[str, str]:
    lookup = {}
    for key, label in mapping.items():
        lookup[normalize(key)] = key
        for locale in UI_LOCALES:
            with force_locale(locale):
                lookup[normalize(str(label))] = key
    return lookup


def read_choice(text: str, mapping: dict, default: str | None = None) -> str | None:
    text = (text or "").strip()
    if not text:
        return default
    key = _choice_lookup(mapping).get(normalize(text))
    if key is None:
        raise ValueError(_("Not one of the choices: %(value)s", value=text))
    return key


def read_choices(text: str, mapping: dict) -> list[str]:
    if not (text or "").strip():
        return []
    lookup = _choice_lookup(mapping)
    keys = []
    for part in split_list(text):
        key = lookup.get(normalize(part))
        if key is None:
            raise ValueError(_("Not one of the choices: %(value)s", value=part))
        keys.append(key)
    return list(dict.fromkeys(keys))


@lru_cache(maxsize=4)
def _language_lookup(codes: tuple[str, ...]) -> dict[str, str]:
    lookup = {}
    for code in codes:
        lookup[normalize(code)] = code
        for locale in ("en", "zh_Hant_TW"):
            name = Locale.parse(locale).languages.get(code.split("_")[0])
            if name:
                lookup.setdefault(normalize(name), code)
            with contextlib.suppress(ValueError, UnknownLocaleError):
                lookup.setdefault(normalize(Locale.parse(code).get_display_name(locale) or code), code)
    return lookup


def read_language(text: str, codes: list[str]) -> str | None:
    text = (text or "").strip()
    if not text:
        return None
    code = _language_lookup(tuple(codes)).get(normalize(text))
    if code is None:
        raise ValueError(_("Unknown language: %(value)s", value=text))
    return code


def read_languages(text: str, codes: list[str]) -> list[str]:
    return list(dict.fromkeys(c for c in (read_language(part, codes) for part in split_list(text)) if c))


TRUE_WORDS = {"y", "yes", "true", "1", "是", "有", "同意", "✓", "v", "x"}
FALSE_WORDS = {"n", "no", "false", "0", "否", "無", "不同意", ""}


def read_bool(text: str) -> bool:
    value = normalize(text or "")
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValueError(_("Write yes or no: %(value)s", value=text))


def read_float(text: str, low: float, high: float) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(_("Not a number: %(value)s", value=text)) from None
    if not low <= value <= high:
        raise ValueError(_("%(value)s is out of range.", value=text))
    return value


def limit(text: str, length: int, label: str) -> str | None:
    text = (text or "").strip()
    if len(text) > length:
        raise ValueError(_("%(label)s is longer than %(n)d characters.", label=label, n=length))
    return text or None
