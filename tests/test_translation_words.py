"""Words the office found mistranslated (issue 11, problem 8): each meaning of an English word has its own
message (a pgettext context) and its own Chinese. Reads the Traditional Chinese catalog, then the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.helpers import page_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def chinese():
    with open(ROOT / "translations/zh_Hant_TW/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle, locale="zh_Hant_TW")
    return {(m.context, m.id): m.string for m in catalog if m.id}


@pytest.mark.parametrize(
    ("context", "word", "meant", "not_meant"),
    [
        (None, "Dates", "日期", "日期格式"),  # a column of dates: not the date-format setting
        ("user setting", "Dates", "日期格式", None),
        ("phone or address", "Home", "住家", "首頁"),  # a home phone: not the home page
        (None, "Home", "首頁", None),
        ("internship", "Programme", "實習計畫", "行程"),  # an internship programme: not an itinerary
        ("internship", "Programmes", "實習計畫", "活動與課程"),
    ],
)
def test_each_meaning_has_its_own_chinese(chinese, context, word, meant, not_meant):
    assert chinese[(context, word)] == meant
    if not_meant:
        assert chinese[(context, word)] != not_meant


def test_the_pages_use_the_right_meaning(client, make_user, login, make_contact, database):
    from intl.contacts.services import ContactDetails

    login(make_user("officer", locale="zh_Hant_TW"))
    contact = make_contact(
        ContactDetails(phones=[("home", "07 331 0000")], addresses=[("home", "高雄市", "TW")])
    )
    form = page_text(client.get(f"/contacts/{contact.id}/edit"))
    assert '<option selected value="home">住家</option>' in form or 'value="home">住家<' in form
    assert ">首頁<" not in form.split("<main")[1]
    placements = page_text(client.get("/internships/placements"))
    head = placements.split("<thead>")[1].split("</thead>")[0]
    assert "實習計畫" in head and "行程" not in head and "日期" in head and "日期格式" not in head
    settings = page_text(client.get("/account"))
    assert "日期格式" in settings
