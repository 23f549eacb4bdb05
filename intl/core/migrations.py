"""How Alembic writes our column types into migration scripts: as plain SQLAlchemy types, so that old
migrations never import application code that may change later."""

from __future__ import annotations

from .localized import LocalizedTextType
from .time import UTCDateTime


def render_item(type_, obj, autogen_context):
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, LocalizedTextType):
        return "sa.JSON()"
    return False
