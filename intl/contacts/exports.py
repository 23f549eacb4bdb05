"""Contact exports: the filtered list as CSV and XLSX, and contacts as vCard 4.0. They carry personal data:
the views ask `personal.disclose` for exactly the contacts exported before building them."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.i18n import country_name, language_name
from ..core.time import office_today
from .models import COLLECTION_METHODS, HONORIFICS, LEGAL_BASES, NEEDS, PURPOSES, Contact
from .queries import ContactFilters, contact_list, ordered
from .vcard import vcards

EXPORT_LIMIT = 100_000


def exported_ids(filters: ContactFilters, locale: str) -> list[int]:
    """The ids of the contacts an export of this list carries, in its order (for the access log)."""
    stmt, _count, terms = contact_list(filters, locale)
    ids = ordered(stmt.with_only_columns(Contact.id), terms).limit(EXPORT_LIMIT)
    return list(db.session.scalars(ids))


def _contacts(ids: list[int]):
    """The contacts with these ids, in this order, with what the exports read, a batch at a time."""
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        found = {
            c.id: c
            for c in db.session.scalars(
                select(Contact)
                .where(Contact.id.in_(batch))
                .options(
                    selectinload(Contact.emails),
                    selectinload(Contact.phones),
                    selectinload(Contact.addresses),
                    selectinload(Contact.language_rows),
                    selectinload(Contact.tags),
                    selectinload(Contact.affiliations),
                )
            )
        }
        yield from (found[i] for i in batch if i in found)


def _filename(ext: str) -> str:
    return f"contacts-{office_today().isoformat()}.{ext}"


def _labelled(mapping: dict, key: str | None) -> str:
    return str(mapping.get(key, key)) if key else ""


def table(ids: list[int], locale: str, fmt: str) -> Response:
    """The list as a spreadsheet the contact import reads back: its columns carry the import's headings (the
    same messages, so in either language) and values it reads (labels, codes, ISO dates), so that importing
    the file gives the same contacts. The display name and any further addresses are for the reader only."""
    headers = [
        _("Display name"),
        _("Family name"),
        _("Given name"),
        _("Language of the name"),
        _("Chinese name"),
        _("English / Latin name"),
        _("Honorific"),
        _("Title in Chinese"),
        _("Title in English"),
        _("Organization"),
        _("Position"),
        _("Country"),
        _("E-mails"),
        _("Phones"),
        _("Address"),
        _("Languages spoken"),
        _("Dietary and religious needs"),
        _("Needs, allergies (details)"),
        _("Protocol notes"),
        _("Notes"),
        _("Tags"),
        _("Purpose of keeping the data"),
        _("Legal basis"),
        _("Collected on"),
        _("How it was collected"),
        _("Source"),
        _("Consent given"),
        _("Other addresses"),
    ]

    def rows():
        for c in _contacts(ids):
            current = c.current_affiliation
            title = dict(c.title or {})
            addresses = [a.text for a in c.addresses]
            yield [
                c.display_name(locale),
                c.family_name or "",
                c.given_name or "",
                c.name_locale or "",
                c.chinese_name or "",
                c.latin_name or "",
                _labelled(HONORIFICS, c.honorific),
                title.get("zh_Hant", ""),
                title.get("en", ""),
                current.organization.names.get_for(locale) if current else "",
                (current.position or "") if current else "",
                country_name(c.country, locale),
                "; ".join(e.address for e in c.emails),
                "; ".join(p.number for p in c.phones),
                addresses[0] if addresses else "",
                ", ".join(language_name(code, locale) for code in c.languages),
                ", ".join(_labelled(NEEDS, n) for n in c.needs),
                c.needs_notes or "",
                c.protocol_notes or "",
                c.notes or "",
                ", ".join(c.tag_names),
                _labelled(PURPOSES, c.purpose),
                _labelled(LEGAL_BASES, c.legal_basis),
                c.collected_on,
                _labelled(COLLECTION_METHODS, c.collection_method),
                c.source or "",
                _("Yes") if c.consent else _("No"),
                "\n\n".join(addresses[1:]),
            ]

    if fmt == "csv":
        return csv_response(_filename(fmt), headers, rows())
    return xlsx_response(_filename(fmt), _("Contacts"), headers, rows())


def cards(ids: list[int], locale: str) -> Response:
    return Response(
        vcards(_contacts(ids), locale),
        mimetype="text/vcard",
        headers={
            "Content-Disposition": f'attachment; filename="{_filename("vcf")}"',
            "Cache-Control": "no-store",
        },
    )
