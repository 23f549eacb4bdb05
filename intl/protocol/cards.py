"""What a place card says: the name in the person's own script and in Chinese, each with the title or
honorific placed as that language writes it (after the name in Chinese, Japanese and Korean; before it, with
the title on a line of its own, in the others).

The honorifics here are the small set place cards need, in the two positions they take; the general rules of
names per language belong to intl/contacts/names.py (which this module calls for the name's own order).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale

from ..contacts.models import HONORIFICS
from .people import Person

AFTER_NAME = ("zh", "ja", "ko")

# Honorific key (contacts.models.HONORIFICS) -> the word written after a name, per language.
SUFFIXES = {
    "zh": {
        "he": "閣下", "hon": "閣下", "dr": "博士", "prof": "教授", "mr": "先生", "ms": "女士", "mayor": "市長",
        "governor": "州長", "ambassador": "大使", "representative": "代表", "director_general": "處長",
        "consul_general": "總領事", "councillor": "議員", "rev": "牧師",
    },
    "ja": {
        "he": "閣下", "hon": "閣下", "dr": "博士", "prof": "教授", "mr": "様", "ms": "様", "mayor": "市長",
        "governor": "知事", "ambassador": "大使", "representative": "代表", "director_general": "所長",
        "consul_general": "総領事", "councillor": "議員", "rev": "牧師",
    },
    "ko": {
        "he": "각하", "hon": "님", "dr": "박사님", "prof": "교수님", "mr": "님", "ms": "님", "mayor": "시장님",
        "governor": "지사님", "ambassador": "대사님", "representative": "대표님", "director_general": "처장님",
        "consul_general": "총영사님", "councillor": "의원님", "rev": "목사님",
    },
}  # fmt: skip


# Honorific key -> the word written before a name, for languages whose own forms differ from English's.
PREFIXES = {
    "th": {"he": "ฯพณฯ", "mr": "นาย", "ms": "คุณ", "dr": "ดร.", "prof": "ศ."},
    "vi": {"he": "Ngài", "mr": "Ông", "ms": "Bà", "dr": "TS.", "prof": "GS."},
}  # fmt: skip


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


def _after(name: str, word: str, language: str) -> str:
    joiner = "" if language == "ko" and word.endswith("님") and not word.startswith(" ") else " "
    return f"{name}{joiner}{word}" if word else name


def card_for(person: Person) -> Card:
    language = _language(person)
    honorific = person.honorific or ""
    if language in AFTER_NAME:
        word = _title(person, language) or SUFFIXES[language].get(honorific, "")
        own = _after(person.native_name, word, language)
        # No title in their own language: the one the office has (English first) on a line of its own.
        own_title = "" if _title(person, language) else (_title(person, "en") or person.titles.native or "")
    else:
        name = person.native_name or person.latin_name
        prefix = PREFIXES.get(language, {}).get(honorific, "")
        if not prefix and honorific in HONORIFICS:
            with force_locale("en"):
                prefix = str(HONORIFICS[honorific])
        own = f"{prefix} {name}".strip()
        own_title = _title(person, language) or _title(person, "en")
    chinese = ""
    if person.chinese_name and language != "zh":
        word = _title(person, "zh") or SUFFIXES["zh"].get(honorific, "")
        chinese = _after(person.chinese_name, word, "zh")
        chinese = "" if chinese == own else chinese
    return Card(own=own, own_lang=(person.name_locale or language).replace("_", "-"), own_title=own_title,
                chinese=chinese, side=person.participant.side)  # fmt: skip
