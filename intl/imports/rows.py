"""Turning each row of a spreadsheet into the values that will be stored, or the reasons it cannot be."""

from __future__ import annotations

from collections.abc import Callable

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..contacts.forms import SPOKEN_LANGUAGES
from ..contacts.models import COLLECTION_METHODS, HONORIFICS, LEGAL_BASES, NEEDS, PURPOSES
from ..contacts.names import guess_name_locale
from ..contacts.phones import dialable
from ..core.countries import default_zone, zones_for
from ..core.forms import NAME_LOCALES
from ..core.time import is_valid_zone
from ..organizations.models import ORGANIZATION_KINDS
from ..partners.models import (
    AGREEMENT_STATES,
    AGREEMENT_TYPES,
    FOCUS_AREAS,
    OUR_PARTIES,
    PARTNER_KINDS,
    RELATIONSHIPS,
)
from .values import (
    limit,
    read_bool,
    read_choice,
    read_choices,
    read_country,
    read_date,
    read_float,
    read_language,
    read_languages,
    read_partial_date,
    split_list,
)

STANDINGS = RELATIONSHIPS


def read_tie_type(text: str) -> str | None:
    """A tie's kind, written as the agreement's type ("Sister city agreement") or as the standing it gives
    ("Sister city"), in either language or as the key."""
    try:
        return read_choice(text, AGREEMENT_TYPES)
    except ValueError:
        found = read_choice(text, RELATIONSHIPS)
        if found not in AGREEMENT_TYPES:
            raise
        return found


class RowReader:
    """Reads one row's cells by column key, collecting every problem instead of stopping at the first."""

    def __init__(self, cells: list[str], columns: dict[str, int]):
        self.cells, self.columns, self.errors = cells, columns, []

    def text(self, key: str) -> str:
        index = self.columns.get(key)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def value(self, reader: Callable, key: str, *args, **kwargs):
        try:
            return reader(self.text(key), *args, **kwargs)
        except ValueError as error:
            self.errors.append(str(error))
            return None

    def limited(self, key: str, length: int, label: str):
        return self.value(limit, key, length, label)


def _iso(value):
    return value.isoformat() if value else None


def _names(row: RowReader) -> dict[str, str]:
    names = {}
    native = row.limited("name_native", 300, _l("Name in its own language"))
    language = row.value(read_language, "native_language", NAME_LOCALES)
    if native:
        if not language:
            row.errors.append(_("Give the language of the name in its own language."))
        else:
            names[language] = native
    for key, locale in (("name_zh", "zh_Hant"), ("name_en", "en")):
        text = row.limited(key, 300, key)
        if text and locale not in names:
            names[locale] = text
    display = row.limited("display_name", 300, _l("Name"))
    if not names and display:  # a list with one "Name" column: the name as written, in its script
        names["en" if display.isascii() else "zh_Hant"] = display
    if not names:
        row.errors.append(_("Enter at least one name."))
    return names


def contact_values(row: RowReader) -> dict:
    emails = []
    for address in split_list(row.text("emails")):
        try:
            emails.append(validate_email(address, check_deliverability=False).normalized)
        except EmailNotValidError:
            row.errors.append(_("Not an e-mail address: %(value)s", value=address))
    values = {
        "family_name": row.limited("family_name", 200, _l("Family name")),
        "given_name": row.limited("given_name", 200, _l("Given name")),
        "name_locale": row.value(read_language, "name_language", NAME_LOCALES),
        "chinese_name": row.limited("chinese_name", 200, _l("Chinese name")),
        "latin_name": row.limited("latin_name", 300, _l("English / Latin name")),
        "honorific": row.value(read_choice, "honorific", HONORIFICS),
        "title": {
            k: v
            for k, v in (
                ("zh_Hant", row.limited("title_zh", 300, _l("Title"))),
                ("en", row.limited("title_en", 300, _l("Title"))),
            )
            if v
        },
        "organization": row.limited("organization", 300, _l("Organization")),
        "position": row.limited("position", 300, _l("Position")),
        "country": row.value(read_country, "country"),
        "emails": emails,
        "phones": [p[:100] for p in map(dialable, split_list(row.text("phones"))) if p],
        "address": row.limited("address", 2000, _l("Address")),
        "languages": row.value(read_languages, "languages", SPOKEN_LANGUAGES) or [],
        "needs": row.value(read_choices, "needs", NEEDS) or [],
        "needs_notes": row.limited("needs_notes", 5000, _l("Needs, allergies (details)")),
        "protocol_notes": row.limited("protocol_notes", 20000, _l("Protocol notes")),
        "notes": row.limited("notes", 20000, _l("Notes")),
        "tags": [t[:100] for t in split_list(row.text("tags"))],
        "purpose": row.value(read_choice, "purpose", PURPOSES, "protocol"),
        "legal_basis": row.value(read_choice, "legal_basis", LEGAL_BASES, "public_task"),
        "collected_on": _iso(row.value(read_date, "collected_on")),
        "collection_method": row.value(read_choice, "collection_method", COLLECTION_METHODS, "import"),
        "source": row.limited("source", 300, _l("Source")),
        "consent": bool(row.value(read_bool, "consent")),
    }
    if not values["name_locale"]:
        values["name_locale"] = guess_name_locale(values["family_name"], values["given_name"])
    if not any(values[k] for k in ("family_name", "given_name", "chinese_name", "latin_name")):
        row.errors.append(_("Enter at least one name."))
    if values["legal_basis"] == "consent" and not values["consent"]:
        row.errors.append(_("Consent is the legal basis: tick 'Consent given'."))
    return values


