"""Downloading engagements as .ics (one engagement, a delegation's itinerary, a leader's date range), in the
downloader's language and with what the access rule lets them see: the same rule, and so the same events, as
their subscription to that schedule would carry."""

from __future__ import annotations

from flask import Response

from ..core.access import can
from ..core.calendar import assemble
from ..core.i18n import current_locale_code
from .calendar_texts import texts_for


def ics_response(filename: str, name: str, engagements: list, user) -> Response:
    locale = current_locale_code()
    shown = [e for e in engagements if can(user, e, "view")]
    detailed = {e.id for e in shown if can(user, e, "details")}
    full = [e for e in shown if e.id in detailed]
    busy = [e for e in shown if e.id not in detailed]
    texts = texts_for(full, locale, "full") + texts_for(busy, locale, "busy")
    years = (min(e.start_dt.year for e in shown), max(e.end_dt.year for e in shown)) if shown else None
    body = assemble(name, texts, years)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
