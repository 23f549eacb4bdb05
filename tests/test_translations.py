"""Every message has a translation in Traditional Chinese and English, and the compiled catalogs are current."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["zh_Hant_TW", "en"]


def messages_of(locale):
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_complete(locale):
    catalog = messages_of(locale)
    missing, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if not all(strings):
            missing.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert not missing, f"{locale}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{locale}: fuzzy {fuzzy[:5]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_covers_every_message_in_the_code(locale):
    with open(ROOT / "translations" / "messages.pot", "rb") as handle:
        template = read_po(handle)
    catalog_ids = {m.id for m in messages_of(locale) if m.id}
    absent = [m.id for m in template if m.id and m.id not in catalog_ids]
    assert not absent, f"run `make translations`: {absent[:5]}"


def test_template_is_up_to_date_with_the_code(tmp_path):
    """Extract again and compare: a new string in the code that nobody extracted fails here."""
    from babel.messages.frontend import CommandLineInterface

    out = tmp_path / "fresh.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_pgettext:1c,2",
            "-k",
            "ngettext:1,2",
            "-k",
            "in_both",
            "-k",
            "say_in:2",
            "-o",
            str(out),
            str(ROOT),
        ]
    )
    with open(out, "rb") as handle:
        fresh = {m.id for m in read_po(handle) if m.id}
    with open(ROOT / "translations" / "messages.pot", "rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    assert fresh - committed == set(), f"run `make translations`: {sorted(fresh - committed, key=str)[:5]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalog_is_current(locale):
    folder = ROOT / "translations" / locale / "LC_MESSAGES"
    assert (folder / "messages.mo").stat().st_mtime >= (folder / "messages.po").stat().st_mtime
