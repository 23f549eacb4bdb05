"""Countries and their time zones, from Babel's CLDR data; the New Southbound set is policy, so it is ours."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

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


# Every language's countries in ICU's order, written by `make country-order` for the Babel and ICU (PyICU's
# wheel) named in it. A worker reads its lists' country filters from here instead of loading ICU (18 MB) for a
# sort that gives the same answer every time; with other versions installed it sorts with ICU as before.
ORDER_FILE = Path(__file__).with_name("country_order.json")


def library_versions() -> dict[str, str]:
    """The libraries the stored order comes from: Babel's names, ICU's collation."""
    versions = {}
    for name in ("babel", "pyicu-wheels"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:  # ICU from another package: its order is not the one stored
            versions[name] = ""
    return versions


def read_orders(path: Path, versions: dict[str, str]) -> dict[str, list[str]]:
    """{locale: codes in order} from a stored file made with these versions; {} from any other (or none)."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored.get("orders", {}) if stored.get("versions") == versions else {}


@lru_cache(maxsize=1)
def _stored_orders() -> dict[str, list[str]]:
    return read_orders(ORDER_FILE, library_versions())


def collated_codes(locale: str) -> list[str]:
    """Country codes in the order of their names in `locale`, by ICU: by strokes in Chinese (丹麥 before 日本),
    alphabetically with accents in English."""
    names = Locale.parse(locale).territories
    return sorted(country_codes(), key=lambda code: sort_key(names.get(code, code), locale))


@lru_cache(maxsize=8)
def country_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).territories
    codes = _stored_orders().get(locale)
    if codes is None or set(codes) != country_codes():
        codes = collated_codes(locale)
    return [(code, names.get(code, code)) for code in codes]


def write_orders(path: Path, locales: list[str]) -> None:
    """Store every language's order with the versions it was made with (`make country-order`)."""
    orders = {locale: collated_codes(locale) for locale in locales}
    # One line per language: a new library version's changes read as a diff of a line or two.
    lines = [f"  {json.dumps(locale)}: {json.dumps(codes)}" for locale, codes in orders.items()]
    body = ",\n".join(lines)
    text = f'{{\n "versions": {json.dumps(library_versions())},\n "orders": {{\n{body}\n }}\n}}\n'
    path.write_text(text, encoding="utf-8")


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
