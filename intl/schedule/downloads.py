"""Downloading engagements as .ics (one engagement, a delegation's itinerary, a leader's date range),
in the downloader's language and with what their role may see."""

from __future__ import annotations

from flask import Response

from ..core.calendar import assemble
from ..core.i18n import current_locale_code
from .calendar_texts import texts_for


def ics_response(filename: str, name: str, engagements: list, user) -> Response:
    locale = current_locale_code()
    visible = [e for e in engagements if e.can_view(user)]
    full = [e for e in visible if e.shows_details(user)]
    busy = [e for e in visible if not e.shows_details(user)]
    texts = texts_for(full, locale, "full") + texts_for(busy, locale, "busy")
    years = (min(e.start_dt.year for e in visible), max(e.end_dt.year for e in visible)) if visible else None
    body = assemble(name, texts, years)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
