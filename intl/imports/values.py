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
                # CLDR's full names of special administrative regions ("Hong Kong SAR China",
                # 中國香港特別行政區) are not what people write: their short forms too (Hong Kong, 香港).
                short = re.sub(r"\s*SAR(\s+China)?$|特別行政區$|特别行政区$", "", name)
                short = re.sub(r"^(中國|中国)(?=.*(香港|澳門|澳门))", "", short)
                if short != name:
                    lookup.setdefault(normalize(short), code)
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


# Countries some of whose territories keep their own ISO code (Guam GU, Puerto Rico PR, Hong Kong HK ...):
# where a cell names both, the territory is meant.
SOVEREIGNS_OF_TERRITORIES = frozenset(
    {"US", "GB", "FR", "NL", "DK", "NO", "AU", "NZ", "CN", "PT", "ES", "FI"}
)
COUNTRY_PARTS = re.compile(r"\s*(?:[,，、/|;()（）]|\s-\s|\s–\s)\s*")


def _one_country(text: str) -> str | None:
    lookup = _country_lookup()
    code = lookup.get(normalize(text))
    if code is not None:
        return code
    iso = re.fullmatch(r"([A-Za-z]{2})-([A-Za-z]{2})", text.strip())  # US-GU (ISO 3166-2)
    if iso:
        return _territory_of([lookup.get(part.lower()) for part in iso.groups()])
    parts = [p for p in COUNTRY_PARTS.split(text) if p]
    if len(parts) > 1:
        return _territory_of([lookup.get(normalize(p)) for p in parts])
    folded = normalize(text)  # 美國關島: a country and its territory written together
    for cut in range(1, len(folded)):
        head, tail = lookup.get(folded[:cut]), lookup.get(folded[cut:])
        if head and tail:
            return _territory_of([head, tail])
    return None


def _territory_of(codes: list[str | None]) -> str | None:
    if not codes or any(c is None for c in codes):
        return None
    specific = [c for c in codes if c not in SOVEREIGNS_OF_TERRITORIES]
    return (specific or codes)[-1] if len(set(codes)) > 1 else codes[0]


def read_country(text: str) -> str | None:
    """A country or territory by its code or its name (CLDR, four languages); a territory given with its
    country (Guam, United States; US-GU; 美國關島) is the territory, with its own code."""
    text = (text or "").strip()
    if not text:
        return None
    code = _one_country(text)
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
