"""CSV and XLSX of the filtered partner list, with headings in the user's language. The columns are those the
partner import reads (intl/imports/columns.py), so that a file exported and imported again gives the same
partners with the same ties: names per language, country code, the principal tie (the one the standing
comes from) and then each other tie on a row of its own, with its type, party, signing date at its precision,
state and source."""

from __future__ import annotations

from flask_babel import gettext as _

from ..core.dates import iso_text
from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.i18n import country_name, current_locale_code
from ..core.time import office_today
from .models import AGREEMENT_STATES, AGREEMENT_TYPES, FOCUS_AREAS, OUR_PARTIES, PARTNER_KINDS, RELATIONSHIPS
from .queries import PartnerFilters, partner_list
from .standing import principal_tie, ties_by_partner

BATCH = 1000


def _names(partner) -> tuple[str, str, str, str]:
    """Chinese, English, and the name in its own language (the first, even when Chinese or English) with
    that language, so that the import knows which name is native."""
    names = partner.names
    native_locale = next(iter(names), None)
    own = names.get(native_locale) if native_locale else ""
    return names.get("zh_Hant") or "", names.get("en") or "", own or "", native_locale or ""


def _rows(filters: PartnerFilters, locale: str):
    stmt, _count, terms = partner_list(filters, locale)
    stmt = stmt.order_by(*[t.expression.desc() if t.descending else t.expression for t in terms])
    batch = []
    for partner in db.session.scalars(stmt.execution_options(yield_per=BATCH)):
        batch.append(partner)
        if len(batch) == BATCH:
            yield from _batch_rows(batch, locale)
            batch = []
    yield from _batch_rows(batch, locale)


def _label(mapping: dict, key: str | None) -> str:
    return str(mapping.get(key, key)) if key else ""


def _ordered_ties(ties: list) -> list:
    """The principal tie first (the one the standing comes from), then the others in order of signing; a
    partner without ties still has its row."""
    principal = principal_tie(ties)
    return [principal, *[t for t in ties if t is not principal]] if principal else [None]


def _batch_rows(partners: list, locale: str):
    ties_of = ties_by_partner(p.id for p in partners)  # one query per batch
    for partner in partners:
        ties = ties_of.get(partner.id, [])
        by_id = {t.id: t for t in ties}
        for tie in _ordered_ties(ties):
            yield _row(partner, tie, locale, by_id.get(tie.superseded_by_id) if tie else None)


def _superseding(tie) -> str:
    """The tie that replaced another, named as the import reads it: its type and signing date."""
    if tie is None:
        return ""
    kind = _label(AGREEMENT_TYPES, tie.agreement_type)
    return f"{kind} {iso_text(tie.signed_on, tie.signed_precision)}".strip()


def _row(partner, tie, locale: str, superseded_by=None) -> list:
    zh, en, own, own_locale = _names(partner)
    return [
        partner.sequence_no,
        partner.names.get_for(locale),
        zh,
        en,
        own,
        own_locale,
        _label(PARTNER_KINDS, partner.kind),
        country_name(partner.country, locale),
        partner.country,
        partner.region or "",
        partner.timezone,
        _label(RELATIONSHIPS, partner.relationship),
        _label(AGREEMENT_TYPES, tie.agreement_type) if tie else "",
        _label(OUR_PARTIES, tie.our_party) if tie else "",
        iso_text(tie.signed_on, tie.signed_precision) if tie else "",
        _label(AGREEMENT_STATES, tie.effective_state) if tie else "",
        (tie.source or "") if tie else "",
        _superseding(superseded_by),
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
        _("Name in Chinese"),
        _("Name in English"),
        _("Name in its own language"),
        _("Language of that name"),
        _("Kind"),
        _("Country"),
        _("Country code"),
        _("Region"),
        _("Time zone"),
        _("Relationship"),
        _("Agreement type"),
        _("Party on our side"),
        _("Signed on"),
        _("State of the agreement"),
        _("Source of the fact"),
        _("Superseded by"),
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
