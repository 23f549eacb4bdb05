"""How a person's name is written and shown: family name first for Chinese, Japanese, Korean and Vietnamese,
given name first elsewhere; single names (common in Indonesia) stay single. And how a person is addressed in
each language (`addressed`): the one place that puts a title or honorific before or after a name, for mails,
itineraries, letters and certificates."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..core.i18n import reader_locale

FAMILY_FIRST = frozenset({"zh", "ja", "ko", "vi", "zh_Hant", "zh_Hans", "hu", "mn", "km"})
# Scripts written without spaces between family and given name (Korean too: 김민수, 성과 이름은 붙여 쓴다).
NO_SPACE = frozenset({"zh", "ja", "ko", "zh_Hant", "zh_Hans"})


def is_family_first(locale: str | None) -> bool:
    return bool(locale) and (locale in FAMILY_FIRST or locale.split("_")[0] in FAMILY_FIRST)


def full_name(family: str | None, given: str | None, locale: str | None) -> str:
    family, given = (family or "").strip(), (given or "").strip()
    if not family or not given:
        return family or given
    if is_family_first(locale):
        joiner = "" if locale in NO_SPACE or (locale or "").split("_")[0] in NO_SPACE else " "
        return f"{family}{joiner}{given}"
    return f"{given} {family}"


# Languages whose native script is Latin: a name written in them is a Latin name for readers of other languages.
LATIN_SCRIPT_LANGUAGES = frozenset(
    {"vi", "id", "ms", "fil", "en", "de", "fr", "es", "it", "nl", "pt", "cs", "pl", "sv", "fi", "tr"}
)


class PersonNames:
    """Which of a person's names a reader reads first, and the others beside it: for a contact record and for
    the plain rows the contact list reads (both have family_name, given_name, name_locale, chinese_name,
    latin_name and id)."""

    @property
    def native_name(self) -> str:
        return full_name(self.family_name, self.given_name, self.name_locale)

    def display_name(self, viewer_locale: str) -> str:
        """The name a viewer reads: the Chinese name for Chinese readers, the Latin one for others."""
        native = self.native_name
        if viewer_locale.startswith("zh"):
            return self.chinese_name or native or self.latin_name or f"#{self.id}"
        latin_native = (
            native
            if native.isascii() or (self.name_locale or "").split("_")[0] in LATIN_SCRIPT_LANGUAGES
            else ""
        )
        return self.latin_name or latin_native or native or self.chinese_name or f"#{self.id}"

    def other_names(self, shown: str) -> list[str]:
        return [
            n
            for n in dict.fromkeys([self.native_name, self.chinese_name, self.latin_name])
            if n and n != shown
        ]


def name_variants(family: str | None, given: str | None) -> list[str]:
    """Both orders, for search and duplicate detection ('Tanaka Hiroshi' and 'Hiroshi Tanaka')."""
    family, given = (family or "").strip(), (given or "").strip()
    if not family or not given:
        return [family or given] if (family or given) else []
    return [f"{family} {given}", f"{given} {family}", f"{family}{given}"]


_VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def guess_name_locale(*parts: str | None) -> str | None:
    """The language a name is most likely written in, from its script; None when the script says nothing
    (a Latin name could be English, Indonesian or anything else). Used where nobody said (imports)."""
    text = "".join(p for p in parts if p)
    if not text:
        return None
    for ch in text:
        code = ord(ch)
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
            return "ko"
        if 0x3040 <= code <= 0x30FF:
            return "ja"
        if 0x0E00 <= code <= 0x0E7F:
            return "th"
    if any(0x4E00 <= ord(ch) <= 0x9FFF or 0x3400 <= ord(ch) <= 0x4DBF for ch in text):
        return "zh_Hant"
    if _VIETNAMESE_LETTERS & set(text.lower()):
        return "vi"
    return None


# --- addressing a person ---------------------------------------------------------------------------

HONORIFICS = {
    "he": _l("H.E."),
    "hon": _l("The Honorable"),
    "dr": _l("Dr."),
    "prof": _l("Prof."),
    "mr": _l("Mr."),
    "ms": _l("Ms."),
    "mayor": _l("Mayor"),
    "governor": _l("Governor"),
    "ambassador": _l("Ambassador"),
    "representative": _l("Representative"),
    "director_general": _l("Director-General"),
    "consul_general": _l("Consul General"),
    "councillor": _l("Councillor"),
    "rev": _l("Rev."),
}

# The polite form of address where the record gives no title, or gives Mr./Ms.: (no gender known, Mr., Ms.).
POLITE = {
    "zh": ("", "先生", "女士"),
    "ja": ("様", "様", "様"),
    "ko": ("님", "님", "님"),
    "vi": ("Ông/Bà", "Ông", "Bà"),
    "id": ("Bapak/Ibu", "Bapak", "Ibu"),
    "th": ("คุณ", "คุณ", "คุณ"),
    "en": ("", "Mr.", "Ms."),
}
GENDERED = {"mr": 1, "ms": 2}
# Chinese, Japanese and Korean put the honorific after the name (山田花子女士, 山田花子様, 김민수 님).
AFTER_NAME = frozenset({"zh", "ja", "ko"})
# Honorifics of rank that stand instead of the polite form in CJK (閣下 after a name, 각하).
EXCELLENCY = frozenset({"he", "hon"})


def _language(locale: str | None) -> str:
    return (locale or "en").replace("-", "_").split("_")[0]


def title_in(honorific: str | None, locale: str) -> str:
    """The honorific's word (Dr., 博士, ดร.) in the locale's catalog; empty for none or an unknown one."""
    if honorific not in HONORIFICS:
        return ""
    with force_locale(
        reader_locale(locale, "en")
    ):  # zh_Hant -> our zh_Hant_TW; a language we lack -> English
        return str(HONORIFICS[honorific])


def addressed(name: str, locale: str, honorific: str | None = None, either_or: bool = True) -> str:
    """The name as a reader of `locale` addresses the person, with the honorific in its place:
    山田花子女士 (zh), 山田花子様 or 山田花子市長 (ja: a rank is honorific enough), 김민수 님 or 김민수 시장님 (ko), Ông Nguyễn Văn An (vi), Ibu Siti Rahayu (id), คุณสมชาย (th),
    Dr. Jane Smith (en). `honorific` is a code of HONORIFICS (mr, ms, dr, mayor, he ...) or None; without one the
    language's neutral polite form is used (Ông/Bà, Bapak/Ibu), or the name alone where there is none (zh, en).
    `either_or=False` leaves out the two-gender forms (Ông/Bà, Bapak/Ibu): a letter may say both, a place
    card in front of one chair cannot, and shows the name alone. Place cards, letters, mails and certificates
    all address people here, so they cannot disagree."""
    name = (name or "").strip()
    if not name:
        return ""
    language = _language(locale)
    neutral, mister, madam = POLITE.get(language, POLITE["en"])
    gender = GENDERED.get(honorific or "")
    if honorific in HONORIFICS and gender is None:
        if language in AFTER_NAME and honorific in EXCELLENCY:
            word = title_in("he", locale)  # 閣下 / 각하: "The Honorable" has no separate CJK form
        else:
            word = title_in(honorific, locale)
    else:
        word = (neutral, mister, madam)[gender or 0]
    if not word or (not either_or and "/" in word):
        return name
    if language in AFTER_NAME:
        if language == "ko":
            return f"{name} {word}" if word in ("님", title_in("he", locale)) else f"{name} {word}님"
        return f"{name}{word}"
    if language == "th" and word in ("คุณ", "ดร.") and not name[0].isascii():
        return f"{word}{name}"  # Thai writes คุณ and ดร. against a Thai name
    return f"{word} {name}"


def name_for_reader(contact, locale: str) -> str:
    """The contact's name for a reader of `locale`: in the person's own script when the reader shares their
    language (田中博 for a Japanese reader), else the display name the reader's language uses."""
    native = contact.native_name
    if native and contact.name_locale and _language(contact.name_locale) == _language(locale):
        return native
    return contact.display_name(locale)


def addressed_contact(contact, locale: str, name: str | None = None) -> str:
    """A contact addressed in `locale` (the name as given, else `name_for_reader`)."""
    return addressed(name or name_for_reader(contact, locale), locale, contact.honorific)
