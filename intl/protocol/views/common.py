"""What the protocol views share: loading an occasion with its source, and labels of people."""

from __future__ import annotations

from flask import abort

from ...core.access import load_or_404
from ...core.i18n import current_locale_code
from ..models import Occasion, Participant
from ..queries import source_of


def load_occasion(occasion_id: int, need: str = "view") -> tuple[Occasion, object]:
    occasion = load_or_404(Occasion, occasion_id, need=need)
    source = source_of(occasion)
    if source is None:
        abort(404)
    return occasion, source


def load_participant(occasion: Occasion, participant_id: int, need: str = "edit") -> Participant:
    participant = load_or_404(Participant, participant_id, need=need)
    if participant.occasion_id != occasion.id:
        abort(404)
    return participant


def source_url(occasion: Occasion) -> tuple[str, dict]:
    """The endpoint and arguments of the occasion's event, engagement or delegation page."""
    return {
        "event": ("events.detail", {"event_id": occasion.source_id}),
        "engagement": ("schedule.engagement", {"engagement_id": occasion.source_id}),
        "delegation": ("delegations.detail", {"delegation_id": occasion.source_id}),
    }[occasion.source_kind]


def viewer_locale() -> str:
    return current_locale_code()
