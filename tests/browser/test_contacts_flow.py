"""Issue 3 in a real browser: a Thai contact found without tone marks, an import whose preview reports the
bad row, and a vCard export."""

from __future__ import annotations

import re

import pytest
import vobject

from tests.browser.actions import follow, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_thai_contact_found_without_tone_marks_and_exported_as_vcard(page, live_server, sign_in, tmp_path):
    sign_in("officer")
    switch_language(page, "English")
    page.goto(f"{live_server.url}/contacts/new")
    page.fill("input[name=family_name]", "ใจดี")
    page.fill("input[name=given_name]", "สมชาย")
    page.select_option("select[name=name_locale]", "th")
    page.fill("input[name=latin_name]", "Somchai Jaidee")
    page.fill("input[name='emails-0-address']", "somchai.browser@example.th")
    page.select_option("select[name=country]", "TH")
    page.check("input[name=needs][value=halal]")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/contacts/\d+$"))
    assert "Somchai Jaidee" in page.locator("h1").inner_text()

    page.goto(f"{live_server.url}/contacts")
    page.fill("input[name=q]", "ใจด")  # ใจดี typed without its tone mark
    follow(page, page.get_by_role("button", name="Find"))
    row = page.locator("[data-contact-list] tbody a", has_text="Somchai Jaidee")
    assert row.count() == 1

    with page.expect_download() as download_info:
        page.locator("[data-vcard-export]").click()
    path = tmp_path / "contacts.vcf"
    download_info.value.save_as(path)
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert len(cards) == 1 and cards[0].email.value == "somchai.browser@example.th"
    assert cards[0].n.value.family == "ใจดี"


def test_import_preview_reports_the_bad_row(page, live_server, sign_in, tmp_path):
    sign_in("officer")
    switch_language(page, "English")
    sheet = tmp_path / "visitors.csv"
    sheet.write_text(
        "Family name,Given name,English / Latin name,E-mails\n"
        "Carter,Emily,Emily Carter,emily.browser@example.org\n"
        "Wong,Ada,Ada Wong,not-an-address\n"
        "Lee,Minho,Lee Minho,minho.browser@example.kr\n",
        encoding="utf-8",
    )
    page.goto(f"{live_server.url}/import/contact")
    page.set_input_files("input[name=file]", str(sheet))
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(re.compile(r".*/import/batches/\d+$"))
    invalid = page.locator("[data-invalid-rows] tbody tr")
    assert invalid.count() == 1
    assert invalid.first.locator("td").first.inner_text() == "3"
    assert "not-an-address" in invalid.first.inner_text()
    assert page.locator("[data-count=valid]").inner_text() == "2"
    page.get_by_role("button", name="Import the valid rows").click()
    page.wait_for_url(f"{live_server.url}/contacts")
    assert "2 rows imported" in page.locator(".alert").first.inner_text()
    page.fill("input[name=q]", "minho")
    follow(page, page.get_by_role("button", name="Find"))
    assert page.locator("[data-contact-list] tbody a", has_text="Minho").count() == 1
