"""All contact URLs in one place; the handlers live in views, affiliation_views, privacy_views and exports."""

from flask import Blueprint

bp = Blueprint("contacts", __name__)

from . import affiliation_views, exports, privacy_views, views  # noqa: E402, F401  (register the routes)
