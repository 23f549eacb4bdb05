"""Names in each language's order with its honorific (intl/contacts/names.py), and dates from Babel per
locale, with Buddhist-era years for a Thai reader who asks for them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale
from flask_login import login_user

from intl.contacts.names import addressed
from intl.core.i18n import buddhist_date, format_date, format_datetime


@pytest.mark.parametrize(
    ("locale", "name", "honorific", "expected"),
    [
        # Chinese and Japanese put the honorific after the name, without a space (issue 11 and 15)
        ("zh_Hant_TW", "山田花子", "ms", "山田花子女士"),
        ("zh_Hant_TW", "王大明", "mr", "王大明先生"),
        ("zh_Hant_TW", "王大明", "dr", "王大明博士"),
        ("zh_Hant_TW", "王大明", None, "王大明"),
        ("zh_Hant", "山田花子", "hon", "山田花子閣下"),  # a letter's zh_Hant reads the office's catalog
        ("ja", "山田花子", "ms", "山田花子様"),
        ("ja", "山田花子", None, "山田花子様"),
        ("ja", "山田花子", "mayor", "山田花子市長"),
        ("ko", "김민수", None, "김민수 님"),
        ("ko", "김민수", "mayor", "김민수 시장님"),
        ("vi", "Nguyễn Văn An", "mr", "Ông Nguyễn Văn An"),
        ("vi", "Nguyễn Thị Mai", "ms", "Bà Nguyễn Thị Mai"),
        ("vi", "Nguyễn Thị Mai", None, "Ông/Bà Nguyễn Thị Mai"),
        ("id", "Budi Santoso", "mr", "Bapak Budi Santoso"),
        ("id", "Siti Rahayu", "ms", "Ibu Siti Rahayu"),
        ("id", "Sukarno", None, "Bapak/Ibu Sukarno"),  # a single name stays single
        ("th", "สมชาย ใจดี", None, "คุณสมชาย ใจดี"),
        ("th", "สมชาย ใจดี", "dr", "ดร.สมชาย ใจดี"),
        ("th", "Anna Smith", "ms", "คุณ Anna Smith"),
        ("en", "Jane Smith", "dr", "Dr. Jane Smith"),
        ("en", "Jane Smith", None, "Jane Smith"),
        ("fr", "Jeanne Dupont", "ms", "Ms. Jeanne Dupont"),  # a language without a catalog: English forms
    ],
)
def test_a_person_is_addressed_as_each_language_does(app, locale, name, honorific, expected):
    with app.test_request_context():
        assert addressed(name, locale, honorific) == expected


def test_a_place_card_leaves_out_the_either_or_forms(app):
    """`either_or=False` (place cards): no Ông/Bà or Bapak/Ibu before one person's name; the rest unchanged."""
    with app.test_request_context():
        assert addressed("Nguyễn Thị Mai", "vi", None, either_or=False) == "Nguyễn Thị Mai"
        assert addressed("Sukarno", "id", None, either_or=False) == "Sukarno"
        assert addressed("Nguyễn Thị Mai", "vi", "ms", either_or=False) == "Bà Nguyễn Thị Mai"
        assert addressed("山田花子", "ja", None, either_or=False) == "山田花子様"


def test_a_contact_is_addressed_in_the_readers_language_and_script(app, make_contact):
    from intl.contacts.names import addressed_contact

    tanaka = make_contact(honorific="mr")  # 田中博, a Japanese name, Hiroshi Tanaka in Latin letters
    with app.test_request_context():
        assert addressed_contact(tanaka, "ja") == "田中博様"
        assert addressed_contact(tanaka, "en") == "Mr. Hiroshi Tanaka"
        assert addressed_contact(tanaka, "vi") == "Ông Hiroshi Tanaka"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("short", "27/11/69"),
        ("medium", "27 พ.ย. 2569"),
        ("long", "27 พฤศจิกายน พ.ศ. 2569"),
        ("full", "วันศุกร์ที่ 27 พฤศจิกายน พ.ศ. 2569"),
    ],
)
def test_buddhist_era_dates_keep_thai_patterns(app, fmt, expected):
    with app.app_context():
        assert buddhist_date(date(2026, 11, 27), fmt) == expected


def test_a_thai_reader_who_asks_reads_buddhist_era_years(app, client, make_user, login, database):
    user = make_user("intern", locale="th")
    user.date_style = "buddhist"
    database.session.commit()
    login(user)
    moment = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
    with app.test_request_context():
        login_user(user)
        with force_locale("th"):
            assert format_date(date(2026, 11, 27), "long") == "27 พฤศจิกายน พ.ศ. 2569"
            assert format_datetime(moment).startswith("27 พ.ย. 2569 10:00")
        with force_locale("en"):  # the setting is for Thai pages only
            assert format_date(date(2026, 11, 27), "long") == "November 27, 2026"
        user.date_style = "gregorian"
        with force_locale("th"):
            assert (
                format_date(date(2026, 11, 27), "long") == "27 พฤศจิกายน ค.ศ. 2026"
            )  # CLDR's Thai: the Christian era
    page = client.get("/account")
    assert "พุทธศักราช" in page.get_data(as_text=True)  # the setting offers it, in Thai
