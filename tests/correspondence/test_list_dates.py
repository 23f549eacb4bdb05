"""The letter list writes its dates as each reader asked (its rows are worked out in Python, the reader's era
looked up once per page): ROC for a reader who chose it, the Gregorian calendar in the same language for one
who did not, the English form for an English reader."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import page_text


@pytest.fixture
def letter(make_letter):
    return make_letter(letter_on=date(2026, 11, 20), due_on=date(2026, 12, 4))


@pytest.mark.parametrize(
    ("locale", "style", "shown", "not_shown"),
    [
        ("zh_Hant_TW", "roc", ["民國115年11月20日", "民國115年12月4日"], ["2026年11月20日"]),
        ("zh_Hant_TW", "gregorian", ["2026年11月20日", "2026年12月4日"], ["民國115年"]),
        ("en", "roc", ["Nov 20, 2026", "Dec 4, 2026"], ["民國"]),
    ],
)
def test_letter_list_dates_in_the_readers_style(
    client, make_user, login, database, letter, locale, style, shown, not_shown
):
    user = make_user("officer", locale=locale)
    user.date_style = style
    database.session.commit()
    login(user)
    text = page_text(client.get("/letters"))
    assert letter.subject in text
    for expected in shown:
        assert expected in text
    for unexpected in not_shown:
        assert unexpected not in text
