"""Spreadsheets in: preview first, nothing written until confirmed, every bad row named with its reason."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from intl.contacts.duplicates import ContactMatchKey
from intl.contacts.models import Contact
from intl.contacts.services import ContactDetails
from intl.organizations.models import Organization
from intl.partners.models import Partner
from tests.helpers import page_text


def count(database, model):
    return database.session.scalar(select(func.count()).select_from(model))


def upload(client, kind, data: bytes, filename: str):
    response = client.post(
        f"/import/{kind}",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
    )
    return response


def preview_of(client, response):
    assert response.status_code == 302, page_text(response)[:2000]
    return response.location, page_text(client.get(response.location, headers={"Accept-Language": "en"}))


CSV_ROWS = (
    "Family name,Given name,Chinese name,English / Latin name,E-mails,Organization,Country,Favourite colour\n"
    "陳,志明,陳志明,Chen Chih-ming,chihming@example.tw,高雄市政府觀光局,Taiwan,blue\n"
    "\n"
    "Nguyễn,Thị Hương,,Nguyen Thi Huong,huong@example.vn,,Vietnam,red\n"
    ",,,,nobody@example.org,,,green\n"
    "林,淑芬,林淑芬,Lin Shu-fen,not-an-email,,Taiwan,\n"
    "陳,志明,陳志明,Chen Chih-ming,chihming@example.tw,,Taiwan,\n"
)


def test_csv_with_bom_blank_lines_and_stray_columns_previews_then_commits(client, as_role, database):
    as_role("officer")
    before = count(database, Contact)
    location, page = preview_of(
        client, upload(client, "contact", "\ufeff".encode() + CSV_ROWS.encode(), "people.csv")
    )
    assert count(database, Contact) == before  # nothing written by the preview
    assert "Favourite colour" in page  # the stray column is named as ignored
    invalid = page.split("data-invalid-rows")[1].split("</table>")[0]
    assert "<td>5</td>" in invalid and "Enter at least one name" in invalid
    assert "<td>6</td>" in invalid and "Not an e-mail address: not-an-email" in invalid
    duplicates = page.split("data-duplicate-rows")[1].split("</table>")[0]
    assert "<td>7</td>" in duplicates and "row 2 of this file" in duplicates
    assert 'data-count="valid">3<' in page and 'data-count="invalid">2<' in page
    assert "New organization: 高雄市政府觀光局" in page
    batch_id = int(location.rsplit("/", 1)[1])
    response = client.post(f"/import/batches/{batch_id}/commit", data={"skip_duplicates": "y"})
    assert response.status_code == 302
    names = set(database.session.scalars(select(Contact.latin_name)))
    assert names == {"Chen Chih-ming", "Nguyen Thi Huong"}
    chen = database.session.scalars(select(Contact).where(Contact.latin_name == "Chen Chih-ming")).one()
    assert chen.current_affiliation.organization.names.native == "高雄市政府觀光局"
    assert chen.collection_method == "import" and chen.country == "TW"
    # written like any contact: findable by 2 characters, without diacritics, with duplicate keys
    listing = page_text(client.get("/contacts", query_string={"q": "志明"}))
    assert "陳志明" in listing
    assert "Nguyễn Thị Hương" in page_text(client.get("/contacts", query_string={"q": "huong"}))
    assert database.session.scalar(select(func.count()).select_from(ContactMatchKey)) > 0
    # a second commit of the same batch is refused
    again = client.post(f"/import/batches/{batch_id}/commit", data={}, headers={"Accept-Language": "en"})
    assert again.status_code == 302 and count(database, Contact) == 2


def test_big5_csv_is_read(client, as_role, database):
    as_role("officer")
    text = "姓,名,中文姓名,電子信箱\n黃,家豪,黃家豪,chiahao@example.tw\n"
    location, page = preview_of(client, upload(client, "contact", text.encode("cp950"), "舊名單.csv"))
    assert "Big5" in page and 'data-count="valid">1<' in page
    client.post(location + "/commit", data={})
    assert database.session.scalars(select(Contact.chinese_name)).all() == ["黃家豪"]


def test_xlsx_with_merged_title_row_and_unnamed_column(client, as_role, database, make_contact):
    as_role("officer")
    make_contact(details=ContactDetails(emails=[("work", "tanaka@example.jp")]))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["2026 年元宵節外賓名單"])
    sheet.merge_cells("A1:E1")
    sheet.append(["姓", "名", "英文姓名", "電子信箱", None])
    sheet.append(["Carter", "Emily", "Emily Carter", "emily@example.org", "note without heading"])
    sheet.append(["田中", "博", "Hiroshi Tanaka", "TANAKA@example.jp", None])
    out = io.BytesIO()
    workbook.save(out)
    location, page = preview_of(client, upload(client, "contact", out.getvalue(), "lantern.xlsx"))
    assert "a column without a heading" in page
    duplicates = page.split("data-duplicate-rows")[1].split("</table>")[0]
    assert "<td>4</td>" in duplicates  # same e-mail as an existing contact, whatever the case
    client.post(location + "/commit", data={"skip_duplicates": "y"})
    assert count(database, Contact) == 2
    assert (
        database.session.scalar(select(Contact).where(Contact.latin_name == "Emily Carter")).native_name
        == "Emily Carter"
    )


FILES = Path(__file__).parent / "files"


def invalid_rows(page: str) -> str:
    return page.split("data-invalid-rows")[1].split("</table>")[0]


def test_an_old_excel_file_imports_with_the_row_numbers_excel_shows(client, as_role, database):
    # guests.xls: Excel 97-2003 (made with xlwt): a title in row 1, row 2 empty, the headings in row 3
    as_role("officer")
    location, page = preview_of(
        client, upload(client, "contact", (FILES / "guests.xls").read_bytes(), "guests.xls")
    )
    assert "XLS" in page and 'data-count="valid">2<' in page
    assert "<td>5</td>" in invalid_rows(page) and "not-an-email" in invalid_rows(page)
    client.post(location + "/commit", data={})
    assert sorted(database.session.scalars(select(Contact.latin_name))) == ["Nguyen Van An", "Somchai Jaidee"]


def test_an_opendocument_sheet_imports(client, as_role, database):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="名單")
    for values in (
        ["姓", "名", "中文姓名", "電子信箱"],
        ["林", "佳蓉", "林佳蓉", "chiajung@example.tw"],
        ["王", "", "", "oops"],
    ):
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    document.write(out)  # an .ods file, as LibreOffice or the government's ODF tools save it
    as_role("officer")
    form = page_text(client.get("/import/contact", headers={"Accept-Language": "en"}))
    assert 'accept=".xlsx,.xlsm,.xls,.ods,.csv' in form and "OpenDocument (.ods)" in form
    location, page = preview_of(client, upload(client, "contact", out.getvalue(), "名單.ods"))
    assert "ODS" in page and 'data-count="valid">1<' in page and "<td>3</td>" in invalid_rows(page)
    client.post(location + "/commit", data={})
    assert database.session.scalars(select(Contact.chinese_name)).all() == ["林佳蓉"]


def test_hidden_sheets_are_passed_over_and_rows_keep_their_numbers(client, as_role, database):
    workbook = Workbook()
    workbook.active.title = "lookup"
    workbook.active.append(["Family name", "Given name"])
    workbook.active.sheet_state = "hidden"  # a helper sheet the office never sees
    sheet = workbook.create_sheet("guests")
    sheet["C4"], sheet["D4"] = "English / Latin name", "E-mails"  # the table starts at C4
    sheet["C5"], sheet["D5"] = "Emily Carter", "emily@example.org"
    sheet["C6"], sheet["D6"] = "Ada Wong", "not-an-address"
    out = io.BytesIO()
    workbook.save(out)
    as_role("officer")
    location, page = preview_of(client, upload(client, "contact", out.getvalue(), "guests.xlsx"))
    assert 'data-count="valid">1<' in page and "<td>6</td>" in invalid_rows(page)


def test_duplicates_can_be_imported_when_the_officer_says_so(client, as_role, database, make_contact):
    as_role("officer")
    make_contact(details=ContactDetails(emails=[("work", "tanaka@example.jp")]))
    location, _page = preview_of(
        client,
        upload(client, "contact", b"English / Latin name,E-mails\nHiroshi T,tanaka@example.jp\n", "x.csv"),
    )
    client.post(location + "/commit", data={"go": "1"})  # box unticked: import duplicates too
    assert count(database, Contact) == 2


def test_unreadable_files_are_refused_with_a_reason(client, as_role):
    as_role("officer")
    cases = [
        (b"", "x.csv", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.csv", "does not look like a CSV"),
        (b"PK\x03\x04 broken zip", "broken.xlsx", "The spreadsheet cannot be opened"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old.xls", "The spreadsheet cannot be opened"),
        (b"not a sheet", "broken.ods", "The spreadsheet cannot be opened"),
        (b"Family name,Family name\nA,B\n", "x.csv", "appears twice"),
        (b"\xff\xfe\xfa\xfb\xfc" * 10, "x.csv", "encoding"),
    ]
    for data, name, message in cases:
        response = client.post(
            "/import/contact",
            data={"file": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
            headers={"Accept-Language": "en"},
        )
        assert response.status_code == 200, name
        assert message in page_text(response), (name, message)


def test_a_password_protected_workbook_is_refused_with_the_reason(client, as_role, database):
    from msoffcrypto.format.ooxml import OOXMLFile

    workbook = Workbook()
    workbook.active.append(["Family name", "E-mails"])
    workbook.active.append(["Carter", "emily@example.org"])
    plain, locked = io.BytesIO(), io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    OOXMLFile(plain).encrypt("kaohsiung", locked)  # as Excel's "Encrypt with password" saves it
    as_role("officer")
    response = upload(client, "contact", locked.getvalue(), "guests.xlsx")
    assert response.status_code == 200
    assert "The spreadsheet is protected by a password." in page_text(response)
    assert count(database, Contact) == 0


def test_templates_in_both_languages_read_back(client, as_role):
    as_role("officer")
    for lang, first in (("en", "Family name"), ("zh_Hant_TW", "姓")):
        sheet = load_workbook(
            io.BytesIO(client.get(f"/import/template/contact.xlsx?lang={lang}").data)
        ).active
        headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
        assert headers[0] == first and len(headers) > 10
    csv_text = client.get("/import/template/partner.csv?lang=en").data.decode("utf-8-sig")
    assert csv_text.startswith("Name in Chinese,Name in English")
    assert client.get("/import/template/contact.csv?lang=xx").status_code == 400


def test_a_template_filled_in_imports_cleanly(client, as_role, database):
    as_role("officer")
    template = client.get("/import/template/contact.xlsx?lang=zh_Hant_TW").data
    location, page = preview_of(client, upload(client, "contact", template, "template.xlsx"))
    assert 'data-count="valid">1<' in page, page.split("data-invalid-rows")[-1][:500]


def test_organizations_import_with_parent_in_the_same_file(client, as_role, database, make_partner):
    as_role("officer")
    make_partner(names={"ja": "八王子市", "en": "Hachioji"})
    csv_text = (
        "Name in Chinese,Name in English,Kind,Country,Parent organization,Partner city\n"
        "八王子市政府,Hachioji City Office,government,Japan,,Hachioji\n"
        ",International Exchange Division,government,Japan,Hachioji City Office,\n"
        ",Orphan Unit,government,Japan,Nowhere Office,\n"
    )
    location, page = preview_of(client, upload(client, "organization", csv_text.encode(), "orgs.csv"))
    assert "Nowhere Office" in page.split("data-invalid-rows")[1]
    client.post(location + "/commit", data={})
    unit = database.session.scalars(select(Organization).where(Organization.kind == "government")).all()
    by_name = {o.names.get("en"): o for o in unit}
    assert by_name["International Exchange Division"].parent_id == by_name["Hachioji City Office"].id
    assert by_name["Hachioji City Office"].partner_id is not None


def test_partners_import_defaults_zones_and_needs_one_where_several(client, as_role, database):
    as_role("officer")
    csv_text = (
        "中文名稱,英文名稱,原文名稱,原文語言,國家,關係,交流領域\n"
        '峴港市,Da Nang,Đà Nẵng,vi,越南,友好城市,"觀光, 經貿"\n'
        "西雅圖,Seattle,,,美國,sister,trade\n"
    )
    location, page = preview_of(client, upload(client, "partner", csv_text.encode(), "partners.csv"))
    assert "several time zones" in page.split("data-invalid-rows")[1]
    client.post(location + "/commit", data={})
    partner = database.session.scalars(select(Partner)).one()
    assert partner.timezone == "Asia/Ho_Chi_Minh" and partner.relationship == "friendly"
    assert partner.focus_areas == ["tourism", "trade"] and partner.names.native == "Đà Nẵng"


FULL_ROW = (
    "Family name,Given name,Chinese name,English / Latin name,Title in Chinese,Title in English,Organization,"
    "Position,Country,E-mails,Phones,Address,Languages spoken,Tags\n"
    "田中,博,田中博,Hiroshi Tanaka,處長,Director,橫濱市國際局,Exchange Section,Japan,"
    '"tanaka@example.jp; h.tanaka@example.org",+81 45 671 2111,"1-1 Minato Mirai, Yokohama",'
    '"ja, en",Lantern Festival 2026\n'
)


def test_a_contact_written_in_bulk_reads_as_one_saved_by_hand(client, as_role, database, make_contact):
    """The import's bulk writer (COPY on PostgreSQL, with ids taken from the table's sequence) stores every
    column as the ORM would: the bilingual title, the audit entry's changes, the ordered e-mails, and a
    contact saved by hand afterwards gets an id of its own."""
    from intl.core.audit import AuditEntry

    as_role("officer")
    location, _page = preview_of(client, upload(client, "contact", FULL_ROW.encode(), "one.csv"))
    client.post(location + "/commit", data={})
    database.session.expire_all()
    tanaka = database.session.scalars(select(Contact).where(Contact.latin_name == "Hiroshi Tanaka")).one()
    assert tanaka.title.get("zh_Hant") == "處長" and tanaka.title.get("en") == "Director"
    assert tanaka.uid and tanaka.version == 1 and tanaka.country == "JP"
    assert [e.address for e in tanaka.emails] == ["tanaka@example.jp", "h.tanaka@example.org"]
    assert [p.number for p in tanaka.phones] == ["+81 45 671 2111"]
    assert set(tanaka.languages) == {"ja", "en"}
    assert [tag.name for tag in tanaka.tags] == ["Lantern Festival 2026"]
    assert tanaka.current_affiliation.position == "Exchange Section"
    assert tanaka.current_affiliation.organization.names.native == "橫濱市國際局"
    entry = database.session.scalars(
        select(AuditEntry).where(AuditEntry.kind == "contact", AuditEntry.entity_id == tanaka.id)
    ).one()
    assert entry.action == "create" and entry.label == "田中博"
    assert entry.changes["import_row"] == [None, 2]
    assert entry.changes["emails"] == [None, ["tanaka@example.jp", "h.tanaka@example.org"]]
    assert entry.at_dt.tzinfo is not None
    by_hand = make_contact(family_name="佐藤", given_name="花子", latin_name="Hanako Sato")
    assert by_hand.id > tanaka.id
    listing = page_text(client.get("/contacts", query_string={"q": "Tanaka"}))
    assert "田中博" in listing or "Hiroshi Tanaka" in listing


def test_possible_duplicates_are_found_among_thousands_of_names(client, as_role, database, make_contact):
    """The preview looks up every row's match keys and e-mails in one statement each (an array on PostgreSQL,
    a JSON list on SQLite, whatever their number): a file of 1,500 rows still finds the person kept by name,
    the one kept by e-mail, and not the archived one."""
    from intl.contacts.services import ContactDetails, archive_contact

    as_role("officer")
    make_contact(family_name="陳", given_name="志明", name_locale="zh_Hant", latin_name="Chen Chih-ming")
    make_contact(
        family_name="Suzuki",
        given_name="Ichiro",
        latin_name="Ichiro Suzuki",
        details=ContactDetails(emails=[("work", "suzuki@example.jp")]),
    )
    gone = make_contact(family_name="Okada", given_name="Kyoko", latin_name="Kyoko Okada")
    archive_contact(gone)
    database.session.commit()
    lines = ["Family name,Given name,English / Latin name,E-mails,Country"]
    lines += [f"王,{i:05d},Wang {i:05d},wang{i}@example.tw,Taiwan" for i in range(1_500)]
    lines += [
        "陳,志明,Chen Chih-ming,chen.cm@example.tw,Taiwan",  # row 1,502: the same name
        "Sato,Jiro,Jiro Sato,suzuki@example.jp,Japan",  # row 1,503: the same e-mail
        "Okada,Kyoko,Kyoko Okada,,Japan",  # row 1,504: only an archived contact's name
    ]
    _location, page = preview_of(
        client, upload(client, "contact", ("\n".join(lines) + "\n").encode(), "many.csv")
    )
    duplicates = page.split("data-duplicate-rows")[1].split("</table>")[0]
    assert "<td>1502</td>" in duplicates and "<td>1503</td>" in duplicates
    assert "<td>1504</td>" not in duplicates
    assert 'data-count="duplicates">2<' in page
