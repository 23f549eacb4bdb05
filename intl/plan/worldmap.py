"""The world map of the dashboard, drawn on the server as SVG from vendored data: no tiles, no network.

The country outlines are Natural Earth's 1:110m countries as TopoJSON (npm world-atlas, vendored into
static/vendor by scripts/vendor.py), decoded here and projected with the Equal Earth projection into one
cacheable SVG image; the partner cities are drawn over it as circles with the same projection, in the page,
so that they carry their names and the CSS classes of their relationship. Nothing runs in the browser.
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache

from ..config import PROJECT_ROOT

ATLAS = PROJECT_ROOT / "static" / "vendor" / "world-atlas" / "countries-110m.json"
WIDTH = 1000.0
TAIWAN = "158"
ANTARCTICA = "010"

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_X_MAX = 2.7064  # Equal Earth's x at longitude 180°, latitude 0
_Y_MAX = 1.3173  # its y at latitude 90°
SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = round(2 * _Y_MAX * SCALE, 1)
# The map is cut below 60°S (nothing there to show), which leaves more room for the inhabited world.
SOUTH_LIMIT = -60.0


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates (SVG units, origin top-left) of a longitude and latitude in degrees."""
    x, y = _equal_earth(lon, lat)
    return round(WIDTH / 2 + x * SCALE, 1), round(HEIGHT / 2 - y * SCALE, 1)


def view_height() -> float:
    """The drawn height: from the top of the map down to SOUTH_LIMIT."""
    return project(0, SOUTH_LIMIT)[1]


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arc_ids: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in arc_ids:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    # Rings cut by the antimeridian (Russia, Fiji) continue past 180° instead of jumping across the map;
    # the part beyond the edge falls outside the picture.
    unwrapped, offset, previous = [], 0.0, None
    for lon, lat in points:
        if previous is not None and abs(lon + offset - previous) > 180:
            offset += -360 if lon + offset > previous else 360
        unwrapped.append((lon + offset, lat))
        previous = lon + offset
    return unwrapped


def _path(polygons, arcs) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            # whole units are finer than the screen (the map is 1000 units wide)
            points = [tuple(round(v) for v in project(lon, lat)) for lon, lat in _ring(ring, arcs)]
            points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(points) < 3:
                continue
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def base_map() -> tuple[bytes, str]:
    """(the SVG of the countries, its ETag); built once per process from the vendored atlas."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    land, taiwan = [], []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        (taiwan if geometry.get("id") == TAIWAN else land).append(_path(polygons, arcs))
    height = view_height()
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {height:g}" '
        f'width="{WIDTH:g}" height="{height:g}">'
        f'<rect width="{WIDTH:g}" height="{height:g}" fill="#f4f8fb"/>'
        f'<path d="{"".join(land)}" fill="#dce3ea" stroke="#ffffff" stroke-width="0.5"/>'
        f'<path d="{"".join(taiwan)}" fill="#9fb4c8" stroke="#ffffff" stroke-width="0.3"/>'
        "</svg>"
    ).encode()
    return svg, hashlib.sha256(svg).hexdigest()[:16]
