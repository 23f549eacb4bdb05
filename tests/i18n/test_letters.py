"""Letters' standard parts in the partners' languages: the date as each language writes official letters,
the recipient addressed as the language does, and standard templates with the language's salutation and
closing."""

from __future__ import annotations

from datetime import date

import pytest

from intl.correspondence.filling import Sources, fill, letter_date, values
from intl.correspondence.template_texts import STANDARD_TEMPLATES


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh_Hant", "民國115年11月27日"),
        ("ja", "2026年11月27日"),
        ("ko", "2026년 11월 27일"),
        ("vi", "27 tháng 11, 2026"),
        ("id", "27 November 2026"),
        ("th", "27 พฤศจิกายน พ.ศ. 2569"),  # Thai official letters count Buddhist-era years
        ("en", "November 27, 2026"),
    ],
)
def test_a_letter_is_dated_as_its_language_writes_letters(language, expected):
    assert letter_date(date(2026, 11, 27), language) == expected


@pytest.mark.parametrize(
    ("language", "salutation", "closing"),
    [
        ("ko", "{addressed}께", "감사합니다."),
        ("vi", "Kính gửi {addressed},", "Trân trọng,"),
        ("id", "Yth. {addressed},", "Hormat kami,"),
        ("th", "เรียน {addressed}", "ขอแสดงความนับถือ"),
    ],
)
def test_standard_templates_open_and_close_as_the_language_does(language, salutation, closing):
    kinds = {kind for kind, lang, *_rest in STANDARD_TEMPLATES if lang == language}
    assert {"invitation", "thank_you"} <= kinds
    for kind, lang, _name, _subject, body in STANDARD_TEMPLATES:
        if lang == language:
            assert salutation in body and body.rstrip().endswith(closing), (kind, language)


def test_the_recipient_is_addressed_in_the_templates_language(app, make_contact):
    kim = make_contact(
        family_name="김",
        given_name="민수",
        name_locale="ko",
        latin_name="Kim Min-su",
        country="KR",
        honorific="mayor",
    )
    with app.test_request_context():
        known = values(Sources(contact=kim, on=date(2026, 11, 27)), "ko")
        assert known["addressed"] == "김민수 시장님"
        assert fill("{addressed}께", known) == "김민수 시장님께"
        assert (
            values(Sources(contact=kim, on=date(2026, 11, 27)), "vi")["addressed"] == "Thị trưởng Kim Min-su"
        )


def test_a_japanese_letter_to_japan_takes_the_era_of_its_date():
    # the era changed on 1 May 2019: the day before is the last of Heisei, then the first year of Reiwa
    assert letter_date(date(2026, 11, 27), "ja", ["JP"]) == "令和8年11月27日"
    assert letter_date(date(2019, 4, 30), "ja", [None, "JP"]) == "平成31年4月30日"
    assert letter_date(date(2019, 5, 1), "ja", ["JP"]) == "令和元年5月1日"
    assert letter_date(date(2026, 11, 27), "ja", ["TW"]) == "2026年11月27日"
    assert letter_date(date(2026, 11, 27), "en", ["JP"]) == "November 27, 2026"  # an English copy: Gregorian
