"""The one date reader and writer (intl.core.dates): every written form offices use, Gregorian and ROC, at the
precision known; one message for a date that does not exist."""

from datetime import date

import pytest

from intl.core.dates import (
    ANY_PRECISION,
    DateReadError,
    KnownDate,
    input_text,
    read_date,
    write_date,
)

EN = {"Accept-Language": "en"}

DAY_FORMS = [
    ("2026-11-27", date(2026, 11, 27)),
    ("2026/11/27", date(2026, 11, 27)),
    ("2026.11.27", date(2026, 11, 27)),
    ("2026-11-27T00:00:00", date(2026, 11, 27)),
    ("2026年11月27日", date(2026, 11, 27)),
    ("民國115年11月27日", date(2026, 11, 27)),
    ("民國 115/11/27", date(2026, 11, 27)),
    ("民國115/11/27", date(2026, 11, 27)),
    ("民國63/07/23", date(1974, 7, 23)),
    ("民國63年7月23日", date(1974, 7, 23)),
    ("115/11/27", date(2026, 11, 27)),
    ("115.11.27", date(2026, 11, 27)),
    ("115-11-27", date(2026, 11, 27)),
    ("63/07/23", date(1974, 7, 23)),
    ("63年7月23日", date(1974, 7, 23)),
    ("１１５／１１／２７", date(2026, 11, 27)),  # full-width, as typed with a Chinese input method
    (" 115 / 11 / 27 ", date(2026, 11, 27)),
]


@pytest.mark.parametrize(("typed", "expected"), DAY_FORMS)
def test_every_written_form_of_a_day(app, typed, expected):
    with app.test_request_context(headers=EN):
        assert read_date(typed) == KnownDate(expected, "day")
        assert read_date(typed, precision_allowed=ANY_PRECISION) == KnownDate(expected, "day")


@pytest.mark.parametrize(
    ("typed", "expected", "precision"),
    [
        ("1962", date(1962, 1, 1), "year"),
        ("1962年", date(1962, 1, 1), "year"),
        ("民國51年", date(1962, 1, 1), "year"),
        ("51年", date(1962, 1, 1), "year"),
        ("1974-07", date(1974, 7, 1), "month"),
        ("1974/7", date(1974, 7, 1), "month"),
        ("1974年7月", date(1974, 7, 1), "month"),
        ("民國63年7月", date(1974, 7, 1), "month"),
        ("民國63/07", date(1974, 7, 1), "month"),
    ],
)
def test_year_only_and_year_month_where_allowed(app, typed, expected, precision):
    with app.test_request_context(headers=EN):
        assert read_date(typed, precision_allowed=ANY_PRECISION) == KnownDate(expected, precision)
        with pytest.raises(DateReadError) as error:
            read_date(typed)  # a full date is needed here
        assert "2026-11-27" in str(error.value)


@pytest.mark.parametrize(
    "typed",
    ["2025-02-30", "115/02/30", "民國115年2月30日", "114/02/29", "2026-13-01", "1974-13", "民國115/13/01"],
)
def test_an_impossible_date_has_one_message(app, typed):
    with app.test_request_context(headers=EN):
        for allowed in (None, ANY_PRECISION):
            with pytest.raises(DateReadError) as error:
                read_date(typed) if allowed is None else read_date(typed, precision_allowed=allowed)
            assert str(error.value) == "That date does not exist."


@pytest.mark.parametrize(
    "typed", ["yesterday", "27/11", "2026-11-27-1", "民國2026年", "'; DROP TABLE x; --", "12345"]
)
def test_text_that_is_no_date(app, typed):
    with app.test_request_context(headers=EN), pytest.raises(DateReadError) as error:
        read_date(typed, precision_allowed=ANY_PRECISION)
    assert "1962" in str(error.value)


def test_blank_is_no_date(app):
    with app.test_request_context(headers=EN):
        assert read_date("") is None
        assert read_date("   ") is None
        assert read_date(None) is None


@pytest.mark.parametrize(
    ("value", "precision", "roc", "locale", "expected"),
    [
        (date(1962, 1, 1), "year", False, "en", "1962"),
        (date(1962, 1, 1), "year", True, "zh_Hant_TW", "民國51年"),
        (date(1962, 1, 1), "year", False, "zh_Hant_TW", "1962年"),
        (date(1974, 7, 1), "month", False, "en", "Jul 1974"),
        (date(1974, 7, 1), "month", False, "zh_Hant_TW", "1974年7月"),
        (date(1974, 7, 1), "month", True, "zh_Hant_TW", "民國63年7月"),
        (date(2026, 11, 27), "day", True, "zh_Hant_TW", "民國115年11月27日"),
        (date(2026, 11, 27), "day", False, "en", "Nov 27, 2026"),
    ],
)
def test_the_writer_keeps_the_precision(app, value, precision, roc, locale, expected):
    with app.test_request_context(headers=EN):
        assert write_date(value, precision, roc=roc, locale=locale) == expected


@pytest.mark.parametrize("roc", [False, True])
@pytest.mark.parametrize(
    ("value", "precision"),
    [(date(1962, 1, 1), "year"), (date(1974, 7, 1), "month"), (date(1974, 7, 23), "day")],
)
def test_what_a_form_shows_reads_back(app, roc, value, precision):
    with app.test_request_context(headers=EN):
        shown = input_text(value, precision, roc=roc)
        assert read_date(shown, precision_allowed=ANY_PRECISION) == KnownDate(value, precision)
