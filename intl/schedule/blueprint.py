"""All schedule URLs (engagements, the leaders' agenda and calendar, downloads, leaders, feeds), the labels its
templates read, and the hooks it registers: archive changes and account changes reach the calendar feeds."""

from flask import Blueprint

from ..core import hooks
from ..core.i18n import current_locale_code
from . import access  # noqa: F401  (the schedule's policies)
from .display import engagement_time, participant_badges
from .models import CLASH_REASONS, ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, VISIBILITIES, Engagement
from .queries import leader_label, trip_url
from .services import revoke_lost_subscriptions, schedule_changed
from .views import calendar, engagements, feeds, leaders, presence

bp = Blueprint("schedule", __name__)

# (path, endpoint, view, methods)
URLS = [
    ("/engagements/new", "new_engagement", engagements.new_engagement, ["GET", "POST"]),
    ("/engagements/<int:engagement_id>", "engagement", engagements.engagement, ["GET"]),
    ("/engagements/<int:engagement_id>/edit", "edit_engagement", engagements.edit_engagement, ["GET", "POST"]),
    ("/engagements/<int:engagement_id>/cancel", "cancel_engagement", engagements.cancel_engagement, ["POST"]),
    ("/engagements/<int:engagement_id>/archive", "archive_engagement", engagements.archive_engagement, ["POST"]),
    ("/engagements/<int:engagement_id>.ics", "engagement_ics", engagements.engagement_ics, ["GET"]),
    ("/engagements/clashes", "clash_check", engagements.clash_check, ["GET"]),
    ("/engagements/days", "day_check", engagements.day_check, ["GET"]),
    ("/schedule/clashes", "clashes", presence.clashes, ["GET"]),
    ("/schedule/clashes/accept", "accept_clash", presence.accept_clash, ["POST"]),
    ("/schedule/stays/new", "new_stay", presence.new_stay, ["GET", "POST"]),
    ("/schedule/stays/<int:stay_id>/delete", "delete_stay", presence.delete_stay, ["POST"]),
    ("/schedule", "calendar", calendar.calendar, ["GET"]),
    ("/schedule/events.json", "calendar_events", calendar.calendar_events, ["GET"]),
    ("/schedule/agenda", "agenda", leaders.agenda, ["GET"]),
    ("/schedule/leaders/<int:leader_id>.ics", "leader_ics", leaders.leader_ics, ["GET"]),
    ("/admin/leaders", "leaders", leaders.leaders, ["GET"]),
    ("/admin/leaders/new", "new_leader", leaders.new_leader, ["GET", "POST"]),
    ("/admin/leaders/<int:leader_id>", "edit_leader", leaders.edit_leader, ["GET", "POST"]),
    ("/feeds", "feeds", feeds.feeds, ["GET", "POST"]),
    ("/feeds/<int:token_id>/revoke", "revoke_feed", feeds.revoke_feed, ["POST"]),
    ("/feeds/<secret>.ics", "feed", feeds.feed, ["GET"]),
]  # fmt: skip

for path, endpoint, view, methods in URLS:
    bp.add_url_rule(path, endpoint, view, methods=methods)


@bp.context_processor
def labels():
    def translated(mapping):
        return {k: str(v) for k, v in mapping.items()}

    return {
        "ENGAGEMENT_KINDS": translated(ENGAGEMENT_KINDS),
        "ENGAGEMENT_STATUSES": translated(ENGAGEMENT_STATUSES),
        "VISIBILITIES": translated(VISIBILITIES),
    }


bp.add_app_template_global(engagement_time)
bp.add_app_template_global(participant_badges)


@bp.app_context_processor
def clash_labels():
    """Kept clashes are marked on other features' pages too (a programme's page, the printed sheets)."""
    return {
        "CLASH_REASONS": {k: str(v) for k, v in CLASH_REASONS.items()},
        "leader_label": lambda leader_id: leader_label(leader_id, current_locale_code()),
        "trip_url": trip_url,
    }


@bp.record_once
def _register(state) -> None:
    # Restored or purged by an administrator: every feed's validator must change.
    hooks.archive_changed.register(schedule_changed, Engagement)
    # Deactivated, or a new role: the calendar subscriptions the account may no longer hold are revoked.
    hooks.user_access_changed.register(revoke_lost_subscriptions)
