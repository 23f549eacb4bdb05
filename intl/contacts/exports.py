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
from .models import HONORIFICS, NEEDS, Contact
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


def table(ids: list[int], locale: str, fmt: str) -> Response:
    headers = [
        _("Name"),
        _("Family name"),
        _("Given name"),
        _("Chinese name"),
        _("English / Latin name"),
        _("Honorific"),
        _("Title"),
        _("Organization"),
        _("Position"),
        _("Country"),
        _("E-mails"),
        _("Phones"),
        _("Addresses"),
        _("Languages spoken"),
        _("Dietary and religious needs"),
        _("Tags"),
    ]

    def rows():
        for c in _contacts(ids):
            current = c.current_affiliation
            yield [
                c.display_name(locale),
                c.family_name or "",
                c.given_name or "",
                c.chinese_name or "",
                c.latin_name or "",
                str(HONORIFICS.get(c.honorific, "")) if c.honorific else "",
                c.title.get_for(locale) if c.title else "",
                current.organization.names.get_for(locale) if current else "",
                (current.position or "") if current else "",
                country_name(c.country, locale),
                "; ".join(e.address for e in c.emails),
                "; ".join(p.number for p in c.phones),
                "; ".join(a.text.replace("\n", ", ") for a in c.addresses),
                ", ".join(language_name(code, locale) for code in c.languages),
                ", ".join(str(NEEDS.get(n, n)) for n in c.needs),
                ", ".join(c.tag_names),
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
