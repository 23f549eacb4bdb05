"""CSV and XLSX of the filtered organization list, with headings in the user's language."""

from __future__ import annotations

from flask_babel import gettext as _

from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.i18n import country_name, current_locale_code
from ..core.time import office_today
from .models import ORGANIZATION_KINDS
from .queries import OrganizationFilters, organization_list

BATCH = 1000


def _rows(filters: OrganizationFilters, locale: str):
    stmt, _count, terms = organization_list(filters, locale)
    stmt = stmt.order_by(*[t.expression.desc() if t.descending else t.expression for t in terms])
    for org in db.session.scalars(stmt.execution_options(yield_per=BATCH)):
        yield [
            org.names.get_for(locale),
            " / ".join(org.names.values()),
            str(ORGANIZATION_KINDS.get(org.kind, org.kind)),
            country_name(org.country, locale),
            org.parent.names.get_for(locale) if org.parent else "",
            org.partner.names.get_for(locale) if org.partner else "",
            org.website or "",
            org.email or "",
            org.phone or "",
            org.address or "",
            ", ".join(org.tag_names),
        ]


def export_organizations(filters: OrganizationFilters, fmt: str):
    locale = current_locale_code()
    headers = [
        _("Name"),
        _("All names"),
        _("Kind"),
        _("Country"),
        _("Parent organization"),
        _("Partner city"),
        _("Website"),
        _("E-mail"),
        _("Phone"),
        _("Address"),
        _("Tags"),
    ]
    filename = f"organizations-{office_today().isoformat()}.{fmt}"
    rows = _rows(filters, locale)
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, _("Organizations"), headers, rows)
