"""Where an engagement is, and how long it takes to get from one place to another.

A place is the venue's coordinates where the officer gave them; otherwise its city within its time zone, and
the zone's own reference point from the tz database (zone1970.tab: Asia/Tokyo is Tokyo) for the distance
between countries. The estimate is deliberately rough and generous to the traveller; an officer who knows
better sets the engagement's travel time, which always wins.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..core.textnorm import normalize

# Kinds that are the journey itself: the leader is on the way, so the next place needs no further travel.
TRAVEL_KINDS = frozenset({"departure", "arrival", "transfer"})
# Two cities of one zone without coordinates (Kaohsiung and Taipei, Tokyo and Yokohama).
SAME_ZONE_MINUTES = 90
EARTH_RADIUS_KM = 6371.0
_COORDINATES = re.compile(r"([+-])(\d{2})(\d{2})(\d{2})?([+-])(\d{3})(\d{2})(\d{2})?")


@dataclass(frozen=True)
class Place:
    zone: str
    city: str  # folded for comparison; "" when not given
    latitude: float | None = None
    longitude: float | None = None


def place_of(engagement) -> Place:
    return Place(engagement.timezone, normalize(engagement.city), engagement.latitude, engagement.longitude)


def _degrees(sign: str, whole: str, minutes: str, seconds: str | None) -> float:
    value = int(whole) + int(minutes) / 60 + int(seconds or 0) / 3600
    return -value if sign == "-" else value


@cache
def zone_points() -> dict[str, tuple[float, float]]:
    """IANA zone -> (latitude, longitude) of its reference city, from the tz database that zoneinfo reads."""
    points: dict[str, tuple[float, float]] = {}
    for name in ("zone1970.tab", "zone.tab"):
        text = _tab(name)
        for line in text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            fields = line.split("\t")
            match = _COORDINATES.fullmatch(fields[1])
            if match:
                lat = _degrees(*match.group(1, 2, 3, 4))
                lon = _degrees(*match.group(5, 6, 7, 8))
                points.setdefault(fields[2], (lat, lon))
    return points


@cache
def zone_countries() -> dict[str, str]:
    """IANA zone -> ISO country code of the place it names (zone.tab: Asia/Tokyo is JP)."""
    countries: dict[str, str] = {}
    text = _tab("zone.tab")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        countries.setdefault(fields[2], fields[0])
    return countries


def _tab(name: str) -> str:
    try:
        return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        try:
            with open(f"/usr/share/zoneinfo/{name}", encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            return ""


def _point(place: Place) -> tuple[float, float] | None:
    if place.latitude is not None and place.longitude is not None:
        return place.latitude, place.longitude
    return zone_points().get(place.zone)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def minutes_for(km: float) -> int:
    """Door to door: through town by car, between cities by rail or road, farther by air with three hours at
    the airports."""
    if km <= 100:
        hours = km / 40
    elif km <= 500:
        hours = 0.75 + km / 200
    else:
        hours = 3 + km / 750
    return round(hours * 60)


def travel_minutes(origin: Place, destination: Place) -> int:
    """Minutes needed from `origin` to `destination` (0 when they are one place or nothing says otherwise)."""
    has_coordinates = None not in (
        origin.latitude,
        origin.longitude,
        destination.latitude,
        destination.longitude,
    )
    if has_coordinates:
        return minutes_for(distance_km(_point(origin), _point(destination)))
    if origin.zone == destination.zone:
        if origin.city and destination.city and origin.city != destination.city:
            return SAME_ZONE_MINUTES
        return 0
    a, b = _point(origin), _point(destination)
    if a is None or b is None:
        return 0
    return minutes_for(distance_km(a, b))
