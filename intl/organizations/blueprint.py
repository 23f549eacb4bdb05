"""All organization URLs, and what the organizations feature registers with the rest of the application.

| URL | roles | what |
| --- | --- | --- |
| /organizations, /organizations/export.csv, .xlsx | admin, officer, intern | the list, exported |
| /organizations/<id> | admin, officer, intern | an organization: details, people, units, timeline |
| /organizations/new, /organizations/<id>/edit, .../archive | admin, officer | keep organizations |
"""

from flask import Blueprint

from ..core import hooks
from ..core.pickers import register_picker
from ..core.translations import labels as translated
from . import access, views  # noqa: F401  (access registers the organization policy)
from .models import ORGANIZATION_KINDS, Organization
from .services import unindex_organization

bp = Blueprint("organizations", __name__)

bp.add_url_rule("/organizations", "index", views.index)
bp.add_url_rule("/organizations/export.<any(csv, xlsx):fmt>", "export", views.export)
bp.add_url_rule("/organizations/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/organizations/<int:org_id>", "detail", views.detail)
bp.add_url_rule("/organizations/<int:org_id>/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule("/organizations/<int:org_id>/archive", "archive", views.archive, methods=["POST"])


@bp.record_once
def _register(state) -> None:
    register_picker(
        "organization",
        Organization,
        lambda r, locale: r.names.get_for(locale),
        lambda r: list(r.names.values()),
    )
    hooks.before_purge.register(unindex_organization, Organization)


@bp.context_processor
def labels():
    return {"ORGANIZATION_KINDS": translated(ORGANIZATION_KINDS)}
