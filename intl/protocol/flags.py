"""The flags of an occasion, in a row as they stand, from the flags' own right to their left (that is, from
the audience's left). Taiwan's foreign ministry yields the seat, not the flag: the host's flag stands on its
own right while the guest sits on the host's right (`host_right`); where the other practice is followed the
guest's flag takes the right, the place of honour (`guest_right`). Several guest nations follow in the order
of their names in the host's language (stroke order in Chinese). A partner that avoids national flags shows
its own flag (a city's, a region's) or none, as the office recorded."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.collation import sort_key
from ..core.i18n import country_name


@dataclass(frozen=True)
class GuestFlag:
    """A guest's flag as the occasion's people give it: their country, and their partner if any."""

    country: str | None
    partner_id: int | None = None
    partner_name: str = ""
    choice: str = "national"  # the partner's recorded choice: national, city, none


@dataclass(frozen=True)
class Flag:
    kind: str  # national / city
    country: str | None
    label: str
    host: bool = False


def arrangement(host_country: str, guests: list[GuestFlag], rule: str, locale: str) -> list[Flag]:
    """The row of flags from its own right to its left."""
    seen: dict[tuple, Flag] = {}
    for guest in guests:
        if guest.choice == "none":
            continue
        if guest.choice == "city" and guest.partner_id is not None:
            key = ("city", guest.partner_id)
            seen.setdefault(key, Flag("city", guest.country, guest.partner_name))
        elif guest.country and guest.country != host_country:
            key = ("national", guest.country)
            seen.setdefault(key, Flag("national", guest.country, country_name(guest.country, locale)))
    ordered = sorted(seen.values(), key=lambda f: (sort_key(f.label, locale), f.kind))
    host = Flag("national", host_country, country_name(host_country, locale), host=True)
    if not ordered:
        return [host]
    return [host, *ordered] if rule == "host_right" else [*ordered, host]
