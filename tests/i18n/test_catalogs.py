"""The seven languages' catalogs: every message an outsider reads (tests/i18n/scope.py) is translated in each,
with the same placeholders as its English id; the rest of a catalog may be missing, and then the English id
shows (gettext's fallback: our message ids are English), never an empty string or a key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale
from flask_babel import gettext as _

from . import scope

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["zh_Hant_TW", "en", "ja", "ko", "vi", "id", "th"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalog(locale: str):
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


def template():
    with open(ROOT / "translations" / "messages.pot", "rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def outsider_messages(app):
    with app.test_request_context():
        found = template()
        return scope.from_sources(found) | scope.from_classes(found) | scope.from_code()


def test_the_scope_finds_the_public_pages_mails_and_documents(outsider_messages):
    """The lists in scope.py still point at the files that hold these texts (a moved template fails here)."""
    for message in (
        "Register",  # the registration page
        "Send my application",  # the internship application
        "Registration confirmed: %(event)s",  # the guest's mail
        "Application received: %(programme)s",  # the student's receipt
        "Your registration: %(status)s",  # the .ics description
        "Itinerary",  # the printed itinerary
        "Certificate of Internship",
        "Our reference",  # a letter's standard label
        "How we use your details",  # the privacy notice
        "Back to the home page",  # error pages
        "Vegetarian",  # a choice on the public form
    ):
        assert message in outsider_messages
    assert len(outsider_messages) > 250


def test_the_app_offers_the_seven_languages(app):
    assert app.config["LANGUAGES"] == LANGUAGES


@pytest.mark.parametrize("locale", LANGUAGES)
def test_every_outsider_message_is_translated(locale, outsider_messages):
    messages = {(f"{m.context}\x04{m.id}" if m.context else m.id): m for m in catalog(locale) if m.id}
    missing, fuzzy, wrong_placeholders = [], [], []
    for message_id in sorted(outsider_messages, key=str):
        message = messages.get(message_id)
        strings = (
            []
            if message is None
            else message.string
            if isinstance(message.string, tuple | list)
            else [message.string]
        )
        if not strings or not all(strings):
            missing.append(message_id)
            continue
        if message.fuzzy:
            fuzzy.append(message_id)
        ids = message_id if isinstance(message_id, tuple | list) else [message_id]
        if sorted(PLACEHOLDER.findall(ids[0])) != sorted(PLACEHOLDER.findall(strings[0])):
            wrong_placeholders.append(message_id)
    assert not missing, f"{locale}: {len(missing)} outsiders' messages untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{locale}: fuzzy {fuzzy[:5]}"
    assert not wrong_placeholders, f"{locale}: placeholders differ from the id: {wrong_placeholders[:5]}"


@pytest.mark.parametrize("locale", LANGUAGES)
def test_catalog_has_every_message_of_the_code(locale):
    ids = {m.id for m in catalog(locale) if m.id}
    absent = [m.id for m in template() if m.id and m.id not in ids]
    assert not absent, f"run `make translations`: {absent[:5]}"


@pytest.mark.parametrize("locale", LANGUAGES)
def test_compiled_catalog_is_current(locale):
    folder = ROOT / "translations" / locale / "LC_MESSAGES"
    assert (folder / "messages.mo").stat().st_mtime >= (folder / "messages.po").stat().st_mtime


@pytest.mark.parametrize("locale", ["ja", "ko", "vi", "id", "th"])
def test_a_message_without_translation_falls_back_to_english(app, locale):
    untranslated = next(
        (
            m.id
            for m in catalog(locale)
            if m.id and isinstance(m.id, str) and not m.string and "%" not in m.id
        ),
        None,
    )
    if untranslated is None:
        pytest.skip(f"{locale} translates every message")
    with app.test_request_context(), force_locale(locale):
        assert _(untranslated) == untranslated  # the English id: never empty, never a key
        assert _("Register") != "Register"  # and the catalog itself is loaded


def test_a_staff_page_in_japanese_mixes_translated_and_english_messages(app, client, as_role):
    as_role("intern")
    client.post("/language", data={"locale": "ja", "next": "/"})
    page = client.get("/internships/me", follow_redirects=True)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'lang="ja"' in html
    assert "インターンシップ" in html or "ホーム" in html  # translated menu
    assert "msgid" not in html and "%(" not in html
