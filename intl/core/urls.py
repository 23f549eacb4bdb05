"""URL converters: record ids in URLs are bounded, so a huge number is a 404, not a database overflow."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class RecordIdConverter(IntegerConverter):
    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def register_converters(app) -> None:
    app.url_map.converters["int"] = RecordIdConverter
