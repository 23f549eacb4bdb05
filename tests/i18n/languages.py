"""What the journeys of tests/i18n need per language: the seven locales, and records named in each (an
event, a programme, a delegation and its partner city), as an officer would enter them."""

from __future__ import annotations

LANGUAGES = ["zh_Hant_TW", "en", "ja", "ko", "vi", "id", "th"]


def tag(locale: str) -> str:
    return locale.replace("_", "-")


def key(locale: str) -> str:
    """The LocalizedText key of a locale (records keep Chinese as zh_Hant)."""
    return "zh_Hant" if locale.startswith("zh") else locale


EVENT_TITLE = {
    "zh_Hant": "看見高雄",
    "en": "See Kaohsiung",
    "ja": "高雄を見る",
    "ko": "가오슝을 보다",
    "vi": "Khám phá Cao Hùng",
    "id": "Melihat Kaohsiung",
    "th": "มองเกาสง",
}
PROGRAMME_TITLE = {
    "zh_Hant": "暑期實習",
    "en": "Summer internship",
    "ja": "夏季インターンシップ",
    "ko": "하계 인턴십",
    "vi": "Thực tập mùa hè",
    "id": "Magang musim panas",
    "th": "การฝึกงานภาคฤดูร้อน",
}
GUEST_NAME = {
    "zh_Hant_TW": "林志明",
    "en": "Anna Smith",
    "ja": "山田花子",
    "ko": "김민수",
    "vi": "Nguyễn Thị Mai",
    "id": "Siti Rahayu",
    "th": "สมชาย ใจดี",
}
# A partner city whose own language is the locale (the first name is the native one).
PARTNER_NAMES = {
    "zh_Hant_TW": ({"zh_Hant": "新竹市", "en": "Hsinchu"}, "TW", "Asia/Taipei"),
    "en": ({"en": "Portland", "zh_Hant": "波特蘭市"}, "US", "America/Los_Angeles"),
    "ja": ({"ja": "横浜市", "zh_Hant": "橫濱市", "en": "Yokohama"}, "JP", "Asia/Tokyo"),
    "ko": ({"ko": "부산광역시", "zh_Hant": "釜山廣域市", "en": "Busan"}, "KR", "Asia/Seoul"),
    "vi": ({"vi": "Thành phố Đà Nẵng", "zh_Hant": "峴港市", "en": "Da Nang"}, "VN", "Asia/Ho_Chi_Minh"),
    "id": ({"id": "Kota Surabaya", "zh_Hant": "泗水市", "en": "Surabaya"}, "ID", "Asia/Jakarta"),
    "th": ({"th": "เชียงใหม่", "zh_Hant": "清邁", "en": "Chiang Mai"}, "TH", "Asia/Bangkok"),
}
# The second language of a delegation's printed sheets: the partner's, English for a Chinese partner.
SECOND = {"zh_Hant_TW": "en", "en": "en", "ja": "ja", "ko": "ko", "vi": "vi", "id": "id", "th": "th"}
