"""The directory's import kinds: contacts, organizations and partners (registered by blueprint.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .analysis import flag_contacts, flag_named, flag_partners
from .columns import CONTACT_COLUMNS, ORGANIZATION_COLUMNS, PARTNER_COLUMNS
from .kinds import ImportKind
from .rows import contact_values, organization_values, partner_values
from .writers import commit_contacts, commit_organizations, commit_partners

NAME_COLUMNS_ANY = ("name_zh", "name_en", "name_native")

DIRECTORY_KINDS = (
    ImportKind(
        "contact",
        _l("Import contacts"),
        CONTACT_COLUMNS,
        contact_values,
        ("family_name", "given_name", "chinese_name", "latin_name"),
        flag_contacts,
        commit_contacts,
        "contacts.index",
        ("contacts.detail", "contact_id"),
    ),
    ImportKind(
        "organization",
        _l("Import organizations"),
        ORGANIZATION_COLUMNS,
        organization_values,
        NAME_COLUMNS_ANY,
        flag_named,
        commit_organizations,
        "organizations.index",
        ("organizations.detail", "org_id"),
    ),
    ImportKind(
        "partner",
        _l("Import partners"),
        PARTNER_COLUMNS,
        partner_values,
        (*NAME_COLUMNS_ANY, "display_name"),
        flag_partners,
        commit_partners,
        "partners.index",
        ("partners.detail", "partner_id"),
    ),
)
