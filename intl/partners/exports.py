"""CSV and XLSX of the filtered partner list, with headings in the user's language."""

from __future__ import annotations

from flask_babel import gettext as _

from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.i18n import country_name, current_locale_code
from ..core.time import office_today
from .models import FOCUS_AREAS, PARTNER_KINDS, RELATIONSHIPS
from .queries import PartnerFilters, partner_list

BATCH = 1000


def _rows(filters: PartnerFilters, locale: str):
    stmt, _count, terms = partner_list(filters, locale)
    stmt = stmt.order_by(*[t.expression.desc() if t.descending else t.expression for t in terms])
    for partner in db.session.scalars(stmt.execution_options(yield_per=BATCH)):
        names = partner.names
        yield [
            partner.sequence_no,
            names.get_for(locale),
            " / ".join(names.values()),
            str(PARTNER_KINDS.get(partner.kind, partner.kind)),
            country_name(partner.country, locale),
            partner.country,
            partner.region or "",
            partner.timezone,
            str(RELATIONSHIPS.get(partner.relationship, partner.relationship)),
            partner.relationship_since,
            ", ".join(str(FOCUS_AREAS[a]) for a in partner.focus_areas if a in FOCUS_AREAS),
            _("Yes") if partner.new_southbound else _("No"),
            partner.latitude,
            partner.longitude,
            partner.notes or "",
        ]


def export_partners(filters: PartnerFilters, fmt: str):
    locale = current_locale_code()
    headers = [
        _("No."),
        _("Name"),
        _("All names"),
        _("Kind"),
        _("Country"),
        _("Country code"),
        _("Region"),
        _("Time zone"),
        _("Relationship"),
        _("Relationship since"),
        _("Focus areas"),
        _("New Southbound"),
        _("Latitude"),
        _("Longitude"),
        _("Notes"),
    ]
    filename = f"partners-{office_today().isoformat()}.{fmt}"
    rows = _rows(filters, locale)
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, _("Partners"), headers, rows)
