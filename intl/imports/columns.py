"""The columns each import understands, with their headings in both languages (used for matching headings
and for the template files)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from .reading import header_key


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy string: the heading
    example: str = ""
    aliases: tuple[str, ...] = ()
    template: bool = (
        True  # False: a column our own exports write that the import reads past (a derived value)
    )


def heading(column: Column, locale: str) -> str:
    with force_locale(locale):
        return str(column.label)


def alias_map(columns: list[Column]) -> dict[str, str]:
    """Normalized heading text -> column key, for headings written in either language or as the key."""
    aliases = {}
    for column in columns:
        for text in column.aliases:
            aliases[header_key(text)] = column.key
    for column in columns:  # a column's own heading wins over another's alias ("Name" and "name")
        for text in (column.key, heading(column, "en"), heading(column, "zh_Hant_TW")):
            aliases[header_key(text)] = column.key
    return aliases


NAME_COLUMNS = [
    Column("name_zh", _l("Name in Chinese"), "橫濱市", ("中文名稱", "名稱(中文)")),
    Column("name_en", _l("Name in English"), "Yokohama", ("英文名稱", "name", "english name")),
    Column("name_native", _l("Name in its own language"), "横浜市", ("原文名稱",)),
    Column("native_language", _l("Language of that name"), "ja", ("原文語言",)),
]

CONTACT_COLUMNS = [
    Column("family_name", _l("Family name"), "田中", ("姓", "surname", "last name")),
    Column("given_name", _l("Given name"), "博", ("名", "first name")),
    Column("name_language", _l("Language of the name"), "ja", ("姓名語言",)),
    Column("chinese_name", _l("Chinese name"), "田中博", ("中文姓名",)),
    Column("latin_name", _l("English / Latin name"), "Hiroshi Tanaka", ("英文姓名", "english name", "name")),
    Column("honorific", _l("Honorific"), "Dr.", ("稱謂",)),
    Column("title_zh", _l("Title in Chinese"), "處長", ("中文職稱",)),
    Column("title_en", _l("Title in English"), "Director", ("英文職稱", "title")),
    Column("organization", _l("Organization"), "Yokohama City", ("機關", "單位", "organisation", "company")),
    Column("position", _l("Position"), "International Affairs", ("職位", "部門")),
    Column("country", _l("Country"), "Japan", ("國籍", "nationality")),
    Column("emails", _l("E-mails"), "tanaka@example.jp", ("email", "e-mail", "電郵", "電子信箱")),
    Column("phones", _l("Phones"), "+81 45 671 2111", ("phone", "電話", "tel")),
    Column("address", _l("Address"), "", ("地址",)),
    Column("languages", _l("Languages spoken"), "ja, en", ("語言",)),
    Column("needs", _l("Dietary and religious needs"), "", ("飲食需求", "dietary")),
    Column("needs_notes", _l("Needs, allergies (details)"), "", ("過敏",)),
    Column("protocol_notes", _l("Protocol notes"), "", ("禮賓備註",)),
    Column("notes", _l("Notes"), "", ("備考",)),
    Column("tags", _l("Tags"), "Lantern Festival 2026", ("標記",)),
    Column("purpose", _l("Purpose of keeping the data"), "", ("蒐集目的",)),
    Column("legal_basis", _l("Legal basis"), "", ("法律依據",)),
    Column("collected_on", _l("Collected on"), "2026-11-27", ("蒐集日期",)),
    Column("collection_method", _l("How it was collected"), "", ("蒐集方式",)),
    Column("source", _l("Source"), "", ("資料來源",)),
    Column("consent", _l("Consent given"), "", ("同意",)),
]

ORGANIZATION_COLUMNS = [
    *NAME_COLUMNS,
    Column("kind", _l("Kind"), "university", ("類型",)),
    Column("country", _l("Country"), "Japan", ()),
    Column("parent", _l("Parent organization"), "", ("上級機關",)),
    Column("partner", _l("Partner city"), "", ("姊妹市",)),
    Column("website", _l("Website"), "https://www.city.yokohama.lg.jp/", ("網址", "url")),
    Column("email", _l("E-mail"), "", ("email",)),
    Column("phone", _l("Phone"), "", ("電話",)),
    Column("address", _l("Address"), "", ("地址",)),
    Column("tags", _l("Tags"), "", ()),
    Column("notes", _l("Notes"), "", ()),
]

# A partner comes with its tie (agreement): the columns our own partner export writes, so that exporting and
# importing again changes nothing, and the headings lists made elsewhere use.
PARTNER_COLUMNS = [
    Column("sequence_no", _l("No."), "", ("編號", "序號"), template=False),
    Column("display_name", _l("Name"), "", ("名稱",), template=False),
    *NAME_COLUMNS,
    Column("kind", _l("Kind"), "city", ("類型",)),
    Column("country", _l("Country"), "Japan", ("國家", "國別")),
    Column("country_code", _l("Country code"), "", ("國家代碼", "iso", "country iso"), template=False),
    Column("region", _l("Region"), "神奈川県", ("地區", "州/省")),
    Column("timezone", _l("Time zone"), "Asia/Tokyo", ("時區",)),
    Column("relationship", _l("Relationship"), "friendly", ("關係", "締盟類別", "relation")),
    Column("tie_type", _l("Agreement type"), "friendly", ("協定類型", "締約類型", "type of agreement")),
    Column("our_party", _l("Party on our side"), "city_government", ("締約單位", "我方締約單位", "party")),
    Column(
        "signed_on",
        _l("Signed on"),
        "2006-11-01",
        (
            "簽約日期",
            "締約日期",
            "締盟日期",
            "relationship since",
            "關係建立日期",
            "date signed",
            "signing date",
        ),
    ),
    Column("tie_state", _l("State of the agreement"), "in_force", ("協定狀態", "狀態", "status", "state")),
    Column("source", _l("Source of the fact"), "", ("資料來源", "來源", "source")),
    # The tie that replaced this one, by its type and signing date ("Sister city agreement 1979-09-25").
    Column("superseded_by", _l("Superseded by"), "", ("被取代為", "取代者", "replaced by"), template=False),
    Column("focus_areas", _l("Focus areas"), "trade, culture", ("交流領域",)),
    Column("new_southbound", _l("New Southbound"), "", ("新南向",), template=False),
    Column("notes", _l("Notes"), "", ()),
    Column("latitude", _l("Latitude"), "35.44", ("緯度",)),
    Column("longitude", _l("Longitude"), "139.64", ("經度",)),
]
