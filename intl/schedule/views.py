"""Loading an engagement for a request."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..core.db import db
from .models import Engagement


def get_engagement_or_404(engagement_id: int, need: str = "view") -> Engagement:
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None or (engagement.archived_at is not None and not current_user.is_admin):
        abort(404)
    allowed = engagement.can_edit(current_user) if need == "edit" else engagement.can_view(current_user)
    if not allowed:
        abort(403)
    return engagement
