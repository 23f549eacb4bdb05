"""One way to choose the reader's language (intl.core.i18n.reader_locale) for what guests and contacts are sent:
invitations to contacts, guests' mails and calendar files. Chinese and English readers are written to as
before; a language the app speaks is chosen by the same rule wherever it is offered."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from intl.contacts.services import ContactDetails
from tests.helpers import app_config


@pytest.fixture
def contact_reading(make_contact):
    def make(languages: list[str], **fields):
        values = {"country": "JP", "name_locale": "ja", **fields}
        return make_contact(
            ContactDetails(emails=[("work", "guest@example.org")], languages=languages), **values
        )

    return make


@pytest.mark.parametrize(
    ("languages", "fields", "expected"),
    [
        (["zh"], {}, "zh_Hant_TW"),
        (["en"], {}, "ja"),  # a Japanese name: the app speaks Japanese (issue 15)
        (["en"], {"name_locale": "de", "country": "DE"}, "en"),
        (["en", "zh"], {}, "zh_Hant_TW"),  # the office writes in its own language to whoever reads it
        ([], {"country": "TW"}, "zh_Hant_TW"),
        ([], {"name_locale": "zh_Hant"}, "zh_Hant_TW"),
        (["th"], {"name_locale": "fr", "country": "FR"}, "th"),
        (["th", "ja"], {}, "ja"),
        ([], {"name_locale": "ms", "country": "MY"}, "en"),  # no Malay catalog: English
        ([], {}, "ja"),
    ],
)
def test_contacts_are_invited_in_the_language_they_read(app, contact_reading, languages, fields, expected):
    from intl.events.registrations import preferred_locale

    assert preferred_locale(contact_reading(languages, **fields)) == expected


def test_a_language_the_app_speaks_is_chosen_by_the_same_rule_for_contacts_and_guests(
    app, contact_reading, make_event, database
):
    from intl.events.guests import guest_locale
    from intl.events.models import Registration
    from intl.events.registrations import invite_contacts, preferred_locale, register_guest

    reads_japanese = contact_reading(["ja", "en"])
    with app_config(app, LANGUAGES=["zh_Hant_TW", "en", "ja"]):
        assert preferred_locale(reads_japanese) == "ja"
        event = make_event()
        invite_contacts(event, [reads_japanese])
        invited = database.session.scalars(
            select(Registration).where(Registration.contact_id == reads_japanese.id)
        ).one()
        assert invited.locale == "ja"
        guest = register_guest(event, consent=True, name="Sato", email="sato@example.jp", locale="ja")
        assert guest_locale(guest) == "ja"
    with app_config(app, LANGUAGES=["zh_Hant_TW", "en"]):
        assert preferred_locale(reads_japanese) == "en"  # once the app no longer speaks it


def test_guests_are_written_to_in_the_language_they_chose(app, make_event, database):
    from intl.events.guests import guest_locale
    from intl.events.registrations import register_guest

    event = make_event(capacity=None)
    chose_english = register_guest(event, consent=True, name="Lan", email="lan@example.vn", locale="en")
    chose_chinese = register_guest(
        event, consent=True, name="林", email="lin@example.tw", locale="zh_Hant_TW"
    )
    said_nothing = register_guest(event, consent=True, name="Budi", email="budi@example.id")
    browser_tag = register_guest(event, consent=True, name="Anna", email="anna@example.de", locale="en-GB")
    assert guest_locale(chose_english) == "en"
    assert guest_locale(chose_chinese) == "zh_Hant_TW"
    assert guest_locale(said_nothing) == "zh_Hant_TW"  # the office's default for a mail
    assert guest_locale(said_nothing, "en") == "en"  # the page's language for a download
    assert guest_locale(browser_tag) == "en"  # a language tag is read as the language it names
