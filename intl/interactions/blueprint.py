"""All interaction URLs. Interactions are listed on the timelines of the records they concern
(`timeline.timeline`), so there is no list page of their own.

| URL | roles | what |
| --- | --- | --- |
| /interactions/new/<kind>/<id> | admin, officer | add an interaction to a contact's, organization's or partner's page |
| /interactions/<id>/edit | admin, officer | edit it |
| /interactions/<id>/archive | admin, officer | archive it (POST) |
"""

from flask import Blueprint

from . import access, views  # noqa: F401  (access registers the interaction policy)
from .models import INTERACTION_KINDS

bp = Blueprint("interactions", __name__)

bp.add_url_rule("/interactions/new/<kind>/<int:entity_id>", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/interactions/<int:interaction_id>/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule("/interactions/<int:interaction_id>/archive", "archive", views.archive, methods=["POST"])

# The timeline macro names each entry's kind on every page that shows a timeline.
bp.add_app_template_global(INTERACTION_KINDS, "INTERACTION_KINDS")
