"""Personal data through one door: every path of the directory that shows or exports a contact's e-mail,
phone, address or needs shows them only to the roles that may see them (PERSONAL_DATA), and each showing is
read back from the access log: one entry per contact and action, written once per request."""

from __future__ import annotations

import io
import json

import pytest
import vobject
from openpyxl import load_workbook
from sqlalchemy import select

from intl.contacts.models import PersonalDataAccess
from intl.contacts.services import ContactDetails
from tests.helpers import page_text

EMAIL, PHONE, ADDRESS = "tanaka@example.jp", "+81 45 671 2111", "1-1 Minato Mirai, Yokohama"


@pytest.fixture
def person(make_contact):
    return make_contact(
        needs=["halal"],
        needs_notes="peanut allergy",
        details=ContactDetails(
            emails=[("work", EMAIL)], phones=[("mobile", PHONE)], addresses=[("work", ADDRESS, "JP")]
        ),
    )


@pytest.fixture
def someone_else(make_contact):
    return make_contact(
        family_name="Nguyễn",
        given_name="An",
        name_locale="vi",
        latin_name="Nguyen Van An",
        country="VN",
        details=ContactDetails(emails=[("work", "an@example.vn")]),
    )


def log(database) -> list[tuple[int, int, str]]:
    """The access log as (contact, user, action), in the order it was written."""
    database.session.expire_all()
    rows = database.session.scalars(select(PersonalDataAccess).order_by(PersonalDataAccess.id))
    return [(r.contact_id, r.user_id, r.action) for r in rows]


def test_contact_page(client, as_role, person, database):
    officer = as_role("officer")
    page = page_text(client.get(f"/contacts/{person.id}"))
    assert EMAIL in page and PHONE in page and "peanut allergy" in page
    assert log(database) == [(person.id, officer.id, "view")]


def test_contact_list_email_column(client, as_role, person, someone_else, database):
    officer = as_role("officer")
    page = page_text(client.get("/contacts"))
    assert EMAIL in page and "an@example.vn" in page
    assert sorted(log(database)) == sorted(
        [(person.id, officer.id, "list"), (someone_else.id, officer.id, "list")]
    )


