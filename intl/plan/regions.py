"""The continent (UN M49 region) of a country, for the exchange statistics.

Babel ships CLDR's names of the M49 regions ("142" is 亞洲 / Asia) but not which region contains which
country. The continent is therefore read from CLDR's time zones of the country (Asia/Tokyo is in Asia), by
the area most of its zones name, and corrected where that differs from the UN M49 grouping: zones of island
countries in the Atlantic and Indian oceans, and countries whose zones lie mostly elsewhere than M49 puts
them (Russia is in Europe, Türkiye in Asia, Portugal in Europe, Ecuador in the Americas).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from babel.core import get_global
from flask_babel import gettext as _

from ..core.i18n import babel_locale, current_locale_code

AFRICA, AMERICAS, ASIA, EUROPE, OCEANIA = "002", "019", "142", "150", "009"
REGIONS = (ASIA, EUROPE, AMERICAS, OCEANIA, AFRICA)  # the order the report lists them in
UNKNOWN = "ZZ"

_AREAS = {
    "Africa": AFRICA,
    "America": AMERICAS,
    "Asia": ASIA,
    "Europe": EUROPE,
    "Australia": OCEANIA,
    "Pacific": OCEANIA,
    "Arctic": EUROPE,
}
# Where the zone areas do not say it, or say otherwise than UN M49.
_M49_EXCEPTIONS = {
    "BM": AMERICAS, "FK": AMERICAS, "GS": AMERICAS, "EC": AMERICAS,
    "CV": AFRICA, "SH": AFRICA, "IO": AFRICA, "KM": AFRICA, "MG": AFRICA, "MU": AFRICA, "RE": AFRICA,
    "SC": AFRICA, "TF": AFRICA, "YT": AFRICA,
    "FO": EUROPE, "IS": EUROPE, "PT": EUROPE, "ES": EUROPE, "RU": EUROPE, "SJ": EUROPE,
    "MV": ASIA, "TR": ASIA,
    "CC": OCEANIA, "CX": OCEANIA, "UM": OCEANIA,
}  # fmt: skip


@lru_cache(maxsize=1)
def _continents() -> dict[str, str]:
    found = {}
    for country, zones in get_global("territory_zones").items():
        if len(country) != 2 or not country.isalpha() or not zones:
            continue
        areas = Counter(_AREAS[z.split("/")[0]] for z in zones if z.split("/")[0] in _AREAS)
        if areas:
            found[country] = areas.most_common(1)[0][0]
    found.update(_M49_EXCEPTIONS)
    return found


def continent_of(country: str | None) -> str:
    """The M49 code of the country's continent, or "ZZ" when unknown (Antarctica, no country)."""
    return _continents().get(country or "", UNKNOWN)


def region_name(code: str, locale: str | None = None) -> str:
    if code == UNKNOWN:
        return _("Unknown region")
    return babel_locale(locale or current_locale_code()).territories.get(code, code)
