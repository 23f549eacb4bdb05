"""What a place card says: the name in the person's own script and in Chinese, each with the title or
honorific placed as that language writes it (after the name in Chinese, Japanese and Korean; before it, with
the title on a line of its own, in the others).

The honorific and its place come from intl/contacts/names.py (`addressed`), the one rule that letters, mails
and certificates follow too; what is the card's own is the layout: a title the office has in the person's
language stands after a CJK name in place of the honorific (山中竹春 横浜市長), and elsewhere goes on a line
of its own under the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..contacts.names import AFTER_NAME, addressed
from ..core.i18n import CHINESE
from .people import Person


@dataclass
class Card:
    own: str  # name (and title or honorific) in the person's own script
    own_lang: str  # BCP 47 tag of that line
    own_title: str  # the title on its own line (languages that put it apart), or ""
    chinese: str  # the Chinese line, or "" when it would repeat the first
    side: str


def _language(person: Person) -> str:
    code = (person.name_locale or "").split("_")[0]
    if code:
        return code
    return "zh" if person.native_name and not person.native_name.isascii() else "en"


def _title(person: Person, language: str) -> str:
    for code, text in person.titles.items():
        if code.split("_")[0] == language:
            return text
    return ""


def _with_title(name: str, title: str, locale: str, honorific: str | None) -> str:
    """A CJK line: the name with the title the office has in that language after it, else addressed."""
    if title:
        return f"{name} {title}"
    return addressed(name, locale, honorific, either_or=False)


def card_for(person: Person) -> Card:
    language = _language(person)
    locale = person.name_locale or language
    if language in AFTER_NAME:
        title = _title(person, language)
        own = _with_title(person.native_name, title, locale, person.honorific)
        # No title in their own language: the one the office has (English first) on a line of its own.
        own_title = "" if title else (_title(person, "en") or person.titles.native or "")
    else:
        name = person.native_name or person.latin_name
        own = addressed(name, locale, person.honorific, either_or=False)
        own_title = _title(person, language) or _title(person, "en")
    chinese = ""
    if person.chinese_name and language != "zh":
        chinese = _with_title(person.chinese_name, _title(person, "zh"), CHINESE, person.honorific)
        # Nothing new: the same line, or the same name bare (a Japanese name in kanji, no Chinese title).
        chinese = "" if chinese in (own, person.native_name) else chinese
    return Card(own=own, own_lang=locale.replace("_", "-"), own_title=own_title, chinese=chinese,
                side=person.participant.side)  # fmt: skip
