"""Documents in two languages: the Chinese side and the reader's (a partner's) side of a printed page.

Itineraries, briefings, certificates and the year's report print each label, name and date twice: in
Traditional Chinese, and in the second language of the document, chosen from its partners' languages.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date
from babel.dates import get_timezone_location
from flask import current_app
from flask_babel import force_locale

from .i18n import roc_date
from .localized import LocalizedText
from .time import now_utc, office_zone_name

CHINESE = "zh_Hant_TW"


def second_locale(partners) -> str:
    """The partner's language where the app has a catalog for it (Chinese partners need none), else English."""
    catalogs = [code for code in current_app.config["LANGUAGES"] if not code.startswith("zh")]
    for partner in partners:
        language = (partner.names.native_locale or "").split("_")[0]
        for code in catalogs:
            if language != "zh" and code.split("_")[0] == language:
                return code
    return "en"


def joined(*texts: str) -> str:
    """The texts once each, in order: a name that is the same in both languages prints once."""
    return " ".join(dict.fromkeys(t for t in texts if t))


def label(lazy, other: str) -> str:
    """A UI label (a lazy gettext string) from the catalogs, in Chinese and in the second language."""
    with force_locale(CHINESE):
        chinese = str(lazy)
    with force_locale(other):
        return joined(chinese, str(lazy))


def names(text: LocalizedText | None, other: str) -> tuple[str, str]:
    """A record's own names (data, not UI): the Chinese form and the second language's form."""
    text = text if isinstance(text, LocalizedText) else LocalizedText(text or {})
    chinese, second = text.get_for(CHINESE), text.get_for(other)
    return chinese, ("" if second == chinese else second)


def long_date(day: date, other: str) -> dict:
    """A day as the Chinese side (ROC and Gregorian) and the other side read it."""
    return {
        "roc": roc_date(day),
        "chinese": babel_date(day, "full", locale=CHINESE),
        "other": babel_date(day, "full", locale=other),
    }


def date_range(start: date, end: date, other: str) -> dict:
    def span(first: str, last: str) -> str:
        return first if start == end else f"{first} – {last}"

    return {
        "roc": span(roc_date(start), roc_date(end)),
        "chinese": span(babel_date(start, "long", locale=CHINESE), babel_date(end, "long", locale=CHINESE)),
        "other": span(babel_date(start, "long", locale=other), babel_date(end, "long", locale=other)),
    }


def zone_city(zone: str, other: str) -> str:
    tz = ZoneInfo(zone)
    return joined(
        get_timezone_location(tz, CHINESE, return_city=True),
        get_timezone_location(tz, other, return_city=True),
    )


def local_moment(moment: datetime | None, zone: str, other: str) -> str:
    """A moment in a place's time, with the place named ('2026-11-27 14:05 台北 Taipei')."""
    if moment is None:
        return ""
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} {zone_city(zone, other)}"


def printed_at(other: str) -> str:
    """When the sheet was printed, in office time: paper outlives changes to the programme."""
    return local_moment(now_utc(), office_zone_name(), other)
