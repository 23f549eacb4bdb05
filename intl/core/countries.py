"""Countries and their time zones, from Babel's CLDR data; the New Southbound set is policy, so it is ours."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

from .collation import sort_key

# The 18 countries of the New Southbound Policy: the 10 ASEAN members, 6 South Asian countries,
# Australia and New Zealand (Executive Yuan, 2016).
NEW_SOUTHBOUND = frozenset(
    {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN",
     "IN", "PK", "BD", "NP", "LK", "BT",
     "AU", "NZ"}
)  # fmt: skip


@lru_cache(maxsize=1)
def _territory_zones() -> dict[str, list[str]]:
    return dict(get_global("territory_zones"))


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes of places that have time zones: real countries and territories."""
    return frozenset(code for code in _territory_zones() if len(code) == 2 and code.isalpha())


def is_country(code: str | None) -> bool:
    return bool(code) and code in country_codes()


@lru_cache(maxsize=8)
def country_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).territories
    # In the reader's order: by strokes in Chinese (丹麥 before 日本), alphabetically with accents in English.
    return sorted(
        ((code, names.get(code, code)) for code in country_codes()),
        key=lambda item: sort_key(item[1], locale),
    )


def zones_for(country: str | None) -> list[str]:
    return list(_territory_zones().get(country or "", []))


def default_zone(country: str | None) -> str | None:
    """The zone of a country that has only one; None where a choice must be made (US, Australia ...)."""
    zones = zones_for(country)
    return zones[0] if len(zones) == 1 else None


@lru_cache(maxsize=512)
def zone_label(zone: str, locale: str) -> str:
    try:
        place = get_timezone_location(zone, locale=locale, return_city=True)
    except (LookupError, ValueError):
        place = zone
    return f"{place} ({zone})"


def is_new_southbound(country: str | None) -> bool:
    return country in NEW_SOUTHBOUND
