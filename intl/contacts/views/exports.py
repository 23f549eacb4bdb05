"""Contact exports: the filtered list as CSV, XLSX or vCards, and one contact's vCard. Each is a copy of
personal data: `disclose` decides and logs every contact exported."""

from __future__ import annotations

from flask import Response, abort, request

from ...core.access import PERSONAL_DATA, allow, load_or_404
from ...core.i18n import current_locale_code
from .. import exports
from ..models import Contact
from ..personal import disclose
from ..queries import ContactFilters
from ..vcard import contact_card


def _exported_ids(locale: str) -> list[int]:
    ids = exports.exported_ids(ContactFilters.from_args(request.args), locale)
    if not disclose(ids, "export"):
        abort(403)
    return ids


@allow(PERSONAL_DATA)
def export(fmt: str):
    locale = current_locale_code()
    return exports.table(_exported_ids(locale), locale, fmt)


@allow(PERSONAL_DATA)
def export_vcards():
    locale = current_locale_code()
    return exports.cards(_exported_ids(locale), locale)


@allow(PERSONAL_DATA)
def vcard(contact_id: int):
    contact = load_or_404(Contact, contact_id)
    if not disclose([contact], "export"):
        abort(403)
    return Response(
        contact_card(contact, current_locale_code()).serialize(),
        mimetype="text/vcard",
        headers={"Content-Disposition": f'attachment; filename="{contact.uid}.vcf"'},
    )
