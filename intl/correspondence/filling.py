"""Filling a letter template: {placeholders} replaced by what the office knows of the recipient, the partner,
the delegation or event, in the template's language.

Replacement is a plain search for `{name}` with a known name: nothing in a template is ever evaluated, braces
that are not placeholders stay as they are, and a placeholder the chosen records cannot fill stays visible
in the draft ({partner_name}) so that the officer sees what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date as babel_date
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..contacts.models import HONORIFICS
from ..contacts.names import addressed
from ..core.db import db
from ..core.i18n import buddhist_date, roc_date, supported_locale
from ..core.localized import LocalizedText
from ..partners.models import Partner
from ..schedule.models import Leader
from ..workdays.eras import document_era, era_date
from . import records

PLACEHOLDERS = {
    "honorific": _l("The recipient's honorific (Mr., Dr., H.E. ...), in the template's language"),
    "addressed": _l(
        "The recipient with the honorific where the template's language puts it (山田花子様, Ông An)"
    ),
    "recipient_name": _l("The recipient's name, written as the template's language writes it"),
    "recipient_title": _l("The recipient's title or position"),
    "organization": _l("The recipient's organization"),
    "partner_name": _l("The partner city or organization"),
    "anniversary_years": _l("Years since the partner's first agreement"),
    "delegation_title": _l("The delegation's title"),
    "event_title": _l("The event's or lecture's title"),
    "date": _l("The letter's date (民國 in Chinese)"),
    "sender_name": _l("Who signs the letter"),
    "sender_title": _l("The signatory's title"),
}
_PLACEHOLDER = re.compile(r"\{([a-z_]{1,40})\}")
# Languages whose family name comes first and whose names are written in their own script in letters.
_CJK = ("zh", "ja", "ko")


@dataclass
class Sources:
    """The records a letter is written to and about."""

    on: date
    contact: object | None = None
    organization: object | None = None
    partner: object | None = None
    delegation: object | None = None
    event: tuple[str, object] | None = None  # (kind, record) of an event or lecture
    sender_name: str = ""
    sender_title: str = ""


def base(language: str | None) -> str:
    return (language or "").replace("-", "_").split("_")[0]


def honorific(contact, language: str) -> str:
    """The contact's honorific in the template's language; empty where the app has no catalog for it
    (a Japanese template writes 様 or 殿 itself)."""
    if contact is None or contact.honorific not in HONORIFICS:
        return ""
    code = supported_locale(language)
    if code is None:
        return ""
    with force_locale(code):
        return str(HONORIFICS[contact.honorific])


def recipient_name(contact, language: str) -> str:
    """The name as a letter in `language` writes it: in the person's own order and script when the letter
    is in their language (田中博 in Japanese, John Smith in English); the Chinese name in Chinese; the name
    in Chinese characters for Japanese and Korean letters to Chinese, Japanese or Korean people; otherwise the
    Latin form the contact record gives."""
    if contact is None:
        return ""
    own = base(contact.name_locale)
    letter = base(language)
    native = contact.native_name
    if native and own == letter:
        return native
    if letter == "zh":
        return contact.display_name("zh_Hant_TW")
    if letter in _CJK and own in _CJK and native:
        return native
    return contact.display_name(language)


def letter_date(on: date, language: str, countries: Iterable[str | None] = ()) -> str:
    """The letter's date as its language writes official letters: ROC years in Chinese, Buddhist-era years in
    Thai (27 พฤศจิกายน พ.ศ. 2569), the Japanese era in Japanese to a recipient in Japan (令和8年11月27日,
    as Japanese public offices date theirs; `countries`: the recipients'), else Babel's long date."""
    if base(language) == "zh":
        return roc_date(on)
    if base(language) == "th":
        return buddhist_date(on, "long", "th")
    if base(language) == "ja" and document_era([c for c in countries if c]) == "japanese":
        return era_date(on, "japanese")
    try:
        return babel_date(on, "long", locale=language)
    except (ValueError, LookupError):
        return babel_date(on, "long", locale="en")


def anniversary_years(partner, on: date) -> int | None:
    """Years since the partner's first agreement still in force (the 10th anniversary in its 10th year)."""
    signed = [
        a.signed_on
        for a in getattr(partner, "agreements", [])
        if a.signed_on is not None and a.is_in_force  # the partners' rule: ties in force only
    ]
    return on.year - min(signed).year if signed else None


def _localized(value, language: str) -> str:
    return LocalizedText(value or {}).get_for(language) if value else ""


def values(sources: Sources, language: str) -> dict[str, str]:
    contact = sources.contact
    affiliation = contact.current_affiliation if contact is not None else None
    organization = sources.organization or (affiliation.organization if affiliation else None)
    partner = sources.partner
    if partner is None and organization is not None and getattr(organization, "partner_id", None):
        partner = db.session.get(Partner, organization.partner_id)
    years = anniversary_years(partner, sources.on) if partner is not None else None
    title = _localized(contact.title, language) if contact is not None else ""
    found = {
        "honorific": honorific(contact, language),
        "recipient_name": recipient_name(contact, language),
        "addressed": addressed(recipient_name(contact, language), language, contact.honorific)
        if contact
        else "",
        "recipient_title": title or (affiliation.position if affiliation and affiliation.position else ""),
        "organization": _localized(organization.names, language) if organization is not None else "",
        "partner_name": _localized(partner.names, language) if partner is not None else "",
        "anniversary_years": str(years) if years else "",
        "delegation_title": _localized(sources.delegation.title, language) if sources.delegation else "",
        "event_title": records.label(sources.event[0], sources.event[1], language) if sources.event else "",
        "date": letter_date(
            sources.on, language, [getattr(r, "country", None) for r in (contact, organization, partner) if r]
        ),
        "sender_name": sources.sender_name or "",
        "sender_title": sources.sender_title or "",
    }
    return {name: text for name, text in found.items() if text}


def fill(text: str, known: dict[str, str]) -> str:
    """Replace each {placeholder} that has a value; leave everything else exactly as written."""
    return _PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), text or "")


def unfilled(text: str) -> list[str]:
    """The placeholders still in a text (to warn the officer before the letter goes out)."""
    return sorted({m.group(1) for m in _PLACEHOLDER.finditer(text or "") if m.group(1) in PLACEHOLDERS})


def signatories(language: str) -> list[tuple[str, str, str]]:
    """(key, name, title) of those who sign the office's letters: the city's leaders, in the letter's
    language."""
    leaders = db.session.scalars(select(Leader).where(Leader.active.is_(True)).order_by(Leader.position))
    return [
        (f"leader:{leader.id}", _localized(leader.names, language), _localized(leader.title, language))
        for leader in leaders
    ]
