"""Helpers the schedule pages share: names of participants, and loading an engagement for a request."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..core.db import db
from ..core.i18n import current_locale_code
from .calendar_texts import participant_names
from .models import Engagement


def participant_labels(engagements) -> dict:
    """(kind, id) -> the participant's name in the viewer's language, for all these engagements at once."""
    locale = current_locale_code()
    return {
        key: value(locale) if callable(value) else value
        for key, value in participant_names(engagements).items()
    }


def get_engagement_or_404(engagement_id: int, need: str = "view") -> Engagement:
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None or (engagement.archived_at is not None and not current_user.is_admin):
        abort(404)
    allowed = engagement.can_edit(current_user) if need == "edit" else engagement.can_view(current_user)
    if not allowed:
        abort(403)
    return engagement
