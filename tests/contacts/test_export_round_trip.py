"""Exports that read back (issue 11, problem 6): a contact exported as CSV or XLSX and imported again is the same
contact, phones without the apostrophe older files put before them; the vCard's TEL can be dialled."""

from __future__ import annotations

import importlib.util
import io
from datetime import date
from pathlib import Path

import pytest
import vobject
from openpyxl import load_workbook
from sqlalchemy import select, text

from intl.contacts.models import Contact, ContactPhone
from intl.contacts.services import ContactDetails, add_affiliation
from intl.imports.reading import read_rows
from tests.helpers import page_text


def _fields(contact: Contact) -> dict:
    """Every field the contact export and import carry."""
    current = contact.current_affiliation
    return {
        "family_name": contact.family_name,
        "given_name": contact.given_name,
        "name_locale": contact.name_locale,
        "chinese_name": contact.chinese_name,
        "latin_name": contact.latin_name,
        "honorific": contact.honorific,
        "title": dict(contact.title),
        "organization": current.organization_id if current else None,
        "position": current.position if current else None,
        "country": contact.country,
        "emails": [e.address for e in contact.emails],
        "phones": [p.number for p in contact.phones],
        "addresses": [a.text for a in contact.addresses],
        "languages": sorted(contact.languages),
        "needs": sorted(contact.needs),
        "needs_notes": contact.needs_notes,
        "protocol_notes": contact.protocol_notes,
        "notes": contact.notes,
        "tags": sorted(contact.tag_names),
        "purpose": contact.purpose,
        "legal_basis": contact.legal_basis,
        "collected_on": contact.collected_on,
        "collection_method": contact.collection_method,
        "source": contact.source,
        "consent": contact.consent,
    }


@pytest.fixture
def yamada(make_contact, make_organization, database):
    organization = make_organization(names={"ja": "横浜市国際局", "en": "Yokohama International Affairs"})
    contact = make_contact(
        ContactDetails(
            emails=[("work", "hanako@example.jp"), ("personal", "hanako.y@example.com")],
            phones=[("work", "+81 45 671 2111"), ("mobile", "-0912 345 678")],
            addresses=[("work", "横浜市中区本町6-50-10", "JP")],
            languages=["ja", "en"],
            tag_names=["Lantern Festival 2026", "=SUM(A1)"],
        ),
        family_name="山田",
        given_name="花子",
        name_locale="ja",
        chinese_name="山田花子",
        latin_name="Hanako Yamada",
        honorific="director_general",
        title={"zh_Hant": "局長", "en": "Director-General"},
        country="JP",
        needs=["halal", "nut_allergy"],
        needs_notes="Peanuts; carries an adrenaline pen",
        protocol_notes="+ seat on the host's right",
        notes="@mentions in her notes; =1+1 is not a formula",
        purpose="correspondence",
        legal_basis="consent",
        collected_on=date(2026, 3, 4),
        collection_method="in_person",
        source="Business card, Lantern Festival",
        consent=True,
    )
    add_affiliation(contact, organization.id, "International Affairs", None, None, True)
    database.session.commit()
    return contact


