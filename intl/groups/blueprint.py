"""All working-group URLs.

| URL | roles | what |
| --- | --- | --- |
| /groups | admin, officer, intern | the groups (straight to the only one when there is one) |
| /groups/new | admin, officer | a new group |
| /groups/<id>, /groups/<id>/export.csv, .xlsx | admin, officer, intern | a group's members (current or all terms) |
| /groups/<id>/members/new, /groups/<id>/members/<id>, .../remove | admin, officer | its members |
"""

from flask import Blueprint

from . import access, views  # noqa: F401  (access registers the group policies)
from .models import GROUP_ROLES

bp = Blueprint("groups", __name__)

bp.add_url_rule("/groups", "index", views.index)
bp.add_url_rule("/groups/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/groups/<int:group_id>", "detail", views.detail)
bp.add_url_rule("/groups/<int:group_id>/export.<any(csv, xlsx):fmt>", "export", views.export)
bp.add_url_rule("/groups/<int:group_id>/members/new", "add_member", views.add_member, methods=["GET", "POST"])
bp.add_url_rule(
    "/groups/<int:group_id>/members/<int:member_id>",
    "edit_member",
    views.edit_member,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/groups/<int:group_id>/members/<int:member_id>/remove",
    "remove_member",
    views.remove_member,
    methods=["POST"],
)


@bp.context_processor
def labels():
    return {"GROUP_ROLES": {k: str(v) for k, v in GROUP_ROLES.items()}}
