"""All schedule URLs: engagements, the leaders' agenda and calendar, downloads, leaders, feeds."""

from flask import Blueprint

bp = Blueprint("schedule", __name__)

from . import calendar_views, engagement_views, feed_views, leader_views  # noqa: E402, F401  (register the routes)
