"""Contact exports: the filtered list as CSV and XLSX, and contacts as vCard 4.0. Staff only: a bulk copy of
personal data is not an intern's to take (they see names, titles and organizations on screen)."""

from __future__ import annotations

from flask import Response, request
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.i18n import country_name, current_locale_code, language_name
from ..core.permissions import STAFF, roles_required
from ..core.time import today_in
from .access import get_contact_or_404
from .blueprint import bp
from .models import HONORIFICS, NEEDS, Contact
from .privacy import log_access
from .queries import ContactFilters, contact_list
from .vcard import contact_card, vcards

EXPORT_LIMIT = 100_000


def _filtered_contacts():
    filters = ContactFilters.from_args(request.args)
    stmt, _count, terms = contact_list(filters, current_locale_code())
    stmt = stmt.options(
        selectinload(Contact.phones), selectinload(Contact.addresses), selectinload(Contact.language_rows)
    )
    stmt = stmt.order_by(*[t.expression.desc() if t.descending else t.expression for t in terms]).limit(
        EXPORT_LIMIT
    )
    return db.session.scalars(stmt.execution_options(yield_per=500))


@bp.route("/contacts/export.<any(csv, xlsx):fmt>")
@roles_required(*STAFF)
def export(fmt: str):
    locale = current_locale_code()
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
        for c in _filtered_contacts():
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

    filename = f"contacts-{today_in('Asia/Taipei').isoformat()}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows())
    return xlsx_response(filename, _("Contacts"), headers, rows())


@bp.route("/contacts/export.vcf")
@roles_required(*STAFF)
def export_vcards():
    body = vcards(_filtered_contacts(), current_locale_code())
    return Response(
        body,
        mimetype="text/vcard",
        headers={
            "Content-Disposition": f'attachment; filename="contacts-{today_in("Asia/Taipei").isoformat()}.vcf"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/contacts/<int:contact_id>.vcf")
@roles_required(*STAFF)
def vcard(contact_id: int):
    contact = get_contact_or_404(contact_id, need="personal")
    log_access(contact, "export")
    db.session.commit()
    return Response(
        contact_card(contact, current_locale_code()).serialize(),
        mimetype="text/vcard",
        headers={"Content-Disposition": f'attachment; filename="{contact.uid}.vcf"'},
    )