def organization_values(row: RowReader) -> dict:
    website = row.limited("website", 500, _l("Website"))
    if website and not website.lower().startswith(("http://", "https://")):
        row.errors.append(_("A web address starts with http:// or https://."))
    email = row.text("email")
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            row.errors.append(_("Not an e-mail address: %(value)s", value=email))
    return {
        "names": _names(row),
        "kind": row.value(read_choice, "kind", ORGANIZATION_KINDS, "other"),
        "country": row.value(read_country, "country"),
        "parent": row.limited("parent", 300, _l("Parent organization")),
        "partner": row.limited("partner", 300, _l("Partner city")),
        "website": website,
        "email": email or None,
        "phone": row.limited("phone", 100, _l("Phone")),
        "address": row.limited("address", 2000, _l("Address")),
        "tags": [t[:100] for t in split_list(row.text("tags"))],
        "notes": row.limited("notes", 20000, _l("Notes")),
    }


def _partner_country(row: RowReader) -> str | None:
    """The country or territory, by code (the export's own column) or by name, a territory given with its
    country included (Guam, United States)."""
    code = row.value(read_country, "country_code")
    named = row.value(read_country, "country")
    if code and named and code != named and row.text("country_code"):
        return code  # the code is exact; a name may be that of the territory's country
    return code or named


def _tie(row: RowReader) -> dict | None:
    """The partner's tie from the row: its kind (the agreement type, else the relationship), party, signing
    date at the precision known, state and source. None when the row names no tie (a prospect)."""
    kind = row.value(read_tie_type, "tie_type")
    standing = row.value(read_choice, "relationship", STANDINGS)
    if not kind and standing in AGREEMENT_TYPES:
        kind = standing
    signed = row.value(read_partial_date, "signed_on")
    state = row.value(read_choice, "tie_state", AGREEMENT_STATES)
    party = row.value(read_choice, "our_party", OUR_PARTIES)
    source = row.limited("source", 300, _l("Source of the fact"))
    if not kind:
        if signed or state or party:
            row.errors.append(
                _("Give the type of the agreement (sister city, friendly city, MOU, cooperation).")
            )
        return None
    superseded_by = _superseded_by(row)
    if superseded_by and not state:
        state = "superseded"
    if standing == "former" and not state:
        state = "ended"  # the export of a partner whose tie ended says so in the relationship
    return {
        "agreement_type": kind,
        "our_party": party or "city_government",
        "signed_on": signed.value.isoformat() if signed else None,
        "signed_precision": signed.precision if signed else "day",
        "state": state or "in_force",
        "source": source,
        "superseded_by": superseded_by,
    }


def _superseded_by(row: RowReader) -> dict | None:
    """The tie that replaced this one, named by its type and signing date at its precision ("Sister city
    agreement 1979-09-25", "Friendly city agreement 1962"): the writer links the two ties of the partner."""
    text = row.text("superseded_by")
    if not text:
        return None
    head, _space, last = text.rpartition(" ")
    known = None
    if head:
        try:
            known = read_partial_date(last)
        except ValueError:
            known = None
    try:
        kind = read_tie_type(head if known else text)
    except ValueError:
        kind = None
    if not kind:
        row.errors.append(
            _("Name the agreement that replaced this one by its type and signing date (%(example)s).")
            % {"example": "Sister city agreement 1979-09-25"}
        )
        return None
    return {
        "agreement_type": kind,
        "signed_on": known.value.isoformat() if known else None,
        "signed_precision": known.precision if known else None,
    }


def partner_values(row: RowReader) -> dict:
    country = _partner_country(row)
    if not country and not (row.text("country") or row.text("country_code")):
        row.errors.append(_("Choose a country from the list."))
    zone = row.text("timezone") or (default_zone(country) if country else None)
    if country and not zone:
        row.errors.append(_("This country has several time zones: choose one."))
    elif zone and (not is_valid_zone(zone) or (country and zone not in zones_for(country))):
        row.errors.append(_("Choose a time zone from the list."))
    return {
        "names": _names(row),
        "kind": row.value(read_choice, "kind", PARTNER_KINDS, "city"),
        "country": country,
        "region": row.limited("region", 200, _l("Region")),
        "timezone": zone,
        "tie": _tie(row),
        "focus_areas": row.value(read_choices, "focus_areas", FOCUS_AREAS) or [],
        "notes": row.limited("notes", 20000, _l("Notes")),
        "latitude": row.value(read_float, "latitude", -90, 90),
        "longitude": row.value(read_float, "longitude", -180, 180),
    }
