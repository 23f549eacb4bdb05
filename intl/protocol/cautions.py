"""Cultural cautions for a gift: what it seems to be (clocks, sets of four, umbrellas, knives, alcohol, pork
and gelatine, read from its description in several languages) against who receives it (their country, their
language, their dietary needs and the office's notes). A caution is advice for the officer, never a refusal.

- Chinese-speaking guests: a clock (送鐘 sounds like attending a deathbed), sets of four (四 like 死), umbrellas
  (傘 like 散, parting);
- Japanese guests: knives (cutting ties) and sets of four (四 read し, death);
- Muslim guests: alcohol, pork and gelatine.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

KINDS = {
    "clock": _l("a clock"),
    "four": _l("a set of four"),
    "umbrella": _l("an umbrella"),
    "knife": _l("a knife or scissors"),
    "alcohol": _l("alcohol"),
    "pork": _l("pork or gelatine"),
}

# What gives a gift away, in the languages of the office's guests (lower-cased; CJK matched as substrings).
WORDS = {
    "clock": ["clock", "鐘", "钟", "時計", "置時計", "掛け時計", "jam dinding", "đồng hồ treo"],
    "four": ["set of 4", "set of four", "4-piece", "four-piece", "4 pieces", "four pieces", "四件", "四入", "4入",
             "4件", "四個", "4個", "四只", "四隻", "四枚", "4枚", "四本", "4本", "四色", "4色", "四點", "4点"],
    "umbrella": ["umbrella", "parasol", "傘", "伞", "payung", "ô dù"],
    "knife": ["knife", "knives", "scissors", "blade", "sword", "letter opener", "刀", "剪刀", "ナイフ", "包丁", "はさみ",
              "ハサミ", "鋏", "pisau", "dao "],
    "alcohol": ["wine", "whisky", "whiskey", "sake", "beer", "liquor", "spirits", "alcohol", "brandy", "vodka", "gin ",
                "rum ", "酒", "高粱", "紹興", "梅酒", "ビール", "ワイン", "bir ", "rượu"],
    "pork": ["pork", "ham ", "bacon", "sausage", "gelatin", "lard", "jerky", "豬", "猪", "火腿", "香腸", "培根", "明膠",
             "吉利丁", "肉乾", "肉鬆", "豚", "ハム", "babi", "thịt heo", "thịt lợn"],
}  # fmt: skip

CHINESE_COUNTRIES = frozenset({"TW", "CN", "HK", "MO", "SG"})
# Countries where most people are Muslim: a presumption to check with the guest, not a fact about them.
MUSLIM_MAJORITY = frozenset(
    {"ID", "MY", "BN", "PK", "BD", "AF", "SA", "AE", "QA", "KW", "BH", "OM", "YE", "IR", "IQ", "JO", "SY", "LB",
     "EG", "LY", "TN", "DZ", "MA", "MR", "SD", "SO", "DJ", "KM", "MV", "TR", "AZ", "KZ", "UZ", "TM", "KG", "TJ",
     "SN", "ML", "NE", "GM", "GN", "SL", "BF", "TD", "PS", "AL", "XK"}
)  # fmt: skip
MUSLIM_WORDS = ("muslim", "islam", "halal", "穆斯林", "回教", "伊斯蘭", "清真", "イスラム", "ハラール")

WHY = {
    "chinese": _l("Chinese-speaking guests avoid it"),
    "japanese": _l("Japanese guests avoid it"),
    "muslim": _l("the guest keeps halal"),
    "muslim_country": _l("most people of the guest's country are Muslim: ask first"),
}


@dataclass(frozen=True)
class Guest:
    country: str | None
    language: str | None  # the language of their name (contacts' name_locale)
    needs: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Caution:
    kind: str
    why: str  # a key of WHY


def kinds_in(text: str) -> set[str]:
    """What the gift's description suggests it is."""
    folded = " " + " ".join(text.casefold().split()) + " "
    return {kind for kind, words in WORDS.items() if any(word in folded for word in words)}


def audiences(guest: Guest) -> dict[str, str]:
    """caution kind -> why it matters for this guest."""
    found: dict[str, str] = {}
    language = (guest.language or "").split("_")[0]
    if guest.country in CHINESE_COUNTRIES or language == "zh":
        for kind in ("clock", "four", "umbrella"):
            found.setdefault(kind, "chinese")
    if guest.country == "JP" or language == "ja":
        for kind in ("knife", "four"):
            found.setdefault(kind, "japanese")
    notes = guest.notes.casefold()
    if "halal" in guest.needs or any(word in notes for word in MUSLIM_WORDS):
        for kind in ("alcohol", "pork"):
            found[kind] = "muslim"
    elif guest.country in MUSLIM_MAJORITY:
        for kind in ("alcohol", "pork"):
            found.setdefault(kind, "muslim_country")
    return found


def check(description: str, guest: Guest) -> list[Caution]:
    concerns = audiences(guest)
    return [Caution(kind, concerns[kind]) for kind in sorted(kinds_in(description)) if kind in concerns]