@pytest.mark.parametrize("locale", ["en", "zh_Hant_TW"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_contact_exported_and_imported_again_is_the_same(
    client, make_user, login, database, yamada, fmt, locale
):
    login(make_user("officer", locale=locale))
    expected = _fields(yamada)
    exported = client.get(f"/contacts/export.{fmt}")
    assert exported.status_code == 200
    data = exported.get_data()
    if fmt == "csv":
        assert b"'+81" not in data and b"+81 45 671 2111" in data  # phones as they are
        assert b"'=SUM(A1)" in data  # a true formula start is guarded
    else:
        sheet = load_workbook(io.BytesIO(data)).active
        cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
        formula_like = next(v for v in cells if "=1+1" in v)
        assert cells[formula_like].data_type == "s"  # a text cell, the value unchanged
        assert not any(v.startswith("'") for v in cells)
    response = client.post(
        "/import/contact",
        data={"file": (io.BytesIO(data), f"contacts.{fmt}")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, page_text(response)[:3000]
    preview = page_text(client.get(response.location))
    assert 'data-count="invalid">0<' in preview, preview.split("data-invalid-rows")[-1][:3000]
    client.post(response.location + "/commit", data={"skip_duplicates": ""})  # it is a duplicate, on purpose
    copy = database.session.scalars(
        select(Contact).where(Contact.latin_name == "Hanako Yamada", Contact.id != yamada.id)
    ).one()
    got = _fields(copy)
    # An import records how it got the contact unless the file says otherwise: the file says "in person".
    assert got == expected


def test_apostrophes_our_older_files_wrote_are_not_imported(client, as_role, database):
    as_role("officer")
    old_file = (
        "\ufeffFamily name,Given name,English / Latin name,Phones,Notes\n"
        "林,淑芬,Lin Shu-fen,'+886 7 337 3000; '+886 912 345 678,'=not a formula\n"
    ).encode()
    response = client.post(
        "/import/contact",
        data={"file": (io.BytesIO(old_file), "old-export.csv")},
        content_type="multipart/form-data",
    )
    client.post(response.location + "/commit", data={})
    contact = database.session.scalars(select(Contact).where(Contact.latin_name == "Lin Shu-fen")).one()
    assert [p.number for p in contact.phones] == ["+886 7 337 3000", "+886 912 345 678"]
    assert contact.notes == "=not a formula"


def test_import_template_writes_phones_without_apostrophe(client, as_role):
    as_role("officer")
    csv_text = client.get("/import/template/contact.csv?lang=en").get_data(as_text=True)
    assert "'+" not in csv_text and "+81 45 671 2111" in csv_text
    rows, _kind = read_rows(client.get("/import/template/contact.xlsx?lang=en").get_data(), "t.xlsx")
    assert "+81 45 671 2111" in rows[1]


def test_vcard_tel_never_carries_an_apostrophe(client, as_role, make_contact, database):
    as_role("officer")
    contact = make_contact(ContactDetails(phones=[("work", "+886 7 337 3000")]))
    # as a phone stored by an older import
    database.session.execute(
        text("UPDATE contact_phone SET number = :n WHERE contact_id = :c"),
        {"n": "'+886 7 337 3000", "c": contact.id},
    )
    database.session.commit()
    database.session.expire_all()
    card = vobject.readOne(client.get(f"/contacts/{contact.id}.vcf").get_data(as_text=True))
    assert [t.value for t in card.contents["tel"]] == ["+886 7 337 3000"]


def test_stored_apostrophes_are_cleaned_by_the_migration(database, make_contact):
    contact = make_contact(ContactDetails(phones=[("work", "+886 7 337 3000"), ("fax", "07 331 0000")]))
    database.session.execute(
        text("UPDATE contact_phone SET number = '''' || number WHERE contact_id = :c"), {"c": contact.id}
    )
    path = Path(__file__).parents[2] / "migrations/versions/b7d1e4a9c2f3_phones_without_apostrophes.py"
    spec = importlib.util.spec_from_file_location("phones_without_apostrophes", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    migration.clean_phones(database.session.connection())
    database.session.expire_all()
    numbers = database.session.scalars(
        select(ContactPhone.number)
        .where(ContactPhone.contact_id == contact.id)
        .order_by(ContactPhone.position)
    ).all()
    assert numbers == ["+886 7 337 3000", "07 331 0000"]


def test_a_phone_pasted_with_the_apostrophe_is_stored_dialable(make_contact):
    contact = make_contact(ContactDetails(phones=[("work", " '+886 7 337 3000 "), ("fax", "'")]))
    assert [p.number for p in contact.phones] == ["+886 7 337 3000"]
