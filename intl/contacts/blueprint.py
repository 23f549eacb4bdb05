"""All contact URLs, and what the contacts feature registers with the rest of the application.

| URL | roles | what |
| --- | --- | --- |
| /contacts | admin, officer, intern | the list; e-mails and tags for those who may see personal details |
| /contacts/<id> | admin, officer, intern | a contact; personal details, timeline and groups as above |
| /contacts/new, /contacts/<id>/edit, .../archive, .../photo | admin, officer | keep contacts |
| /contacts/<id>/affiliations[/<id>[/remove]] | admin, officer | a contact's affiliations |
| /contacts/export.csv, .xlsx, .vcf, /contacts/<id>.vcf | admin, officer | personal data exported (logged) |
| /contacts/<id>/personal-data[.json], .../anonymize, .../merge | admin, officer | a person's requests; merging |
"""

from flask import Blueprint

from ..core import hooks
from ..core.pickers import register_picker
from ..core.translations import labels as translated
from ..groups.models import GROUP_ROLES
from ..organizations.people import register_people
from . import access  # noqa: F401  (registers the contact and affiliation policies)
from .models import (
    ADDRESS_KINDS,
    COLLECTION_METHODS,
    EMAIL_KINDS,
    HONORIFICS,
    LEGAL_BASES,
    NEEDS,
    PHONE_KINDS,
    PURPOSES,
    Contact,
)
from .personal import write_log
from .queries import current_people
from .services import unindex_contact
from .views import affiliations, contacts, exports, privacy

bp = Blueprint("contacts", __name__)

bp.add_url_rule("/contacts", "index", contacts.index)
bp.add_url_rule("/contacts/new", "create", contacts.create, methods=["GET", "POST"])
bp.add_url_rule("/contacts/<int:contact_id>", "detail", contacts.detail)
bp.add_url_rule("/contacts/<int:contact_id>/edit", "edit", contacts.edit, methods=["GET", "POST"])
bp.add_url_rule("/contacts/<int:contact_id>/archive", "archive", contacts.archive, methods=["POST"])
bp.add_url_rule("/contacts/<int:contact_id>/photo", "photo", contacts.photo)

bp.add_url_rule(
    "/contacts/<int:contact_id>/affiliations",
    "add_affiliation",
    affiliations.add_affiliation,
    methods=["POST"],
)
bp.add_url_rule(
    "/contacts/<int:contact_id>/affiliations/<int:affiliation_id>",
    "edit_affiliation",
    affiliations.edit_affiliation,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/contacts/<int:contact_id>/affiliations/<int:affiliation_id>/remove",
    "remove_affiliation",
    affiliations.remove_affiliation,
    methods=["POST"],
)

bp.add_url_rule("/contacts/export.<any(csv, xlsx):fmt>", "export", exports.export)
bp.add_url_rule("/contacts/export.vcf", "export_vcards", exports.export_vcards)
bp.add_url_rule("/contacts/<int:contact_id>.vcf", "vcard", exports.vcard)

bp.add_url_rule("/contacts/<int:contact_id>/personal-data", "personal_data_page", privacy.personal_data_page)
bp.add_url_rule(
    "/contacts/<int:contact_id>/personal-data.json", "personal_data_json", privacy.personal_data_json
)
bp.add_url_rule(
    "/contacts/<int:contact_id>/anonymize", "anonymize_view", privacy.anonymize_view, methods=["GET", "POST"]
)
bp.add_url_rule("/contacts/<int:contact_id>/merge", "merge_view", privacy.merge_view, methods=["GET", "POST"])


@bp.record_once
def _register(state) -> None:
    state.app.after_request(write_log)  # personal data shown by any page of any feature is logged
    register_picker(
        "contact",
        Contact,
        lambda r, locale: r.display_name(locale),
        lambda r: [r.native_name, r.chinese_name, r.latin_name],
    )
    register_people(current_people)  # the people on an organization's page
    hooks.before_purge.register(unindex_contact, Contact)


@bp.context_processor
def labels():
    return {
        "HONORIFICS": translated(HONORIFICS),
        "NEEDS": translated(NEEDS),
        "EMAIL_KINDS": translated(EMAIL_KINDS),
        "PHONE_KINDS": translated(PHONE_KINDS),
        "ADDRESS_KINDS": translated(ADDRESS_KINDS),
        "PURPOSES": translated(PURPOSES),
        "LEGAL_BASES": translated(LEGAL_BASES),
        "COLLECTION_METHODS": translated(COLLECTION_METHODS),
        "GROUP_ROLES": translated(GROUP_ROLES),
    }
