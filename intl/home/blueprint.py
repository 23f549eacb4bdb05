"""The home page and the record pickers' suggestions (/lookup/<kind>)."""

from __future__ import annotations

from flask import Blueprint

from . import views

bp = Blueprint("home", __name__)

bp.add_url_rule("/", "index", views.index)
bp.add_url_rule("/lookup/<any(organization, partner, contact):kind>", "lookup", views.lookup)
