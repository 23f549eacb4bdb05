"""Contacts as vCard 4.0 (RFC 6350), built with vobject.

Names keep their order: N is family;given whatever the script, FN is the name as the person writes it, with
the Chinese and Latin forms as alternative FNs (same ALTID, their own LANGUAGE) so that phones and mail
programs show the form their user reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.i18n import country_name
from .models import Contact
from .phones import dialable

if TYPE_CHECKING:
    import vobject

PHONE_TYPES = {"work": "work", "mobile": "cell", "home": "home", "fax": "fax", "other": "voice"}


def contact_card(contact: Contact, locale: str) -> vobject.base.Component:
    import vobject  # (and its icalendar half) only in the workers that export a card

    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("uid").value = f"urn:uuid:{contact.uid}"
    shown = contact.native_name or contact.chinese_name or contact.latin_name or f"#{contact.id}"
    fn = card.add("fn")
    fn.value = shown
    fn.params["ALTID"] = ["1"]
    if contact.name_locale:
        fn.params["LANGUAGE"] = [contact.name_locale.replace("_", "-")]
    for text, language in ((contact.chinese_name, "zh-Hant"), (contact.latin_name, "en")):
        if text and text != shown:
            alt = card.add("fn")
            alt.value = text
            alt.params["ALTID"] = ["1"]
            alt.params["LANGUAGE"] = [language]
    name = card.add("n")
    name.value = vobject.vcard.Name(family=contact.family_name or "", given=contact.given_name or "")
    if contact.title:
        card.add("title").value = contact.title.get_for(locale)
    current = contact.current_affiliation
    if current is not None:
        card.add("org").value = [current.organization.names.get_for(locale)]
        if current.position and not contact.title:
            card.add("title").value = current.position
    for email in contact.emails:
        entry = card.add("email")
        entry.value = email.address
        entry.type_param = email.kind
    for phone in contact.phones:
        entry = card.add("tel")
        entry.value = dialable(phone.number)
        entry.type_param = PHONE_TYPES.get(phone.kind, "voice")
    for address in contact.addresses:
        entry = card.add("adr")
        entry.value = vobject.vcard.Address(
            street=address.text, country=country_name(address.country, locale)
        )
        entry.type_param = address.kind
    for language in contact.languages:
        card.add("lang").value = language
    if contact.tag_names:
        card.add("categories").value = contact.tag_names
    card.add("rev").value = contact.updated_at.strftime("%Y%m%dT%H%M%SZ")
    return card


def vcards(contacts: Iterable[Contact], locale: str) -> str:
    return "".join(contact_card(contact, locale).serialize() for contact in contacts)
