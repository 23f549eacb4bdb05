"""The office calendar's URLs."""

from flask import Blueprint

from . import (
    access,  # noqa: F401  (the policy of the office's days)
    views,
)

bp = Blueprint("workdays", __name__)

# (path, endpoint, view, methods)
URLS = [
    ("/admin/office-calendar", "office_calendar_page", views.office_calendar_page, ["GET"]),
    ("/admin/office-calendar/days", "add_office_day", views.add_office_day, ["POST"]),
    ("/admin/office-calendar/days/<int:day_id>/remove", "remove_office_day", views.remove_office_day, ["POST"]),
]  # fmt: skip

for path, endpoint, view, methods in URLS:
    bp.add_url_rule(path, endpoint, view, methods=methods)
