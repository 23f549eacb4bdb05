"""URLs: record ids in URLs are bounded (a huge number is a 404, not a database overflow), and a 'next'
address is followed only on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class RecordIdConverter(IntegerConverter):
    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def register_converters(app) -> None:
    app.url_map.converters["int"] = RecordIdConverter


def safe_next(target: str | None, fallback: str) -> str:
    """Only follow a 'next' address on this site, so the sign-in page cannot bounce users elsewhere."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return fallback