def test_contact_list_logs_in_one_insert(client, as_role, person, someone_else, count_queries, database):
    as_role("officer")
    client.get("/contacts")
    with count_queries() as counted:
        client.get("/contacts")
    inserts = [s for s in counted.statements if s.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 1 and "personal_data_access" in inserts[0]
    assert len(log(database)) == 4


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_bulk_export_csv_and_xlsx(client, as_role, person, someone_else, database, fmt):
    officer = as_role("officer")
    response = client.get(f"/contacts/export.{fmt}", query_string={"country": "JP"})
    assert response.status_code == 200
    if fmt == "csv":
        text = response.data.decode("utf-8-sig")
    else:
        text = repr(list(load_workbook(io.BytesIO(response.data)).active.values))
    assert EMAIL in text and PHONE in text and "an@example.vn" not in text
    assert log(database) == [(person.id, officer.id, "export")]


def test_bulk_vcard_export(client, as_role, person, someone_else, database):
    officer = as_role("officer")
    response = client.get("/contacts/export.vcf")
    cards = list(vobject.readComponents(response.data.decode()))
    assert sorted(c.email.value for c in cards) == sorted([EMAIL, "an@example.vn"])
    assert sorted(log(database)) == sorted(
        [(person.id, officer.id, "export"), (someone_else.id, officer.id, "export")]
    )


def test_single_vcard(client, as_role, person, database):
    officer = as_role("officer")
    card = vobject.readOne(client.get(f"/contacts/{person.id}.vcf").data.decode())
    assert card.tel.value == PHONE
    assert log(database) == [(person.id, officer.id, "export")]


def test_personal_data_request_page_and_json(client, as_role, person, database):
    officer = as_role("officer")
    assert "peanut allergy" in page_text(client.get(f"/contacts/{person.id}/personal-data"))
    assert log(database) == [(person.id, officer.id, "export")]
    data = json.loads(client.get(f"/contacts/{person.id}/personal-data.json").data)
    assert EMAIL in json.dumps(data["profile"], ensure_ascii=False)
    assert log(database) == [(person.id, officer.id, "export")] * 2


def test_edit_form(client, as_role, person, database):
    officer = as_role("officer")
    page = page_text(client.get(f"/contacts/{person.id}/edit"))
    assert EMAIL in page and PHONE in page
    assert log(database) == [(person.id, officer.id, "view")]


def test_merge_comparison(client, as_role, person, someone_else, database):
    officer = as_role("officer")
    assert log(database) == []
    page = page_text(
        client.post(f"/contacts/{person.id}/merge", data={"other_id": f"Nguyen Van An [#{someone_else.id}]"})
    )
    assert "data-merge-preview" in page and EMAIL in page and "an@example.vn" in page
    assert sorted(log(database)) == sorted(
        [(person.id, officer.id, "view"), (someone_else.id, officer.id, "view")]
    )


def test_pages_without_personal_details_log_nothing(client, as_role, person, make_organization, database):
    from intl.contacts.services import add_affiliation

    as_role("officer")
    org = make_organization()
    add_affiliation(person, org.id, "Director", None, None, True)
    database.session.commit()
    assert "田中博" in page_text(client.get(f"/organizations/{org.id}"))
    assert client.get(f"/contacts/{person.id}/photo").status_code == 404  # no photo; nothing shown
    assert log(database) == []


def test_an_intern_sees_none_of_it_and_nothing_is_logged(client, as_role, person, someone_else, database):
    as_role("intern")
    page = page_text(client.get(f"/contacts/{person.id}"))
    assert "Hiroshi Tanaka" in page and "data-limited-view" in page
    listing = page_text(client.get("/contacts"))
    assert "Hiroshi Tanaka" in listing
    for shown in (page, listing):
        assert EMAIL not in shown and PHONE not in shown and ADDRESS not in shown and "peanut" not in shown
    for url in (
        "/contacts/export.csv",
        "/contacts/export.xlsx",
        "/contacts/export.vcf",
        f"/contacts/{person.id}.vcf",
        f"/contacts/{person.id}/personal-data",
        f"/contacts/{person.id}/personal-data.json",
        f"/contacts/{person.id}/edit",
        f"/contacts/{person.id}/merge",
        f"/contacts/{person.id}/photo",
    ):
        assert client.get(url).status_code == 403, url
    assert log(database) == []


def test_a_refused_or_failed_request_logs_nothing(client, as_role, person, database):
    as_role("officer")
    assert client.get("/contacts/export.csv").status_code == 200
    assert client.get("/contacts/999999.vcf").status_code == 404
    assert [action for _c, _u, action in log(database)] == ["export"]


def test_the_log_does_not_fail_a_page_when_someone_else_wrote_meanwhile(tmp_path):
    """On SQLite, a transaction that has read and then writes fails at once when another connection
    committed in between (PERFORMANCE.md). The log is written after the page has read everything it shows,
    in a busy office often after a colleague saved something: it gets a transaction of its own."""
    from sqlalchemy.orm import Session

    from intl import create_app
    from intl.auth.services import create_user
    from intl.contacts.services import create_contact
    from intl.core.db import db
    from intl.core.tags import Tag
    from tests.conftest import TEST_PASSWORD, make_test_config

    app = create_app(make_test_config(tmp_path, "sqlite", "unused"))
    with app.app_context():
        db.create_all()
        officer = create_user("mei", TEST_PASSWORD, "officer")
        contact = create_contact({"latin_name": "Hiroshi Tanaka"})
        db.session.commit()
        session_id, contact_id = officer.get_id(), contact.id

    def a_colleague_saves_meanwhile(response):  # runs after the page is built, before the log is written
        with Session(db.engine) as colleague:
            colleague.add(Tag(name=f"tag-{len(colleague.query(Tag).all())}"))
            colleague.commit()
        return response

    app.after_request(a_colleague_saves_meanwhile)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = session_id, True
    assert client.get(f"/contacts/{contact_id}").status_code == 200
    assert client.get("/contacts").status_code == 200
    with app.app_context():
        logged = db.session.scalars(select(PersonalDataAccess.action).order_by(PersonalDataAccess.id)).all()
        assert logged == ["view", "list"]
        db.engine.dispose()
