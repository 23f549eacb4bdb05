"""How a person's name is written and shown: family name first for Chinese, Japanese, Korean and Vietnamese,
given name first elsewhere; single names (common in Indonesia) stay single."""

from __future__ import annotations

FAMILY_FIRST = frozenset({"zh", "ja", "ko", "vi", "zh_Hant", "zh_Hans", "hu", "mn", "km"})
# Scripts written without spaces between family and given name.
NO_SPACE = frozenset({"zh", "ja", "zh_Hant", "zh_Hans"})


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
