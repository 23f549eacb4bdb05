"""All partner URLs, and what the partners feature registers with the rest of the application.

| URL | roles | what |
| --- | --- | --- |
| /partners, /partners/export.csv, .xlsx | admin, officer, intern | the list (search, filters, sorting), exported |
| /partners/<id> | admin, officer, intern | a partner: details, agreements, timeline |
| /partners/new, /partners/<id>/edit, .../archive | admin, officer | keep partners |
| /partners/<id>/agreements/new, /agreements/<id>/edit, .../archive | admin, officer | keep agreements |
| /agreements/<id>/document | admin, officer, intern | an agreement's signed document |
"""

from flask import Blueprint

from ..core import hooks
from ..core.pickers import register_picker
from ..core.queue import Periodic, register_periodic
from ..core.translations import labels as translated
from . import access, views  # noqa: F401  (access registers the partner and agreement policies)
from .models import (
    AGREEMENT_STATES,
    AGREEMENT_TYPES,
    FOCUS_AREAS,
    OUR_PARTIES,
    PARTNER_KINDS,
    RELATIONSHIPS,
    Agreement,
    Partner,
)
from .services import restand_after_archive_change, unindex_partner
from .standing import refresh_standing_now

bp = Blueprint("partners", __name__)

bp.add_url_rule("/partners", "index", views.index)
bp.add_url_rule("/partners/export.<any(csv, xlsx):fmt>", "export", views.export)
bp.add_url_rule("/partners/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/partners/<int:partner_id>", "detail", views.detail)
bp.add_url_rule("/partners/<int:partner_id>/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule("/partners/<int:partner_id>/archive", "archive", views.archive, methods=["POST"])
bp.add_url_rule(
    "/partners/<int:partner_id>/agreements/new",
    "create_agreement",
    views.create_agreement,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/agreements/<int:agreement_id>/edit", "edit_agreement", views.edit_agreement, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/agreements/<int:agreement_id>/archive", "archive_agreement", views.archive_agreement, methods=["POST"]
)
bp.add_url_rule("/agreements/<int:agreement_id>/document", "agreement_document", views.agreement_document)


@bp.record_once
def _register(state) -> None:
    register_picker(
        "partner", Partner, lambda r, locale: r.names.get_for(locale), lambda r: list(r.names.values())
    )
    # The standing follows from live partners' live ties: refresh it when either is archived, restored or
    # purged; a purged partner leaves the search index.
    hooks.archive_changed.register(restand_after_archive_change, Partner)
    hooks.archive_changed.register(restand_after_archive_change, Agreement)
    hooks.before_purge.register(unindex_partner, Partner)
    # Terms end with the calendar, not with an edit: the worker rewrites the stored standing regularly.
    register_periodic(Periodic("partner-standing", "STANDING_REFRESH_MINUTES", refresh_standing_now))


@bp.context_processor
def partner_labels():
    # Translated once per locale (core.translations.labels), not once per row.
    return {
        "RELATIONSHIPS": translated(RELATIONSHIPS),
        "FOCUS_AREAS": translated(FOCUS_AREAS),
        "PARTNER_KINDS": translated(PARTNER_KINDS),
        "AGREEMENT_TYPES": translated(AGREEMENT_TYPES),
        "OUR_PARTIES": translated(OUR_PARTIES),
        "AGREEMENT_STATES": translated(AGREEMENT_STATES),
    }
